import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { it } from './it';

export const locales = ['en', 'it'] as const;
export type Locale = (typeof locales)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

const storageKey = 'regia.locale';

/** True for the languages Regia speaks. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The browser's preferred language among ours, English when none matches. */
export function browserLocale(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be off (private mode); the browser language is fine then.
  }
  return browserLocale();
}

/** Switches the UI language and remembers it in this browser; `null` goes back to the browser's. */
export async function applyLocale(locale: Locale | null): Promise<void> {
  const next = locale ?? browserLocale();
  try {
    if (locale) localStorage.setItem(storageKey, locale);
    else localStorage.removeItem(storageKey);
  } catch {
    // Not remembered; the account's locale still applies at the next sign-in.
  }
  if (i18next.language !== next) await i18next.changeLanguage(next);
}

/** The current UI language. */
export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, it: { translation: it } },
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: locales,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };
