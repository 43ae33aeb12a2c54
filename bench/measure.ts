// One store size, measured in its own process (bench/run.ts spawns one per size, with
// --expose-gc, so heap figures are clean): generate, load, build, query, and the baseline.
// Run directly: node --expose-gc --import tsx bench/measure.ts --size 10000 [--seed N] [--cap N]
import { rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { searchDocs } from '../src/knowledge/search-docs.ts';
import { Incident, type Incident as IncidentT } from '../src/domain/schema.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { hashDocs, openSearchIndex, readSnapshot, writeSnapshot } from '../src/search/snapshot.ts';
import { searchIndexKey } from '../src/knowledge/search-index-key.ts';
import { readRegistryFile } from '../src/registry/registry-file.ts';
import { createHash } from 'node:crypto';
import { FuseBaseline, baselineRecords } from './baseline.ts';
import { slimRecords } from './slim.ts';
import { DEFAULT_SEED, generateStore, loadBase } from './generate.ts';
import { incidentPath, makeBot, RENDERERS, suggestPath, type Probe } from './paths.ts';
import { accepts, buildQueries, QUERY_CLASSES, type BenchQuery, type QueryClass } from './queries.ts';

export interface Stats {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface Accuracy {
  n: number;
  /** The search ranked a right incident first. */
  top1: number;
  /** ...and it scored high enough that the command answered with it (not "did you mean"). */
  answered: number;
}

export interface SizeResult {
  size: number;
  seed: number;
  incidents: number;
  entities: number;
  realIncidents: number;
  skippedFiles: string[];
  generateMs: number;
  /** JSON.parse plus zod validation of every incident, as the loaders do. */
  loadMs: number;
  /** KnowledgeBase, search documents, SearchEngine and seal(). */
  buildMs: number;
  /** The same, in CPU time (all threads, GC helpers included). */
  buildCpuMs: number;
  /**
   * heapUsed + arrayBuffers after a forced GC. `total`: whole records and the index as built
   * (`store` the records, `index` the index and knowledge base on top). `slimTotal`: as a bot
   * runs, the index loaded from its snapshot (snapshot.indexMB) and the records slim
   * (src/knowledge/incident-table.ts); `slimRest` is slimTotal less the loaded index: the
   * records, the knowledge base, the registry and the loaded code.
   */
  memoryMB: { heapUsed: number; arrayBuffers: number; total: number; store: number; index: number; rss: number; slimTotal: number; slimRest: number; slimRss: number };
  textReads: number;
  /**
   * The index persisted (src/search/snapshot.ts): writing it, and loading it as a start does
   * (hashing the search documents to check the snapshot is theirs, then reading the file);
   * `indexMB` is the heap the loaded index adds. The queries below run on the loaded index.
   * `keyedLoadMs`: loaded as Bot.open does, by its key (src/knowledge/search-index-key.ts) with
   * no document made; the key is of the store's JSON text, hashed while it is loaded as a start
   * hashes the files it reads (`keyHashMs`, outside the load: a start pays it either way).
   */
  snapshot: { writeMs: number; hashMs: number; readMs: number; loadMs: number; keyedLoadMs: number; keyHashMs: number; fileMB: number; indexMB: number };
  /** Wall-clock latency; `cpu` is the process's CPU time over the same spans. */
  incident: Stats & { search: Stats; cpu: Stats };
  suggest: Stats & { cpu: Stats };
  /** 1-minute load average before and after the run (2 cores: above 2 means others compete). */
  load: { before: number; after: number };
  accuracy: Partial<Record<QueryClass, Accuracy>> & { all: Accuracy };
  suggestFound: { n: number; found: number };
  /** Queries whose top hit was not a right answer (at most 25), for a look at why. */
  misses: Array<{ cls: QueryClass; q: string; got?: string; want: string }>;
  baseline: {
    queries: number;
    capped: boolean;
    buildMs: number;
    incident: Stats;
    /** Ours over exactly the same queries, for the ratio. */
    ours: Stats;
    accuracy: Partial<Record<QueryClass, Accuracy>> & { all: Accuracy };
    speedup: { mean: number; p50: number; p99: number };
  };
  passes: number;
  machine: { cpus: number; model: string; memGB: number; node: string };
  queryCounts: Partial<Record<QueryClass, number>>;
  suggestCount: number;
}

export interface SizeOptions {
  size: number;
  seed?: number;
  /** Most baseline queries to run (a stratified subset); default by size. */
  cap?: number;
  passes?: number;
  log?: (msg: string) => void;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]! : 0);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(at(0.5)), p90: r(at(0.9)), p99: r(at(0.99)), max: r(s[s.length - 1] ?? 0), mean: r(s.reduce((a, b) => a + b, 0) / (s.length || 1)) };
}

/** Baseline query counts: all of them at 1,000; fewer as plain fuse.js gets slower. */
export function defaultCap(size: number): number {
  if (size <= 2000) return 100;
  if (size <= 20000) return 40;
  return 12;
}

/** Every `k`-th query of each class, so the subset keeps the mix. */
export function stratified(queries: BenchQuery[], cap: number): BenchQuery[] {
  if (queries.length <= cap) return queries;
  const out: BenchQuery[] = [];
  for (const cls of QUERY_CLASSES) {
    const of = queries.filter((q) => q.cls === cls);
    const take = Math.max(1, Math.round((of.length / queries.length) * cap));
    for (let i = 0; i < take && i < of.length; i++) out.push(of[Math.floor((i * of.length) / take)]!);
  }
  // Rounding can leave it short: top up from what is left, in order.
  for (const q of queries) {
    if (out.length >= cap) break;
    if (!out.includes(q)) out.push(q);
  }
  return out.slice(0, cap);
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
/** A full GC, a pause for the ArrayBuffer sweeper to free what it found, and another GC. */
async function settle(): Promise<void> {
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
}
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function accuracyOf(kb: KnowledgeBase, rows: Array<{ q: BenchQuery; top?: string; answered: boolean }>) {
  const acc: Partial<Record<QueryClass, Accuracy>> & { all: Accuracy } = { all: { n: 0, top1: 0, answered: 0 } };
  for (const { q, top, answered } of rows) {
    if (!q.expect) continue;
    const ok = accepts(kb, q.expect, top);
    for (const a of [(acc[q.cls] ??= { n: 0, top1: 0, answered: 0 }), acc.all]) {
      a.n++;
      if (ok) a.top1++;
      if (ok && answered) a.answered++;
    }
  }
  return acc;
}

export async function measureSize(opts: SizeOptions): Promise<SizeResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const passes = opts.passes ?? 3;
  const loadBefore = loadavg()[0]!;
  const log = opts.log ?? (() => {});
  const base = loadBase();

  let t = performance.now();
  const store = generateStore(base, opts.size, seed);
  const generateMs = performance.now() - t;
  log(`generated ${store.dataset.incidents.length} incidents, ${store.groups.length} groups in ${Math.round(generateMs)} ms`);

  // The store as the loader meets it: JSON text, parsed and validated incident by incident.
  let json: string | undefined = JSON.stringify(store.dataset.incidents);
  const { meta, parties } = store.dataset;
  store.dataset.incidents = [];
  gc();
  t = performance.now();
  let incidents: IncidentT[] | undefined = (JSON.parse(json) as unknown[]).map((raw) => Incident.parse(raw));
  const loadMs = performance.now() - t;
  // The snapshot's key, as Bot.open makes it from the hashes of the files it has just read: here
  // the store's JSON text stands for the curated files (timed apart; not part of any load figure).
  t = performance.now();
  const storeHash = createHash('sha256').update(json).digest('hex');
  const keyHashMs = performance.now() - t;
  const snapshotKey = searchIndexKey({ curated: storeHash, registry: readRegistryFile().hash });
  json = undefined;
  await settle();
  const before = process.memoryUsage();

  t = performance.now();
  const cpu0 = process.cpuUsage();
  const kb = new KnowledgeBase({ meta, parties, incidents }, base.registry);
  let built: SearchEngine | undefined = new SearchEngine(searchDocs(kb));
  built.seal();
  const buildMs = performance.now() - t;
  const buildCpu = process.cpuUsage(cpu0);
  await settle();
  const after = process.memoryUsage();
  log(`loaded in ${Math.round(loadMs)} ms, built in ${Math.round(buildMs)} ms, heap ${mb(after.heapUsed)} MB`);

  // The snapshot: written from the built index, which is then dropped; loaded as a start would.
  const file = path.join(tmpdir(), `ilzam-bench-${process.pid}-${opts.size}.idx`);
  t = performance.now();
  writeSnapshot(built, file, hashDocs(searchDocs(kb)), snapshotKey);
  const writeMs = performance.now() - t;
  built = undefined;
  await settle();
  const beforeLoad = process.memoryUsage();
  t = performance.now();
  const inputs = hashDocs(searchDocs(kb));
  const hashMs = performance.now() - t;
  let first: SearchEngine | undefined = readSnapshot(file, inputs);
  const snapshotLoadMs = performance.now() - t;
  await settle();
  const afterLoad = process.memoryUsage();
  // Loaded again, as Bot.open does: by the key, never making a document (they would throw).
  t = performance.now();
  const keyed = openSearchIndex(file, () => {
    throw new Error('the keyed load made the search documents');
  }, undefined, snapshotKey);
  const keyedLoadMs = performance.now() - t;
  if (keyed.from !== 'snapshot' || keyed.by !== 'key' || keyed.engine.targetCount !== first.targetCount) throw new Error('the keyed load did not read the snapshot by its key');
  // The queries run on the keyed load; the first is dropped, so the heap below holds one index.
  const engine = keyed.engine;
  first = undefined;
  await settle();
  const fileMB = mb(statSync(file).size);
  rmSync(file, { force: true });
  const snapshot = {
    writeMs: Math.round(writeMs),
    hashMs: Math.round(hashMs),
    readMs: Math.round(snapshotLoadMs - hashMs),
    loadMs: Math.round(snapshotLoadMs),
    keyedLoadMs: Math.round(keyedLoadMs),
    keyHashMs: Math.round(keyHashMs),
    fileMB,
    indexMB: mb(afterLoad.heapUsed + afterLoad.arrayBuffers - beforeLoad.heapUsed - beforeLoad.arrayBuffers),
  };
  log(`snapshot ${fileMB} MB written in ${snapshot.writeMs} ms, loaded in ${snapshot.loadMs} ms (hash ${snapshot.hashMs} ms), by its key in ${snapshot.keyedLoadMs} ms (store hashed for the key in ${snapshot.keyHashMs} ms, apart), index heap ${snapshot.indexMB} MB`);

  const queries = buildQueries(store, kb, seed);
  // What the generator knew to make the queries (every incident's facts, every name's key) is
  // the benchmark's, not the bot's: released here so the heap below is what a bot holds.
  const realIncidents = store.realIncidents;
  store.facts = [];
  store.groups = [];
  store.names = new Set();

  // Records off the heap, as Bot.open does after the build (the queries are made from the
  // whole records first, as a user would type them): the same run's heap with whole
  // records (above) and with slim ones; every reply below reads its text through the cache.
  t = performance.now();
  const text = slimRecords(kb);
  const slimMs = performance.now() - t;
  incidents = undefined;
  await settle();
  const slim = process.memoryUsage();
  log(`slimmed in ${Math.round(slimMs)} ms (text file ${text.fileMB} MB), heap ${mb(slim.heapUsed + slim.arrayBuffers)} MB with slim records and the loaded index (${Math.round(mb(slim.heapUsed + slim.arrayBuffers) - snapshot.indexMB)} MB besides the index)`);

  const renderers = RENDERERS;
  const probe: Probe = { last: [], searchMs: 0 };
  const bot = makeBot(kb, engine, probe);

  // Warm-up: every query once, unmeasured (JIT, inline caches, lazily built structures).
  for (const q of queries.incident) await incidentPath(bot, probe, renderers, q.q);
  for (const s of queries.suggest) suggestPath(bot, s.kind, s.typed);

  const incidentMs: number[] = [];
  const incidentCpu: number[] = [];
  const searchMs: number[] = [];
  const perQuery = new Map<BenchQuery, number[]>();
  const rows: Array<{ q: BenchQuery; top?: string; answered: boolean }> = [];
  for (let pass = 0; pass < passes; pass++) {
    gc();
    for (const q of queries.incident) {
      const r = await incidentPath(bot, probe, renderers, q.q);
      incidentMs.push(r.ms);
      incidentCpu.push(r.cpuMs);
      searchMs.push(r.searchMs);
      perQuery.set(q, [...(perQuery.get(q) ?? []), r.ms]);
      if (pass === 0) rows.push({ q, top: r.top, answered: r.reply.kind === 'incident' });
    }
  }
  const suggestMs: number[] = [];
  const suggestCpu: number[] = [];
  let found = 0;
  let withExpect = 0;
  for (let pass = 0; pass < passes; pass++) {
    gc();
    for (const s of queries.suggest) {
      const r = suggestPath(bot, s.kind, s.typed);
      suggestMs.push(r.ms);
      suggestCpu.push(r.cpuMs);
      if (pass === 0 && s.expect) {
        withExpect++;
        const ok = s.expect.entity ? r.values.includes(s.expect.entity) : r.values.some((v) => accepts(kb, s.expect!, v));
        if (ok) found++;
      }
    }
  }
  const textReads = text.cache.reads; // before the fuse baseline, which reads every record's text to index it
  log(`ours: incident p99 ${stats(incidentMs).p99} ms, suggest p99 ${stats(suggestMs).p99} ms, ${textReads} incident texts read`);

  // The baseline, in the same process and run, over a stratified subset at large sizes.
  const cap = opts.cap ?? defaultCap(opts.size);
  const subset = stratified(queries.incident, cap);
  gc();
  t = performance.now();
  const baseline = new FuseBaseline(baselineRecords(kb));
  const baselineBuildMs = performance.now() - t;
  const baseProbe: Probe = { last: [], searchMs: 0 };
  const baseBot = makeBot(kb, baseline, baseProbe);
  for (const q of subset.slice(0, 2)) await incidentPath(baseBot, baseProbe, renderers, q.q);
  const baseMs: number[] = [];
  const baseRows: Array<{ q: BenchQuery; top?: string; answered: boolean }> = [];
  for (const q of subset) {
    const r = await incidentPath(baseBot, baseProbe, renderers, q.q);
    baseMs.push(r.ms);
    baseRows.push({ q, top: r.top, answered: r.reply.kind === 'incident' });
  }
  const oursSame = stats(subset.map((q) => perQuery.get(q)?.[0] ?? 0)); // first measured pass: one run each, like the baseline
  const baseStats = stats(baseMs);
  log(`baseline: ${subset.length} queries, mean ${baseStats.mean} ms`);
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10) / 10 : Infinity);

  text.cleanup();
  const counts: Partial<Record<QueryClass, number>> = {};
  for (const q of queries.incident) counts[q.cls] = (counts[q.cls] ?? 0) + 1;
  return {
    size: opts.size,
    seed,
    incidents: kb.incidents.size,
    entities: kb.entities.size,
    realIncidents,
    skippedFiles: base.skipped,
    generateMs: Math.round(generateMs),
    loadMs: Math.round(loadMs),
    buildMs: Math.round(buildMs),
    buildCpuMs: Math.round((buildCpu.user + buildCpu.system) / 1000),
    memoryMB: {
      heapUsed: mb(after.heapUsed),
      arrayBuffers: mb(after.arrayBuffers),
      total: mb(after.heapUsed + after.arrayBuffers),
      store: mb(before.heapUsed + before.arrayBuffers),
      index: mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers),
      rss: mb(after.rss),
      /** heapUsed + arrayBuffers once the records are slim (their text read from a file on demand). */
      slimTotal: mb(slim.heapUsed + slim.arrayBuffers),
      slimRest: Math.round((mb(slim.heapUsed + slim.arrayBuffers) - snapshot.indexMB) * 10) / 10,
      slimRss: mb(slim.rss),
    },
    snapshot,
    /** Incident texts read through the cache while answering our queries (cache misses; warm-up included). */
    textReads,
    incident: { ...stats(incidentMs), search: stats(searchMs), cpu: stats(incidentCpu) },
    suggest: { ...stats(suggestMs), cpu: stats(suggestCpu) },
    load: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 },
    accuracy: accuracyOf(kb, rows),
    misses: rows
      .filter((r) => r.q.expect && !accepts(kb, r.q.expect, r.top))
      .slice(0, 25)
      .map((r) => ({ cls: r.q.cls, q: r.q.q, got: r.top, want: r.q.expect!.ids?.[0] ?? (r.q.expect!.accusing ? `an incident accusing ${r.q.expect!.accusing}` : '') })),
    suggestFound: { n: withExpect, found },
    baseline: {
      queries: subset.length,
      capped: subset.length < queries.incident.length,
      buildMs: Math.round(baselineBuildMs),
      incident: baseStats,
      ours: oursSame,
      accuracy: accuracyOf(kb, baseRows),
      speedup: { mean: ratio(baseStats.mean, oursSame.mean), p50: ratio(baseStats.p50, oursSame.p50), p99: ratio(baseStats.p99, oursSame.p99) },
    },
    passes,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memGB: Math.round(totalmem() / 2 ** 30), node: process.version },
    queryCounts: counts,
    suggestCount: queries.suggest.length,
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const size = Number(arg('size') ?? 1000);
  const result = await measureSize({
    size,
    seed: arg('seed') ? Number(arg('seed')) : undefined,
    cap: arg('cap') ? Number(arg('cap')) : undefined,
    passes: arg('passes') ? Number(arg('passes')) : undefined,
    log: (m) => process.stderr.write(`[${size}] ${m}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
