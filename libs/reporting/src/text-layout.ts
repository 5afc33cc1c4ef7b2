/**
 * Line breaking for every text of the report: runs of styled text → lines that fit a width.
 * The report draws each line itself (pdfkit's own wrapper is never asked to break lines or pages),
 * so it knows every line's height before drawing: paragraphs keep their lines together across
 * pages, table rows split between lines, chart labels fit their boxes.
 *
 * Breaks happen at plain spaces (a no-break space, U+00A0 or U+202F, keeps its neighbours
 * together), after a slash or a dash, and at newlines (not after the hyphen of « auto-évaluation »:
 * text extraction would take it for a word cut and drop it). A word wider than the
 * line is cut between characters, measured once per character so that a 10,000-character word
 * costs linear time.
 */
import type { FontKey } from './fonts.js';

export interface TextStyle {
  font: FontKey;
  size: number;
  color: string;
  /** extra space between characters (uppercase labels) */
  tracking?: number;
}

export interface Run {
  text: string;
  style: TextStyle;
}

export interface Segment {
  text: string;
  style: TextStyle;
  /** from the line's start */
  x: number;
  width: number;
}

export interface Line {
  segments: Segment[];
  width: number;
}

/** Width of a string in a font at size 1000; provided by the document (pdfkit's metrics). */
export type UnitWidth = (font: FontKey, text: string) => number;

export class TextMeasure {
  private readonly cache = new Map<string, number>();

  constructor(private readonly unitWidth: UnitWidth) {}

  width(text: string, style: TextStyle): number {
    if (text === '') return 0;
    const key = `${style.font}\u0000${text}`;
    let unit = this.cache.get(key);
    if (unit === undefined) {
      unit = this.unitWidth(style.font, text);
      // Long strings are measured once (cutting a long word); keeping them would only fill memory.
      if (text.length <= 64) this.cache.set(key, unit);
    }
    const tracking = style.tracking ? style.tracking * [...text].length : 0;
    return (unit * style.size) / 1000 + tracking;
  }
}

/**
 * Composed characters (NFC: « é » is one glyph), tabs as spaces, every newline as `\n`; control
 * characters and invisible format characters (soft hyphen, zero-width spaces and joiners,
 * bidirectional marks, variation selectors, byte-order mark) out.
 */
export function cleanText(text: string): string {
  const normalised = text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ');
  let clean = '';
  for (const char of normalised) if (!isInvisible(char.codePointAt(0)!)) clean += char;
  return clean;
}

const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x09],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x180b, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

function isInvisible(codePoint: number): boolean {
  return INVISIBLE.some(([from, to]) => codePoint >= from && codePoint <= to);
}

interface Fragment {
  text: string;
  style: TextStyle;
}

interface Unit {
  fragments: Fragment[];
  width: number;
  /** the space before this unit, dropped at the start of a line */
  glue: Fragment | null;
  forcedBreakBefore: boolean;
}

const SPACE = /( +)/;
const BREAK_AFTER = /(?<=[/\u2013\u2014])(?=[^\s/\u2013\u2014])/u;

function toUnits(runs: readonly Run[], measure: TextMeasure): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  let pendingGlue: Fragment | null = null;
  let pendingBreak = false;
  const startUnit = () => {
    current = { fragments: [], width: 0, glue: pendingGlue, forcedBreakBefore: pendingBreak };
    units.push(current);
    pendingGlue = null;
    pendingBreak = false;
  };
  for (const run of runs) {
    const text = cleanText(run.text);
    const lines = text.split('\n');
    lines.forEach((lineText, lineIndex) => {
      if (lineIndex > 0) {
        pendingBreak = true;
        pendingGlue = null;
        current = null;
      }
      for (const piece of lineText.split(SPACE)) {
        if (piece === '') continue;
        if (piece.startsWith(' ')) {
          if (!pendingGlue && !pendingBreak) pendingGlue = { text: ' ', style: run.style };
          current = null;
          continue;
        }
        const parts = piece.split(BREAK_AFTER);
        parts.forEach((part, partIndex) => {
          if (partIndex > 0) current = null;
          if (!current) startUnit();
          const unit = current as unknown as Unit;
          const last = unit.fragments[unit.fragments.length - 1];
          if (last && last.style === run.style) last.text += part;
          else unit.fragments.push({ text: part, style: run.style });
          unit.width += measure.width(part, run.style);
        });
      }
    });
  }
  // A trailing forced break (text ending with a newline) adds nothing.
  return units;
}

/** Cut a unit wider than the line between characters; every piece fits (at least one character each). */
function splitUnit(unit: Unit, width: number, measure: TextMeasure): Unit[] {
  const pieces: Unit[] = [];
  let fragments: Fragment[] = [];
  let pieceWidth = 0;
  const limit = width * 0.995;
  const flush = () => {
    pieces.push({ fragments, width: pieceWidth, glue: null, forcedBreakBefore: false });
    fragments = [];
    pieceWidth = 0;
  };
  for (const fragment of unit.fragments) {
    for (const char of fragment.text) {
      const w = measure.width(char, fragment.style);
      if (pieceWidth > 0 && pieceWidth + w > limit) flush();
      const last = fragments[fragments.length - 1];
      if (last && last.style === fragment.style) last.text += char;
      else fragments.push({ text: char, style: fragment.style });
      pieceWidth += w;
    }
  }
  if (fragments.length > 0) flush();
  if (pieces[0]) {
    pieces[0].glue = unit.glue;
    pieces[0].forcedBreakBefore = unit.forcedBreakBefore;
  }
  return pieces;
}

function toLine(fragments: Fragment[], measure: TextMeasure): Line {
  const segments: Segment[] = [];
  for (const fragment of fragments) {
    const last = segments[segments.length - 1];
    if (last && last.style === fragment.style) last.text += fragment.text;
    else segments.push({ text: fragment.text, style: fragment.style, x: 0, width: 0 });
  }
  let x = 0;
  for (const segment of segments) {
    segment.x = x;
    segment.width = measure.width(segment.text, segment.style);
    x += segment.width;
  }
  return { segments, width: x };
}

/** Lines of at most `width` (a piece of a word may be alone on its line). */
export function layoutRuns(runs: readonly Run[], width: number, measure: TextMeasure): Line[] {
  const available = Math.max(width, 1);
  const lines: Line[] = [];
  let fragments: Fragment[] = [];
  let lineWidth = 0;
  let started = false;
  const pushLine = () => {
    lines.push(toLine(fragments, measure));
    fragments = [];
    lineWidth = 0;
  };
  const place = (unit: Unit) => {
    if (started && unit.forcedBreakBefore) pushLine();
    const glueWidth = fragments.length > 0 && unit.glue ? measure.width(unit.glue.text, unit.glue.style) : 0;
    if (fragments.length > 0 && lineWidth + glueWidth + unit.width > available) {
      pushLine();
      fragments.push(...unit.fragments.map((f) => ({ ...f })));
      lineWidth = unit.width;
    } else {
      if (glueWidth > 0 && unit.glue) fragments.push({ ...unit.glue });
      fragments.push(...unit.fragments.map((f) => ({ ...f })));
      lineWidth += glueWidth + unit.width;
    }
    started = true;
  };
  for (const unit of toUnits(runs, measure)) {
    if (unit.width > available) {
      const pieces = splitUnit(unit, available, measure);
      pieces.forEach((piece, index) => {
        if (index > 0) pushLine();
        place(index === 0 ? piece : { ...piece, glue: null, forcedBreakBefore: false });
      });
    } else {
      place(unit);
    }
  }
  if (fragments.length > 0) pushLine();
  return lines;
}

/** Plain text in one style. */
export function layoutText(text: string, style: TextStyle, width: number, measure: TextMeasure): Line[] {
  return layoutRuns([{ text, style }], width, measure);
}

/**
 * At most `maxLines` lines; when text is left over, the last line ends with an ellipsis
 * (chart labels, running headers: boxes that cannot grow).
 */
export function clampLines(lines: Line[], maxLines: number, width: number, measure: TextMeasure): Line[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  const last = kept[kept.length - 1]!;
  const style = last.segments[last.segments.length - 1]?.style;
  if (!style) return kept;
  const ellipsis = '…';
  const ellipsisWidth = measure.width(ellipsis, style);
  const text = last.segments.map((s) => s.text).join('');
  let chars = [...text];
  while (chars.length > 0 && measure.width(chars.join(''), style) + ellipsisWidth > width) {
    chars = chars.slice(0, Math.max(0, chars.length - Math.max(1, Math.floor(chars.length / 8))));
  }
  const shortened = `${chars.join('').replace(/\s+$/, '')}${ellipsis}`;
  kept[kept.length - 1] = toLine([{ text: shortened, style }], measure);
  return kept;
}

/** The width of the widest line. */
export function linesWidth(lines: readonly Line[]): number {
  return lines.reduce((max, line) => Math.max(max, line.width), 0);
}
