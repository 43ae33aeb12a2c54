// The peer libraries on the same store and queries as the project's engine, in one process per
// size (bench/run.ts spawns it with --expose-gc), one engine after another, each dropped and the
// heap collected before the next. Every engine is asked the same incident queries (12 results,
// incident targets, as /incident asks) and autocomplete keystrokes (25 results), and timed on
// the search call alone (no summary, no rendering), the same for all.
//
// Fairness: each engine gets the project's own search documents (names with their weights,
// descriptive words) and normalizer; its configuration is in bench/peers/<name>.ts, in words
// in the report. An engine too slow for the time budget is timed on a prefix of the queries,
// interleaved by class so the subset keeps the mix; the report says how many it answered.
//
// Run directly: node --expose-gc --import tsx bench/peers.ts --size 10000 [--peers a,b] [--budget S] [--passes N] [--seed N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { Incident } from '../src/domain/schema.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { searchDocs } from '../src/knowledge/search-docs.ts';
import { DEFAULT_SEED, generateStore, loadBase } from './generate.ts';
import { stats, type Accuracy, type Stats } from './measure.ts';
import { selectPeers } from './peers/index.ts';
import type { Ids, Peer, PeerIndex } from './peers/types.ts';
import { accepts, buildQueries, QUERY_CLASSES, type BenchQuery, type QueryClass, type SuggestQuery } from './queries.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SEARCH_LIMIT = 12;
export const SUGGEST_LIMIT = 25;
/** Seconds each engine may spend on each timed phase (search, autocomplete), warm-up included. */
export const DEFAULT_BUDGET_S = 30;

export interface PhaseResult extends Stats {
  cpu: Stats;
  /** Distinct queries timed at least once, of all there are. */
  answered: number;
  total: number;
  /** The budget ran out before every query had been timed once. */
  cut: boolean;
}

export interface PeerResult {
  name: string;
  version?: string;
  config: string;
  buildMs: number;
  buildCpuMs: number;
  /** heapUsed + arrayBuffers held by the built index, after a forced GC (MB). */
  heapMB: number;
  search: PhaseResult;
  suggest: PhaseResult;
  /** Top-1 over the queries with a known answer that were timed (the first pass). */
  accuracy: Partial<Record<QueryClass, Accuracy>> & { all: Accuracy };
  suggestFound: { n: number; found: number };
  error?: string;
}

export interface PeersSizeResult {
  size: number;
  seed: number;
  budgetS: number;
  passes: number;
  load: { before: number; after: number };
  peers: PeerResult[];
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
async function settle(): Promise<void> {
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
}
const heap = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function versionOf(pkg: string | undefined): string | undefined {
  if (!pkg) return undefined;
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Round-robin over the classes, so any prefix of the list keeps the mix of the whole. */
export function interleaved<T>(items: T[], classOf: (t: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const it of items) groups.set(classOf(it), [...(groups.get(classOf(it)) ?? []), it]);
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const g of groups.values()) if (i < g.length) out.push(g[i]!);
  return out;
}

async function timed(run: () => Ids): Promise<{ ids: string[]; ms: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = run();
  const ids = Array.isArray(out) ? out : await out;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { ids, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * A warm-up over the first queries (a quarter of the budget at most), then up to `passes`
 * passes while the budget lasts; `onFirst` sees each query's answer the first time it is timed.
 */
async function phase<Q>(items: Q[], ask: (q: Q) => Ids, budgetMs: number, passes: number, onFirst: (q: Q, ids: string[]) => void): Promise<PhaseResult> {
  const start = performance.now();
  for (const q of items.slice(0, 20)) {
    if (performance.now() - start > budgetMs / 4) break;
    await timed(() => ask(q));
  }
  const ms: number[] = [];
  const cpu: number[] = [];
  let answered = 0;
  let cut = false;
  outer: for (let pass = 0; pass < passes; pass++) {
    gc();
    for (const q of items) {
      if (performance.now() - start > budgetMs) {
        cut = pass === 0;
        break outer;
      }
      const r = await timed(() => ask(q));
      ms.push(r.ms);
      cpu.push(r.cpuMs);
      if (pass === 0) {
        answered++;
        onFirst(q, r.ids);
      }
    }
  }
  return { ...stats(ms), cpu: stats(cpu), answered, total: items.length, cut };
}

export interface PeersOptions {
  size: number;
  seed?: number;
  peers?: string[];
  budgetS?: number;
  passes?: number;
  log?: (msg: string) => void;
}

export async function measurePeers(opts: PeersOptions): Promise<PeersSizeResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const budgetMs = (opts.budgetS ?? DEFAULT_BUDGET_S) * 1000;
  const passes = opts.passes ?? 2;
  const log = opts.log ?? (() => {});
  const loadBefore = loadavg()[0]!;
  const base = loadBase();
  const store = generateStore(base, opts.size, seed);
  // The records as the loaders leave them (parsed and validated), as in bench/measure.ts.
  const incidents = (JSON.parse(JSON.stringify(store.dataset.incidents)) as unknown[]).map((raw) => Incident.parse(raw));
  store.dataset.incidents = [];
  const kb = new KnowledgeBase({ meta: store.dataset.meta, parties: store.dataset.parties, incidents }, base.registry);
  const queries = buildQueries(store, kb, seed);
  const incidentQueries = interleaved(queries.incident, (q) => q.cls);
  const suggestQueries = interleaved(queries.suggest, (s) => `${s.kind}:${s.expect ? 'last' : 'typing'}`);

  const results: PeerResult[] = [];
  for (const peer of selectPeers(opts.peers)) {
    results.push(await measurePeer(peer, kb, incidentQueries, suggestQueries, budgetMs, passes, log));
    await settle();
  }
  return { size: opts.size, seed, budgetS: budgetMs / 1000, passes, load: { before: round2(loadBefore), after: round2(loadavg()[0]!) }, peers: results };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function measurePeer(
  peer: Peer,
  kb: KnowledgeBase,
  incidentQueries: BenchQuery[],
  suggestQueries: SuggestQuery[],
  budgetMs: number,
  passes: number,
  log: (msg: string) => void,
): Promise<PeerResult> {
  const empty: PhaseResult = { ...stats([]), cpu: stats([]), answered: 0, total: 0, cut: false };
  const result: PeerResult = {
    name: peer.name,
    version: versionOf(peer.pkg),
    config: peer.config,
    buildMs: 0,
    buildCpuMs: 0,
    heapMB: 0,
    search: empty,
    suggest: empty,
    accuracy: { all: { n: 0, top1: 0, answered: 0 } },
    suggestFound: { n: 0, found: 0 },
  };
  try {
    await settle();
    const before = heap();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let index: PeerIndex | undefined = await peer.build({ docs: () => searchDocs(kb), kb });
    result.buildMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    result.buildCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    await settle();
    result.heapMB = Math.round((heap() - before) / 104857.6) / 10;
    log(`${peer.name}: built in ${result.buildMs} ms, ${result.heapMB} MB`);

    const acc = result.accuracy;
    result.search = await phase(incidentQueries, (q) => index!.search(q.q, 'incident', SEARCH_LIMIT), budgetMs, passes, (q, ids) => {
      if (!q.expect) return;
      const ok = accepts(kb, q.expect, ids[0]);
      for (const a of [(acc[q.cls] ??= { n: 0, top1: 0, answered: 0 }), acc.all]) {
        a.n++;
        if (ok) a.top1++;
      }
    });
    result.suggest = await phase(suggestQueries, (s) => index!.suggest(s.typed, s.kind === 'incident' ? 'incident' : 'entity', SUGGEST_LIMIT), budgetMs, passes, (s, ids) => {
      if (!s.expect) return;
      result.suggestFound.n++;
      if (s.expect.entity ? ids.includes(s.expect.entity) : ids.some((id) => accepts(kb, s.expect!, id))) result.suggestFound.found++;
    });
    log(`${peer.name}: search p50 ${result.search.p50} p99 ${result.search.p99} ms (${result.search.answered}/${result.search.total}), top-1 ${acc.all.top1}/${acc.all.n}; autocomplete p99 ${result.suggest.p99} ms`);
    index = undefined;
  } catch (err) {
    result.error = (err as Error).message ?? String(err);
    log(`${peer.name}: FAILED ${result.error}`);
  }
  return result;
}

export { QUERY_CLASSES };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const size = Number(arg('size') ?? 1000);
  const result = await measurePeers({
    size,
    seed: arg('seed') ? Number(arg('seed')) : undefined,
    peers: arg('peers')?.split(',').filter(Boolean),
    budgetS: arg('budget') ? Number(arg('budget')) : undefined,
    passes: arg('passes') ? Number(arg('passes')) : undefined,
    log: (m) => process.stderr.write(`[peers ${size}] ${m}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
