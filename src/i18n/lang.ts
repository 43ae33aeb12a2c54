// The two languages of ilzam, and which one to answer in: an explicit option wins; otherwise a
// query written in Arabic script gets Urdu; otherwise the configured default.
import { isArabicScript } from '../text/script.ts';

export type Lang = 'en' | 'ur';

/** A text in both languages. */
export type Texts = Record<Lang, string>;

export const LANGS: readonly Lang[] = ['en', 'ur'];

// A Map, not an object literal: typed text such as "constructor" or "__proto__" must not find
// something on Object.prototype.
const LANG_WORDS: ReadonlyMap<string, Lang> = new Map([
  ['en', 'en'],
  ['eng', 'en'],
  ['english', 'en'],
  ['انگریزی', 'en'],
  ['انگلش', 'en'],
  ['ur', 'ur'],
  ['urd', 'ur'],
  ['urdu', 'ur'],
  ['اردو', 'ur'],
]);

export class BadLanguageError extends Error {
  constructor(readonly given: string) {
    super(`unknown language "${given}"`);
  }
}

/** Parses a lang option; undefined when absent; throws BadLanguageError on anything else. */
export function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const lang = LANG_WORDS.get(value.trim().toLowerCase());
  if (!lang) throw new BadLanguageError(value);
  return lang;
}

/** parseLang that answers undefined instead of throwing. */
export function tryParseLang(value: string | undefined): Lang | undefined {
  try {
    return parseLang(value);
  } catch {
    return undefined;
  }
}

export function chooseLang(explicit: Lang | undefined, query: string | undefined, fallback: Lang): Lang {
  if (explicit) return explicit;
  if (query && isArabicScript(query)) return 'ur';
  return fallback;
}

/** Picks the text in a language from a pair. */
export function say(lang: Lang, text: Texts): string {
  return text[lang];
}
