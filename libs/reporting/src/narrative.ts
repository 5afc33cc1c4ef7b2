/**
 * The narrative's markdown blocks in the flow: serif body text, sans-serif sub-headings kept with
 * what follows them, lists with their bullets or numbers, quotes with a rule beside them.
 */
import { markdownBlocks, type InlineSpan, type MarkdownBlock } from './markdown-blocks.js';
import { COLORS, FRAME, TYPE } from './theme.js';
import type { Run, TextStyle } from './text-layout.js';
import type { PageSpan, ReportWriter, Typeset } from './writer.js';

const BODY = TYPE.body;

const styleCache = new Map<string, TextStyle>();
function spanStyle(base: TextStyle, span: InlineSpan, italicContext: boolean): TextStyle {
  const italic = span.italic !== italicContext;
  const font = span.code ? 'sans' : span.bold ? (italic ? 'serifSemiBoldItalic' : 'serifSemiBold') : italic ? 'serifItalic' : 'serif';
  const size = span.code ? base.size - 1 : base.size;
  const key = `${font}:${size}:${base.color}`;
  let style = styleCache.get(key);
  if (!style) {
    style = { font, size, color: base.color };
    styleCache.set(key, style);
  }
  return style;
}

function runs(spans: readonly InlineSpan[], base: TextStyle, italic: boolean): Run[] {
  return spans.map((span) => ({ text: span.text, style: spanStyle(base, span, italic) }));
}

const HEADINGS: Record<1 | 2 | 3, { typeset: Typeset; tag: string; before: number; after: number }> = {
  1: { typeset: TYPE.h2, tag: 'H2', before: 10, after: 5 },
  2: { typeset: TYPE.h3, tag: 'H3', before: 8, after: 4 },
  3: { typeset: TYPE.h4, tag: 'H4', before: 6, after: 3 },
};

interface Box {
  x: number;
  width: number;
  italic: boolean;
}

function drawBlocks(w: ReportWriter, blocks: readonly MarkdownBlock[], box: Box): PageSpan[] {
  const spans: PageSpan[] = [];
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    spans.push(...drawBlock(w, block, box, next));
  });
  return spans;
}

function drawBlock(w: ReportWriter, block: MarkdownBlock, box: Box, next: MarkdownBlock | undefined, marker?: (top: number) => void): PageSpan[] {
  switch (block.kind) {
    case 'paragraph': {
      const lines = w.lines(runs(block.spans, BODY.style, box.italic), box.width);
      w.beginStruct('P');
      const spans = w.flowLines(lines, BODY, box.x, { onFirstChunk: marker });
      w.endStruct();
      w.space(7);
      return spans;
    }
    case 'heading': {
      const { typeset, tag, before, after } = HEADINGS[block.level];
      const text = block.spans.map((s) => s.text).join('');
      const lines = w.textLines(text, typeset, box.width);
      // A heading keeps at least three lines of what follows on its page.
      const following = next ? 3 * BODY.leading : 0;
      if (w.y > FRAME.top + 0.5) w.space(before);
      w.ensure(lines.length * typeset.leading + after + following);
      w.beginStruct(tag);
      const spans = w.flowLines(lines, typeset, box.x, { onFirstChunk: marker });
      w.endStruct();
      w.space(after);
      return spans;
    }
    case 'list': {
      const spans: PageSpan[] = [];
      const indent = block.ordered ? 20 : 15;
      w.beginStruct('L');
      block.items.forEach((item, i) => {
        w.beginStruct('LI');
        const label = block.ordered ? `${block.start + i}.` : box.italic ? '–' : '•';
        const labelStyle = block.ordered ? spanStyle(BODY.style, { text: '', bold: false, italic: false, code: false }, false) : { ...BODY.style, color: COLORS.accent };
        const drawLabel = (top: number) => {
          const width = w.width(label, labelStyle);
          const baseline = top + BODY.leading / 2 + BODY.style.size * 0.35;
          w.drawString(label, labelStyle, box.x + indent - 6 - width, baseline);
        };
        const inner: Box = { x: box.x + indent, width: box.width - indent, italic: box.italic };
        if (item.length === 0) {
          w.ensure(BODY.leading);
          const top = w.y;
          w.marked(() => drawLabel(top));
          w.space(BODY.leading);
        }
        item.forEach((child, c) => {
          const tight = child.kind === 'paragraph';
          spans.push(...drawBlock(w, child, inner, item[c + 1], c === 0 ? (top) => w.marked(() => drawLabel(top)) : undefined));
          // Items of a list sit closer together than paragraphs.
          if (tight) w.y -= 4;
        });
        w.endStruct();
      });
      w.endStruct();
      w.space(6);
      return spans;
    }
    case 'quote': {
      w.beginStruct('BlockQuote');
      const spans = drawBlocks(w, block.blocks, { x: box.x + 14, width: box.width - 14, italic: !box.italic });
      w.endStruct();
      w.ruleBeside(spans, box.x + 1, COLORS.accentLight, 2);
      return spans;
    }
    case 'code': {
      const style = { font: 'sans', size: BODY.style.size - 1, color: COLORS.ink } as const;
      const lines = w.lines([{ text: block.text, style }], box.width - 10);
      w.beginStruct('P');
      const spans = w.flowLines(lines, { style, leading: BODY.leading - 1 }, box.x + 10, { onFirstChunk: marker });
      w.endStruct();
      w.space(7);
      return spans;
    }
    case 'rule': {
      w.ensure(14);
      const y = w.y + 6;
      w.artifact(() => w.rule(box.x + box.width / 2 - 30, y, box.x + box.width / 2 + 30, y, COLORS.accentMid, 0.8));
      w.space(14);
      return [];
    }
  }
}

/** Draws a section's narrative; nothing at all when it is empty. Returns whether anything was drawn. */
export function drawNarrative(w: ReportWriter, markdown: string): boolean {
  const blocks = markdownBlocks(markdown);
  if (blocks.length === 0) return false;
  drawBlocks(w, blocks, { x: FRAME.left, width: FRAME.width, italic: false });
  return true;
}

/** Plain strings (not markdown) as a bullet list in the body text. */
export function drawPlainList(w: ReportWriter, items: readonly string[]): void {
  const list: MarkdownBlock = {
    kind: 'list',
    ordered: false,
    start: 1,
    items: items.map((text) => [{ kind: 'paragraph', spans: [{ text, bold: false, italic: false, code: false }] }]),
  };
  drawBlocks(w, [list], { x: FRAME.left, width: FRAME.width, italic: false });
}

/** A plain paragraph of body text. */
export function drawPlainParagraph(w: ReportWriter, text: string, typeset: Typeset = BODY): void {
  w.paragraph([{ text, style: typeset.style }], typeset, { after: 7 });
}

/** A sub-heading of the report's own (annexes, quotes), kept with what follows. */
export function drawSubheading(w: ReportWriter, text: string, typeset: Typeset = TYPE.h3, tag = 'H2'): void {
  const lines = w.textLines(text, typeset, FRAME.width);
  if (w.y > FRAME.top + 0.5) w.space(10);
  w.ensure(lines.length * typeset.leading + 4 + 3 * BODY.leading);
  w.beginStruct(tag);
  w.flowLines(lines, typeset, FRAME.left);
  w.endStruct();
  w.space(4);
}
