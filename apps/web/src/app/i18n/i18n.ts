import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../api/types';
import { en } from './en';
import { fr, type Translation } from './fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

export const LOCALES = ['fr', 'en'] as const satisfies readonly Locale[];
const STORAGE_KEY = 'regards.lang';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled: French by default
  }
}

export function currentLocale(): Locale {
  return isLocale(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'fr';
}

/** Switches the interface language and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice then lasts until the page is reloaded.
  }
  if (currentLocale() !== locale) await i18next.changeLanguage(locale);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = isLocale(lng) ? lng : 'fr';
});

void i18next.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: readStoredLocale() ?? 'fr',
  fallbackLng: 'fr',
  supportedLngs: LOCALES,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
});

export { i18next };
