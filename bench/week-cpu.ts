// CPU time of the weekly digest (weekClaims + weekReply, as /week and the daily post run them)
// at one store size, on slim records as Bot.open holds them: the median over several days
// spread through the year, an empty week among them. With the date index (src/knowledge/
// claim-dates.ts), also the heap it adds, measured by building a second one after a forced GC.
// node --expose-gc --import tsx bench/week-cpu.ts --size 100000 [--days 9] [--states china] [--index no]
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { incidentFromStore } from '../src/domain/stored-form.ts';
import { weekClaims, weekReply } from '../src/summary/week.ts';
import { DEFAULT_SEED, generateStore, loadBase } from './generate.ts';
import { slimRecords } from './slim.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const gc = (): void => (globalThis as { gc?: () => void }).gc!();
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const mb = (b: number) => Math.round((b / 1048576) * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const size = Number(arg('size') ?? 100000);
// --states china: a filtered digest's week (its filter reads every window claim's parties).
const filter = arg('states') ? { states: arg('states')!.split(',') } : undefined;
const base = loadBase();
const store = generateStore(base, size, Number(arg('seed') ?? DEFAULT_SEED));
const { meta, parties } = store.dataset;
const incidents = (JSON.parse(JSON.stringify(store.dataset.incidents)) as unknown[]).map((raw) => incidentFromStore(raw));
store.dataset.incidents = [];
const kb = new KnowledgeBase({ meta, parties, incidents }, base.registry);
const text = slimRecords(kb);
incidents.length = 0;
gc();

// Days through the year, and one far in the past (an empty week: the "latest" fallback).
const days = ['2025-01-02', '2024-02-29', '2023-04-15', '2024-06-30', '2022-09-09', '2024-12-31', '2021-11-20', '2025-05-27', '1990-07-01'].slice(0, Number(arg('days') ?? 9));
const claims: number[] = [];
const replies: number[] = [];
let lines = 0;
for (const day of days) {
  gc();
  let cpu = process.cpuUsage();
  const week = weekClaims(kb, day, filter);
  let t = process.cpuUsage(cpu);
  claims.push((t.user + t.system) / 1000);
  cpu = process.cpuUsage();
  const reply = weekReply(kb, week, 'en');
  t = process.cpuUsage(cpu);
  replies.push((t.user + t.system) / 1000);
  lines += reply.fields.reduce((n, f) => n + f.lines.length, 0);
  process.stderr.write(`${day}: recent ${week.recent.length}, archive ${week.archive.length}, weekClaims ${claims.at(-1)!.toFixed(1)} ms, weekReply ${replies.at(-1)!.toFixed(1)} ms CPU\n`);
}
const round = (x: number) => Math.round(x * 10) / 10;
const out: Record<string, unknown> = { size, days: days.length, weekClaimsMedianMs: round(median(claims)), weekReplyMedianMs: round(median(replies)), totalMedianMs: round(median(claims.map((c, i) => c + replies[i]!))), emptyWeekReplyMs: round(replies.at(-1)!), lines };
// The index's heap: one more built over the same dates (the table's own is built by compact()).
if (arg('index') !== 'no') {
  const { ClaimDateIndex } = await import('../src/knowledge/claim-dates.ts');
  const dates: string[] = [];
  for (const incident of kb.incidents.values()) for (const claim of incident.claims) dates.push(claim.date);
  gc();
  const before = used();
  const index = ClaimDateIndex.build(dates.length, (k) => dates[k]!);
  gc();
  out.claims = dates.length;
  out.indexHeapMB = mb(used() - before);
  out.indexBytesMB = mb(index.bytes);
}
text.cleanup();
process.stdout.write(`${JSON.stringify(out)}\n`);
