/**
 * The phone's languages (vue-i18n, Composition API): chosen from the browser's preferences, switchable
 * on the page, the choice kept in localStorage. English is the fallback for anything missing.
 */
import { createI18n } from 'vue-i18n';
import { de } from './de.js';
import { en, type Messages } from './en.js';

export const LOCALES = { en: 'English', de: 'Deutsch' } as const;
export type Locale = keyof typeof LOCALES;

const STORAGE_KEY = 'tutti.locale';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && Object.hasOwn(LOCALES, value);

/** The first of the browser's languages we speak ("de-AT" → de), else English. */
export function pickLocale(preferred: readonly string[], stored: string | null): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function storedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode): the browser's choice stands
  }
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages, storedLocale()),
  fallbackLocale: 'en',
  messages: { en, de },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not kept across reloads, still switched now
  }
}
