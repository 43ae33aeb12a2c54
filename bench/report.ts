// The report: targets checked against the results, a text table, and the JSON document.
import type { Accuracy, SizeResult } from './measure.ts';
import { QUERY_CLASSES } from './queries.ts';

export interface TargetCheck {
  target: string;
  /** undefined: the size it needs was not measured in this run. */
  pass?: boolean;
  measured: string;
}

const at = (results: SizeResult[], size: number) => results.find((r) => r.size === size);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (a: Accuracy | undefined) => (a && a.n ? `${a.top1}/${a.n} (${((100 * a.top1) / a.n).toFixed(0)}%)` : '—');

export const TARGETS = {
  incidentP99Ms: 10,
  suggestP99Ms: 5,
  speedup10k: 100,
  buildMs: 3000,
  snapshotLoadMs: 3000,
  heapMB: 300,
  typoTop1: 0.95,
};

export function checkTargets(results: SizeResult[]): TargetCheck[] {
  const big = at(results, 100000);
  const mid = at(results, 10000);
  const checks: TargetCheck[] = [
    {
      target: `100,000: p99 of the incident path ≤ ${TARGETS.incidentP99Ms} ms`,
      pass: big && big.incident.p99 <= TARGETS.incidentP99Ms,
      measured: big ? `${ms(big.incident.p99)} ms (CPU time p99 ${ms(big.incident.cpu.p99)} ms)` : 'not measured',
    },
    {
      target: `100,000: p99 of autocomplete ≤ ${TARGETS.suggestP99Ms} ms`,
      pass: big && big.suggest.p99 <= TARGETS.suggestP99Ms,
      measured: big ? `${ms(big.suggest.p99)} ms (CPU time p99 ${ms(big.suggest.cpu.p99)} ms)` : 'not measured',
    },
    {
      target: `10,000: at least ${TARGETS.speedup10k}× faster than plain fuse.js (mean over the same queries)`,
      pass: mid && mid.baseline.speedup.mean >= TARGETS.speedup10k,
      measured: mid ? `${mid.baseline.speedup.mean}× (p50 ${mid.baseline.speedup.p50}×, p99 ${mid.baseline.speedup.p99}×, ${mid.baseline.queries} queries)` : 'not measured',
    },
    {
      target: `100,000: index build ≤ ${TARGETS.buildMs / 1000} s`,
      pass: big && big.buildMs <= TARGETS.buildMs,
      measured: big ? `${(big.buildMs / 1000).toFixed(1)} s (CPU ${(big.buildCpuMs / 1000).toFixed(1)} s; loading the store before it: ${(big.loadMs / 1000).toFixed(1)} s)` : 'not measured',
    },
    {
      target: `100,000: index loaded from its snapshot ≤ ${TARGETS.snapshotLoadMs / 1000} s`,
      // Bot.open loads it by its key (the data files' hashes); older results have only the documents' hash.
      pass: big?.snapshot ? (big.snapshot.keyedLoadMs ?? big.snapshot.loadMs) <= TARGETS.snapshotLoadMs : undefined,
      measured: big?.snapshot
        ? `${big.snapshot.keyedLoadMs !== undefined ? `by its key ${(big.snapshot.keyedLoadMs / 1000).toFixed(2)} s; by the documents' hash ` : ''}${(big.snapshot.loadMs / 1000).toFixed(2)} s (hashing the documents ${(big.snapshot.hashMs / 1000).toFixed(2)} s, reading ${(big.snapshot.readMs / 1000).toFixed(2)} s; built from scratch: ${(big.buildMs / 1000).toFixed(1)} s)`
        : 'not measured',
    },
    {
      // As a bot runs: the index loaded from its snapshot, the records slim (older results: whole records and the built index).
      target: `100,000: heap ≤ ${TARGETS.heapMB} MB as a bot runs (loaded index, slim records)`,
      pass: big && (big.memoryMB.slimTotal ?? big.memoryMB.total) <= TARGETS.heapMB,
      measured: big
        ? `${big.memoryMB.slimTotal} MB: the loaded index ${big.snapshot?.indexMB} MB, the records, knowledge base, registry and code ${big.memoryMB.slimRest ?? Math.round((big.memoryMB.slimTotal - (big.snapshot?.indexMB ?? 0)) * 10) / 10} MB; with whole records and the index as built ${big.memoryMB.total} MB (the incidents ${big.memoryMB.store} MB, index and knowledge base ${big.memoryMB.index} MB)`
        : 'not measured',
    },
  ];
  const typos = results.map((r) => ({ size: r.size, a: r.accuracy.typo })).filter((x) => x.a && x.a.n);
  checks.push({
    target: `top-1 ≥ ${TARGETS.typoTop1 * 100}% on typo queries (every size)`,
    pass: typos.length ? typos.every((x) => x.a!.top1 / x.a!.n >= TARGETS.typoTop1) : undefined,
    measured: typos.length ? typos.map((x) => `${x.size.toLocaleString('en')}: ${pct(x.a)}`).join(', ') : 'not measured',
  });
  return checks;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export function textReport(results: SizeResult[], meta: { date: string; command: string }): string {
  const out: string[] = [];
  const m = results[0]?.machine;
  out.push(`ilzam benchmark · ${meta.date} · ${meta.command}`);
  if (m) out.push(`machine: ${m.cpus} × ${m.model}, ${m.memGB} GB, Node ${m.node}; seed ${results[0]!.seed}; ${results[0]!.passes} measured passes after a warm-up pass`);
  const skipped = [...new Set(results.flatMap((r) => r.skippedFiles))];
  if (skipped.length) out.push(`NOTE: data files that did not load were left out: ${skipped.join(', ')}`);
  out.push('');
  out.push('Load, build, memory (MB = heapUsed + ArrayBuffers after a forced GC; as run = the index loaded from its snapshot and slim records, the rest = all of that but the index)');
  out.push(
    table([
      ['incidents', 'load (parse+zod)', 'build', 'build CPU', 'heap total', 'store', 'index+KB', 'RSS', 'as run', 'the rest', 'load avg'],
      ...results.map((r) => [
        r.size.toLocaleString('en'),
        `${ms(r.loadMs)} ms`,
        `${ms(r.buildMs)} ms`,
        `${ms(r.buildCpuMs)} ms`,
        `${r.memoryMB.total}`,
        `${r.memoryMB.store}`,
        `${r.memoryMB.index}`,
        `${r.memoryMB.rss}`,
        `${r.memoryMB.slimTotal}`,
        r.memoryMB.slimRest !== undefined ? `${r.memoryMB.slimRest}` : '—',
        `${r.load.before}→${r.load.after}`,
      ]),
    ]),
  );
  out.push('');
  out.push('Index: built from scratch vs loaded from its snapshot (load = hash the search documents + read; keyed load = read by the data files\' key, as Bot.open does; heap = what the index adds)');
  out.push(
    table([
      ['incidents', 'build', 'index heap (built, with KB)', 'snapshot write', 'file MB', 'load', 'hash', 'read', 'keyed load', 'index heap (loaded)'],
      ...results.map((r) => [
        r.size.toLocaleString('en'),
        `${ms(r.buildMs)} ms`,
        `${r.memoryMB.index}`,
        r.snapshot ? `${ms(r.snapshot.writeMs)} ms` : '—',
        r.snapshot ? `${r.snapshot.fileMB}` : '—',
        r.snapshot ? `${ms(r.snapshot.loadMs)} ms` : '—',
        r.snapshot ? `${ms(r.snapshot.hashMs)} ms` : '—',
        r.snapshot ? `${ms(r.snapshot.readMs)} ms` : '—',
        r.snapshot?.keyedLoadMs !== undefined ? `${ms(r.snapshot.keyedLoadMs)} ms` : '—',
        r.snapshot ? `${r.snapshot.indexMB}` : '—',
      ]),
    ]),
  );
  out.push('');
  out.push('Latency, ms (wall clock; CPU = process CPU time over the same span)');
  out.push(
    table([
      ['incidents', 'incident p50', 'p99', 'max', 'CPU p99', 'search p99', 'n', 'autocomplete p50', 'p99', 'max', 'CPU p99', 'n'],
      ...results.map((r) => [
        r.size.toLocaleString('en'),
        ms(r.incident.p50),
        ms(r.incident.p99),
        ms(r.incident.max),
        ms(r.incident.cpu.p99),
        ms(r.incident.search.p99),
        String(r.incident.n),
        ms(r.suggest.p50),
        ms(r.suggest.p99),
        ms(r.suggest.max),
        ms(r.suggest.cpu.p99),
        String(r.suggest.n),
      ]),
    ]),
  );
  out.push('');
  out.push('Plain fuse.js baseline (same records and names, same run, same queries; incident path)');
  out.push(
    table([
      ['incidents', 'queries', 'fuse p50', 'p99', 'mean', 'ours p50', 'p99', 'mean', 'speed-up (mean)', 'p50', 'p99', 'fuse build'],
      ...results.map((r) => [
        r.size.toLocaleString('en'),
        `${r.baseline.queries}${r.baseline.capped ? ' (capped)' : ''}`,
        ms(r.baseline.incident.p50),
        ms(r.baseline.incident.p99),
        ms(r.baseline.incident.mean),
        ms(r.baseline.ours.p50),
        ms(r.baseline.ours.p99),
        ms(r.baseline.ours.mean),
        `${r.baseline.speedup.mean}×`,
        `${r.baseline.speedup.p50}×`,
        `${r.baseline.speedup.p99}×`,
        `${ms(r.baseline.buildMs)} ms`,
      ]),
    ]),
  );
  out.push('');
  out.push('Top-1 accuracy on queries with a known target (ours | plain fuse.js on its subset)');
  const classes = [...QUERY_CLASSES.filter((c) => c !== 'broad'), 'all'] as const;
  out.push(
    table([
      ['class', ...results.map((r) => r.size.toLocaleString('en'))],
      ...classes.map((c) => [c, ...results.map((r) => `${pct(r.accuracy[c])} | ${pct(r.baseline.accuracy[c])}`)]),
      ['autocomplete: target offered', ...results.map((r) => `${r.suggestFound.found}/${r.suggestFound.n}`)],
    ]),
  );
  out.push('');
  out.push('Targets');
  for (const c of checkTargets(results)) out.push(`  [${c.pass === undefined ? 'n/a ' : c.pass ? 'PASS' : 'MISS'}] ${c.target}: ${c.measured}`);
  return out.join('\n');
}

export function jsonReport(results: SizeResult[], meta: { date: string; command: string }) {
  return { ...meta, results, targets: checkTargets(results) };
}
