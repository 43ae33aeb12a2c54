// The bot's core, shared by every adapter: the knowledge base, the search index, and the
// commands, with one entry point that never throws at the user. Platform code calls
// execute() and suggest(), then renders the Reply it gets.
import { COMMANDS, findCommand } from '../../commands/index.ts';
import type { Incident } from '../domain/schema.ts';
import type { Lang } from '../i18n/lang.ts';
import { emptyReply, type Reply, type Suggestion } from '../reply/model.ts';
import { SearchEngine } from '../search/engine.ts';
import type { Command, CommandContext, CommandInput } from './command.ts';
import { cleanText, echo } from '../text/clean.ts';
import { KnowledgeBase, loadKnowledgeBase } from '../knowledge/knowledge.ts';
import { labelOf } from '../knowledge/lookup.ts';
import { incidentDoc, searchDocs } from '../knowledge/search-docs.ts';

export interface BotConfig {
  defaultLang: Lang;
  timeZone: string;
}

export interface ExecuteOptions {
  now?: Date;
  user?: string;
}

/** Discord's limits for a choice; other platforms' are looser. */
export const SUGGESTION_LIMIT = 25;
export const SUGGESTION_TEXT_MAX = 100;

export class Bot {
  readonly commands: Command[] = COMMANDS;

  constructor(
    readonly kb: KnowledgeBase,
    readonly search: SearchEngine,
    readonly config: BotConfig,
  ) {}

  static load(config: BotConfig, paths: { dataDir?: string; registryFile?: string } = {}): Bot {
    const kb = loadKnowledgeBase(paths);
    const search = new SearchEngine(searchDocs(kb));
    search.seal();
    return new Bot(kb, search, config);
  }

  context(opts: ExecuteOptions = {}): CommandContext {
    return { kb: this.kb, search: this.search, now: opts.now ?? new Date(), defaultLang: this.config.defaultLang, timeZone: this.config.timeZone, user: opts.user };
  }

  /** Runs a command by name. Unknown commands get help; a bug gets an apology, not a trace. */
  execute(name: string, input: CommandInput, opts: ExecuteOptions = {}): Reply {
    const command = findCommand(name);
    const ctx = this.context(opts);
    if (!command) return this.unknownCommand(name);
    try {
      return command.run(input, ctx);
    } catch (err) {
      console.error(`[ilzam] /${command.name} failed:`, err instanceof Error ? err.stack : err);
      const lang = this.config.defaultLang;
      const reply = emptyReply('error', lang, lang === 'ur' ? 'معذرت، کچھ غلط ہو گیا' : 'Sorry, something went wrong');
      reply.description = lang === 'ur' ? 'دوبارہ کوشش کریں، یا /help دیکھیں۔' : 'Please try again, or see /help.';
      reply.ephemeral = true;
      return reply;
    }
  }

  unknownCommand(name: string): Reply {
    const lang = this.config.defaultLang;
    const reply = emptyReply('usage', lang, lang === 'ur' ? `“/${echo(name)}” کوئی کمانڈ نہیں` : `There is no command “/${echo(name)}”`, true);
    reply.description = lang === 'ur' ? 'یہ کمانڈز دستیاب ہیں:' : 'These are the commands:';
    reply.fields = this.commands.map((c) => ({ label: `/${c.name}`, lines: [c.description[lang]] }));
    return reply;
  }

  /** Autocomplete choices for a partly typed incident or actor name. */
  suggest(kind: 'incident' | 'actor', typed: string, lang: Lang = this.config.defaultLang): Suggestion[] {
    const text = cleanText(typed);
    const targetKind = kind === 'incident' ? 'incident' : 'entity';
    const ctx = this.context();
    const hits = text ? this.search.suggest(text, { kinds: [targetKind], limit: SUGGESTION_LIMIT }) : this.defaultSuggestions(targetKind);
    return hits.slice(0, SUGGESTION_LIMIT).map((h) => ({ label: fit(labelOf(ctx, h, lang), SUGGESTION_TEXT_MAX), value: fit(h.id, SUGGESTION_TEXT_MAX) }));
  }

  /** Before anything is typed: the newest incidents, or the curated parties. */
  private defaultSuggestions(kind: 'incident' | 'entity') {
    if (kind === 'incident') {
      return [...this.kb.incidents.values()]
        .sort((a, b) => b.firstAttributed.localeCompare(a.firstAttributed))
        .slice(0, SUGGESTION_LIMIT)
        .map((i) => ({ kind: 'incident' as const, id: i.id }));
    }
    return [...this.kb.entities.values()]
      .filter((e) => e.party && (e.kind === 'threat-group' || e.kind === 'criminal-group' || e.kind === 'state'))
      .slice(0, SUGGESTION_LIMIT)
      .map((e) => ({ kind: 'entity' as const, id: e.id }));
  }

  /** Adds an incident at run time and makes it searchable at once. */
  addIncident(incident: Incident): void {
    this.kb.addIncident(incident);
    this.search.add(incidentDoc(this.kb, incident));
  }
}

function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
