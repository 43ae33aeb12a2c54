// The ingestion pipeline end to end against a local site (test/fixtures/ingest/server.ts):
// in process and as `npm run ingest` in a child process, with a temporary state directory.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClaimExtractor } from '../src/ingest/extract/index.ts';
import { politeGet } from '../src/ingest/http.ts';
import { forbiddenAddressReason } from '../src/ingest/net-guard.ts';
import { runIngestPass, type IngestReport } from '../src/ingest/pass.ts';
import { State } from '../src/store/state-schema.ts';
import { openStateStore } from '../src/store/file-storage.ts';
import { ARTICLES, fakeSources, startFakeSite, type FakeSite } from './fixtures/ingest/server.ts';

const root = path.resolve(import.meta.dirname, '..');
let site: FakeSite;
let extractor: ClaimExtractor;
const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-ingest-'));
  temps.push(dir);
  return dir;
};

beforeAll(async () => {
  site = await startFakeSite();
  extractor = ClaimExtractor.load();
}, 120_000);
afterAll(async () => site.close());
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = tempDir();
  const sourcesFile = path.join(dir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify(fakeSources(site.base)));
  return { dir, sourcesFile };
}

const fetchOpts = { allowLoopback: true, maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000 };
const draftFor = (report: IngestReport, articlePath: string) => report.drafts.find((d) => new URL(d.url).pathname === articlePath);
const triples = (report: IngestReport, articlePath: string) =>
  (draftFor(report, articlePath)?.claims ?? []).map((c) => `${c.type}|${c.by.id ?? c.by.name}|${c.against.map((a) => a.id ?? a.name).join(',')}`);

describe('runIngestPass against a local site', () => {
  let first: IngestReport;
  let second: IngestReport;
  let stateFile: string;

  beforeAll(async () => {
    const { dir, sourcesFile } = setup();
    temps.pop(); // kept for the whole describe block; removed below
    const store = await openStateStore({ dir });
    stateFile = store.file;
    first = await runIngestPass({ sourcesFile, store, extractor, fetch: fetchOpts });
    second = await runIngestPass({ sourcesFile, store, extractor, fetch: fetchOpts });
    return () => rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('turns the English article into drafts: the accusation, the denial, linked to the Volt Typhoon incident', () => {
    const draft = draftFor(first, ARTICLES.volt.path)!;
    expect(draft).toMatchObject({ source: 'test-rss', language: 'en', status: 'pending', published: '2023-05-25' });
    expect(triples(first, ARTICLES.volt.path)).toEqual(expect.arrayContaining(['accusation|microsoft|volt-typhoon', 'denial|china-foreign-ministry|']));
    const accusation = draft.claims.find((c) => c.type === 'accusation' && c.against[0]?.id === 'volt-typhoon')!;
    expect(accusation.date).toBe('2023-05-24'); // "on Wednesday" before the Thursday the article is dated
    expect(accusation.evidence).toContain('Volt Typhoon');
    expect(draft.incident).toMatchObject({ id: 'volt-typhoon' });
  });

  it('reads Urdu: the accusation and the foreign ministry rejecting it (gzip-encoded page)', () => {
    expect(triples(first, ARTICLES.urdu.path)).toEqual(['accusation|united-states|china', 'denial|china-foreign-ministry|']);
  });

  it('decodes a page the server mislabels as UTF-8 from its own windows-1256 declaration', () => {
    const draft = draftFor(first, ARTICLES.win1256.path)!;
    expect(draft.language).toBe('ur');
    expect(draft.claims.map((c) => c.type)).toEqual(['sanction']);
    expect(draft.claims[0]!.by.id).toBe('us-treasury');
    expect(draft.claims[0]!.against[0]).toMatchObject({ id: null }); // Iranian hackers are persons, not the state
  });

  it('reads an HTML list page through its CSS selector, skipping a javascript: link', () => {
    expect(draftFor(first, ARTICLES.mfa.path)?.claims.some((c) => c.type === 'denial')).toBe(true);
    expect(site.hits.some((h) => h.includes('alert'))).toBe(false);
  });

  it('never runs or reads scripts, and never fetches what a page script points at', () => {
    const draft = draftFor(first, ARTICLES.scripted.path)!;
    expect(draft.claims.every((c) => c.by.id !== 'fbi' && !c.against.some((a) => a.id === 'north-korea'))).toBe(true);
    expect(draft.claims.some((c) => c.type === 'indictment' && c.by.id === 'us-justice-department')).toBe(true);
  });

  it('keeps a denial about something else out of the draft', () => {
    expect(triples(first, ARTICLES.otherDenial.path)).toEqual(['accusation|fbi|lockbit']);
  });

  it('reads an article that arrives through two feeds, with tracking parameters or a fragment, or under another URL, once', () => {
    const voltDrafts = first.drafts.filter((d) => d.title === ARTICLES.volt.title);
    expect(voltDrafts).toHaveLength(1);
    expect(site.hits.filter((h) => h.startsWith(ARTICLES.volt.path))).toHaveLength(1);
    expect(first.skipped).toContainEqual(expect.objectContaining({ reason: 'duplicate', url: `${site.base}/mirror/volt` }));
  });

  it('skips an article in neither language with that reason', () => {
    expect(first.skipped).toContainEqual({ source: 'test-rss', url: `${site.base}${ARTICLES.french.path}`, reason: 'language' });
  });

  it('gives every hostile case a failure with a clear reason', () => {
    const reasonFor = (suffix: string) => first.failures.find((f) => f.url.endsWith(suffix))?.reason;
    expect(reasonFor('/redirect-private')).toBe('forbidden-address');
    expect(reasonFor('/redirect-file')).toBe('bad-scheme');
    expect(reasonFor('/loop/0')).toBe('too-many-redirects');
    expect(reasonFor('/big')).toBe('too-large');
    expect(reasonFor('/bomb')).toBe('too-large');
    expect(reasonFor('/article-down')).toBe('http-status');
    expect(reasonFor('/invalid.xml')).toBe('invalid-feed');
    expect(reasonFor('/down')).toBe('http-status');
    expect(first.failures.every((f) => f.message.length > 0)).toBe(true);
    expect(first.sources.find((s) => s.id === 'test-down')?.status).toBe('failed');
  });

  it('sends one request at a time to a host, across all its sources and articles', () => {
    expect(site.hits.length).toBeGreaterThan(10);
    expect(site.maxConcurrent).toBe(1);
  });

  it('a second run adds nothing, asks conditionally, and lets failing sources back off', () => {
    expect(second.drafts).toEqual([]);
    expect(second.newArticles).toBe(0);
    expect(second.sources.find((s) => s.id === 'test-rss')?.status).toBe('not-modified');
    expect(site.notModified).toBeGreaterThanOrEqual(1);
    expect(second.sources.find((s) => s.id === 'test-down')?.status).toBe('backing-off');
    expect(second.sources.find((s) => s.id === 'test-invalid')?.status).toBe('backing-off');
  });

  it('leaves a state file that validates, with each draft once and the failures remembered', () => {
    const onDisk = State.parse(JSON.parse(readFileSync(stateFile, 'utf8')));
    expect(onDisk.drafts.map((d) => d.id).sort()).toEqual(first.drafts.map((d) => d.id).sort());
    expect(onDisk.drafts.every((d) => d.status === 'pending' && d.version === 1)).toBe(true);
    expect(onDisk.sources['test-down']).toMatchObject({ failures: 1, lastError: { reason: 'http-status' } });
    expect((onDisk.sources['test-rss'] as { etag?: string })?.etag).toBe('"rss-v1"');
    // Transient failures (the 500) are not marked seen, so the next pass tries again; permanent ones are.
    const seen = Object.keys(onDisk.seen);
    expect(seen.some((k) => k.endsWith('/article-down'))).toBe(false);
    expect(seen.some((k) => k.endsWith('/redirect-private'))).toBe(true);
    // Each draft's article is seen by its URL and by the hash of its text.
    expect(seen.filter((k) => k.startsWith('sha256:')).length).toBeGreaterThanOrEqual(onDisk.drafts.length);
  });
});

describe('backoff', () => {
  it('doubles the wait with each failure in a row and is remembered across runs', { timeout: 120_000 }, async () => {
    const { dir, sourcesFile } = setup();
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const now = () => new Date(clock);
    const only = { version: 1, sources: [fakeSources(site.base).sources.find((s) => s.id === 'test-down')] };
    writeFileSync(sourcesFile, JSON.stringify(only));
    const run = async () => {
      const store = await openStateStore({ dir, now });
      await runIngestPass({ sourcesFile, store, extractor, fetch: fetchOpts, now, backoffMs: 60_000 });
      await store.close();
      const reopened = await openStateStore({ dir });
      const health = reopened.state().sources['test-down'] as { failures: number; nextAttemptAt?: string };
      await reopened.close();
      return health;
    };
    let health = await run();
    expect(Date.parse(health.nextAttemptAt!) - clock).toBe(60_000);
    clock += 61_000;
    health = await run();
    expect(health.failures).toBe(2);
    expect(Date.parse(health.nextAttemptAt!) - clock).toBe(120_000);
    clock += 1_000; // still backing off: not fetched
    const before = site.hits.length;
    await run();
    expect(site.hits.length).toBe(before);
  });
});

describe('addresses', () => {
  it('refuses private, loopback, link-local and mapped addresses; allows public ones', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '100.64.0.1']) {
      expect(forbiddenAddressReason(a), a).toBeDefined();
    }
    for (const a of ['8.8.8.8', '151.101.1.1', '2606:4700::1111']) expect(forbiddenAddressReason(a), a).toBeUndefined();
    expect(forbiddenAddressReason('127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(forbiddenAddressReason('10.0.0.1', { allowLoopback: true })).toBeDefined();
  });

  it('checks the address a name resolves to, not the name: localhost is refused without the test setting', async () => {
    const port = new URL(site.base).port;
    await expect(politeGet(`http://localhost:${port}/feed.rss`)).rejects.toMatchObject({ reason: 'forbidden-address' });
    await expect(politeGet(`${site.base}/feed.rss`)).rejects.toMatchObject({ reason: 'forbidden-address' });
    await expect(politeGet(`http://localhost:${port}/feed.rss`, { allowLoopback: true })).resolves.toMatchObject({ status: 200 });
  });
});

describe('npm run ingest in a child process', () => {
  // Three passes, two of them in child processes: generous time for a loaded 2-core machine.
  it('runs one pass, prints what it found and every failure, and a second run adds nothing', { timeout: 300_000 }, async () => {
    const { dir, sourcesFile } = setup();
    const env = { ...process.env, ILZAM_STATE_DIR: dir, INGEST_SOURCES_FILE: sourcesFile, INGEST_ALLOW_LOOPBACK: '1' };
    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'], { cwd: root, env, timeout: 120_000 });
    const { stdout } = await run();
    const expected = (await runIngestPassCount()).drafts;
    expect(stdout).toMatch(new RegExp(`drafts created: ${expected};`));
    expect(stdout).toContain('accusation: Microsoft → Volt Typhoon');
    expect(stdout).toMatch(/FAILED test-rss \S+\/redirect-private: forbidden-address/);
    expect(stdout).toMatch(/FAILED test-down \S+\/down: http-status: HTTP 503/);
    const again = await run();
    expect(again.stdout).toContain('drafts created: 0;');
    expect(again.stdout).toContain('test-down: backing-off');
    const state = State.parse(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')));
    expect(state.drafts).toHaveLength(expected);
  });
});

/** How many drafts a fresh in-process pass makes, so the child's count is checked, not hard-coded. */
async function runIngestPassCount(): Promise<{ drafts: number }> {
  const { dir, sourcesFile } = setup();
  const report = await runIngestPass({ sourcesFile, stateDir: dir, extractor, fetch: { ...fetchOpts, maxBytes: 5 * 1024 * 1024 } });
  return { drafts: report.drafts.length };
}

describe('schedule', () => {
  it('reads INGEST and INGEST_INTERVAL_MINUTES, refusing nonsense', async () => {
    const { readIngestConfig, IngestConfigError } = await import('../src/ingest/schedule.ts');
    expect(readIngestConfig({})).toEqual({ enabled: false, intervalMinutes: 30 });
    expect(readIngestConfig({ INGEST: '1', INGEST_INTERVAL_MINUTES: '45' })).toEqual({ enabled: true, intervalMinutes: 45 });
    expect(() => readIngestConfig({ INGEST_INTERVAL_MINUTES: '1' })).toThrow(IngestConfigError);
    expect(() => readIngestConfig({ INGEST_INTERVAL_MINUTES: 'soon' })).toThrow(IngestConfigError);
  });

  it('runs a pass at once on the shared store and stops cleanly', async () => {
    const { startIngestSchedule } = await import('../src/ingest/schedule.ts');
    const { dir, sourcesFile } = setup();
    const only = { version: 1, sources: [fakeSources(site.base).sources.find((s) => s.id === 'test-atom')] };
    writeFileSync(sourcesFile, JSON.stringify(only));
    const store = await openStateStore({ dir });
    const lines: string[] = [];
    const schedule = startIngestSchedule({ store, intervalMinutes: 30, log: (l) => lines.push(l), pass: { sourcesFile, extractor, fetch: fetchOpts } });
    await schedule.stop();
    expect(lines.join('\n')).toMatch(/drafts created: [1-9]/);
    expect((await store.listDrafts()).length).toBeGreaterThan(0);
  });
});
