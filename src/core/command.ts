// What a command is: a platform-neutral definition (name, options, who may run it and where,
// help text) and a handler that turns parsed options and a context into a neutral Reply.
// Adapters translate platform input into this and render the Reply back; a command never sees
// a platform. Every command is one file in commands/; startup code lists them in a
// CommandRegistry and hands it to the Bot, and each platform derives its definitions (Discord's
// JSON, Slack's command names and manifest entries) and /help from that registry.
import type { Lang, Texts } from '../i18n/lang.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { Reply } from '../reply/model.ts';
import type { SearchEngine } from '../search/engine.ts';
import type { Services } from './services.ts';

export type { Texts };

/**
 * How a platform talks about itself, supplied by its adapter: the commands' and services'
 * replies use these words instead of branching on the platform's name.
 */
export interface PlatformWords {
  /** "server" on Discord, "workspace" on Slack. */
  workspace: Texts;
  /** Who may run admin commands here, as one sentence. */
  whoIsAdmin: Texts;
}

/** Who runs a command, and where: filled in by the adapter. */
export interface Caller {
  /** 'discord', 'slack', 'console', 'cli', … (logs and stored records). */
  platform: string;
  /** Discord guild id or Slack team id. */
  workspace?: string;
  /** The channel the command was run in; absent in the console and the CLI. */
  channel?: string;
  /** The platform's user id; never shown. */
  user?: string;
  /** Decided by the adapter with the platform's own permission check. */
  isAdmin: boolean;
  /** May review ingested drafts (decided by the adapter). */
  isReviewer?: boolean;
  /** True in a direct message with the bot. */
  isDirect?: boolean;
  /** How a command is typed where the caller is: "/subscribe", "/ilzam-subscribe", "/ilzam subscribe". */
  commandName(name: string): string;
  words: PlatformWords;
}

/** The commands a bot has, as a command sees them (help lists them). */
export interface CommandList {
  find(name: string): Command | undefined;
  list(): readonly Command[];
}

export interface CommandContext {
  kb: KnowledgeBase;
  search: SearchEngine;
  commands: CommandList;
  services: Services;
  caller: Caller;
  /** The current time (injectable for tests and the scheduler). */
  now: Date;
  /** The language to answer in, decided once by the Bot (the lang option, the query's script, the default). */
  lang: Lang;
  /** Language when the user gives none and the query is not in Urdu script. */
  defaultLang: Lang;
  /** IANA zone for "today" (the weekly digest). */
  timeZone: string;
}

export type OptionKind = 'text' | 'lang' | 'date' | 'flag' | 'time' | 'zone';

/** What an option's autocomplete offers; the Bot answers each. */
export type AutocompleteSource = 'incident' | 'actor' | 'followable' | 'zone' | 'draft';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  description: Texts;
  required?: boolean;
  autocomplete?: AutocompleteSource;
  /** Longest value a platform should accept; typed text is capped again by the command. */
  maxLength?: number;
  /** A fixed set of values (Discord shows them as choices; elsewhere they are typed). */
  choices?: readonly { value: string; label: Texts }[];
}

export type CommandInput = Record<string, string | undefined>;

/** Who may run a command: everyone, admins (Manage Server / workspace admins), or reviewers. */
export type Access = 'everyone' | 'admin' | 'reviewer';
/** Where it may run: anywhere (DMs, console), or only in a channel of a server or workspace. */
export type Where = 'anywhere' | 'channel';

export interface Command {
  name: string;
  description: Texts;
  /** Examples of use, shown in help (the first one also in usage replies). */
  examples: Record<Lang, string[]>;
  options: OptionSpec[];
  /** Default everyone. */
  access?: Access;
  /** Default anywhere. */
  where?: Where;
  /** Answers only the asker (on Slack and Discord), whatever the reply. */
  private?: boolean;
  /**
   * Reads the command's options from free text (the console, Slack): default "key:value"
   * pairs anywhere, the rest being the main text option (parse-text.ts).
   */
  parseText?(text: string): CommandInput;
  run(input: CommandInput, ctx: CommandContext): Reply | Promise<Reply>;
}
