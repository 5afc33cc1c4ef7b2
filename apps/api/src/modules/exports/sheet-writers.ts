import type { Writable } from 'node:stream';
import { stringify, type Options as CsvOptions } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '#domain';
import { SHEET_NAMES } from './export-labels.js';
import { isExportDate, type ExportCell, type ExportColumn, type ExportSheet } from './submission-table.js';

/** The client went away (or the output failed) before the file was complete. */
export class ExportAborted extends Error {
  constructor() {
    super('The export output closed before the file was complete.');
    this.name = 'ExportAborted';
  }
}

/**
 * Writes an export table into a stream as rows arrive. `write` resolves only once the output can
 * take more, so rows are read from the database no faster than the client downloads them.
 */
export interface SheetWriter {
  start(columns: readonly ExportColumn[]): Promise<void>;
  write(rows: readonly ExportCell[][]): Promise<void>;
  /** Completes the file and ends the output. */
  finish(questions: ExportSheet): Promise<void>;
  /** Stops for good, after a failure or a closed connection. */
  abort(): void;
}

/** Resolves when `ready()` holds, checking at each 'drain' of the output and every few milliseconds; rejects once the output has closed. */
function waitUntil(out: Writable, ready: () => boolean): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAborted());
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (out.destroyed) finish(new ExportAborted());
      else if (ready()) finish();
    };
    const timer = setInterval(check, 10);
    const onClose = () => finish(new ExportAborted());
    const finish = (error?: Error) => {
      clearInterval(timer);
      out.off('drain', check);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    out.on('drain', check);
    out.on('close', onClose);
  });
}

function isoInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * CSV: UTF-8 with a byte order mark (so that Excel reads the accents), RFC 4180 (CRLF, fields
 * quoted when needed and every text quoted), numbers unquoted. In French the separator is `;`
 * and the decimal mark a comma, as a French spreadsheet expects (and R's read.csv2); in English
 * `,` and a point. Dates are ISO 8601 in UTC: a day for anonymous groups, an instant otherwise.
 */
export class CsvSheetWriter implements SheetWriter {
  private readonly options: CsvOptions;

  constructor(
    private readonly out: Writable,
    locale: Locale,
  ) {
    const decimalComma = locale === 'fr';
    this.options = {
      delimiter: locale === 'fr' ? ';' : ',',
      record_delimiter: '\r\n',
      quoted_string: true,
      cast: { number: (value) => (decimalComma ? String(value).replace('.', ',') : String(value)) },
    };
  }

  async start(columns: readonly ExportColumn[]): Promise<void> {
    await this.push('\uFEFF' + stringify([columns.map((column) => column.header)], this.options));
  }

  async write(rows: readonly ExportCell[][]): Promise<void> {
    if (rows.length === 0) return;
    const records = rows.map((cells) => cells.map((cell) => (isExportDate(cell) ? (cell.dayOnly ? cell.date.toISOString().slice(0, 10) : isoInstant(cell.date)) : cell)));
    await this.push(stringify(records, this.options));
  }

  async finish(): Promise<void> {
    if (this.out.destroyed) throw new ExportAborted();
    await new Promise<void>((resolve) => this.out.end(resolve));
  }

  abort(): void {
    this.out.destroy();
  }

  private async push(chunk: string): Promise<void> {
    if (this.out.destroyed) throw new ExportAborted();
    if (!this.out.write(chunk)) await waitUntil(this.out, () => !this.out.writableNeedDrain);
  }
}

/** What exceljs keeps between a worksheet and the zip: read only to measure the backlog. */
interface StreamBufInternals {
  buffers: Array<{ length: number }>;
  pipes: Writable[];
}

/** Bytes that may wait between the rows written and the client before more rows are read. */
const XLSX_BACKLOG_LIMIT = 1024 * 1024;

/**
 * XLSX through exceljs's streaming writer: rows are written to the zip as they come (inline
 * strings, no shared-string table held in memory), numbers as numeric cells, dates as date
 * cells; a bold, frozen header row and set column widths; a second sheet "Questions", the
 * codebook.
 *
 * exceljs hands each worksheet's XML to the zip without waiting for it to be consumed (its
 * internal buffer ignores backpressure), so a slow client would let the XML pile up in memory.
 * After each batch of rows the writer therefore waits until what is buffered between the
 * worksheet and the client is under XLSX_BACKLOG_LIMIT.
 */
export class XlsxSheetWriter implements SheetWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly out: Writable,
    private readonly locale: Locale,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    this.workbook.creator = 'Regards';
    this.zip.on('error', (error: Error) => {
      this.failure = error;
      out.destroy(error);
    });
  }

  async start(columns: readonly ExportColumn[]): Promise<void> {
    this.sheet = this.addSheet(SHEET_NAMES.submissions[this.locale], columns);
    await this.relieve();
  }

  async write(rows: readonly ExportCell[][]): Promise<void> {
    const sheet = this.sheet!;
    for (const cells of rows) {
      const row = sheet.addRow(cells.map((cell) => (isExportDate(cell) ? cell.date : cell)));
      cells.forEach((cell, index) => {
        if (isExportDate(cell)) row.getCell(index + 1).numFmt = cell.dayOnly ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
      });
      row.commit();
    }
    await this.relieve();
  }

  async finish(questions: ExportSheet): Promise<void> {
    this.sheet!.commit();
    const sheet = this.addSheet(SHEET_NAMES.questions[this.locale], questions.columns);
    for (const cells of questions.rows) sheet.addRow(cells.map((cell) => (isExportDate(cell) ? cell.date : cell))).commit();
    sheet.commit();
    const ended = new Promise<void>((resolve, reject) => {
      this.out.once('finish', resolve);
      this.out.once('close', () => (this.out.writableFinished ? resolve() : reject(this.failure ?? new ExportAborted())));
    });
    // Both awaited together: when the client has gone, the commit fails first and the end
    // rejects after it, and neither may be left unobserved.
    await Promise.all([this.workbook.commit(), ended]);
  }

  abort(): void {
    this.zip.abort();
    this.out.destroy();
  }

  private get zip(): { on(event: 'error', listener: (error: Error) => void): void; abort(): void } {
    return (this.workbook as unknown as { zip: { on(event: 'error', listener: (error: Error) => void): void; abort(): void } }).zip;
  }

  private addSheet(name: string, columns: readonly ExportColumn[]): ExcelJS.Worksheet {
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({ width: column.width }));
    const header = sheet.addRow(columns.map((column) => column.header));
    header.font = { bold: true };
    header.commit();
    return sheet;
  }

  private backlog(): number {
    const buffer = (this.sheet as unknown as { stream: StreamBufInternals }).stream;
    const queued = buffer.buffers.reduce((total, chunk) => total + chunk.length, 0);
    const zipInput = buffer.pipes[0]?.writableLength ?? 0;
    return queued + zipInput + this.out.writableLength;
  }

  private async relieve(): Promise<void> {
    if (this.failure) throw this.failure;
    await waitUntil(this.out, () => this.backlog() < XLSX_BACKLOG_LIMIT);
  }
}
