/**
 * Stories, verbatims and testimonies as pull quotes: the words in italic serif between the
 * locale's quotation marks, a coloured rule on the left, the attribution below and, for a story,
 * why it was chosen. A quote that fits on a page is kept whole; a longer one flows on, its rule
 * following it from page to page.
 */
import type { Locale } from '#domain';
import { reportMessages } from './messages.js';
import type { ReportQuote } from './report-model.js';
import { COLORS, FRAME, TYPE } from './theme.js';
import { quoted } from './typography.js';
import type { ReportWriter } from './writer.js';

const INDENT = 18;
const RULE = 2.5;

export function drawQuote(w: ReportWriter, quote: ReportQuote, locale: Locale): void {
  const messages = reportMessages(locale);
  const x = FRAME.left + INDENT;
  const width = FRAME.width - INDENT - 12;
  const text = w.textLines(quoted(quote.text, locale), TYPE.quote, width);
  const attribution = quote.attribution.trim() ? w.textLines(`— ${quote.attribution.trim()}`, TYPE.attribution, width) : [];
  const reason = quote.kind === 'story' && quote.reason?.trim() ? w.textLines(messages.storyReason(quote.reason.trim()), TYPE.reason, width) : [];
  const height =
    text.length * TYPE.quote.leading + (attribution.length ? 4 + attribution.length * TYPE.attribution.leading : 0) + reason.length * TYPE.reason.leading;
  // Whole on one page when it can be; otherwise at least three lines before a page break.
  w.ensure(height <= FRAME.height ? height : 3 * TYPE.quote.leading);
  w.beginStruct('BlockQuote');
  w.beginStruct('P');
  const spans = w.flowLines(text, TYPE.quote, x);
  w.endStruct();
  if (attribution.length) {
    w.space(4);
    w.beginStruct('P');
    spans.push(...w.flowLines(attribution, TYPE.attribution, x));
    w.endStruct();
  }
  if (reason.length) {
    w.beginStruct('P');
    spans.push(...w.flowLines(reason, TYPE.reason, x));
    w.endStruct();
  }
  w.endStruct();
  w.ruleBeside(mergeSpans(spans), FRAME.left + 2, COLORS.accent, RULE);
  w.space(16);
}

/** One rule per page, from the first line to the last. */
function mergeSpans(spans: ReturnType<ReportWriter['flowLines']>): ReturnType<ReportWriter['flowLines']> {
  const byPage = new Map<number, { page: number; top: number; bottom: number }>();
  for (const span of spans) {
    const found = byPage.get(span.page);
    if (found) {
      found.top = Math.min(found.top, span.top);
      found.bottom = Math.max(found.bottom, span.bottom);
    } else byPage.set(span.page, { ...span });
  }
  return [...byPage.values()];
}

export function drawQuotes(w: ReportWriter, quotes: readonly ReportQuote[], locale: Locale): void {
  if (quotes.length === 0) return;
  const messages = reportMessages(locale);
  const heading = w.textLines(messages.quotesHeading, TYPE.h3, FRAME.width);
  const first = quotes[0]!;
  const firstHeight = Math.min(FRAME.height / 2, w.textLines(quoted(first.text, locale), TYPE.quote, FRAME.width - INDENT - 12).length * TYPE.quote.leading + 20);
  if (w.y > FRAME.top + 0.5) w.space(8);
  w.ensure(heading.length * TYPE.h3.leading + 10 + firstHeight);
  w.beginStruct('H2');
  w.flowLines(heading, TYPE.h3, FRAME.left);
  w.endStruct();
  w.space(10);
  for (const quote of quotes) drawQuote(w, quote, locale);
}
