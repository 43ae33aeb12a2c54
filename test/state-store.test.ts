import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataValidationError } from '../src/store/curated.ts';
import { State } from '../src/store/state-schema.ts';
import {
  DuplicateSubscriptionError,
  openStateStore,
  StateDirError,
  StateValidationError,
  UnknownSubscriptionError,
  type NewSubscription,
} from '../src/store/state-store.ts';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-state-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

const sub = (channel: string, extra: Partial<NewSubscription> = {}): NewSubscription => ({
  platform: 'discord',
  channel,
  language: 'ur',
  time: '08:00',
  zone: 'Asia/Karachi',
  createdBy: 'U1',
  ...extra,
});

/** A subscription as it sits in the file, for hand-made files. */
const fileSub = (id: string, channel: string, time = '08:00') => ({
  id,
  platform: 'slack',
  channel,
  language: 'en',
  time,
  zone: 'Europe/London',
  createdBy: 'U9',
  createdAt: '2025-01-01T00:00:00.000Z',
});

const fileState = (over: Record<string, unknown> = {}) => ({ version: 1, settings: {}, subscriptions: [], posts: [], incidents: [], ...over });

// Root ignores directory permissions, so chmod 0o555 cannot make a directory read-only there.
const chmodProtects = (() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-perm-'));
  chmodSync(dir, 0o555);
  try {
    writeFileSync(path.join(dir, 'probe'), '');
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
})();

describe('opening', () => {
  it('creates a missing directory and writes the file on the first update only', async () => {
    const dir = path.join(tempDir(), 'nested', 'var');
    const store = await openStateStore({ dir });
    expect(existsSync(dir)).toBe(true);
    expect(store.file).toBe(path.join(dir, 'state.json'));
    expect(existsSync(store.file)).toBe(false);
    expect(store.read().subscriptions).toEqual([]);

    await store.addSubscription(sub('C1'));
    expect(State.parse(JSON.parse(readFileSync(store.file, 'utf8'))).subscriptions).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['state.json']); // no probe or temp files left
  });

  it('uses ILZAM_STATE_DIR when no dir is given', async () => {
    const dir = path.join(tempDir(), 'from-env');
    const before = process.env.ILZAM_STATE_DIR;
    process.env.ILZAM_STATE_DIR = dir;
    try {
      expect((await openStateStore()).file).toBe(path.join(dir, 'state.json'));
    } finally {
      if (before === undefined) delete process.env.ILZAM_STATE_DIR;
      else process.env.ILZAM_STATE_DIR = before;
    }
  });

  it('fails clearly when the directory cannot be created (a path under a regular file)', async () => {
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const dir = path.join(blocker, 'sub');
    const err = await openStateStore({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateDirError);
    expect((err as Error).message).toContain(dir);
    expect((err as Error).message).toMatch(/cannot be created \(ENOTDIR\)/);
  });

  it.skipIf(!chmodProtects)('fails clearly when the directory is read-only (skipped as root: chmod does not stop root)', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    const err = await openStateStore({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateDirError);
    expect((err as Error).message).toContain(dir);
    expect((err as Error).message).toMatch(/is not writable \(EACCES\)/);
  });
});

describe('validation on load', () => {
  /** Opens a dir holding the given bytes and returns the error, checking the file is untouched. */
  async function failingOpen(bytes: string): Promise<StateValidationError> {
    const dir = tempDir();
    const file = path.join(dir, 'state.json');
    writeFileSync(file, bytes);
    const err = await openStateStore({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateValidationError);
    expect(err).toBeInstanceOf(DataValidationError); // start-up code can treat it like curated data errors
    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(readdirSync(dir)).toEqual(['state.json']);
    return err as StateValidationError;
  }

  it('rejects malformed JSON, naming the file and the line and column', async () => {
    const err = await failingOpen('{\n  "version": 1,\n}\n');
    expect(err.phase).toBe('load');
    expect(err.message).toContain(`${err.file}, field line 3, column 1: is not valid JSON`);
    // Where the engine gives no offset, its message quotes the text around the error.
    const truncated = await failingOpen('{\n  "version": 1,\n  "subscriptions": [\n}\n');
    expect(truncated.message).toContain(`${truncated.file}: is not valid JSON`);
  });

  it('rejects an empty file rather than reading it as empty state', async () => {
    const err = await failingOpen('');
    expect(err.message).toMatch(/is empty/);
  });

  it('rejects a subscription with time 25:99, naming the file, the record and the field', async () => {
    const bytes = JSON.stringify(fileState({ subscriptions: [fileSub('s-ok', 'C1'), fileSub('s-bad', 'C2', '25:99')] }), null, 2);
    const err = await failingOpen(bytes);
    expect(err.problems).toEqual([
      expect.objectContaining({ file: err.file, record: 'subscription s-bad (slack:C2)', field: 'subscriptions.1.time' }),
    ]);
    expect(err.message).toContain(`${err.file}, record "subscription s-bad (slack:C2)", field subscriptions.1.time: expected a 24-hour time`);
  });

  it('rejects cross-record problems: a channel subscribed twice, a post for an unknown subscription', async () => {
    const bytes = JSON.stringify(
      fileState({
        subscriptions: [fileSub('a', 'C1'), fileSub('b', 'C1')],
        posts: [{ subscriptionId: 'gone', date: '2025-01-02', status: 'posted', messageId: 'M1', at: '2025-01-02T03:00:00Z' }],
      }),
    );
    const err = await failingOpen(bytes);
    expect(err.problems.map((p) => `${p.record} @ ${p.field}`)).toEqual([
      'subscription b (slack:C1) @ subscriptions.1.channel',
      'post #0 (subscription gone, 2025-01-02) @ posts.0.subscriptionId',
    ]);
  });

  it('validates run-time incidents with the curated Incident schema', async () => {
    const incident = JSON.parse(readFileSync(new URL('../data/incidents/volt-typhoon.json', import.meta.url), 'utf8'));
    incident.claims[0].sources = [];
    const err = await failingOpen(JSON.stringify(fileState({ incidents: [incident] }), null, 2));
    expect(err.problems).toEqual([
      expect.objectContaining({ record: 'incident volt-typhoon', field: 'incidents.0.claims.0.sources', message: 'every claim must cite at least one source' }),
    ]);
  });

  it('loads a valid file written by hand', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify(fileState({ subscriptions: [fileSub('s1', 'C1')] })));
    const store = await openStateStore({ dir });
    expect(store.listSubscriptions()).toEqual([expect.objectContaining({ id: 's1', paused: false, failures: 0 })]);
  });
});

describe('updates', () => {
  it('keeps all of 200 concurrent updates, in memory and after re-opening', async () => {
    const dir = tempDir();
    const store = await openStateStore({ dir });
    const results = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => store.addSubscription(sub(`C${i}`))),
      ...Array.from({ length: 100 }, () =>
        store.update((s) => {
          s.settings.counter = Number(s.settings.counter ?? 0) + 1;
        }),
      ),
    ]);
    expect(results).toHaveLength(200);
    for (const state of [store.read(), (await openStateStore({ dir })).read()]) {
      expect(state.subscriptions.map((x) => x.channel).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `C${i}`).sort());
      expect(state.settings.counter).toBe(100);
    }
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('leaves a complete, valid file on disk at every moment while updates run', async () => {
    const dir = tempDir();
    const store = await openStateStore({ dir });
    let done = false;
    const all = Promise.all(Array.from({ length: 100 }, (_, i) => store.addSubscription(sub(`C${i}`)))).finally(() => (done = true));
    let reads = 0;
    let last = 0;
    while (!done) {
      if (existsSync(store.file)) {
        const count = State.parse(JSON.parse(readFileSync(store.file, 'utf8'))).subscriptions.length;
        expect(count).toBeGreaterThanOrEqual(last); // never goes back to an older file
        last = count;
        reads++;
      }
      await new Promise((r) => setImmediate(r));
    }
    await all;
    expect(reads).toBeGreaterThan(10);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('a throwing or invalid update rejects alone and writes nothing', async () => {
    const store = await openStateStore({ dir: tempDir() });
    await store.addSubscription(sub('C1'));
    const bytes = readFileSync(store.file, 'utf8');
    const [bad, invalid, good] = await Promise.allSettled([
      store.update(() => {
        throw new Error('boom');
      }),
      store.update((s) => {
        s.subscriptions[0]!.time = '25:99';
      }),
      store.addSubscription(sub('C2')),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'boom' } });
    expect(invalid.status).toBe('rejected');
    const err = (invalid as PromiseRejectedResult).reason as StateValidationError;
    expect(err).toBeInstanceOf(StateValidationError);
    expect(err.phase).toBe('update');
    expect(err.problems[0]).toMatchObject({ field: 'subscriptions.0.time' });
    expect(good.status).toBe('fulfilled');
    expect(store.listSubscriptions().map((s) => s.time)).toEqual(['08:00', '08:00']);
    expect(readFileSync(store.file, 'utf8')).not.toBe(bytes); // only the good update landed
    expect(JSON.parse(readFileSync(store.file, 'utf8')).subscriptions).toHaveLength(2);
  });

  it('rejects async mutations and hands out frozen snapshots', async () => {
    const store = await openStateStore({ dir: tempDir() });
    await expect(store.update(async () => undefined)).rejects.toThrow(/synchronous/);
    const snapshot = store.read();
    expect(() => (snapshot.subscriptions as unknown[]).push({})).toThrow(TypeError);
  });
});

describe('subscriptions', () => {
  it('rejects a second subscription for the same platform and channel, even when racing', async () => {
    const store = await openStateStore({ dir: tempDir() });
    await store.addSubscription(sub('C1'));
    await expect(store.addSubscription(sub('C1', { time: '09:00' }))).rejects.toBeInstanceOf(DuplicateSubscriptionError);
    const raced = await Promise.allSettled([store.addSubscription(sub('C2')), store.addSubscription(sub('C2'))]);
    expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    // The same channel id on another platform is a different channel.
    await store.addSubscription(sub('C1', { platform: 'slack' }));
    expect(store.listSubscriptions('discord')).toHaveLength(2);
    expect(store.listSubscriptions()).toHaveLength(3);
  });

  it('records failures and posts, and removes a subscription with its log', async () => {
    const now = () => new Date('2025-03-01T03:00:00Z');
    const dir = tempDir();
    const store = await openStateStore({ dir, now });
    const { id } = await store.addSubscription(sub('C1'));
    await store.recordFailure(id, { error: 'Missing Access', date: '2025-03-01' });
    await store.recordFailure(id, { error: 'x'.repeat(2000) });
    expect(store.read().subscriptions[0]).toMatchObject({ failures: 2, lastError: { at: '2025-03-01T03:00:00.000Z' } });
    expect(store.read().subscriptions[0]!.lastError!.message).toHaveLength(500);
    expect(store.read().posts).toEqual([expect.objectContaining({ date: '2025-03-01', status: 'failed' })]);

    await store.recordPost(id, { date: '2025-03-01', messageId: 'M1' });
    await store.recordFailure(id, { error: 'late', date: '2025-03-01' }); // does not downgrade a posted day
    const reopened = (await openStateStore({ dir })).read();
    expect(reopened.posts).toEqual([expect.objectContaining({ date: '2025-03-01', status: 'posted', messageId: 'M1' })]);
    expect(reopened.subscriptions[0]).toMatchObject({ failures: 1 });

    await expect(store.recordPost('nope', { date: '2025-03-01', messageId: 'M2' })).rejects.toBeInstanceOf(UnknownSubscriptionError);
    expect((await store.removeSubscription('discord', 'C1'))?.id).toBe(id);
    expect(await store.removeSubscription('discord', 'C1')).toBeUndefined();
    expect(store.read()).toMatchObject({ subscriptions: [], posts: [] });
  });
});

describe('file option', () => {
  it('accepts another file name inside the directory', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'x'));
    const store = await openStateStore({ dir, file: 'x/other.json' });
    await store.update((s) => void (s.settings.a = 1));
    expect(existsSync(path.join(dir, 'x', 'other.json'))).toBe(true);
  });
});
