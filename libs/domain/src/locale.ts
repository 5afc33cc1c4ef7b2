/**
 * Locales of Regards. French is the reference language: every text has a French version, the
 * English one is optional and falls back to French.
 */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in French (required) and English (optional). */
export interface LocalizedText {
  fr: string;
  en?: string;
}

/** The text in `locale`, falling back to French when the English version is missing or empty. */
export function localize(text: LocalizedText, locale: Locale): string {
  if (locale === 'en' && text.en !== undefined && text.en !== '') return text.en;
  return text.fr;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}
