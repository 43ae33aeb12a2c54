// The search engine alone on the built index and on the same index loaded from its snapshot, in
// one process over the bench's queries: whether they answer alike, their latency (all samples,
// and each query's median over the passes, which machine noise barely moves), and the queries
// slowest on the loaded one. For a CPU profile add node's --cpu-prof.
//   node --expose-gc --import tsx bench/profile-loaded.ts [--size 100000] [--passes 5]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { searchDocs } from '../src/knowledge/search-docs.ts';
import { SearchEngine, type SearchOptions } from '../src/search/engine.ts';
import { readSnapshot, writeSnapshot } from '../src/search/snapshot.ts';
import { DEFAULT_SEED, generateStore, loadBase } from './generate.ts';
import { buildQueries } from './queries.ts';
import { stats } from './measure.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const size = Number(arg('size') ?? 100000);
const passes = Number(arg('passes') ?? 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const base = loadBase();
const store = generateStore(base, size, DEFAULT_SEED);
const kb = new KnowledgeBase(store.dataset, base.registry);
const built = new SearchEngine(searchDocs(kb));
built.seal();
const file = path.join(tmpdir(), `ilzam-profile-${process.pid}.idx`);
writeSnapshot(built, file, 'profile');
const t0 = performance.now();
const loaded = readSnapshot(file, 'profile');
process.stderr.write(`snapshot read in ${Math.round(performance.now() - t0)} ms\n`);
rmSync(file, { force: true });

// As the /incident command and Discord autocomplete call the engine (src/knowledge/lookup.ts, src/core/bot.ts).
const queries = buildQueries(store, kb, DEFAULT_SEED);
const calls: Array<{ label: string; suggest: boolean; q: string; opts: SearchOptions }> = [
  ...queries.incident.map((q) => ({ label: 'incident', suggest: false, q: q.q, opts: { kinds: ['incident'], limit: 12 } as SearchOptions })),
  ...queries.suggest.map((s) => ({ label: 'suggest', suggest: true, q: s.typed, opts: { kinds: s.kind === 'actor' ? ['entity', 'incident'] : ['incident'], limit: 25 } as SearchOptions })),
];
const engines = { built, loaded };
const call = (e: SearchEngine, c: (typeof calls)[number]) => (c.suggest ? e.suggest(c.q, c.opts) : e.search(c.q, c.opts));

let differ = 0;
for (const c of calls) if (JSON.stringify(call(built, c)) !== JSON.stringify(call(loaded, c))) differ++;
process.stderr.write(`answers that differ between built and loaded: ${differ} of ${calls.length}\n`);

const times = { built: calls.map((): number[] => []), loaded: calls.map((): number[] => []) };
// Young-generation collections during the timed calls: what the queries' own garbage costs
// (the p99's tail when the heap is large, docs/performance.md).
const scavenges = { built: { n: 0, ms: 0 }, loaded: { n: 0, ms: 0 } };
// The observer reports after the fact: each collection is put in the timed span it started in.
const spans: Array<{ name: 'built' | 'loaded'; from: number; to: number }> = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if ((e as { detail?: { kind?: number } }).detail?.kind !== 1) continue; // NODE_PERFORMANCE_GC_MINOR
    const span = spans.find((s) => e.startTime >= s.from && e.startTime <= s.to);
    if (!span) continue;
    scavenges[span.name].n++;
    scavenges[span.name].ms += e.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });
for (let pass = 0; pass < passes; pass++) {
  for (const name of ['built', 'loaded'] as const) {
    gc();
    const from = performance.now();
    calls.forEach((c, i) => {
      const t = performance.now();
      call(engines[name], c);
      times[name][i]!.push(performance.now() - t);
    });
    spans.push({ name, from, to: performance.now() });
  }
}
await new Promise((resolve) => setTimeout(resolve, 10)); // the observer reports asynchronously
observer.disconnect();
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
for (const label of ['incident', 'suggest']) {
  const at = calls.map((c, i) => (c.label === label ? i : -1)).filter((i) => i >= 0);
  for (const name of ['built', 'loaded'] as const) {
    const all = stats(at.flatMap((i) => times[name][i]!));
    const medians = stats(at.map((i) => median(times[name][i]!)));
    console.log(`${label} ${name}: all samples p50 ${all.p50} p99 ${all.p99} max ${all.max} ms; per-query medians p99 ${medians.p99} max ${medians.max} ms`);
  }
}
for (const name of ['built', 'loaded'] as const) console.log(`scavenges during ${name}'s ${passes} passes: ${scavenges[name].n}, ${scavenges[name].ms.toFixed(0)} ms`);
console.log('slowest on the loaded index (median ms, loaded / built):');
calls
  .map((c, i) => ({ c, loaded: median(times.loaded[i]!), built: median(times.built[i]!) }))
  .sort((a, b) => b.loaded - a.loaded)
  .slice(0, 15)
  .forEach((r) => console.log(`  ${r.loaded.toFixed(2)} / ${r.built.toFixed(2)}  ${r.c.label} ${JSON.stringify(r.c.q)}`));
