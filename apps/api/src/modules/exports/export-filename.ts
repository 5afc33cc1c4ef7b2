/**
 * The name of a downloaded export: the organization, the evaluation and the day, as a plain
 * ASCII `filename` every client understands, plus the readable UTF-8 name in `filename*`
 * (RFC 6266, encoded as RFC 8187 says) for the clients that read it.
 */

export interface ExportFileNameInput {
  organizationName: string;
  evaluationTitle: string;
  date: Date;
  extension: 'csv' | 'xlsx';
}

const SLUG_MAX = 60;
const READABLE_MAX = 120;
/** Characters no file name may hold on common systems, and control characters. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\p{Cc}]+/gu;
/** Half of a surrogate pair alone: not text, and encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' };

/** ASCII lower-case words joined by dashes, accents dropped: "Évaluation 2026 — Vallon" → "evaluation-2026-vallon". */
export function slugify(text: string, max = SLUG_MAX): string {
  const ascii = text
    .replace(/[œŒæÆß]/g, (char) => LIGATURES[char]!)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, max).replace(/-+$/, '');
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function asciiFileName(input: ExportFileNameInput): string {
  const parts = [slugify(input.organizationName), slugify(input.evaluationTitle)].filter((part) => part !== '');
  return `${[...parts, day(input.date)].join('-')}.${input.extension}`;
}

export function readableFileName(input: ExportFileNameInput): string {
  const clean = (text: string) => text.replace(LONE_SURROGATE, '').replace(UNSAFE_IN_FILE_NAME, ' ').replace(/\s+/g, ' ').trim();
  const parts = [clean(input.organizationName), clean(input.evaluationTitle)].filter((part) => part !== '');
  const name = [...parts, day(input.date)].join(' – ');
  return `${Array.from(name).slice(0, READABLE_MAX).join('').trim()}.${input.extension}`;
}

/** RFC 8187 value: UTF-8 bytes percent-encoded, except the attr-chars. */
function encodeExtValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(input: ExportFileNameInput): string {
  return `attachment; filename="${asciiFileName(input)}"; filename*=UTF-8''${encodeExtValue(readableFileName(input))}`;
}
