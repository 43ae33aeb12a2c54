import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataValidationError } from '../src/store/curated.ts';
import { State } from '../src/store/state-schema.ts';
import {
  DuplicateSubscriptionError,
  openStateStore,
  StateDirError,
  StateLockedError,
  StateValidationError,
  UnknownSubscriptionError,
  type NewSubscription,
} from '../src/store/file-storage.ts';

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

const fileState = (over: Record<string, unknown> = {}) => ({ version: 1, subscriptions: [], posts: [], ...over });
/** The directory's files, without the lock this process holds. */
const filesIn = (dir: string) => readdirSync(dir).filter((f) => f !== 'state.lock');

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
    expect(filesIn(dir)).toEqual(['state.json']); // no probe or temp files left
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
    expect(filesIn(dir)).toEqual(['state.json']);
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

  it('validates drafts and published records on load', async () => {
    const err = await failingOpen(JSON.stringify(fileState({ drafts: [{ id: 'd1', status: 'maybe', version: 1, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', data: {} }] }), null, 2));
    expect(err.problems).toEqual([expect.objectContaining({ record: 'draft d1', field: 'drafts.0.status' })]);
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
          s.sources.counter = Number(s.sources.counter ?? 0) + 1;
        }),
      ),
    ]);
    expect(results).toHaveLength(200);
    for (const state of [store.state(), (await openStateStore({ dir })).state()]) {
      expect(state.subscriptions.map((x) => x.channel).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `C${i}`).sort());
      expect(state.sources.counter).toBe(100);
    }
    expect(filesIn(dir)).toEqual(['state.json']);
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
    expect(filesIn(dir)).toEqual(['state.json']);
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
    expect(reopened.posts).toEqual([expect.objectContaining({ date: '2025-03-01', status: 'posted', messageId: 'M1', channelKey: 'discord:C1' })]);
    expect(reopened.subscriptions[0]).toMatchObject({ failures: 1 });

    await expect(store.recordPost('nope', { date: '2025-03-01', messageId: 'M2' })).rejects.toBeInstanceOf(UnknownSubscriptionError);
    expect((await store.removeSubscription('discord', 'C1'))?.id).toBe(id);
    expect(await store.removeSubscription('discord', 'C1')).toBeUndefined();
    // The day's log row stays, with its channel, so a re-subscribe the same day is not posted twice.
    expect(store.read()).toMatchObject({ subscriptions: [], posts: [expect.objectContaining({ date: '2025-03-01', status: 'posted', channelKey: 'discord:C1' })] });
    const again = await store.addSubscription(sub('C1'));
    expect(await store.claimPost(again.id, '2025-03-01')).toBeUndefined();
    expect(await store.claimPost(again.id, '2025-03-02')).toEqual({ attempt: 1 });
  });
});

describe('file option', () => {
  it('accepts another file name inside the directory', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'x'));
    const store = await openStateStore({ dir, file: 'x/other.json' });
    await store.update((s) => void (s.sources.a = 1));
    expect(existsSync(path.join(dir, 'x', 'other.json'))).toBe(true);
  });
});

describe('one owner per state directory', () => {
  const writer = path.resolve(import.meta.dirname, 'fixtures/state-writer.ts');
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
  });

  /** Starts the writer child; resolves once it is ready (or with its refusal). */
  function startWriter(dir: string, count?: number): Promise<{ child: ChildProcessWithoutNullStreams; out: string[]; refused?: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, ...(count ? [String(count)] : [])], { cwd: path.resolve(import.meta.dirname, '..') });
    children.push(child);
    const out: string[] = [];
    let err = '';
    let buffered = '';
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          out.push(line);
          if (line.startsWith('ready')) resolve({ child, out });
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => (code === 2 ? resolve({ child, out, refused: err.trim() }) : undefined));
      child.on('error', reject);
    });
  }

  it('refuses a second process with one line naming the first, and loses no acknowledged write when the first is killed', async () => {
    const dir = tempDir();
    const first = await startWriter(dir);
    const second = await startWriter(dir);
    expect(second.refused).toMatch(new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by process ${first.child.pid} on .*: run one bot per ILZAM_STATE_DIR`));
    expect(second.refused!.split('\n')).toHaveLength(1);
    // Let the first write a while, then kill it mid-write.
    await new Promise((r) => setTimeout(r, 400));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const acked = first.out.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
    expect(acked.length).toBeGreaterThan(0);
    // The lock it left is stale: a new process (here, this one) takes it over and finds every acknowledged write.
    const store = await openStateStore({ dir });
    const channels = new Set(store.listSubscriptions().map((s) => s.channel));
    expect(acked.filter((c) => !channels.has(c))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await store.close();
  }, 60_000);

  it('removes the temp file a writer killed before its rename left, and keeps this process\'s own', async () => {
    const dir = tempDir();
    const orphan = path.join(dir, '.state.json.999999.0f0e.tmp');
    const own = path.join(dir, `.state.json.${process.pid}.0f0e.tmp`);
    writeFileSync(orphan, '{"half": ');
    writeFileSync(own, '{}');
    const store = await openStateStore({ dir });
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(own)).toBe(true);
    await store.close();
  });

  it('takes over a lock whose process is gone, and shares it between two stores of one process', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    writeFileSync(path.join(dir, 'state.lock'), JSON.stringify({ pid: deadPid, host: os.hostname(), startedAt: '2025-01-01T00:00:00.000Z' }));
    const store = await openStateStore({ dir });
    expect(JSON.parse(readFileSync(path.join(dir, 'state.lock'), 'utf8')).pid).toBe(process.pid);
    // A second store in the same process shares the lock; the lock goes when the last one closes.
    const again = await openStateStore({ dir });
    await again.close();
    expect(existsSync(path.join(dir, 'state.lock'))).toBe(true);
    await store.close();
    expect(existsSync(path.join(dir, 'state.lock'))).toBe(false);
    // A half-written lock (a crash between creating and writing it) is stale too.
    writeFileSync(path.join(dir, 'state.lock'), '');
    await (await openStateStore({ dir })).close();
  });

  it('a lock held by a live process is honoured even when it is this process’s parent', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'state.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '2025-01-01T00:00:00.000Z' }));
    return expect(openStateStore({ dir })).rejects.toBeInstanceOf(StateLockedError);
  });
});

describe('hostile state files', () => {
  it('a FIFO, a directory or a deeply nested file gives the one-line error, not a hang or a stack', async () => {
    const fifoDir = tempDir();
    const made = spawnSync('mkfifo', [path.join(fifoDir, 'state.json')]);
    if (made.status === 0) {
      const err = await openStateStore({ dir: fifoDir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateValidationError);
      expect((err as Error).message).toMatch(/is not a regular file \(a FIFO, socket or device\)/);
    }
    const dirDir = tempDir();
    mkdirSync(path.join(dirDir, 'state.json'));
    await expect(openStateStore({ dir: dirDir })).rejects.toThrow(/is not a regular file \(a directory\)/);
    const deep = tempDir();
    writeFileSync(path.join(deep, 'state.json'), `{"version":1,"sources":{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`);
    const err = await openStateStore({ dir: deep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateValidationError);
    expect((err as Error).message).toMatch(/nested more than 64 levels deep/);
  });

  it('keeps fields this version does not know through a write (a rollback loses nothing)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify(fileState({ futureSection: { x: 1 }, subscriptions: [{ ...fileSub('s1', 'C1'), futureField: 'kept' }] })));
    const store = await openStateStore({ dir });
    await store.addSubscription(sub('C2'));
    const onDisk = JSON.parse(readFileSync(store.file, 'utf8'));
    expect(onDisk.futureSection).toEqual({ x: 1 });
    expect(onDisk.subscriptions[0].futureField).toBe('kept');
    await store.close();
  });
});
