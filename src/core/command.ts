// What a command is: a platform-neutral definition (name, options, help text) and a handler
// that turns parsed options and a context into a neutral Reply. Adapters translate platform
// input into this and render the Reply back; commands never see a platform.
import type { Lang } from '../i18n/lang.ts';
import type { Reply } from '../reply/model.ts';
import type { SearchEngine } from '../search/engine.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';

export interface CommandContext {
  kb: KnowledgeBase;
  search: SearchEngine;
  /** The current time (injectable for tests and the scheduler). */
  now: Date;
  /** Language when the user gives none and the query is not in Urdu script. */
  defaultLang: Lang;
  /** IANA zone for "today" (the weekly digest). */
  timeZone: string;
  /** Who asked, for logs; never shown. */
  user?: string;
}

export type OptionKind = 'text' | 'lang' | 'date' | 'flag';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  description: { en: string; ur: string };
  required?: boolean;
  /** Which search feeds this option's autocomplete. */
  autocomplete?: 'incident' | 'actor';
}

export type CommandInput = Record<string, string | undefined>;

export interface Command {
  name: string;
  description: { en: string; ur: string };
  /** Example of use, shown in help and usage replies. */
  example: string;
  options: OptionSpec[];
  run(input: CommandInput, ctx: CommandContext): Reply;
}
