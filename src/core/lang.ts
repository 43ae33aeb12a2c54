// Which language to answer in: an explicit option wins; otherwise a query written in Arabic
// script gets Urdu; otherwise the configured default.
import type { Lang } from '../i18n/dates.ts';
import { isArabicScript } from '../search/normalize.ts';

const LANG_WORDS: Record<string, Lang> = {
  en: 'en',
  eng: 'en',
  english: 'en',
  'انگریزی': 'en',
  'انگلش': 'en',
  ur: 'ur',
  urd: 'ur',
  urdu: 'ur',
  'اردو': 'ur',
};

export class BadLanguageError extends Error {
  constructor(readonly given: string) {
    super(`unknown language "${given}"`);
  }
}

/** Parses a lang option; undefined when absent; throws BadLanguageError on anything else. */
export function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const lang = LANG_WORDS[value.trim().toLowerCase()];
  if (!lang) throw new BadLanguageError(value);
  return lang;
}

export function chooseLang(explicit: Lang | undefined, query: string | undefined, fallback: Lang): Lang {
  if (explicit) return explicit;
  if (query && isArabicScript(query)) return 'ur';
  return fallback;
}
