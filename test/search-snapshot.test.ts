// The persisted search index (src/search/snapshot.ts): a snapshot answers exactly as a fresh
// build does, a stale or damaged one is rebuilt (never read), and documents added at run time
// (published claims) are found at once through the delta index. No timings here (bench/).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandRegistry } from '../commands/index.ts';
import { generateStore, loadBase } from '../bench/generate.ts';
import { buildQueries } from '../bench/queries.ts';
import { Bot } from '../src/core/bot.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { incidentDoc, searchDocs } from '../src/knowledge/search-docs.ts';
import { applyPublished } from '../src/review/publisher.ts';
import { ENGINE_VERSION, SearchEngine, type SearchDoc, type SearchOptions } from '../src/search/engine.ts';
import { hashDocs, openSearchIndex, readSnapshot, SnapshotRejected, writeSnapshot } from '../src/search/snapshot.ts';
import { searchIndexFile } from '../src/search/index-file.ts';
import { CODE_VERSIONS, SEARCH_DOCS_FINGERPRINT, searchIndexKey } from '../src/knowledge/search-index-key.ts';
import { loadKnowledgeBase } from '../src/knowledge/load.ts';
import { openKnowledgeBase } from '../src/knowledge/open.ts';
import { DEFAULT_DATA_DIR } from '../src/store/curated.ts';
import { MANIFEST_FILE } from '../src/store/data-manifest.ts';
import { searchDocsSourcesFingerprint } from '../scripts/search-docs-fingerprint.ts';
import { testIncident } from './alerts-harness.ts';
import { testBot } from './helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ilzam-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bot = testBot();
const realDocs = () => searchDocs(bot.kb);
const base = loadBase();
const store = generateStore(base, 1500, 11);
const synthKb = new KnowledgeBase(store.dataset, base.registry);
const synthQueries = buildQueries(store, synthKb, 11);

// Every query of test/search.test.ts, with the kinds it is asked for there and the others.
const TEST_QUERIES = [
  'volt typhoon', 'Volt Typhoon', 'APT 28', 'apt-28', 'China', 'FBI', 'Microsoft', 'volt tyhpoon', 'vlot typhoon', 'fancy baer', 'fanci bear',
  'lazarus grop', 'sandwrom', 'solarwind', 'wanacry', 'notpetia', 'volt typhon', 'وولٹ ٹائیفون', 'فینسی بئیر', 'چین', 'شمالی کوریا', 'آر ایول',
  'ایف بی آئی', 'وولٹ ٹائيفون', 'فينسي بئير', 'شمالي كوريا', 'كريملن', 'ٹرلا', 'کمسوکی', 'مڈی واٹر', 'ڈارک ہوٹل', 'ایکویشن گروپ', 'لیزارس گروپ',
  'sony hack 2014', 'biden putin ransomware', '2020 election hackers', 'north korea bank theft', 'russia ukraine power grid', 'typhoon',
  'Grizzly Steppe', '!!! ???', 'fan', 'volt', 'a', 'Fancy Bear', 'APT38', 'Cozy Bear', 'sandworm team',
];
const KINDS: SearchOptions[] = [{ kinds: ['incident'], limit: 12 }, { kinds: ['entity'], limit: 10 }, {}];

/** Everything both engines answer, side by side; `toEqual` compares them in full. */
function answers(engine: SearchEngine, queries: string[], prefixes: string[]) {
  return [
    ...queries.flatMap((q) => KINDS.map((o) => ({ q, o, hits: engine.search(q, o) }))),
    ...prefixes.flatMap((q) => [{ kinds: ['incident' as const] }, { kinds: ['entity' as const] }].map((o) => ({ q, o, suggest: engine.suggest(q, o) }))),
  ];
}

function built(docs: Iterable<SearchDoc>): SearchEngine {
  const engine = new SearchEngine(docs);
  engine.seal();
  return engine;
}

const realPrefixes = ['fan', 'volt', 'a', 'ap', 'apt2', 'so', 'چ', 'وول', 'lazarus g', 'x'];

describe('a snapshot answers as a fresh build does', () => {
  it('on the real data: every query class of test/search.test.ts, every kind, and autocomplete', () => {
    const file = path.join(dir, 'real.idx');
    const fresh = built(realDocs());
    writeSnapshot(fresh, file, hashDocs(realDocs()));
    const loaded = readSnapshot(file, hashDocs(realDocs()));
    expect(loaded.targetCount).toBe(fresh.targetCount);
    const a = answers(fresh, TEST_QUERIES, realPrefixes);
    expect(a.filter((x) => 'hits' in x && x.hits!.length).length).toBeGreaterThan(100);
    expect(answers(loaded, TEST_QUERIES, realPrefixes)).toEqual(a);
  });

  it('on a synthetic store: every bench query (all classes) and every bench keystroke', () => {
    const file = path.join(dir, 'synth.idx');
    const docs = () => searchDocs(synthKb);
    const fresh = built(docs());
    writeSnapshot(fresh, file, hashDocs(docs()));
    const loaded = readSnapshot(file, hashDocs(docs()));
    const queries = synthQueries.incident.map((q) => q.q);
    expect(new Set(synthQueries.incident.map((q) => q.cls)).size).toBeGreaterThanOrEqual(7);
    const prefixes = synthQueries.suggest.map((s) => s.typed);
    expect(answers(loaded, queries, prefixes)).toEqual(answers(fresh, queries, prefixes));
  });
});

describe('a stale or damaged snapshot is rebuilt, never read', () => {
  const file = path.join(dir, 'stale.idx');
  const open = (docs: () => Iterable<SearchDoc>) => {
    const logged: string[] = [];
    const result = openSearchIndex(file, docs, (m) => logged.push(m));
    return { ...result, logged };
  };
  /** A fresh, valid snapshot of the real data. */
  const fresh = () => {
    rmSync(file, { force: true });
    expect(open(realDocs)).toMatchObject({ from: 'built', reason: 'no snapshot yet' });
    expect(open(realDocs).from).toBe('snapshot');
  };
  const probe = (engine: SearchEngine) => engine.search('volt typhoon', { kinds: ['incident'] })[0]?.id;

  it('is written on first open and read on the next', () => {
    fresh();
    expect(probe(open(realDocs).engine)).toBe('volt-typhoon');
  });

  it('data changed: the documents hash differently, the index is rebuilt with the change', () => {
    fresh();
    const extra: SearchDoc = { kind: 'incident', id: 'test-snapshot-extra', names: [{ text: 'Test Snapshot Quokka', weight: 1 }] };
    const changed = () => [...realDocs(), extra];
    const r = open(changed);
    expect(r).toMatchObject({ from: 'built', reason: 'the search documents changed since it was written' });
    expect(r.logged.join('\n')).toContain('not used');
    expect(r.engine.search('test snapshot quokka')[0]?.id).toBe('test-snapshot-extra');
    // A changed weight is a change too.
    const reweighted = () => [...realDocs()].map((d, i) => (i === 0 ? { ...d, names: d.names.map((n) => ({ ...n, weight: n.weight - 0.01 })) } : d));
    expect(open(reweighted).from).toBe('built');
    expect(open(reweighted).from).toBe('snapshot');
  });

  it('engine version changed', () => {
    fresh();
    const other = asOtherEngine(file);
    expect(() => readSnapshot(file, hashDocs(realDocs()))).toThrow(new SnapshotRejected(`written by engine ${other}, this is ${ENGINE_VERSION}`));
    const r = open(realDocs);
    expect(r.from).toBe('built');
    expect(probe(r.engine)).toBe('volt-typhoon');
    expect(open(realDocs).from).toBe('snapshot');
  });

  it.each([
    ['truncated at the end', (f: string) => truncateSync(f, statSync(f).size - 100), /truncated/],
    ['truncated in the header', (f: string) => truncateSync(f, 40), /truncated/],
    ['empty', (f: string) => writeFileSync(f, ''), /not a search index snapshot/],
    ['a byte flipped in the data', (f: string) => flip(f, 0.6), /data checksum mismatch/],
    ['a byte flipped near the end', (f: string) => flip(f, 0.999), /data checksum mismatch/],
    ['a byte flipped in the header', (f: string) => flip(f, 30), /header checksum mismatch/],
    ['another file', (f: string) => writeFileSync(f, 'not an index at all, just text'), /not a search index snapshot/],
  ] as const)('%s', (_what, damage, why) => {
    fresh();
    damage(file);
    const r = open(realDocs);
    expect(r.from).toBe('built');
    expect(r.reason).toMatch(why);
    expect(probe(r.engine)).toBe('volt-typhoon');
    // ...and the rebuilt snapshot replaced the damaged file.
    expect(open(realDocs).from).toBe('snapshot');
  });
});

/** Flips one byte: at a fraction of the file's length, or at a byte offset. */
/**
 * Rewrites the snapshot's header as if another engine version had written it, with a correct
 * header checksum (a file of another version, not a damaged one); returns that version.
 */
function asOtherEngine(file: string): string {
  const bytes = readFileSync(file);
  const headerLength = bytes.readUInt32LE(12);
  const header = bytes.subarray(24, 24 + headerLength).toString('utf8');
  expect(header).toContain(`"engine":"${ENGINE_VERSION}"`);
  const other = ENGINE_VERSION.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  const patched = Buffer.from(header.replace(`"engine":"${ENGINE_VERSION}"`, `"engine":"${other}"`), 'utf8');
  expect(patched.length).toBe(headerLength);
  patched.copy(bytes, 24);
  bytes.writeUInt32LE(crc32(patched), 16);
  writeFileSync(file, bytes);
  return other;
}

function flip(file: string, where: number): void {
  const bytes = readFileSync(file);
  const at = where < 1 ? Math.floor(bytes.length * where) : where;
  bytes[at] = bytes[at]! ^ 0x5a;
  writeFileSync(file, bytes);
}

describe('Bot.open keeps the snapshot in the index dir', () => {
  it('writes it on the first start and reads it on the next, answering the same', async () => {
    const indexDir = path.join(dir, 'bot-index');
    const first = await Bot.open({ defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry(), {}, { indexDir });
    const file = searchIndexFile({ indexDir });
    expect(statSync(file).size).toBeGreaterThan(1000);
    const written = statSync(file).mtimeMs;
    const second = await Bot.open({ defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry(), {}, { indexDir });
    // Read, not rewritten.
    expect(statSync(file).mtimeMs).toBe(written);
    for (const q of ['volt typhoon', 'fancy baer', 'چین', 'sony hack 2014']) expect(second.search.search(q)).toEqual(first.search.search(q));
    const reply = await second.run('incident', { query: 'volt typhoon' });
    expect(reply.kind).toBe('incident');
  });
});

describe('the delta index', () => {
  it('finds a published incident at once, in a bot whose index came from a snapshot', async () => {
    const indexDir = path.join(dir, 'delta-index');
    await Bot.open({ defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry(), {}, { indexDir });
    const loaded = await Bot.open({ defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry(), {}, { indexDir });
    expect(loaded.search.deltaCount).toBe(0);
    expect(loaded.search.search('test snapshot wombat')[0]?.id).not.toBe('test-snapshot-wombat');
    const data = { mode: 'new', names: [], tags: [], ...testIncident('test-snapshot-wombat', [{ id: 'test-snapshot-wombat-c1', by: 'microsoft', against: ['volt-typhoon'] }]) };
    const incident = applyPublished(loaded.kb, loaded.search, { seq: 1, incidentId: data.id, data, draftId: 'd1', publishedBy: 'test', publishedAt: new Date().toISOString() } as never);
    expect(incident?.id).toBe('test-snapshot-wombat');
    expect(loaded.search.deltaCount).toBe(1);
    expect(loaded.search.search('Test incident test-snapshot-wombat')[0]).toMatchObject({ id: 'test-snapshot-wombat', score: 1, how: 'exact' });
    expect(loaded.search.search('test incident test-snapshot-wombt', { kinds: ['incident'] })[0]?.id).toBe('test-snapshot-wombat');
    expect(loaded.search.suggest('test incident test-snapshot-w', { kinds: ['incident'] })[0]?.id).toBe('test-snapshot-wombat');
    // Its accused group's name finds it among that group's incidents, scored as the others.
    const byGroup = loaded.search.search('volt typhoon', { kinds: ['incident'], limit: 50 });
    expect(byGroup.find((h) => h.id === 'test-snapshot-wombat')).toMatchObject({ how: 'exact', score: 0.8 });
  });

  it('scores as one index over everything: a base plus a delta answers as a fresh build of both', () => {
    const all = [...searchDocs(synthKb)];
    const split = all.length - 40;
    const merged = built(all.slice(0, split));
    for (const doc of all.slice(split)) merged.add(doc);
    expect(merged.deltaCount).toBe(40);
    const fresh = built(all);
    // The delta's own names, typos of them, descriptive words and the bench queries.
    const added = all.slice(split).filter((d) => d.kind === 'incident');
    const queries = [...added.flatMap((d) => [d.names[0]!.text, d.names[0]!.text.slice(0, -1) + 'x']), ...synthQueries.incident.slice(0, 150).map((q) => q.q)];
    let same = 0;
    for (const q of queries) {
      const a = merged.search(q, { kinds: ['incident'], limit: 12 });
      const b = fresh.search(q, { kinds: ['incident'], limit: 12 });
      // The same best answer with the same score. Further down the list a fuzzy score can
      // differ a little: a name key in both segments counts twice in the trigram sizes that
      // decide which trigrams are walked (see rarestGrams).
      expect(a[0]?.id, q).toBe(b[0]?.id);
      expect(a[0]?.score, q).toBeCloseTo(b[0]?.score ?? NaN, 12);
      if (JSON.stringify(a) === JSON.stringify(b)) same++;
    }
    expect(same / queries.length).toBeGreaterThan(0.95);
  });
});

it('an incident doc built twice hashes the same (the hash is of content, not identity)', () => {
  const incident = bot.kb.incidents.get('volt-typhoon')!;
  expect(hashDocs([incidentDoc(bot.kb, incident)])).toBe(hashDocs([incidentDoc(bot.kb, { ...incident })]));
  expect(hashDocs([incidentDoc(bot.kb, incident)])).not.toBe(hashDocs([incidentDoc(bot.kb, { ...incident, names: [...incident.names, 'Another'] })]));
});

/** The snapshot file's JSON header. */
function headerOf(file: string): { inputs: string; key?: string } {
  const bytes = readFileSync(file);
  return JSON.parse(bytes.subarray(24, 24 + bytes.readUInt32LE(12)).toString('utf8'));
}

describe('a snapshot keyed by its sources (the data files and the code that makes documents)', () => {
  it('SEARCH_DOCS_FINGERPRINT is the fingerprint of the document-making code as it is', () => {
    // Stale? Put in src/knowledge/search-index-key.ts what `node --import tsx scripts/search-docs-fingerprint.ts` prints.
    expect(SEARCH_DOCS_FINGERPRINT, 'SEARCH_DOCS_FINGERPRINT in src/knowledge/search-index-key.ts is stale: put there what `node --import tsx scripts/search-docs-fingerprint.ts` prints').toBe(
      searchDocsSourcesFingerprint(path.resolve(import.meta.dirname, '..')),
    );
  });

  it('every part of the key changes it: each data file hash, the engine, the format, either code fingerprint', () => {
    const hashes = { curated: 'a'.repeat(64), registry: 'b'.repeat(64) };
    const keys = [
      searchIndexKey(hashes),
      searchIndexKey({ ...hashes, curated: 'c'.repeat(64) }),
      searchIndexKey({ ...hashes, registry: 'c'.repeat(64) }),
      searchIndexKey(hashes, { ...CODE_VERSIONS, engine: `${CODE_VERSIONS.engine}x` }),
      searchIndexKey(hashes, { ...CODE_VERSIONS, format: CODE_VERSIONS.format + 1 }),
      searchIndexKey(hashes, { ...CODE_VERSIONS, searchDocs: 'other code' }),
      searchIndexKey(hashes, { ...CODE_VERSIONS, validator: 'other code' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(searchIndexKey({ ...hashes })).toBe(keys[0]);
  });

  const file = path.join(dir, 'keyed.idx');
  /** openSearchIndex, counting how often it made the documents. */
  const open = (docs: () => Iterable<SearchDoc>, key?: string) => {
    let made = 0;
    const logged: string[] = [];
    const r = openSearchIndex(file, () => (made++, docs()), (m) => logged.push(m), key);
    return { ...r, made, logged };
  };
  const hashes = { curated: '1'.repeat(64), registry: '2'.repeat(64) };
  const key = searchIndexKey(hashes);
  const extra: SearchDoc = { kind: 'incident', id: 'test-snapshot-keyed', names: [{ text: 'Keyed Snapshot Numbat', weight: 1 }] };
  const changedDocs = () => [...realDocs(), extra];

  it('nothing changed: read by its key without making one document, answering as a fresh build', () => {
    rmSync(file, { force: true });
    expect(open(realDocs, key)).toMatchObject({ from: 'built', made: 2 });
    expect(headerOf(file).key).toBe(key);
    const r = open(() => {
      throw new Error('the documents were made');
    }, key);
    expect(r).toMatchObject({ from: 'snapshot', by: 'key', made: 0, inputs: undefined });
    expect(answers(r.engine, TEST_QUERIES, realPrefixes)).toEqual(answers(built(realDocs()), TEST_QUERIES, realPrefixes));
  });

  it('a data file changed (another key, other documents): rebuilt with the change, then read by the new key', () => {
    rmSync(file, { force: true });
    open(realDocs, key);
    const newKey = searchIndexKey({ ...hashes, curated: '3'.repeat(64) });
    const r = open(changedDocs, newKey);
    expect(r).toMatchObject({ from: 'built', reason: 'the search documents changed since it was written' });
    expect(r.logged.join('\n')).toContain('not used');
    expect(r.engine.search('keyed snapshot numbat')[0]?.id).toBe('test-snapshot-keyed');
    expect(headerOf(file).key).toBe(newKey);
    const again = open(changedDocs, newKey);
    expect(again).toMatchObject({ from: 'snapshot', by: 'key', made: 0 });
    expect(answers(again.engine, TEST_QUERIES, realPrefixes)).toEqual(answers(built(changedDocs()), TEST_QUERIES, realPrefixes));
    // The old key no longer reads it: the documents are hashed, and differ.
    expect(open(realDocs, key).from).toBe('built');
  });

  it('the document code or the engine changed (another key, other documents): rebuilt, never read by the old key', () => {
    rmSync(file, { force: true });
    open(realDocs, key);
    // Code that makes other documents from the same files: its fingerprint gives another key.
    const newCode = searchIndexKey(hashes, { ...CODE_VERSIONS, searchDocs: 'changed document code' });
    const r = open(changedDocs, newCode);
    expect(r).toMatchObject({ from: 'built', reason: 'the search documents changed since it was written' });
    expect(r.engine.search('keyed snapshot numbat')[0]?.id).toBe('test-snapshot-keyed');
    // Another engine version: rejected before any key is looked at.
    const other = asOtherEngine(file);
    const rebuilt = open(changedDocs, newCode);
    expect(rebuilt).toMatchObject({ from: 'built', reason: `written by engine ${other}, this is ${ENGINE_VERSION}` });
    expect(open(changedDocs, newCode)).toMatchObject({ from: 'snapshot', by: 'key', made: 0 });
  });

  it('a new key over the same documents (bytes changed, not records): read by their hash and rekeyed; no key: the documents decide', () => {
    rmSync(file, { force: true });
    open(realDocs, key);
    const newKey = searchIndexKey({ ...hashes, registry: '4'.repeat(64) });
    const rekeyed = open(realDocs, newKey);
    expect(rekeyed.logged).toEqual([]);
    expect(rekeyed).toMatchObject({ from: 'snapshot', by: 'documents', made: 1 });
    expect(headerOf(file).key).toBe(newKey);
    const byKey = open(realDocs, newKey);
    expect(byKey).toMatchObject({ from: 'snapshot', by: 'key', made: 0 });
    expect(answers(byKey.engine, TEST_QUERIES, realPrefixes)).toEqual(answers(rekeyed.engine, TEST_QUERIES, realPrefixes));
    // A caller without a key (tests, tools) reads a keyed snapshot by the documents' hash, and leaves it keyed.
    expect(open(realDocs)).toMatchObject({ from: 'snapshot', by: 'documents', made: 1 });
    expect(headerOf(file).key).toBe(newKey);
    expect(open(changedDocs).from).toBe('built');
    expect(headerOf(file).key).toBeUndefined();
  });
});

describe('Bot.open and data:check key the snapshot by the files', () => {
  /** A copy of the real data without the manifest (so data:check's own writes stay in it). */
  const dataCopy = () => {
    const copy = mkdtempSync(path.join(dir, 'data-'));
    cpSync(DEFAULT_DATA_DIR, copy, { recursive: true });
    rmSync(path.join(copy, MANIFEST_FILE), { force: true });
    return copy;
  };
  const config = { defaultLang: 'en' as const, timeZone: 'Asia/Karachi' };

  it('data:check writes the snapshot under the key Bot.open reads it by; a changed data file rebuilds it', async () => {
    const data = dataCopy();
    const indexDir = path.join(dir, 'check-index');
    const root = path.resolve(import.meta.dirname, '..');
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-data.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ILZAM_DATA_DIR: data, ILZAM_INDEX_DIR: indexDir },
      timeout: 120_000,
    });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('search index snapshot: written');
    const paths = { dataDir: data, indexDir };
    const file = searchIndexFile(paths);
    const { hashes } = await openKnowledgeBase(paths);
    expect(headerOf(file).key).toBe(searchIndexKey(hashes));
    const written = statSync(file).mtimeMs;
    const bot = await Bot.open(config, commandRegistry(), {}, paths);
    expect(statSync(file).mtimeMs).toBe(written); // read by the key, not rewritten
    const fresh = Bot.fromKnowledge(loadKnowledgeBase(paths), config, commandRegistry());
    for (const q of TEST_QUERIES) expect(bot.search.search(q), q).toEqual(fresh.search.search(q));

    // A data file changed: another key, other documents; the next start rebuilds with the change.
    const incidentFile = path.join(data, 'incidents', 'volt-typhoon.json');
    const incident = JSON.parse(readFileSync(incidentFile, 'utf8'));
    incident.names = [...incident.names, 'Keyed Snapshot Bilby'];
    writeFileSync(incidentFile, JSON.stringify(incident, null, 2));
    const changed = await Bot.open(config, commandRegistry(), {}, paths);
    expect(statSync(file).mtimeMs).not.toBe(written);
    expect(changed.search.search('keyed snapshot bilby', { kinds: ['incident'] })[0]?.id).toBe('volt-typhoon');
    expect(headerOf(file).key).toBe(searchIndexKey((await openKnowledgeBase(paths)).hashes));
    const rewritten = statSync(file).mtimeMs;
    const next = await Bot.open(config, commandRegistry(), {}, paths);
    expect(statSync(file).mtimeMs).toBe(rewritten);
    const freshChanged = Bot.fromKnowledge(loadKnowledgeBase(paths), config, commandRegistry());
    for (const q of [...TEST_QUERIES, 'keyed snapshot bilby']) expect(next.search.search(q), q).toEqual(freshChanged.search.search(q));
  });
});
