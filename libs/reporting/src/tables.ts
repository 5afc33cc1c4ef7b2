/**
 * Tables drawn cell by cell: a caption, a header row repeated at the top of every page the table
 * crosses, long cells wrapped (a row taller than the room left splits between lines), zebra rows,
 * columns of figures right-aligned, notes below. Tagged as Table / TR / TH / TD.
 */
import { COLORS, FRAME, TYPE } from './theme.js';
import { clampLines, type Line } from './text-layout.js';
import type { ReportWriter, Typeset } from './writer.js';

export interface TableInput {
  caption?: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  notes?: readonly string[];
  /** column widths as shares of the table's width; measured from the content when absent */
  widths?: readonly number[];
  /** forced alignment per column; figures are detected otherwise */
  align?: ReadonlyArray<'left' | 'right'>;
}

const PAD_X = 5;
const PAD_Y = 3.5;

const FIGURE = /^[<>≈~+\-\u2212]?[\s\u00a0\u202f]*\d/u;

/** A column of figures (scores, counts, shares, « < 5 », « — »): right-aligned. */
export function isFigureColumn(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  const figures = filled.filter((c) => FIGURE.test(c));
  return figures.length > 0 && figures.length * 2 >= filled.length && filled.every((c) => c.length <= 28);
}

/**
 * Every column gets at least its longest word (figures: their whole text, so that « 63 (n = 12) »
 * never wraps), then the room left goes where the text is longest.
 */
function columnWidths(w: ReportWriter, columns: readonly string[], rows: ReadonlyArray<readonly string[]>, total: number, figures: readonly boolean[]): number[] {
  const n = columns.length;
  const natural: number[] = [];
  const minimal: number[] = [];
  for (let c = 0; c < n; c++) {
    let nat = 0;
    let min = 0;
    const consider = (text: string, typeset: Typeset) => {
      for (const line of text.split('\n')) nat = Math.max(nat, w.width(line, typeset.style));
      for (const word of text.split(/[ \n]+/)) if (word) min = Math.max(min, w.width(word, typeset.style));
    };
    consider(columns[c] ?? '', TYPE.tableHead);
    let body = 0;
    for (const row of rows) {
      consider(row[c] ?? '', TYPE.tableCell);
      if (figures[c]) body = Math.max(body, w.width(row[c] ?? '', TYPE.tableCell.style));
    }
    natural.push(Math.min(nat, total) + 2 * PAD_X + 0.5);
    const least = figures[c] ? Math.max(min, body) : min;
    minimal.push(Math.min(least + 2 * PAD_X + 0.5, Math.max(total / n, figures[c] ? total * 0.25 : 46)));
  }
  const sumNatural = natural.reduce((a, b) => a + b, 0);
  if (sumNatural <= total) return natural.map((v) => v + ((total - sumNatural) * v) / sumNatural);
  const sumMinimal = minimal.reduce((a, b) => a + b, 0);
  if (sumMinimal >= total) return minimal.map((v) => (v * total) / sumMinimal);
  const slack = natural.map((v, i) => Math.max(0, v - minimal[i]!));
  const sumSlack = slack.reduce((a, b) => a + b, 0) || 1;
  return minimal.map((v, i) => v + ((total - sumMinimal) * slack[i]!) / sumSlack);
}

interface Cell {
  lines: Line[];
}

export function drawTable(w: ReportWriter, table: TableInput, options: { x?: number; width?: number } = {}): void {
  const x = options.x ?? FRAME.left;
  const width = options.width ?? FRAME.width;
  const n = Math.max(1, table.columns.length, ...table.rows.map((r) => r.length));
  const columns = Array.from({ length: n }, (_, i) => table.columns[i] ?? '');
  const rows = table.rows.map((row) => Array.from({ length: n }, (_, i) => row[i] ?? ''));
  const align = Array.from({ length: n }, (_, c) => table.align?.[c] ?? (c > 0 && isFigureColumn(rows.map((r) => r[c]!)) ? 'right' : 'left'));
  const widths =
    table.widths && table.widths.length === n
      ? table.widths.map((share) => share * width)
      : columnWidths(
          w,
          columns,
          rows,
          width,
          align.map((a) => a === 'right'),
        );
  const lefts = widths.map((_, c) => x + widths.slice(0, c).reduce((a, b) => a + b, 0));
  const layoutCell = (text: string, typeset: Typeset, c: number): Cell => ({ lines: w.textLines(text, typeset, widths[c]! - 2 * PAD_X) });
  const head = columns.map((text, c) => ({ lines: clampLines(layoutCell(text, TYPE.tableHead, c).lines, 6, widths[c]! - 2 * PAD_X, w.measure) }));
  const headHeight = Math.max(1, ...head.map((cell) => cell.lines.length)) * TYPE.tableHead.leading + 2 * PAD_Y;
  const body = rows.map((row) => row.map((text, c) => layoutCell(text, TYPE.tableCell, c)));
  const rowLines = body.map((cells) => Math.max(1, ...cells.map((cell) => cell.lines.length)));
  const leading = TYPE.tableCell.leading;

  // The caption stays with the header and the first lines.
  const firstRow = rowLines[0] ? Math.min(rowLines[0], 3) * leading + 2 * PAD_Y : 0;
  if (table.caption) {
    const captionLines = w.textLines(table.caption, TYPE.tableCaption, width);
    w.ensure(captionLines.length * TYPE.tableCaption.leading + 4 + headHeight + firstRow);
    w.beginStruct('Caption');
    w.flowLines(captionLines, TYPE.tableCaption, x);
    w.endStruct();
    w.space(4);
  }
  w.ensure(headHeight + firstRow);

  const drawHead = (tagged: boolean) => {
    const top = w.y;
    const paint = () => {
      w.fillRect(x, top, width, headHeight, COLORS.accentPale);
      w.rule(x, top + headHeight, x + width, top + headHeight, COLORS.accent, 0.8);
    };
    w.artifact(paint);
    const text = (c: number) => () => w.drawLines(head[c]!.lines, TYPE.tableHead, lefts[c]! + PAD_X, top + PAD_Y, align[c], widths[c]! - 2 * PAD_X);
    if (tagged) {
      w.beginStruct('TR');
      for (let c = 0; c < n; c++) w.tagged('TH', text(c));
      w.endStruct();
    } else {
      w.artifact(() => {
        for (let c = 0; c < n; c++) text(c)();
      }, 'Pagination');
    }
    w.y = top + headHeight;
  };

  w.beginStruct('Table');
  drawHead(true);
  body.forEach((cells, r) => {
    const total = rowLines[r]!;
    const rowElement = w.beginStruct('TR');
    const cellElements = cells.map((_, c) => {
      const element = w.doc.struct(c === 0 ? 'TH' : 'TD');
      rowElement.add(element);
      return element;
    });
    let from = 0;
    while (from < total) {
      let fit = Math.floor((FRAME.bottom - w.y - 2 * PAD_Y) / leading + 1e-6);
      const left = total - from;
      // Start the row on the next page when it fits there whole, or when fewer than two lines fit here.
      const fitsOnFreshPage = left * leading + 2 * PAD_Y <= FRAME.height - headHeight;
      if ((fit < left && (fitsOnFreshPage || fit < 2)) || fit < 1) {
        w.newPage();
        drawHead(false);
        fit = Math.floor((FRAME.bottom - w.y - 2 * PAD_Y) / leading + 1e-6);
      }
      const take = Math.max(1, Math.min(left, fit));
      const top = w.y;
      const height = take * leading + 2 * PAD_Y;
      if (r % 2 === 1) w.artifact(() => w.fillRect(x, top, width, height, COLORS.zebra));
      cells.forEach((cell, c) => {
        const chunk = cell.lines.slice(from, from + take);
        if (chunk.length === 0) return;
        cellElements[c]!.add(() => w.drawLines(chunk, TYPE.tableCell, lefts[c]! + PAD_X, top + PAD_Y, align[c], widths[c]! - 2 * PAD_X));
      });
      w.y = top + height;
      from += take;
    }
    cellElements.forEach((element) => element.end());
    w.endStruct();
  });
  w.endStruct();
  const end = w.y;
  w.artifact(() => w.rule(x, end, x + width, end, COLORS.rule, 0.8));
  w.space(5);
  for (const note of table.notes ?? []) w.paragraph([{ text: note, style: TYPE.small.style }], TYPE.small, { x, width, after: 1 });
  w.space(8);
}
