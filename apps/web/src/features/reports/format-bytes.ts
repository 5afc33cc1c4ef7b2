import { currentLocale } from '../../app/i18n/i18n';

/** A size in kilobytes or megabytes, in the interface language (« 340 ko », "1.2 MB"). */
export function formatBytes(bytes: number): string {
  const locale = currentLocale() === 'en' ? 'en-GB' : 'fr-FR';
  const mega = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: mega ? 'megabyte' : 'kilobyte', maximumFractionDigits: mega ? 1 : 0 }).format(
    mega ? bytes / (1024 * 1024) : Math.max(1, bytes / 1024),
  );
}
