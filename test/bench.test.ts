// The benchmark harness at a tiny size: deterministic generation, valid data, a target for
// every query, and the shape of the JSON report. No timings are asserted here.
import { describe, expect, it } from 'vitest';
import { generateStore, loadBase } from '../bench/generate.ts';
import { measureSize, stratified } from '../bench/measure.ts';
import { accepts, arabicKeyboard, buildQueries, QUERY_CLASSES, typoOf } from '../bench/queries.ts';
import { Rng } from '../bench/random.ts';
import { checkTargets, jsonReport, textReport } from '../bench/report.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { Incident } from '../src/domain/schema.ts';
import { compactKey } from '../src/search/normalize.ts';
import { checkInternalReferences } from '../src/store/curated.ts';

const base = loadBase();
const SIZE = 200;

describe('synthetic store', () => {
  const a = generateStore(base, SIZE, 7);
  it('is deterministic for a seed, and differs across seeds', () => {
    const b = generateStore(base, SIZE, 7);
    const c = generateStore(base, SIZE, 8);
    expect(JSON.stringify(b.dataset)).toBe(JSON.stringify(a.dataset));
    expect(JSON.stringify(c.dataset.incidents)).not.toBe(JSON.stringify(a.dataset.incidents));
  });
  it('has the size asked for, real incidents included, with unique ids', () => {
    expect(a.dataset.incidents).toHaveLength(SIZE);
    expect(a.realIncidents).toBe(Math.min(SIZE, base.dataset.incidents.length));
    expect(new Set(a.dataset.incidents.map((i) => i.id)).size).toBe(SIZE);
  });
  it('validates as the loader would validate it', () => {
    for (const incident of a.dataset.incidents) expect(Incident.safeParse(incident).success, incident.id).toBe(true);
    expect(checkInternalReferences(a.dataset.parties, a.dataset.incidents)).toEqual([]);
  });
  it('writes Urdu in Urdu script, with group names from the vendor schemes', () => {
    const synthetic = a.dataset.incidents.slice(a.realIncidents);
    for (const incident of synthetic) expect(incident.title.ur).toMatch(/[\u0600-\u06FF]/);
    expect(a.groups.some((g) => /^(APT|UNC|FIN|TA)\d+$|^(Storm|DEV|TAG)-\d+$/.test(g.name[0]) || g.aliases.some((x) => /\d/.test(x.en)))).toBe(true);
    expect(a.groups.some((g) => / (Typhoon|Bear|Panda|Spider|Blizzard|Kitten|Sandstorm|Chollima|Sleet|Tempest)$/.test(g.name[0]))).toBe(true);
  });
});

describe('query set', () => {
  const store = generateStore(base, SIZE, 7);
  const kb = new KnowledgeBase(store.dataset, base.registry);
  const queries = buildQueries(store, kb, 7);
  it('is deterministic for a seed', () => {
    expect(JSON.stringify(buildQueries(generateStore(base, SIZE, 7), kb, 7))).toBe(JSON.stringify(queries));
  });
  it('covers every class, and every query but the broad ones has a target that exists', () => {
    for (const cls of QUERY_CLASSES) expect(queries.incident.some((q) => q.cls === cls), cls).toBe(true);
    for (const q of queries.incident) {
      if (q.cls === 'broad') continue;
      expect(q.expect, q.q).toBeDefined();
      const { ids, accusing, words } = q.expect!;
      expect(Boolean(ids?.length || accusing || words?.length), q.q).toBe(true);
      for (const id of ids ?? []) expect(kb.incidents.has(id), id).toBe(true);
      if (accusing) expect(kb.entities.has(accusing), accusing).toBe(true);
      // The generating incident is itself a right answer.
      if (ids?.[0]) expect(accepts(kb, q.expect!, ids[0]), q.q).toBe(true);
    }
  });
  it('makes typos that are not themselves names, and Arabic-keyboard Urdu that differs', () => {
    for (const q of queries.incident.filter((x) => x.cls === 'typo')) expect(store.names.has(compactKey(q.q)), q.q).toBe(false);
    for (const q of queries.incident.filter((x) => x.cls === 'urdu-arabic-kbd')) expect(q.q).toMatch(/[يكه]/);
    expect(arabicKeyboard('کی ہے')).toBe('كي هي');
    const typo = typoOf(new Rng(1), 'Crimson Typhoon', 1, new Set());
    expect(typo).toBeDefined();
    expect(compactKey(typo!)).not.toBe('crimsontyphoon');
  });
  it('types names keystroke by keystroke for autocomplete', () => {
    expect(queries.suggest.length).toBeGreaterThan(50);
    expect(queries.suggest.filter((s) => s.expect).length).toBeGreaterThan(10);
  });
  it('keeps the class mix when the baseline is capped', () => {
    const subset = stratified(queries.incident, 20);
    expect(subset.length).toBeLessThanOrEqual(20);
    expect(new Set(subset.map((q) => q.cls)).size).toBeGreaterThan(4);
  });
});

describe('one size, end to end', () => {
  it('produces the figures the report and the JSON need', async () => {
    const result = await measureSize({ size: SIZE, seed: 7, passes: 1, cap: 6 });
    expect(result.size).toBe(SIZE);
    expect(result.incidents).toBe(SIZE);
    for (const s of [result.incident, result.incident.search, result.incident.cpu, result.suggest, result.baseline.incident, result.baseline.ours]) {
      expect(Number.isFinite(s.p50) && Number.isFinite(s.p99) && Number.isFinite(s.max)).toBe(true);
      expect(s.n).toBeGreaterThan(0);
    }
    expect(result.baseline.queries).toBe(6);
    expect(result.baseline.capped).toBe(true);
    expect(result.accuracy.all.n).toBeGreaterThan(0);
    expect(result.accuracy.typo?.n).toBeGreaterThan(0);
    expect(result.memoryMB.total).toBeGreaterThan(0);
    const doc = JSON.parse(JSON.stringify(jsonReport([result], { date: '2024-01-01T00:00:00Z', command: 'test' })));
    expect(doc).toMatchObject({ date: expect.any(String), command: 'test', results: [expect.objectContaining({ size: SIZE })] });
    expect(doc.targets).toHaveLength(checkTargets([result]).length);
    for (const t of doc.targets) expect(t).toEqual(expect.objectContaining({ target: expect.any(String), measured: expect.any(String) }));
    const text = textReport([result], { date: 'now', command: 'test' });
    expect(text).toContain('Targets');
    expect(text).toContain('plain fuse.js');
  }, 120_000);
});
