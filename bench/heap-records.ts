// What the records and the knowledge base hold on the heap at one store size, apart from the
// search index (which is not built here): generate, parse as a start does (no zod), build the
// knowledge base, slim the records as Bot.open does, then a forced GC and, with --snapshot FILE,
// a heap snapshot to break the figure down (bench/heap-summary.ts).
// node --expose-gc --import tsx bench/heap-records.ts --size 100000 [--snapshot /tmp/x.heapsnapshot]
import { writeHeapSnapshot } from 'node:v8';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { incidentFromStore } from '../src/domain/stored-form.ts';
import { DEFAULT_SEED, generateStore, loadBase } from './generate.ts';
import { slimRecords } from './slim.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const gc = (): void => (globalThis as { gc?: () => void }).gc!();
const settle = async () => {
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
};
const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const size = Number(arg('size') ?? 10000);
const base = loadBase();
await settle();
const empty = used();
const store = generateStore(base, size, Number(arg('seed') ?? DEFAULT_SEED));
let json: string | undefined = JSON.stringify(store.dataset.incidents);
const { meta, parties } = store.dataset;
store.dataset.incidents = [];
let incidents = (JSON.parse(json) as unknown[]).map((raw) => incidentFromStore(raw));
json = undefined;
await settle();
const withStore = used();
const kb = new KnowledgeBase({ meta, parties, incidents }, base.registry);
await settle();
const whole = used();
const text = slimRecords(kb);
incidents = [];
await settle();
const slim = used();
// A pass over every incident and claim (the weekly digest's walk), in CPU time: the records are made on access.
let n = 0;
const walks: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  const cpu = process.cpuUsage();
  for (const incident of kb.incidents.values()) for (const claim of incident.claims) n += claim.by.length + claim.against.length;
  const used = process.cpuUsage(cpu);
  walks.push(Math.round((used.user + used.system) / 1000));
}
// A pass that reads dates only (the newest incidents, as an empty autocomplete lists them).
const dateWalks: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  const cpu = process.cpuUsage();
  for (const incident of kb.incidents.values()) n += incident.firstAttributed.length;
  const used = process.cpuUsage(cpu);
  dateWalks.push(Math.round((used.user + used.system) / 1000));
}
process.stderr.write(
  `${size} incidents: base+generator ${mb(withStore - empty)} MB (bench only), whole records in the KB ${mb(whole - empty)} MB, slim ${mb(slim - empty)} MB (above the real data and modules); ` +
    `walk over every claim ${walks.join(', ')} ms CPU, over every date ${dateWalks.join(', ')} ms CPU\n`,
);
// Without what the generator knew (as bench/measure.ts releases it once the queries are made).
store.facts = [];
store.groups = [];
store.names = new Set();
await settle();
const bare = used();
process.stderr.write(`without the generator's facts: slim ${mb(bare - empty)} MB\n`);
const snap = arg('snapshot');
if (snap) writeHeapSnapshot(snap);
text.cleanup();
process.stdout.write(`${JSON.stringify({ size, baseMB: mb(empty), slimMB: mb(slim - empty), bareMB: mb(bare - empty), wholeMB: mb(whole - empty), n })}\n`);
