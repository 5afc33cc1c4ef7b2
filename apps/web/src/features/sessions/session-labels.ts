import { STAKEHOLDER_GROUPS, type StakeholderGroupKey } from '#domain/stakeholder-group';
import type { Locale } from '../../api/types';

export function localeOf(language: string | undefined): Locale {
  return language === 'en' ? 'en' : 'fr';
}

export function groupLabel(groupKey: StakeholderGroupKey, locale: Locale): string {
  return STAKEHOLDER_GROUPS.find((group) => group.key === groupKey)?.label[locale] ?? groupKey;
}

/** "K7MX4Q" → "K7M X4Q": two halves read and typed more easily from across a room. */
export function spacedCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** "K7MX4Q" → "K 7 M X 4 Q": screen readers spell the code instead of reading it as a word. */
export function spelledCode(code: string): string {
  return code.split('').join(' ');
}

export function formatTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { timeStyle: 'short' }).format(date);
}
