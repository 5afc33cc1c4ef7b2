import ExcelJS from 'exceljs';
import type { TestApp } from './test-app.js';

/** supertest's parser for a body kept as bytes (CSV and XLSX downloads). */
export function binaryBody(res: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** A CSV field as read, and whether it was quoted. */
export interface CsvField {
  value: string;
  quoted: boolean;
}

/**
 * RFC 4180 records (CRLF, quoted fields with doubled quotes) after the UTF-8 byte order mark;
 * anything else throws, so a broken export fails the test that reads it.
 */
export function parseCsv(body: Buffer, delimiter: string): CsvField[][] {
  if (body[0] !== 0xef || body[1] !== 0xbb || body[2] !== 0xbf) throw new Error('the CSV does not start with a UTF-8 byte order mark');
  const text = body.subarray(3).toString('utf8');
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = 0;
  while (i < text.length) {
    let field: CsvField;
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const end = text.indexOf('"', i);
        if (end < 0) throw new Error('unterminated quoted field');
        value += text.slice(i, end);
        i = end + 1;
        if (text[i] !== '"') break;
        value += '"';
        i += 1;
      }
      field = { value, quoted: true };
    } else {
      let end = i;
      while (end < text.length && text[end] !== delimiter && text[end] !== '\r') end += 1;
      const value = text.slice(i, end);
      if (value.includes('"') || value.includes('\n')) throw new Error(`unquoted field with a quote or a line break: ${value}`);
      field = { value, quoted: false };
      i = end;
    }
    record.push(field);
    if (text[i] === delimiter) {
      i += 1;
      continue;
    }
    if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
    records.push(record);
    record = [];
    i += 2;
  }
  return records;
}

export async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type, narrower than Node's.
  await workbook.xlsx.load(body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

/** Every cell of every sheet, with its type. */
export function workbookCells(workbook: ExcelJS.Workbook): Array<{ sheet: string; address: string; type: ExcelJS.ValueType; value: unknown }> {
  const cells: Array<{ sheet: string; address: string; type: ExcelJS.ValueType; value: unknown }> = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => cells.push({ sheet: sheet.name, address: cell.address, type: cell.type, value: cell.value }));
    });
  }
  return cells;
}

/** The tables (and row counts) where some row's text holds `needle`: nowhere, when nothing of it was stored. */
export async function tablesHolding(t: TestApp, needle: string): Promise<Record<string, number>> {
  const tables = await t.dataSource.query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const found: Record<string, number> = {};
  for (const { table_name } of tables) {
    const rows = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(t::text, $1) > 0`, [needle]);
    if (rows[0]!.n > 0) found[table_name] = rows[0]!.n;
  }
  return found;
}

const tableNames = new WeakMap<TestApp, string[]>();

/**
 * The same fingerprint as `databaseFingerprint` (row count and md5 of the rows of every table,
 * sessions, rate-limit buckets and audit events aside), read in one statement: a sweep of many
 * cases takes it twice per case.
 */
export async function databaseChecksum(t: TestApp, ignore: readonly string[] = ['rate_limit_bucket', 'session', 'audit_event']): Promise<Record<string, string>> {
  let tables = tableNames.get(t);
  if (!tables) {
    const rows = await t.dataSource.query<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    tables = rows.map((r) => r.table_name);
    tableNames.set(t, tables);
  }
  const sql = tables
    .filter((name) => !ignore.includes(name))
    .map((name) => `SELECT '${name}' AS name, count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${name}" t`)
    .join(' UNION ALL ');
  const rows = await t.dataSource.query<Array<{ name: string; n: string; h: string | null }>>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.h ?? ''}`]));
}
