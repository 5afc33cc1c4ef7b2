/** The most respondents one request may create links for (the API's limit). */
export const MAX_RESPONDENTS = 500;

export interface Respondent {
  label?: string;
  email?: string;
}

const EMAIL = /[^\s<>;,()"']+@[^\s<>;,()"']+\.[^\s<>;,()"']+/;

/**
 * A pasted list of people, one per line: a name, an e-mail address, or both in any order
 * ("Camille Martin <camille@exemple.fr>", "camille@exemple.fr; Camille Martin"). Blank lines are
 * skipped; separators and brackets around the parts are dropped.
 */
export function parseRespondents(text: string): Respondent[] {
  const respondents: Respondent[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const email = EMAIL.exec(trimmed)?.[0];
    const rest = (email ? trimmed.replace(email, ' ') : trimmed)
      .replace(/[<>()"]/g, ' ')
      .replace(/^[\s;,\t-]+|[\s;,\t-]+$/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const respondent: Respondent = {};
    if (rest) respondent.label = rest.slice(0, 200);
    if (email) respondent.email = email;
    respondents.push(respondent);
  }
  return respondents;
}

/** A cell a spreadsheet shows as text: quoted when needed, and never read as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The created links as a CSV file (semicolon-separated, as French spreadsheets expect), with a
 * byte-order mark so that Excel reads it as UTF-8.
 */
export function linksCsv(header: [string, string], rows: Array<[string, string]>): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Saves a text as a file, built in the browser (the tokens never go back to the server). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked later: some browsers start the download after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
