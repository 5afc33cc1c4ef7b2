/**
 * Dates and quotation marks as a reader of the report's locale writes them.
 */
import type { Locale } from '#domain';
import { reportMessages } from './messages.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}:${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(reportMessages(locale).intlLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * « 1er mars 2026 », « 30 avril 2026 »; « 1 March 2026 ». A calendar date (YYYY-MM-DD) is that day;
 * a date-time is read in France's time zone. Anything unreadable is printed as given.
 */
export function formatDate(value: string, locale: Locale): string {
  const dateOnly = DATE_ONLY.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = dateFormatter(locale, dateOnly ? 'UTC' : 'Europe/Paris').formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = reportMessages(locale).day(Number(part('day')));
  return `${day}\u00a0${part('month')} ${part('year')}`;
}

/** The words between the locale's quotation marks: «\u202f…\u202f» or “…”. */
export function quoted(text: string, locale: Locale): string {
  const messages = reportMessages(locale);
  return `${messages.openQuote}${text.trim()}${messages.closeQuote}`;
}

/** A date the PDF can carry: the model's, or the epoch when it cannot be read (same model, same bytes). */
export function documentDate(value: string): Date {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}
