// The measured paths, exactly as an adapter runs them: Bot.run('incident') (search, the
// lookup decision, the summary), then rendering the reply to a Discord and a Slack payload and
// serializing them as they are sent; and Bot.suggest for autocomplete.
import { commandRegistry } from '../commands/index.ts';
import { Bot, type BotConfig } from '../src/core/bot.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { renderDiscord } from '../src/adapters/discord/render.ts';
import { renderSlack } from '../src/adapters/slack/render.ts';
import type { Reply } from '../src/reply/model.ts';
import type { SearchEngine, SearchHit, SearchOptions } from '../src/search/engine.ts';

export const BOT_CONFIG: BotConfig = { defaultLang: 'en', timeZone: 'Asia/Karachi' };

export type Renderer = (reply: Reply) => unknown;

export interface Renderers {
  discord: Renderer;
  slack: Renderer;
}

/** The platform renderers the adapters use. */
export const RENDERERS: Renderers = { discord: renderDiscord, slack: renderSlack };

/**
 * Wraps a search engine so the harness sees what the command saw (the hits it ranked) and how
 * long the search itself took, without changing what the command does.
 */
export interface Probe {
  last: SearchHit[];
  searchMs: number;
}

export function probed(engine: Pick<SearchEngine, 'search' | 'suggest'>, probe: Probe): SearchEngine {
  const spy = Object.create(engine) as SearchEngine;
  spy.search = (query: string, opts?: SearchOptions) => {
    const t0 = performance.now();
    const hits = engine.search(query, opts);
    probe.searchMs += performance.now() - t0;
    probe.last = hits;
    return hits;
  };
  return spy;
}

export function makeBot(kb: KnowledgeBase, engine: Pick<SearchEngine, 'search' | 'suggest'>, probe: Probe): Bot {
  return new Bot(kb, probed(engine, probe), BOT_CONFIG, commandRegistry());
}

export interface PathResult {
  ms: number;
  /** On-CPU time of the process over the same span (excludes time the scheduler gave to others). */
  cpuMs: number;
  searchMs: number;
  reply: Reply;
  /** The incident the search ranked first (what was answered, or offered first). */
  top?: string;
  bytes: number;
}

/** One /incident command, end to end. */
export async function incidentPath(bot: Bot, probe: Probe, renderers: Renderers, query: string): Promise<PathResult> {
  probe.searchMs = 0;
  probe.last = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const reply = await bot.run('incident', { query });
  const bytes = JSON.stringify(renderers.discord(reply)).length + JSON.stringify(renderers.slack(reply)).length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, searchMs: probe.searchMs, reply, top: probe.last[0]?.id, bytes };
}

/** One autocomplete request (a keystroke), as the Discord adapter answers it. */
export function suggestPath(bot: Bot, kind: 'incident' | 'actor', typed: string): { ms: number; cpuMs: number; values: string[] } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const choices = bot.suggest(kind, typed);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, values: choices.map((c) => c.value) };
}
