/**
 * Spreadsheet cells that cannot run: formula injection (CSV injection) neutralised.
 *
 * A spreadsheet treats a cell whose text starts with `=`, `+`, `-` or `@` as a formula, and a
 * leading tab or carriage return can hide such a start; a respondent's answer or an
 * organization's own question title like `=HYPERLINK("https://evil", "clic")` would then run in
 * the facilitator's spreadsheet. Following OWASP's guidance on CSV injection, such text gets a
 * leading apostrophe, which spreadsheets read as "this is text" — in CSV and in XLSX alike, so a
 * workbook saved back to CSV stays safe.
 *
 * Beyond OWASP's list, the full-width forms (＝ ＋ － ＠), which some spreadsheets fold into
 * their ASCII forms, and a trigger after leading white space (`"  =1+1"`, `"\n@SUM(…)"`) are
 * neutralised too. Real numbers (a numeric answer, even negative) are never text here: they stay
 * numbers, so they are never prefixed and stay computable.
 */

/** Characters that make a spreadsheet read a cell as a formula when they start it. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

/** A trigger at the start, possibly after white space (space, tab, CR, LF, no-break spaces…). */
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The value of one cell: text (already neutralised), a number, or nothing. */
export type SpreadsheetCellValue = string | number | null;

/** Whether a spreadsheet could read this text as a formula. */
export function startsLikeFormula(text: string): boolean {
  return text.startsWith('\t') || text.startsWith('\r') || FORMULA_START.test(text);
}

/** The text as a cell shows it, prefixed with an apostrophe when it could run as a formula. */
export function neutraliseFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/**
 * A value ready for a cell: a finite number stays a number (-0 becomes 0); anything else that is
 * not a number is neutralised text (NaN or Infinity, which no cell holds as a number, become
 * text too); null and undefined are an empty cell.
 */
export function spreadsheetCell(value: string | number | null | undefined): SpreadsheetCellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : neutraliseFormula(String(value));
  return neutraliseFormula(value);
}
