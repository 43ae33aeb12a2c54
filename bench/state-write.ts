// What one write of the bot's state costs when it already holds 1,000 or 10,000 digest
// subscriptions (and a day's post log for each): adding a subscription (/subscribe) and the
// digest's claim + record of a post, for the file backend (src/store/file-storage.ts) and, when
// it is reachable, PostgreSQL (src/store/pg/pg-storage.ts) in a throwaway schema dropped after.
// The stores are filled in one step (one file write; bulk INSERTs), then timed call by call.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { openStateStore } from '../src/store/file-storage.ts';
import { PgStorage } from '../src/store/pg/pg-storage.ts';
import type { PostRecord, Storage, Subscription } from '../src/store/storage.ts';
import { stats, type Stats } from './measure.ts';

export const STATE_SIZES = [1000, 10000];
export const DEFAULT_DATABASE_URL = process.env.ILZAM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StateWriteRow {
  backend: 'file' | 'postgres';
  subscriptions: number;
  addSubscription: Stats;
  /** claimPost then recordPost, as the digest does for one channel's day. */
  recordPost: Stats;
  /** PostgreSQL: re-reading the snapshot (what every instance does on a change notice). */
  refresh?: Stats;
  /** File: the state file's size before the timed writes (MB). */
  fileMB?: number;
}

export interface StateWriteResult {
  samples: number;
  rows: StateWriteRow[];
  /** Why PostgreSQL was not measured, if it was not. */
  postgresSkipped?: string;
}

const DAY = '2026-01-01';
const NEXT_DAY = '2026-01-02';

function subscription(i: number, now: string): Subscription {
  return { id: randomUUID(), platform: 'discord', channel: String(10_000_000_000_000_000n + BigInt(i)), language: i % 3 ? 'en' : 'ur', time: '09:00', zone: 'Asia/Karachi', createdBy: `u${i}`, createdAt: now, paused: false, failures: 0, workspace: `g${i % 97}` } as Subscription;
}

function post(sub: Subscription, now: string): PostRecord {
  return { subscriptionId: sub.id, channelKey: `${sub.platform}:${sub.channel}`, date: DAY, status: 'posted', messageId: `m-${sub.channel}`, at: now, attempts: 1 } as PostRecord;
}

async function timeWrites(storage: Storage, existing: Subscription[], samples: number, size: number): Promise<{ add: number[]; post: number[] }> {
  const add: number[] = [];
  const rec: number[] = [];
  for (let k = 0; k < samples; k++) {
    let t = performance.now();
    await storage.addSubscription({ platform: 'discord', channel: String(20_000_000_000_000_000n + BigInt(size * 100 + k)), language: 'en', time: '10:00', zone: 'Asia/Karachi', createdBy: 'bench', workspace: 'g1' });
    add.push(performance.now() - t);
    const sub = existing[Math.floor((k * existing.length) / samples)]!;
    t = performance.now();
    const claim = await storage.claimPost(sub.id, NEXT_DAY, { owner: 'bench', leaseUntil: new Date(Date.now() + 60_000) });
    if (!claim) throw new Error(`could not claim ${sub.id} for ${NEXT_DAY}`);
    await storage.recordPost(sub.id, { date: NEXT_DAY, messageId: `m2-${sub.channel}` });
    rec.push(performance.now() - t);
  }
  return { add, post: rec };
}

async function fileRow(size: number, samples: number): Promise<StateWriteRow> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ilzam-bench-state-'));
  const storage = await openStateStore({ dir });
  try {
    const now = new Date().toISOString();
    const subs = Array.from({ length: size }, (_, i) => subscription(i, now));
    await storage.update((draft) => {
      draft.subscriptions.push(...subs);
      draft.posts.push(...subs.map((s) => post(s, now)));
    });
    const fileMB = Math.round(((await stat(storage.file)).size / 1048576) * 10) / 10;
    const { add, post: rec } = await timeWrites(storage, subs, samples, size);
    return { backend: 'file', subscriptions: size, addSubscription: stats(add), recordPost: stats(rec), fileMB };
  } finally {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function postgresRow(url: string, size: number, samples: number): Promise<StateWriteRow> {
  const schema = `bench_state_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let storage: PgStorage | undefined;
  try {
    // Created (and migrated) by the storage itself, then filled in bulk behind its back.
    storage = await PgStorage.open({ url, schema, pollMs: 0, connectAttempts: 1, log: () => undefined });
    const now = new Date().toISOString();
    const subs = Array.from({ length: size }, (_, i) => subscription(i, now));
    await admin.query(`SET search_path TO "${schema}"`);
    for (let i = 0; i < subs.length; i += 2000) {
      const batch = subs.slice(i, i + 2000);
      await admin.query(
        `INSERT INTO subscriptions (id, platform, channel, workspace, data) SELECT x->>'id', x->>'platform', x->>'channel', x->>'workspace', x FROM jsonb_array_elements($1::jsonb) x`,
        [JSON.stringify(batch)],
      );
      await admin.query(
        `INSERT INTO posts (subscription_id, date, channel_key, status, message_id, at, attempts)
         SELECT x->>'subscriptionId', x->>'date', x->>'channelKey', x->>'status', x->>'messageId', (x->>'at')::timestamptz, (x->>'attempts')::int FROM jsonb_array_elements($1::jsonb) x`,
        [JSON.stringify(batch.map((s) => post(s, now)))],
      );
    }
    const refresh: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      await storage.refresh();
      refresh.push(performance.now() - t);
    }
    if (storage.read().subscriptions.length !== size) throw new Error(`the snapshot holds ${storage.read().subscriptions.length} subscriptions, not ${size}`);
    const { add, post: rec } = await timeWrites(storage, subs, samples, size);
    return { backend: 'postgres', subscriptions: size, addSubscription: stats(add), recordPost: stats(rec), refresh: stats(refresh) };
  } finally {
    await storage?.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

async function postgresMissing(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function measureStateWrites(opts: { sizes?: number[]; samples?: number; databaseUrl?: string; log?: (m: string) => void } = {}): Promise<StateWriteResult> {
  const sizes = opts.sizes ?? STATE_SIZES;
  const samples = opts.samples ?? 20;
  const log = opts.log ?? (() => {});
  const url = opts.databaseUrl ?? DEFAULT_DATABASE_URL;
  const rows: StateWriteRow[] = [];
  for (const size of sizes) {
    rows.push(await fileRow(size, samples));
    log(`state, file, ${size} subscriptions: add p50 ${rows.at(-1)!.addSubscription.p50} ms, post p50 ${rows.at(-1)!.recordPost.p50} ms`);
  }
  const missing = await postgresMissing(url);
  if (!missing) {
    for (const size of sizes) {
      rows.push(await postgresRow(url, size, samples));
      log(`state, postgres, ${size} subscriptions: add p50 ${rows.at(-1)!.addSubscription.p50} ms, post p50 ${rows.at(-1)!.recordPost.p50} ms`);
    }
  }
  return { samples, rows, postgresSkipped: missing ? `PostgreSQL not reachable (${missing})` : undefined };
}
