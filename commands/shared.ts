// Option definitions and small helpers the commands share.
import type { Command, CommandContext, OptionSpec } from '../src/core/command.ts';

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

/** A command's first example as the caller would type it: "/ilzam-incident volt typhoon" on Slack. */
export function exampleOf(command: Pick<Command, 'name' | 'examples'>, ctx: CommandContext): string {
  const example = command.examples[ctx.lang][0];
  return example ? `${ctx.caller.commandName(command.name)} ${example}` : ctx.caller.commandName(command.name);
}
