// Option definitions and small helpers the commands share.
import type { Command, CommandContext, OptionSpec } from '../src/core/command.ts';
import { embed, hasArabic } from '../src/i18n/bidi.ts';
import type { Lang } from '../src/i18n/lang.ts';

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

// A Set, so "constructor" or "__proto__" typed as a value finds nothing inherited.
const YES = new Set(['1', 'true', 'yes', 'on', 'detail', 'ہاں']);

export function isOn(value: string | undefined): boolean {
  return value !== undefined && YES.has(value.trim().toLowerCase());
}

/** True when the text has something to search for: a letter or a digit, not only symbols. */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * A command as the caller types it, marked for a line in `lang`: the name from its slash and
 * its options are one field ("/week lang:ur"), an Urdu query after it is not
 * ("/incident" then «وولٹ ٹائیفون»), so right to left the slash stays in front of the name.
 */
export function commandText(ctx: CommandContext, name: string, rest = '', lang: Lang = ctx.lang): string {
  const command = ctx.caller.commandName(name);
  if (!rest) return embed(command, lang);
  return hasArabic(rest) ? `${embed(command, lang)} ${rest}` : embed(`${command} ${rest}`, lang);
}

/** A command's first example as the caller would type it: "/ilzam-incident volt typhoon" on Slack. */
export function exampleOf(command: Pick<Command, 'name' | 'examples'>, ctx: CommandContext): string {
  return commandText(ctx, command.name, command.examples[ctx.lang][0] ?? '');
}
