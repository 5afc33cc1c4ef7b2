/**
 * The report's page flow on top of a pdfkit document: a cursor, page breaks the report decides
 * (pdfkit never breaks a line or a page itself: every text is drawn line by line), the tagged
 * structure (headings, paragraphs, lists, figures, tables) and artifacts (running header and
 * footer, rules, watermark) that assistive technology skips.
 */
import PDFDocument from 'pdfkit';
import { FONT_KEYS, reportFonts, type FontKey } from './fonts.js';
import { FRAME, MARGINS, PAGE } from './theme.js';
import { TextMeasure, layoutRuns, layoutText, type Line, type Run, type TextStyle } from './text-layout.js';

export interface Typeset {
  style: TextStyle;
  leading: number;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  creator: string;
  date: Date;
  lang: string;
}

/** Where a block of lines landed on one page (for rules drawn beside it afterwards). */
export interface PageSpan {
  page: number;
  top: number;
  bottom: number;
}

export type Align = 'left' | 'right' | 'center';

export class ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly measure: TextMeasure;
  /** the cursor: top of the next block on the current page */
  y: number = FRAME.top;
  private page = 0;
  private readonly structStack: PDFKit.PDFStructureElement[] = [];

  constructor(info: DocumentInfo) {
    this.doc = new PDFDocument({
      size: [PAGE.width, PAGE.height],
      margins: { ...MARGINS },
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      tagged: true,
      displayTitle: true,
      lang: info.lang,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Creator: info.creator,
        Producer: `${info.creator} (PDFKit)`,
        CreationDate: info.date,
        ModDate: info.date,
      },
    });
    const fonts = reportFonts();
    for (const key of FONT_KEYS) this.doc.registerFont(key, fonts[key].source as Buffer);
    this.doc.font('sans');
    this.measure = new TextMeasure((font: FontKey, text: string) => {
      const width = fonts[font].unitWidth(text);
      return Number.isNaN(width) ? this.doc.font(font).fontSize(1000).widthOfString(text) : width;
    });
  }

  /** The current page, from 0. */
  get pageIndex(): number {
    return this.page;
  }

  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  newPage(): void {
    this.doc.addPage();
    this.page = this.pageCount - 1;
    this.y = FRAME.top;
  }

  /** Room left on the page. */
  get room(): number {
    return FRAME.bottom - this.y;
  }

  /** A new page unless `height` fits below the cursor (a block taller than a page starts at the top). */
  ensure(height: number): void {
    if (height > this.room && this.y > FRAME.top + 0.5) this.newPage();
  }

  space(height: number): void {
    this.y = Math.min(this.y + height, FRAME.bottom);
  }

  switchTo(page: number): void {
    this.doc.switchToPage(page);
  }

  /** Back to the page the flow was on. */
  resume(): void {
    this.doc.switchToPage(this.page);
  }

  // ---------------------------------------------------------------------------------------------
  // Structure

  beginStruct(type: string, options?: PDFKit.Mixins.StructureElementOptions): PDFKit.PDFStructureElement {
    const element = this.doc.struct(type, options);
    const parent = this.structStack[this.structStack.length - 1];
    if (parent) parent.add(element);
    else this.doc.addStructure(element);
    this.structStack.push(element);
    return element;
  }

  /** An element in the current one, left open to be filled later (the table of contents). */
  attachStruct(type: string): PDFKit.PDFStructureElement {
    const element = this.doc.struct(type);
    const parent = this.structStack[this.structStack.length - 1];
    if (parent) parent.add(element);
    else this.doc.addStructure(element);
    return element;
  }

  endStruct(): void {
    this.structStack.pop()?.end();
  }

  /** Draws inside the current structure element (its marked content). */
  marked(draw: () => void): void {
    const element = this.structStack[this.structStack.length - 1];
    if (element) element.add(draw);
    else draw();
  }

  tagged(type: string, draw: () => void, options?: PDFKit.Mixins.StructureElementOptions): void {
    this.beginStruct(type, options);
    this.marked(draw);
    this.endStruct();
  }

  /** Decoration and page furniture: skipped by screen readers. */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  // ---------------------------------------------------------------------------------------------
  // Text

  lines(runs: readonly Run[], width: number): Line[] {
    return layoutRuns(runs, width, this.measure);
  }

  textLines(text: string, typeset: Typeset, width: number): Line[] {
    return layoutText(text, typeset.style, width, this.measure);
  }

  width(text: string, style: TextStyle): number {
    return this.measure.width(text, style);
  }

  /** One line with its baseline at `baseline`. */
  drawLine(line: Line, x: number, baseline: number, align: Align = 'left', boxWidth = 0): void {
    const offset = align === 'right' ? boxWidth - line.width : align === 'center' ? (boxWidth - line.width) / 2 : 0;
    for (const segment of line.segments) this.drawString(segment.text, segment.style, x + offset + segment.x, baseline);
  }

  drawString(text: string, style: TextStyle, x: number, baseline: number, options: { rotation?: number } = {}): void {
    if (text === '') return;
    this.doc
      .font(style.font)
      .fontSize(style.size)
      .fillColor(style.color)
      .text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: style.tracking ?? 0, ...options } as PDFKit.Mixins.TextOptions);
  }

  /** Lines from `top`, one every `leading`; returns the height used. */
  drawLines(lines: readonly Line[], typeset: Typeset, x: number, top: number, align: Align = 'left', boxWidth = 0): number {
    lines.forEach((line, index) => this.drawLine(line, x, baselineOf(top + index * typeset.leading, typeset), align, boxWidth));
    return lines.length * typeset.leading;
  }

  /**
   * Lines at the cursor in the flow: page breaks fall between lines, never leaving a single line
   * of a paragraph alone at the foot or the head of a page. Each page's piece is marked content of
   * the current structure element.
   */
  flowLines(lines: readonly Line[], typeset: Typeset, x: number, options: { align?: Align; boxWidth?: number; onFirstChunk?: (top: number) => void } = {}): PageSpan[] {
    const spans: PageSpan[] = [];
    const leading = typeset.leading;
    let index = 0;
    while (index < lines.length) {
      const fit = Math.floor(this.room / leading + 1e-6);
      const left = lines.length - index;
      let take = Math.min(fit, left);
      if (take < left) {
        // Keep two lines together at the foot of a page, and two at the head of the next.
        if (left - take < 2 && left >= 3) take = left - 2;
        if (take < 2 && left >= 2) take = 0;
      }
      if (take <= 0) {
        if (this.y <= FRAME.top + 0.5) take = Math.max(1, Math.min(fit, left));
        else {
          this.newPage();
          continue;
        }
      }
      const chunk = lines.slice(index, index + take);
      const top = this.y;
      if (index === 0) options.onFirstChunk?.(top);
      this.marked(() => this.drawLines(chunk, typeset, x, top, options.align, options.boxWidth));
      this.y += take * leading;
      spans.push({ page: this.page, top, bottom: this.y });
      index += take;
      if (index < lines.length) this.newPage();
    }
    return spans;
  }

  /** A paragraph in the flow, tagged. */
  paragraph(runs: readonly Run[], typeset: Typeset, options: { x?: number; width?: number; tag?: string; after?: number; align?: Align } = {}): PageSpan[] {
    const x = options.x ?? FRAME.left;
    const width = options.width ?? FRAME.width;
    const lines = this.lines(runs, width);
    if (lines.length === 0) return [];
    this.beginStruct(options.tag ?? 'P');
    const spans = this.flowLines(lines, typeset, x, { align: options.align, boxWidth: width });
    this.endStruct();
    this.space(options.after ?? 0);
    return spans;
  }

  /** Rectangles and rules. */
  fillRect(x: number, y: number, width: number, height: number, color: string, opacity = 1): void {
    this.doc.save().fillOpacity(opacity).rect(x, y, width, height).fill(color).restore();
  }

  rule(x1: number, y1: number, x2: number, y2: number, color: string, width: number): void {
    this.doc.save().moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(color).stroke().restore();
  }

  /** A rule beside blocks that may have crossed pages (quotes). */
  ruleBeside(spans: readonly PageSpan[], x: number, color: string, width: number): void {
    for (const span of spans) {
      if (span.page !== this.page) this.switchTo(span.page);
      this.artifact(() => this.fillRect(x, span.top, width, span.bottom - span.top, color));
    }
    this.resume();
  }
}

/** Where the baseline of a line sits in its line box. */
export function baselineOf(top: number, typeset: Typeset): number {
  return top + typeset.leading / 2 + typeset.style.size * 0.35;
}
