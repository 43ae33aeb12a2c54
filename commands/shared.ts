// Option definitions and replies the commands share.
import type { CommandContext, OptionSpec } from '../src/core/command.ts';
import { echo } from '../src/text/clean.ts';
import { BadLanguageError, chooseLang, parseLang } from '../src/i18n/lang.ts';
import { usageReply } from '../src/knowledge/lookup.ts';
import type { Lang } from '../src/i18n/lang.ts';
import type { Reply } from '../src/reply/model.ts';

export const LANG_OPTION: OptionSpec = {
  name: 'lang',
  kind: 'lang',
  description: { en: 'Answer in English or Urdu', ur: 'جواب انگریزی یا اردو میں' },
};

export const DETAIL_OPTION: OptionSpec = {
  name: 'detail',
  kind: 'flag',
  description: { en: 'The full record: every claim and source', ur: 'مکمل ریکارڈ: ہر دعویٰ اور ہر ذریعہ' },
};

export function isOn(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on', 'detail', 'ہاں'].includes(value.trim().toLowerCase());
}

export function badLangReply(given: string, lang: Lang): Reply {
  return usageReply(
    lang,
    lang === 'ur' ? `زبان “${echo(given)}” دستیاب نہیں` : `Unknown language “${echo(given)}”`,
    lang === 'ur' ? 'lang:ur (اردو) یا lang:en (انگریزی) لکھیں۔' : 'Use lang:en (English) or lang:ur (Urdu).',
  );
}

/**
 * Runs a command body in the language the user asked for (or the query's script implies);
 * a language option that is neither English nor Urdu gets usage instead.
 */
export function inLanguage(given: string | undefined, query: string | undefined, ctx: CommandContext, body: (lang: Lang) => Reply): Reply {
  let lang: Lang;
  try {
    lang = chooseLang(parseLang(given), query, ctx.defaultLang);
  } catch (err) {
    if (err instanceof BadLanguageError) return badLangReply(err.given, ctx.defaultLang);
    throw err;
  }
  return body(lang);
}

/** True when the text has something to search for: a letter or a digit, not only symbols. */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
