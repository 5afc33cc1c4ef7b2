/**
 * A report model → a PDF: cover, table of contents, one chapter per section (narrative, charts,
 * tables, quotes, action plan), the method annex and the indicator annex; running header and
 * « page n / N » footer on every page but the cover; bookmarks; a watermark on drafts. Pure: the
 * same model gives the same bytes (the document's dates are the model's `generatedAt`).
 *
 * Pages are kept in memory until the end (`bufferPages`), so that the table of contents, reserved
 * after the cover, and the footers, which need the page count, are written last.
 */
import type { Readable } from 'node:stream';
import { formatNumber, formatPercent } from '#domain';
import { drawCover } from './cover.js';
import { reportFonts } from './fonts.js';
import { drawFigure } from './figures.js';
import { reportMessages, type ReportMessages } from './messages.js';
import { drawNarrative, drawPlainList, drawPlainParagraph, drawSubheading } from './narrative.js';
import { drawQuotes } from './quotes.js';
import type { MethodAnnex, ReportModel, ReportSection } from './report-model.js';
import { drawTable } from './tables.js';
import { clampLines, type Line } from './text-layout.js';
import { COLORS, FRAME, MARGINS, PAGE, TYPE } from './theme.js';
import { documentDate, formatDate } from './typography.js';
import { ReportWriter, baselineOf } from './writer.js';

export interface RenderOptions {
  /** called with the share of the layout done, from 0 to 1, never decreasing */
  onProgress?: (fraction: number) => void;
}

export interface RenderedReport {
  pdf: Buffer;
  pages: number;
}

interface ContentsEntry {
  number: string;
  title: string;
  destination: string;
  page: number;
}

const CONTENTS_NUMBER = 30;
const CONTENTS_PAGE = 40;
const CONTENTS_GAP = 9;
const CONTENTS_HEAD = 78;

function contentsLines(w: ReportWriter, entry: ContentsEntry): Line[] {
  const width = FRAME.width - CONTENTS_NUMBER - CONTENTS_PAGE;
  return clampLines(w.textLines(entry.title, TYPE.toc, width), 3, width, w.measure);
}

/** Which reserved page each entry goes on. */
function paginateContents(w: ReportWriter, entries: readonly ContentsEntry[]): number[] {
  const pages: number[] = [];
  let page = 0;
  let room = FRAME.height - CONTENTS_HEAD;
  for (const entry of entries) {
    const height = contentsLines(w, entry).length * TYPE.toc.leading + CONTENTS_GAP;
    if (height > room && room < FRAME.height - (page === 0 ? CONTENTS_HEAD : 0)) {
      page++;
      room = FRAME.height;
    }
    pages.push(page);
    room -= height;
  }
  return pages;
}

/** The opening of a chapter: its number and kind, the title (the H1), an accent rule. */
function drawChapterHead(w: ReportWriter, number: string, kicker: string, title: string): void {
  const top = FRAME.top;
  const numberStyle = TYPE.sectionNumber;
  w.artifact(() => {
    const baseline = top + 26;
    if (number) w.drawString(number, numberStyle.style, FRAME.left, baseline);
    const offset = number ? w.width(number, numberStyle.style) + 10 : 0;
    const kickerLine = clampLines(w.textLines(kicker, TYPE.kicker, FRAME.width - offset), 1, FRAME.width - offset, w.measure);
    if (kickerLine[0]) w.drawLine(kickerLine[0], FRAME.left + offset, baseline - 1);
  });
  w.y = top + 40;
  const lines = w.textLines(title, TYPE.h1, FRAME.width);
  w.beginStruct('H1');
  w.flowLines(lines, TYPE.h1, FRAME.left);
  w.endStruct();
  const ruleTop = w.y + 8;
  w.artifact(() => w.fillRect(FRAME.left, ruleTop, 44, 3, COLORS.accent));
  w.y = ruleTop + 3 + 22;
}

function drawSection(w: ReportWriter, section: ReportSection, index: number, model: ReportModel, messages: ReportMessages): void {
  const kicker = (messages.sectionKinds[section.kind] ?? '').toLocaleUpperCase(messages.intlLocale);
  drawChapterHead(w, String(index + 1).padStart(2, '0'), kicker, section.title);
  let drawn = drawNarrative(w, section.narrative);
  for (const chart of section.charts) {
    drawFigure(w, chart);
    drawn = true;
  }
  for (const table of section.tables) {
    drawTable(w, table);
    drawn = true;
  }
  if (section.quotes.length > 0) {
    drawQuotes(w, section.quotes, model.locale);
    drawn = true;
  }
  if (section.actions.length > 0) {
    if (w.y > FRAME.top + 0.5) w.space(6);
    drawTable(w, {
      columns: messages.actionColumns,
      rows: section.actions.map((a) => [a.recommendation, a.who, a.when]),
      widths: [0.56, 0.25, 0.19],
      align: ['left', 'left', 'left'],
    });
    drawn = true;
  }
  if (!drawn) w.paragraph([{ text: messages.notWritten, style: TYPE.note.style }], TYPE.note);
}

function drawMethodAnnex(w: ReportWriter, annex: MethodAnnex, model: ReportModel, messages: ReportMessages): void {
  const locale = model.locale;
  drawChapterHead(w, 'A', messages.annexKicker.toLocaleUpperCase(messages.intlLocale), messages.methodAnnex);
  drawSubheading(w, messages.framework);
  drawPlainParagraph(w, messages.frameworkLine(annex.framework.name, annex.framework.version));
  if (annex.framework.sources.length > 0) {
    drawSubheading(w, messages.sources, TYPE.h4, 'H3');
    drawPlainList(w, annex.framework.sources);
  }
  drawSubheading(w, messages.dimensions);
  if (annex.dimensions.length > 0) drawPlainList(w, annex.dimensions);
  else drawPlainParagraph(w, messages.none);

  drawSubheading(w, messages.groups);
  const count = (n: number | null) => (n === null ? messages.noFigure : formatNumber(n, locale, 0));
  const rows = annex.groups.map((g) => [
    g.label,
    count(g.expected),
    g.submitted === null ? messages.underK(annex.k) : formatNumber(g.submitted, locale, 0),
    g.responseRate === null || g.submitted === null ? messages.noFigure : formatPercent(g.responseRate * 100, locale),
    g.anonymity,
  ]);
  const notes: string[] = [];
  if (annex.groups.some((g) => g.submitted === null)) notes.push(messages.underKNote(annex.k));
  if (rows.some((r) => r.includes(messages.noFigure))) notes.push(messages.noFigureNote);
  drawTable(w, {
    caption: messages.groupsCaption,
    columns: messages.groupColumns,
    rows,
    notes,
    align: ['left', 'right', 'right', 'right', 'left'],
  });

  drawSubheading(w, messages.anonymity);
  drawPlainParagraph(w, messages.anonymityText(annex.k));
  drawSubheading(w, messages.calendar);
  drawPlainParagraph(w, messages.calendarText(formatDate(annex.opensAt, locale), formatDate(annex.closesAt, locale)));
  drawSubheading(w, messages.channels);
  if (annex.channels.length > 0) drawPlainList(w, annex.channels);
  else drawPlainParagraph(w, messages.none);
  if (annex.notes.length > 0) {
    drawSubheading(w, messages.notes);
    drawPlainList(w, annex.notes);
  }
}

function drawIndicatorAnnex(w: ReportWriter, model: ReportModel, messages: ReportMessages): void {
  drawChapterHead(w, 'B', messages.annexKicker.toLocaleUpperCase(messages.intlLocale), messages.indicatorAnnex);
  drawPlainParagraph(w, messages.indicatorAnnexIntro);
  w.space(4);
  for (const table of model.indicatorAnnex) drawTable(w, table);
}

function drawContents(w: ReportWriter, entries: readonly ContentsEntry[], placement: readonly number[], firstPage: number, messages: ReportMessages, contents: PDFKit.PDFStructureElement): void {
  let current = -1;
  entries.forEach((entry, index) => {
    const page = firstPage + placement[index]!;
    if (page !== current) {
      w.switchTo(page);
      current = page;
      w.y = FRAME.top;
      if (page === firstPage) {
        const heading = w.doc.struct('H1');
        contents.add(heading);
        const lines = w.textLines(messages.contents, TYPE.h1, FRAME.width);
        heading.add(() => w.drawLines(lines, TYPE.h1, FRAME.left, FRAME.top + 12));
        heading.end();
        w.artifact(() => w.fillRect(FRAME.left, FRAME.top + 12 + lines.length * TYPE.h1.leading + 8, 44, 3, COLORS.accent));
        w.y = FRAME.top + CONTENTS_HEAD;
      }
    }
    const lines = contentsLines(w, entry);
    const top = w.y;
    const item = w.doc.struct('TOCI');
    contents.add(item);
    item.add(() => {
      w.drawString(entry.number, TYPE.tocNumber.style, FRAME.left, baselineOf(top, TYPE.toc));
      w.drawLines(lines, TYPE.toc, FRAME.left + CONTENTS_NUMBER, top);
      const pageText = String(entry.page + 1);
      const lastBaseline = baselineOf(top + (lines.length - 1) * TYPE.toc.leading, TYPE.toc);
      w.drawString(pageText, TYPE.tocNumber.style, FRAME.right - w.width(pageText, TYPE.tocNumber.style), lastBaseline);
    });
    item.end();
    const last = lines[lines.length - 1];
    const leaderStart = FRAME.left + CONTENTS_NUMBER + (last?.width ?? 0) + 6;
    const leaderEnd = FRAME.right - CONTENTS_PAGE + 10;
    const leaderY = baselineOf(top + (lines.length - 1) * TYPE.toc.leading, TYPE.toc) - 1;
    w.artifact(() => {
      if (leaderEnd - leaderStart > 8) w.doc.save().dash(0.6, { space: 2.4 }).moveTo(leaderStart, leaderY).lineTo(leaderEnd, leaderY).lineWidth(0.6).strokeColor(COLORS.accentMid).stroke().undash().restore();
    });
    w.doc.goTo(FRAME.left, top, FRAME.width, lines.length * TYPE.toc.leading, entry.destination);
    w.y = top + lines.length * TYPE.toc.leading + CONTENTS_GAP;
  });
  contents.end();
}

/**
 * Running header and footer on every page after the cover; on a draft, the « projet / draft » mark
 * in the header and the diagonal watermark on every page.
 */
function drawPageFurniture(w: ReportWriter, model: ReportModel, messages: ReportMessages): void {
  const total = w.pageCount;
  const badgeStyle = { ...TYPE.running.style, font: 'sansSemiBold' as const, color: COLORS.accentDark, tracking: 0.6 };
  const badgeWidth = model.draft ? w.width(messages.watermark, badgeStyle) + 16 : 0;
  const headerText = [model.organization.name.trim(), model.title.trim()].filter((s) => s !== '').join(' · ');
  const headerWidth = Math.min(FRAME.width * 0.8, FRAME.width - badgeWidth);
  const header = clampLines(w.textLines(headerText, TYPE.running, headerWidth), 1, headerWidth, w.measure);
  const footerLeft = clampLines(w.textLines(model.versionLabel, TYPE.running, FRAME.width * 0.7), 1, FRAME.width * 0.7, w.measure);
  const headerBaseline = MARGINS.top - 36;
  const footerBaseline = PAGE.height - 40;
  for (let page = 0; page < total; page++) {
    w.switchTo(page);
    // Nothing here may add a page: all text is drawn line by line, and the margins stay out of the way.
    w.doc.page.margins.bottom = 0;
    if (model.draft) drawWatermark(w, messages.watermark);
    w.artifact(() => {
      if (page > 0) {
        if (header[0]) w.drawLine(header[0], FRAME.left, headerBaseline);
        w.rule(FRAME.left, headerBaseline + 8, FRAME.right, headerBaseline + 8, COLORS.rule, 0.5);
        w.rule(FRAME.left, footerBaseline - 12, FRAME.right, footerBaseline - 12, COLORS.rule, 0.5);
        if (footerLeft[0]) w.drawLine(footerLeft[0], FRAME.left, footerBaseline);
        const pageText = messages.page(page + 1, total);
        w.drawString(pageText, TYPE.running.style, FRAME.right - w.width(pageText, TYPE.running.style), footerBaseline);
      }
      if (model.draft) {
        // The mark as text, where it does not mix with the page's reading order.
        const baseline = page > 0 ? headerBaseline : footerBaseline;
        w.drawString(messages.watermark, badgeStyle, FRAME.right - w.width(messages.watermark, badgeStyle), baseline);
      }
    }, 'Pagination');
    w.doc.page.margins.bottom = MARGINS.bottom;
  }
}

/**
 * The draft's diagonal watermark, light and translucent so that nothing under it is hidden.
 * Drawn as the letters' outlines: diagonal text would be read by text extraction letter by letter
 * in the middle of the page's sentences (the mark is in the text layer in the header instead).
 */
function drawWatermark(w: ReportWriter, text: string): void {
  const size = 66;
  const outlines = reportFonts().sansBold.outlines(text);
  const doc = w.doc;
  w.artifact(() => {
    doc.save().translate(PAGE.width / 2, PAGE.height / 2).rotate(-52).fillColor(COLORS.watermark).fillOpacity(0.13);
    if (outlines) {
      const scale = size / outlines.unitsPerEm;
      const tracking = 2 / scale;
      const width = outlines.width + tracking * (outlines.glyphs.length - 1);
      doc.scale(scale, -scale).translate(-width / 2, -0.36 * outlines.unitsPerEm);
      outlines.glyphs.forEach((glyph, i) => {
        if (glyph.d) doc.save().translate(glyph.x + i * tracking, 0).path(glyph.d).fill().restore();
      });
    }
    doc.restore();
  });
}

/** The report as a pdfkit document: a readable stream of the PDF, already ended. */
export function createReportDocument(model: ReportModel, options: RenderOptions = {}): Readable {
  return layoutReport(model, options).doc;
}

function layoutReport(model: ReportModel, options: RenderOptions): { doc: Readable; pages: number } {
  const messages = reportMessages(model.locale);
  const authors = model.authors.map((a) => a.trim()).filter((a) => a !== '');
  const w = new ReportWriter({
    title: model.title,
    author: authors.join(', '),
    subject: model.evaluation.title,
    creator: messages.creator,
    date: documentDate(model.generatedAt),
    lang: messages.pdfLanguage,
  });
  const steps = model.sections.length + 4;
  let done = 0;
  const progress = () => {
    done = Math.min(steps, done + 1);
    options.onProgress?.(done / steps);
  };
  options.onProgress?.(0);

  const entries: ContentsEntry[] = [
    ...model.sections.map((section, index) => ({ number: String(index + 1).padStart(2, '0'), title: section.title, destination: `section-${index + 1}`, page: 0 })),
    { number: 'A', title: messages.methodAnnex, destination: 'annex-method', page: 0 },
    ...(model.indicatorAnnex.length > 0 ? [{ number: 'B', title: messages.indicatorAnnex, destination: 'annex-indicators', page: 0 }] : []),
  ];
  const start = (entry: ContentsEntry) => {
    w.newPage();
    entry.page = w.pageIndex;
    w.doc.addNamedDestination(entry.destination, 'XYZ', 0, 0, 0);
    w.doc.outline.addItem(entry.title);
  };

  w.beginStruct('Document');
  drawCover(w, model);

  // The table of contents' pages, filled in at the end.
  const placement = paginateContents(w, entries);
  const contentsPages = (placement[placement.length - 1] ?? 0) + 1;
  w.newPage();
  const firstContentsPage = w.pageIndex;
  w.doc.outline.addItem(messages.contents);
  for (let i = 1; i < contentsPages; i++) w.newPage();
  const contents = w.attachStruct('TOC');
  progress();

  model.sections.forEach((section, index) => {
    start(entries[index]!);
    w.beginStruct('Sect', { title: section.title });
    drawSection(w, section, index, model, messages);
    w.endStruct();
    progress();
  });

  start(entries[model.sections.length]!);
  w.beginStruct('Sect', { title: messages.methodAnnex });
  drawMethodAnnex(w, model.annex, model, messages);
  w.endStruct();
  progress();

  if (model.indicatorAnnex.length > 0) {
    start(entries[model.sections.length + 1]!);
    w.beginStruct('Sect', { title: messages.indicatorAnnex });
    drawIndicatorAnnex(w, model, messages);
    w.endStruct();
  }
  progress();

  drawContents(w, entries, placement, firstContentsPage, messages, contents);
  drawPageFurniture(w, model, messages);
  w.resume();
  w.endStruct();
  const pages = w.pageCount;
  w.doc.end();
  progress();
  return { doc: w.doc, pages };
}

/** The report's PDF and its number of pages. */
export async function renderReport(model: ReportModel, options: RenderOptions = {}): Promise<RenderedReport> {
  const { doc, pages } = layoutReport(model, options);
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return { pdf: Buffer.concat(chunks), pages };
}
