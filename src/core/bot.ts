// The bot's kernel, shared by every adapter: the knowledge base, the search index, the command
// registry it is handed, and the services. One entry point runs a command for a caller: it
// decides the answer language once, enforces who may run the command and where, and never
// throws at the user. Adapters call run() and suggest(), then render the Reply they get.
import { BadLanguageError, chooseLang, parseLang, say, type Lang } from '../i18n/lang.ts';
import { zonesMatching } from '../i18n/time.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { DataPaths } from '../knowledge/load.ts';
import { openKnowledgeBase } from '../knowledge/open.ts';
import { fileTextSource, IncidentTextCache } from '../knowledge/incident-text.ts';
import { logFor } from '../log/logger.ts';
import { searchDocs } from '../knowledge/search-docs.ts';
import { searchIndexKey } from '../knowledge/search-index-key.ts';
import { labelOf } from '../knowledge/lookup.ts';
import { followableValue } from '../knowledge/follow-targets.ts';
import { apologyReply, badLangReply, notAllowedReply, notHereReply } from '../reply/common.ts';
import { emptyReply, type Reply, type Suggestion } from '../reply/model.ts';
import { SearchEngine } from '../search/engine.ts';
import { openSearchIndex } from '../search/snapshot.ts';
import { searchIndexFile } from '../search/index-file.ts';
import { cleanText, echo } from '../text/clean.ts';
import type { AutocompleteSource, Caller, Command, CommandContext, CommandInput } from './command.ts';
import type { CommandRegistry } from './command-registry.ts';
import type { Services } from './services.ts';

export interface BotConfig {
  defaultLang: Lang;
  timeZone: string;
}

export interface RunOptions {
  now?: Date;
}

/** How errors are reported; stderr by default. Never gets user text beyond the command name. */
export type BotLog = (message: string, err?: unknown) => void;

const stderrLog: BotLog = (message, err) => logFor().error(message, err);

/** The caller in the terminal and the CLI: no channel, no admin rights, commands typed as "/name". */
export const LOCAL_CALLER: Caller = {
  platform: 'console',
  isAdmin: false,
  commandName: (name) => `/${name}`,
  words: {
    workspace: { en: 'server or workspace', ur: 'سرور یا ورک اسپیس' },
    whoIsAdmin: { en: 'Only a Discord server’s or Slack workspace’s admins can do that.', ur: 'یہ کام صرف ڈسکارڈ سرور یا سلیک ورک اسپیس کے منتظمین کر سکتے ہیں۔' },
  },
};

export class Bot {
  constructor(
    readonly kb: KnowledgeBase,
    readonly search: SearchEngine,
    readonly config: BotConfig,
    readonly commands: CommandRegistry,
    readonly services: Services = {},
    private readonly log: BotLog = stderrLog,
  ) {}

  /**
   * Loads the curated data and the registry (validated unless data:check vouches for exactly
   * these files), and the search index from its snapshot (built and written there when missing
   * or stale; see src/search/snapshot.ts), keyed by the files' hashes (src/knowledge/search-index-key.ts). `indexDir` is where snapshots are kept (default:
   * ILZAM_INDEX_DIR, else .cache/ in the state dir or the project).
   */
  static async open(config: BotConfig, commands: CommandRegistry, services: Services = {}, paths: DataPaths & { indexDir?: string } = {}): Promise<Bot> {
    const { kb, incidentFiles, hashes } = await openKnowledgeBase(paths);
    // Keyed by the files' hashes (already computed to read them): a snapshot of these very files
    // is read without making a single search document.
    const { engine } = openSearchIndex(searchIndexFile(paths), () => searchDocs(kb), (m) => logFor('search').warn(m), searchIndexKey(hashes));
    const bot = new Bot(kb, engine, config, commands, services);
    // The index has what it needs of the incidents' text; replies read it back from the files.
    kb.slimText(new IncidentTextCache(fileTextSource(incidentFiles)));
    return bot;
  }

  /** Builds the search index afresh over a loaded knowledge base (tools and tests load it with loadKnowledgeBase). */
  static fromKnowledge(kb: KnowledgeBase, config: BotConfig, commands: CommandRegistry, services: Services = {}): Bot {
    const search = new SearchEngine(searchDocs(kb));
    search.seal();
    return new Bot(kb, search, config, commands, services);
  }

  /** The same bot (data, index, commands) with other services, e.g. the digest's once its store is open. */
  withServices(services: Services): Bot {
    return new Bot(this.kb, this.search, this.config, this.commands, services, this.log);
  }

  context(caller: Caller = LOCAL_CALLER, opts: RunOptions = {}): CommandContext {
    return {
      kb: this.kb,
      search: this.search,
      commands: this.commands,
      services: this.services,
      caller,
      now: opts.now ?? new Date(),
      lang: this.config.defaultLang,
      defaultLang: this.config.defaultLang,
      timeZone: this.config.timeZone,
    };
  }

  /**
   * The language to answer in: the lang option when given, else Urdu for a query typed in Urdu
   * script, else the default. A lang option that is neither is a BadLanguageError.
   */
  answerLang(command: Command, input: CommandInput): Lang {
    const main = command.options.find((o) => o.kind === 'text');
    const query = main ? cleanText(input[main.name]) : undefined;
    return chooseLang(parseLang(input.lang), query, this.config.defaultLang);
  }

  /**
   * Runs a command (or the one a name means) for a caller. Unknown names get the list of
   * commands; a caller without the right gets a refusal; a bug gets an apology, not a trace.
   */
  async run(commandOrName: Command | string, input: CommandInput, caller: Caller = LOCAL_CALLER, opts: RunOptions = {}): Promise<Reply> {
    const command = typeof commandOrName === 'string' ? this.commands.find(commandOrName) : commandOrName;
    if (!command) return this.unknownCommand(String(commandOrName), caller);
    let lang: Lang;
    try {
      lang = this.answerLang(command, input);
    } catch (err) {
      if (err instanceof BadLanguageError) return badLangReply(err.given, this.config.defaultLang);
      throw err;
    }
    const refused = this.refusal(command, caller, lang);
    if (refused) return refused;
    try {
      const reply = await command.run(input, { ...this.context(caller, opts), lang });
      if (command.private) reply.ephemeral = true;
      return reply;
    } catch (err) {
      this.log(`/${command.name} failed`, err);
      return apologyReply(lang);
    }
  }

  /** Why this caller may not run this command here, or undefined when they may. */
  refusal(command: Command, caller: Caller, lang: Lang): Reply | undefined {
    const name = caller.commandName(command.name);
    if ((command.where ?? 'anywhere') === 'channel' && (!caller.channel || caller.isDirect)) return notHereReply(lang, name);
    const access = command.access ?? 'everyone';
    if (access === 'admin' && !caller.isAdmin) {
      return notAllowedReply(lang, { en: `Only admins can use ${name}`, ur: `${name} صرف منتظمین استعمال کر سکتے ہیں` }, caller.words.whoIsAdmin);
    }
    if (access === 'reviewer' && !caller.isReviewer) {
      return notAllowedReply(lang, { en: `Only reviewers can use ${name}`, ur: `${name} صرف نظرثانی کرنے والے استعمال کر سکتے ہیں` }, {
        en: 'Reviewers are the people the bot’s operator has named, and admins where the operator allows it.',
        ur: 'نظرثانی کرنے والے وہ افراد ہیں جنہیں بوٹ چلانے والے نے مقرر کیا ہو، اور جہاں اجازت ہو وہاں منتظمین۔',
      });
    }
    return undefined;
  }

  unknownCommand(name: string, caller: Caller = LOCAL_CALLER): Reply {
    const lang = this.config.defaultLang;
    const typed = `/${echo(name.replace(/^\//, ''))}`;
    const reply = emptyReply('usage', lang, say(lang, { en: `There is no command “${typed}”`, ur: `’${typed}‘ کوئی کمانڈ نہیں` }), true);
    reply.description = say(lang, { en: 'These are the commands:', ur: 'یہ کمانڈز دستیاب ہیں:' });
    reply.fields = this.commands.list().map((c) => ({ label: caller.commandName(c.name), lines: [c.description[lang]] }));
    return reply;
  }

  /** Autocomplete choices for what is typed so far, best first; at most `limit`. */
  suggest(source: AutocompleteSource, typed: string, lang: Lang = this.config.defaultLang, limit = 25): Suggestion[] {
    const text = cleanText(typed);
    if (source === 'zone') return zonesMatching(text, this.config.timeZone).slice(0, limit).map((z) => ({ label: z, value: z }));
    if (source === 'draft') return this.services.review?.suggestDrafts(text, limit) ?? [];
    if (source === 'followable') {
      // Actors, states and incidents alike; before anything is typed, states and groups first.
      const hits = text ? this.search.suggest(text, { kinds: ['entity', 'incident'], limit }) : [...this.defaultSuggestions('entity', limit), ...this.defaultSuggestions('incident', limit)];
      return hits.slice(0, limit).map((h) => ({ label: labelOf(this, h, lang), value: followableValue(h) }));
    }
    if (source !== 'incident' && source !== 'actor') return [];
    const targetKind = source === 'incident' ? 'incident' : 'entity';
    const hits = text ? this.search.suggest(text, { kinds: [targetKind], limit }) : this.defaultSuggestions(targetKind, limit);
    return hits.slice(0, limit).map((h) => ({ label: labelOf(this, h, lang), value: h.id }));
  }

  /** Before anything is typed: the newest incidents, or the curated parties. */
  private defaultSuggestions(kind: 'incident' | 'entity', limit: number) {
    if (kind === 'incident') {
      // The table picks them without making every record (src/knowledge/incident-table.ts).
      return this.kb.incidents.newest(limit).map((i) => ({ kind: 'incident' as const, id: i.id }));
    }
    return [...this.kb.entities.values()]
      .filter((e) => e.party && (e.kind === 'threat-group' || e.kind === 'criminal-group' || e.kind === 'state'))
      .slice(0, limit)
      .map((e) => ({ kind: 'entity' as const, id: e.id }));
  }
}
