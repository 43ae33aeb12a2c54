// The PostgreSQL backend, chosen by DATABASE_URL: several bot instances share one database.
// Every decision that must be exact is one transaction with row locks or a unique key — a
// day's digest is claimed by exactly one instance, two reviewers approving one draft publish
// once — and every change is announced with NOTIFY so the other instances refresh at once
// (they also poll, in case a notification is lost). The digest's snapshot is kept in memory:
// if the database goes away mid-run, reads keep working from it and writes fail with
// StorageUnavailableError, which the commands turn into a clear "could not be saved".
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { logFor } from '../../log/logger.ts';
import { migrate } from './migrate.ts';
import { planDeliveryClaim } from '../deliveries.ts';
import {
  channelKeyOf,
  deliveryBatchKey,
  DuplicateFollowError,
  FollowLimitError,
  type AddFollowOptions,
  type AlertChannel,
  type Delivery,
  type DeliveryClaim,
  type DeliveryClaimResult,
  type DeliveryClaimOptions,
  type DeliveryOutcome,
  type Follow,
  type NewFollow,
  DuplicateSubscriptionError,
  StaleDraftError,
  StorageUnavailableError,
  UnknownSubscriptionError,
  type ClaimOptions,
  type ClaimSettlement,
  type DeepReadonly,
  type DigestSnapshot,
  type DraftRecord,
  type NewSubscription,
  type Platform,
  type PostFailure,
  type PostRecord,
  type PublishedRecord,
  type Storage,
  type StorageChange,
  type Subscription,
  type SubscriptionSettings,
} from '../storage.ts';

export interface PgStorageOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** A schema of its own (created if missing); default public. Tests use one per run. */
  schema?: string;
  now?: () => Date;
  log?: (message: string) => void;
  /** Start-up: how many times to try to reach the database, doubling the wait from connectDelayMs. Default 6 (about 15 s). */
  connectAttempts?: number;
  /** Start-up: the wait after the first failed try (ms), doubled after each up to 30 s. Default 500. */
  connectDelayMs?: number;
  /** Days of post log kept in the snapshot the scheduler plans from. Default 10. */
  snapshotDays?: number;
  /** How often to re-read the snapshot even without a notification. Default 30 s; 0 turns polling off. */
  pollMs?: number;
  poolSize?: number;
}

const MAX_ERROR_LENGTH = 500;
const DEFAULT_KEEP_DAYS = 35;
const DEFAULT_MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;
/** Serializes inserts into `published`, so the change feed's seq order is commit order. */
const PUBLISH_LOCK = 0x696c7a62;

/** postgres://user:secret@host:5432/db → postgres://host:5432/db, for logs and errors. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an unparseable DATABASE_URL)';
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(name)) throw new Error(`"${name}" is not a schema name ilzam accepts (letters, digits and _)`);
  return `"${name}"`;
}

// Connection-level failures: the database is down or unreachable, not a bad query.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface PostRow {
  subscription_id: string;
  date: string;
  channel_key: string | null;
  status: PostRecord['status'];
  message_id: string | null;
  at: Date;
  attempts: number | null;
  retry_at: Date | null;
  error: string | null;
  owner: string | null;
  lease_until: Date | null;
}

function toPost(r: PostRow): PostRecord {
  const p: PostRecord = { subscriptionId: r.subscription_id, date: r.date, status: r.status, at: r.at.toISOString() };
  if (r.channel_key !== null) p.channelKey = r.channel_key;
  if (r.message_id !== null) p.messageId = r.message_id;
  if (r.attempts !== null) p.attempts = r.attempts;
  if (r.retry_at !== null) p.retryAt = r.retry_at.toISOString();
  if (r.error !== null) p.error = r.error;
  if (r.owner !== null) p.owner = r.owner;
  if (r.lease_until !== null) p.leaseUntil = r.lease_until.toISOString();
  return p;
}

interface DraftRow {
  id: string;
  status: DraftRecord['status'];
  version: number;
  created_at: Date;
  updated_at: Date;
  data: unknown;
}

function toDraft(r: DraftRow): DraftRecord {
  return { id: r.id, status: r.status, version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), data: r.data };
}

interface PublishedRow {
  seq: string;
  incident_id: string;
  data: unknown;
  draft_id: string | null;
  published_at: Date;
  published_by: string;
}

function toPublished(r: PublishedRow): PublishedRecord {
  const p: PublishedRecord = { seq: Number(r.seq), incidentId: r.incident_id, data: r.data, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by };
  if (r.draft_id !== null) p.draftId = r.draft_id;
  return p;
}

const POST_COLUMNS = 'subscription_id, date, channel_key, status, message_id, at, attempts, retry_at, error, owner, lease_until';

interface DeliveryRow {
  channel_key: string;
  claim_key: string;
  batch: string;
  status: Delivery['status'];
  at: Date;
  owner: string | null;
  lease_until: Date | null;
  attempts: number;
  retry_at: Date | null;
  message_id: string | null;
  error: string | null;
}

function toDelivery(r: DeliveryRow): Delivery {
  const d: Delivery = { channelKey: r.channel_key, claimKey: r.claim_key, batch: r.batch, status: r.status, at: r.at.toISOString(), attempts: r.attempts };
  if (r.owner !== null) d.owner = r.owner;
  if (r.lease_until !== null) d.leaseUntil = r.lease_until.toISOString();
  if (r.retry_at !== null) d.retryAt = r.retry_at.toISOString();
  if (r.message_id !== null) d.messageId = r.message_id;
  if (r.error !== null) d.error = r.error;
  return d;
}

const DELIVERY_COLUMNS = 'channel_key, claim_key, batch, status, at, owner, lease_until, attempts, retry_at, message_id, error';
const DEFAULT_DELIVERY_KEEP_DAYS = 30;
const HOUR_MS = 3_600_000;

function channelKey(sub: Pick<Subscription, 'platform' | 'channel'>): string {
  return `${sub.platform}:${sub.channel}`;
}

type Tx = pg.PoolClient;

export class PgStorage implements Storage {
  readonly kind = 'postgres' as const;
  readonly exclusive = false;
  readonly location: string;
  readonly #pool: pg.Pool;
  readonly #schema: string;
  readonly #channel: string;
  readonly #now: () => Date;
  readonly #log: (message: string) => void;
  readonly #snapshotDays: number;
  /** Counts local snapshot patches, so a refresh can tell one raced it. */
  #patches = 0;
  #snapshot: DeepReadonly<DigestSnapshot> = deepFreeze({ subscriptions: [], posts: [] });
  #listener: pg.Client | undefined;
  readonly #watchers = new Set<(what: StorageChange) => void>();
  #poll: NodeJS.Timeout | undefined;
  #pending = new Set<Promise<unknown>>();
  #closed = false;

  private constructor(pool: pg.Pool, readonly url: string, opts: PgStorageOptions) {
    this.#pool = pool;
    this.location = redactDatabaseUrl(url) + (opts.schema ? ` (schema ${opts.schema})` : '');
    this.#schema = opts.schema ?? 'public';
    this.#channel = `ilzam_${this.#schema}`.slice(0, 63);
    this.#now = opts.now ?? (() => new Date());
    this.#log = opts.log ?? ((m) => logFor('storage').warn(m));
    this.#snapshotDays = opts.snapshotDays ?? 10;
  }

  /** Connects (retrying with backoff), migrates, loads the snapshot and starts listening. */
  static async open(opts: PgStorageOptions): Promise<PgStorage> {
    const schema = opts.schema;
    // The schema goes in the startup packet, so every connection has it before its first query
    // (a SET sent on 'connect' would race the first query, which pg warns about and pg 9 refuses).
    // A name that needs quoting (capitals too: unquoted they would fold) is set the old way.
    const simple = schema !== undefined && /^[a-z_][a-z0-9_]*$/.test(schema);
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 5,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      ...(simple ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the process.
    pool.on('error', (err) => (opts.log ?? ((m: string) => logFor('storage').warn(m)))(`a database connection was lost: ${err.message}`));
    if (schema && !simple) pool.on('connect', (client) => void client.query(`SET search_path TO ${quoteIdent(schema)}`).catch(() => undefined));
    const storage = new PgStorage(pool, opts.url, opts);
    try {
      await storage.#connect(opts.connectAttempts ?? 6, opts.connectDelayMs ?? 500);
      if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await migrate(pool);
      await storage.refresh();
      await storage.#listen();
      const pollMs = opts.pollMs ?? 30_000;
      if (pollMs > 0) {
        storage.#poll = setInterval(() => void storage.refresh().catch((err: unknown) => storage.#log(`refresh failed: ${(err as Error).message}`)), pollMs);
        storage.#poll.unref();
      }
      return storage;
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
  }

  async #connect(attempts: number, firstWait: number): Promise<void> {
    let wait = firstWait;
    for (let i = 1; ; i++) {
      try {
        await this.#pool.query('SELECT 1');
        return;
      } catch (err) {
        if (!isUnavailable(err) || i >= attempts) {
          throw new StorageUnavailableError(`cannot reach PostgreSQL at ${redactDatabaseUrl(this.url)} (${(err as { code?: string }).code ?? (err as Error).message})`);
        }
        this.#log(`PostgreSQL at ${redactDatabaseUrl(this.url)} is not reachable (${(err as { code?: string }).code ?? 'error'}); attempt ${i} of ${attempts}, trying again in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 30_000);
      }
    }
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', (err) => {
      this.#log(`the change listener lost its connection (${err.message}); polling until it is back`);
      this.#listener = undefined;
      if (!this.#closed) setTimeout(() => void this.#listen().catch(() => undefined), 5000).unref();
    });
    client.on('notification', (msg) => {
      const what = msg.payload as StorageChange;
      // Subscriptions feed the snapshot; everything else is for the watchers to read.
      const refreshed = what === 'subscriptions' ? this.refresh() : Promise.resolve();
      void refreshed
        .catch(() => undefined)
        .then(() => {
          for (const w of this.#watchers) w(what);
        });
    });
    await client.connect();
    await client.query(`LISTEN ${quoteIdent(this.#channel)}`);
    this.#listener = client;
  }

  /** Runs a write, keeping track of it for flush(), mapping connection failures. */
  #track<T>(work: () => Promise<T>): Promise<T> {
    const run = work().catch((err: unknown) => {
      if (isUnavailable(err)) throw new StorageUnavailableError(`the database is not reachable (${(err as { code?: string }).code ?? (err as Error).message}); nothing was saved`);
      throw err;
    });
    this.#pending.add(run);
    void run.catch(() => undefined).finally(() => this.#pending.delete(run));
    return run;
  }

  async #tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    // A connection lost while this client is checked out is emitted on the client, not the
    // pool; unheard, it would crash the process. The query in flight rejects on its own.
    const onError = () => undefined;
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      client.release();
    }
  }

  async #notify(tx: Tx | pg.Pool, what: StorageChange): Promise<void> {
    await tx.query('SELECT pg_notify($1, $2)', [this.#channel, what]);
  }

  // --- The snapshot --------------------------------------------------------------------------

  read(): DeepReadonly<DigestSnapshot> {
    return this.#snapshot;
  }

  async refresh(): Promise<void> {
    // A write of this instance that lands while the queries run patches the snapshot first and
    // would then be overwritten by rows read before it committed: read again until no patch
    // slipped in (bounded, so a busy instance still refreshes).
    for (let attempt = 0; ; attempt++) {
      const patchesBefore = this.#patches;
      const cutoff = new Date(this.#now().getTime() - this.#snapshotDays * DAY_MS).toISOString().slice(0, 10);
      const [subs, posts] = await Promise.all([
        this.#pool.query<{ data: Subscription }>('SELECT data FROM subscriptions ORDER BY data->>\'createdAt\', id'),
        this.#pool.query<PostRow>(`SELECT ${POST_COLUMNS} FROM posts WHERE date >= $1 ORDER BY date, subscription_id`, [cutoff]),
      ]);
      if (this.#patches !== patchesBefore && attempt < 4) continue;
      this.#snapshot = deepFreeze({ subscriptions: subs.rows.map((r) => r.data), posts: posts.rows.map(toPost) });
      return;
    }
  }

  #patchSubscription(id: string, sub: Subscription | undefined): void {
    this.#patches++;
    const subscriptions = this.#snapshot.subscriptions.filter((s) => s.id !== id) as Subscription[];
    if (sub) subscriptions.push(sub);
    this.#snapshot = deepFreeze({ subscriptions, posts: this.#snapshot.posts as PostRecord[] });
  }

  #patchPost(row: PostRecord): void {
    this.#patches++;
    const posts = this.#snapshot.posts.filter((p) => !(p.subscriptionId === row.subscriptionId && p.date === row.date)) as PostRecord[];
    posts.push(row);
    this.#snapshot = deepFreeze({ subscriptions: this.#snapshot.subscriptions as Subscription[], posts });
  }

  watch(onChange: (what: StorageChange) => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  // --- Subscriptions ---------------------------------------------------------------------------

  async #lockSubscription(tx: Tx, id: string): Promise<Subscription> {
    const { rows } = await tx.query<{ data: Subscription }>('SELECT data FROM subscriptions WHERE id = $1 FOR UPDATE', [id]);
    if (!rows[0]) throw new UnknownSubscriptionError(id);
    return rows[0].data;
  }

  async #saveSubscription(tx: Tx, sub: Subscription): Promise<void> {
    await tx.query('UPDATE subscriptions SET data = $2, workspace = $3 WHERE id = $1', [sub.id, sub, sub.workspace ?? null]);
  }

  addSubscription(input: NewSubscription): Promise<Subscription> {
    return this.#track(async () => {
      const sub: Subscription = { ...input, id: randomUUID(), createdAt: this.#now().toISOString(), paused: false, failures: 0 };
      const inserted = await this.#tx(async (tx) => {
        const { rows } = await tx.query<{ data: Subscription }>(
          'INSERT INTO subscriptions (id, platform, channel, workspace, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (platform, channel) DO NOTHING RETURNING data',
          [sub.id, sub.platform, sub.channel, sub.workspace ?? null, sub],
        );
        if (rows[0]) await this.#notify(tx, 'subscriptions');
        return rows[0]?.data;
      });
      if (!inserted) {
        const { rows } = await this.#pool.query<{ data: Subscription }>('SELECT data FROM subscriptions WHERE platform = $1 AND channel = $2', [input.platform, input.channel]);
        if (rows[0]) throw new DuplicateSubscriptionError(rows[0].data);
        throw new Error(`subscribing ${input.platform}:${input.channel} raced with an unsubscribe; try again`);
      }
      this.#patchSubscription(inserted.id, inserted);
      return inserted;
    });
  }

  removeSubscription(platform: Platform, channel: string, workspace?: string): Promise<Subscription | undefined> {
    return this.#track(async () => {
      const removed = await this.#tx(async (tx) => {
        const { rows } = await tx.query<{ data: Subscription }>('SELECT data FROM subscriptions WHERE platform = $1 AND channel = $2 FOR UPDATE', [platform, channel]);
        const sub = rows[0]?.data;
        if (!sub || (workspace !== undefined && sub.workspace !== undefined && sub.workspace !== workspace)) return undefined;
        // The day's log rows stay with their channel, so a re-subscribe the same day is not posted twice.
        await tx.query('UPDATE posts SET channel_key = COALESCE(channel_key, $2) WHERE subscription_id = $1', [sub.id, channelKey(sub)]);
        await tx.query('DELETE FROM subscriptions WHERE id = $1', [sub.id]);
        await this.#notify(tx, 'subscriptions');
        return sub;
      });
      if (removed) this.#patchSubscription(removed.id, undefined);
      return removed;
    });
  }

  listSubscriptions(platform?: Platform): readonly DeepReadonly<Subscription>[] {
    const all = this.#snapshot.subscriptions;
    return platform ? all.filter((s) => s.platform === platform) : all;
  }

  recordPost(subscriptionId: string, post: { date: string; messageId: string }): Promise<void> {
    return this.#track(async () => {
      const { sub, row } = await this.#tx(async (tx) => {
        const sub = await this.#lockSubscription(tx, subscriptionId);
        sub.failures = 0;
        delete sub.lastError;
        await this.#saveSubscription(tx, sub);
        const { rows } = await tx.query<PostRow>(
          `INSERT INTO posts (subscription_id, date, channel_key, status, message_id, at) VALUES ($1, $2, $3, 'posted', $4, $5)
           ON CONFLICT (subscription_id, date) DO UPDATE SET status = 'posted', message_id = $4, at = $5, channel_key = $3,
             retry_at = NULL, error = NULL, owner = NULL, lease_until = NULL
           RETURNING ${POST_COLUMNS}`,
          [subscriptionId, post.date, channelKey(sub), post.messageId, this.#now()],
        );
        return { sub, row: toPost(rows[0]!) };
      });
      this.#patchSubscription(sub.id, sub);
      this.#patchPost(row);
    });
  }

  recordFailure(subscriptionId: string, failure: PostFailure): Promise<number> {
    return this.#track(async () => {
      const { sub, row } = await this.#tx(async (tx) => {
        const sub = await this.#lockSubscription(tx, subscriptionId);
        const at = this.#now();
        const message = failure.error.slice(0, MAX_ERROR_LENGTH);
        if (!failure.transient) sub.failures += 1;
        sub.lastError = { at: at.toISOString(), message };
        await this.#saveSubscription(tx, sub);
        let row: PostRecord | undefined;
        if (failure.date) {
          const { rows } = await tx.query<PostRow>(
            `INSERT INTO posts (subscription_id, date, channel_key, status, at, error, retry_at) VALUES ($1, $2, $3, 'failed', $4, $5, $6)
             ON CONFLICT (subscription_id, date) DO UPDATE SET status = 'failed', at = $4, error = $5, retry_at = $6, owner = NULL, lease_until = NULL
               WHERE posts.status <> 'posted'
             RETURNING ${POST_COLUMNS}`,
            [subscriptionId, failure.date, channelKey(sub), at, message, failure.retryAt ?? null],
          );
          if (rows[0]) row = toPost(rows[0]);
        }
        return { sub, row };
      });
      this.#patchSubscription(sub.id, sub);
      if (row) this.#patchPost(row);
      return sub.failures;
    });
  }

  claimPost(subscriptionId: string, date: string, opts: ClaimOptions = {}): Promise<{ attempt: number } | undefined> {
    const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const keepDays = opts.keepDays ?? DEFAULT_KEEP_DAYS;
    return this.#track(async () => {
      const claimed = await this.#tx(async (tx) => {
        // The subscription's row lock serializes every instance's claims for it.
        const sub = await this.#lockSubscription(tx, subscriptionId);
        if (sub.paused) return undefined;
        const now = this.#now();
        const key = channelKey(sub);
        const other = await tx.query('SELECT 1 FROM posts WHERE channel_key = $1 AND date = $2 AND subscription_id <> $3 AND status <> \'failed\' LIMIT 1', [key, date, subscriptionId]);
        if (other.rowCount) return undefined;
        const { rows } = await tx.query<PostRow>(`SELECT ${POST_COLUMNS} FROM posts WHERE subscription_id = $1 AND date = $2`, [subscriptionId, date]);
        const row = rows[0];
        if (row) {
          if (row.status !== 'failed' || !row.retry_at || row.retry_at.getTime() > now.getTime()) return undefined;
          if ((row.attempts ?? 1) >= maxAttempts) return undefined;
        }
        const attempt = (row?.attempts ?? 0) + 1;
        const { rows: written } = await tx.query<PostRow>(
          `INSERT INTO posts (subscription_id, date, channel_key, status, at, attempts, owner, lease_until) VALUES ($1, $2, $3, 'claimed', $4, $5, $6, $7)
           ON CONFLICT (subscription_id, date) DO UPDATE SET status = 'claimed', at = $4, attempts = $5, owner = $6, lease_until = $7,
             channel_key = $3, retry_at = NULL, error = NULL, message_id = NULL
           RETURNING ${POST_COLUMNS}`,
          [subscriptionId, date, key, now, attempt, opts.owner ?? null, opts.leaseUntil ?? null],
        );
        const cutoff = new Date(Date.parse(`${date}T00:00:00Z`) - keepDays * DAY_MS).toISOString().slice(0, 10);
        await tx.query('DELETE FROM posts WHERE subscription_id = $1 AND date < $2', [subscriptionId, cutoff]);
        return { attempt, row: toPost(written[0]!) };
      });
      if (!claimed) return undefined;
      this.#patchPost(claimed.row);
      return { attempt: claimed.attempt };
    });
  }

  renewClaim(subscriptionId: string, date: string, owner: string, leaseUntil: Date): Promise<boolean> {
    return this.#track(async () => {
      const { rows } = await this.#pool.query<PostRow>(
        `UPDATE posts SET lease_until = $4 WHERE subscription_id = $1 AND date = $2 AND status = 'claimed' AND owner = $3 RETURNING ${POST_COLUMNS}`,
        [subscriptionId, date, owner, leaseUntil],
      );
      if (rows[0]) this.#patchPost(toPost(rows[0]));
      return rows.length > 0;
    });
  }

  settleClaim(subscriptionId: string, date: string, fromOwner: string | undefined, settlement: ClaimSettlement): Promise<boolean> {
    return this.#track(async () => {
      const now = this.#now();
      const settled = await this.#tx(async (tx) => {
        const set =
          settlement.outcome === 'posted'
            ? { sql: `status = 'posted', message_id = $4, error = NULL, retry_at = NULL`, value: settlement.messageId, retry: null }
            : settlement.outcome === 'unconfirmed'
              ? { sql: `status = 'unconfirmed', error = $4, retry_at = NULL`, value: settlement.note.slice(0, MAX_ERROR_LENGTH), retry: null }
              : { sql: `status = 'failed', error = $4, retry_at = $6`, value: settlement.note.slice(0, MAX_ERROR_LENGTH), retry: settlement.retryAt ?? null };
        const { rows } = await tx.query<PostRow>(
          `UPDATE posts SET ${set.sql}, at = $5, owner = NULL, lease_until = NULL
           WHERE subscription_id = $1 AND date = $2 AND status = 'claimed' AND owner IS NOT DISTINCT FROM $3
           RETURNING ${POST_COLUMNS}`,
          settlement.outcome === 'retry' ? [subscriptionId, date, fromOwner ?? null, set.value, now, set.retry] : [subscriptionId, date, fromOwner ?? null, set.value, now],
        );
        if (rows[0] && settlement.outcome === 'posted') {
          const { rows: subs } = await tx.query<{ data: Subscription }>('SELECT data FROM subscriptions WHERE id = $1 FOR UPDATE', [subscriptionId]);
          if (subs[0]) await this.#saveSubscription(tx, { ...subs[0].data, failures: 0 });
        }
        return rows[0] && toPost(rows[0]);
      });
      if (settled) this.#patchPost(settled);
      return settled !== undefined;
    });
  }

  recordUnconfirmed(subscriptionId: string, date: string, note: string): Promise<void> {
    return this.#track(async () => {
      const { rows } = await this.#pool.query<PostRow>(
        `INSERT INTO posts (subscription_id, date, channel_key, status, at, error)
           VALUES ($1, $2, (SELECT platform || ':' || channel FROM subscriptions WHERE id = $1), 'unconfirmed', $3, $4)
         ON CONFLICT (subscription_id, date) DO UPDATE SET status = 'unconfirmed', at = $3, error = $4, owner = NULL, lease_until = NULL
           WHERE posts.status <> 'posted'
         RETURNING ${POST_COLUMNS}`,
        [subscriptionId, date, this.#now(), note.slice(0, MAX_ERROR_LENGTH)],
      );
      if (rows[0]) this.#patchPost(toPost(rows[0]));
    });
  }

  pauseSubscription(subscriptionId: string, reason: string): Promise<Subscription | undefined> {
    return this.#track(async () => {
      const paused = await this.#tx(async (tx) => {
        const { rows } = await tx.query<{ data: Subscription }>('SELECT data FROM subscriptions WHERE id = $1 FOR UPDATE', [subscriptionId]);
        const sub = rows[0]?.data;
        if (!sub || sub.paused) return undefined;
        Object.assign(sub, { paused: true, pausedAt: this.#now().toISOString(), pausedReason: reason.slice(0, MAX_ERROR_LENGTH), pauseNoticeSent: false });
        await this.#saveSubscription(tx, sub);
        await this.#notify(tx, 'subscriptions');
        return sub;
      });
      if (paused) this.#patchSubscription(paused.id, paused);
      return paused;
    });
  }

  markPauseNoticeSent(subscriptionId: string): Promise<void> {
    return this.#track(async () => {
      const { rows } = await this.#pool.query<{ data: Subscription }>(
        `UPDATE subscriptions SET data = jsonb_set(data, '{pauseNoticeSent}', 'true') WHERE id = $1 RETURNING data`,
        [subscriptionId],
      );
      if (rows[0]) this.#patchSubscription(subscriptionId, rows[0].data);
    });
  }

  resumeSubscription(subscriptionId: string, settings: SubscriptionSettings): Promise<Subscription> {
    return this.#track(async () => {
      const sub = await this.#tx(async (tx) => {
        const sub = await this.#lockSubscription(tx, subscriptionId);
        Object.assign(sub, settings, { paused: false, failures: 0, resumedAt: this.#now().toISOString() });
        if (!settings.filter) delete sub.filter;
        delete sub.pausedAt;
        delete sub.pausedReason;
        delete sub.pauseNoticeSent;
        delete sub.lastError;
        await this.#saveSubscription(tx, sub);
        // A day that failed before the pause must not block a slot still to come today.
        await tx.query(`DELETE FROM posts WHERE subscription_id = $1 AND status = 'failed'`, [subscriptionId]);
        await this.#notify(tx, 'subscriptions');
        return sub;
      });
      this.#patchSubscription(sub.id, sub);
      this.#snapshot = deepFreeze({
        subscriptions: this.#snapshot.subscriptions as Subscription[],
        posts: this.#snapshot.posts.filter((p) => p.subscriptionId !== subscriptionId || p.status !== 'failed') as PostRecord[],
      });
      return sub;
    });
  }

  // --- The review queue and published records -------------------------------------------------

  addDrafts(drafts: readonly Pick<DraftRecord, 'id' | 'data'>[]): Promise<string[]> {
    return this.#track(async () => {
      if (!drafts.length) return [];
      const now = this.#now();
      const { rows } = await this.#pool.query<{ id: string }>(
        `INSERT INTO drafts (id, status, version, created_at, updated_at, data)
         SELECT d.id, 'pending', 1, $2, $2, d.data FROM jsonb_to_recordset($1::jsonb) AS d(id text, data jsonb)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [JSON.stringify(drafts.map((d) => ({ id: d.id, data: d.data }))), now],
      );
      const added = new Set(rows.map((r) => r.id));
      return drafts.map((d) => d.id).filter((id) => added.has(id));
    });
  }

  async getDraft(id: string): Promise<DraftRecord | undefined> {
    const { rows } = await this.#pool.query<DraftRow>('SELECT * FROM drafts WHERE id = $1', [id]);
    return rows[0] && toDraft(rows[0]);
  }

  async listDrafts(filter: { status?: DraftRecord['status']; limit?: number } = {}): Promise<DraftRecord[]> {
    const { rows } = await this.#pool.query<DraftRow>(
      'SELECT * FROM drafts WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at, id LIMIT $2',
      [filter.status ?? null, filter.limit ?? 1_000_000],
    );
    return rows.map(toDraft);
  }

  updateDraft(id: string, version: number, data: unknown): Promise<DraftRecord> {
    return this.#track(async () => {
      const { rows } = await this.#pool.query<DraftRow>(
        `UPDATE drafts SET data = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $2 AND status = 'pending' RETURNING *`,
        [id, version, JSON.stringify(data), this.#now()],
      );
      if (!rows[0]) throw new StaleDraftError(id, await this.getDraft(id));
      return toDraft(rows[0]);
    });
  }

  decideDraft(
    id: string,
    version: number,
    decision: { status: 'approved' | 'rejected'; data: unknown; publish?: Omit<PublishedRecord, 'seq' | 'publishedAt'> },
  ): Promise<{ draft: DraftRecord; published?: PublishedRecord }> {
    return this.#track(async () => {
      const now = this.#now();
      const result = await this.#tx(async (tx) => {
        const { rows } = await tx.query<DraftRow>(
          `UPDATE drafts SET status = $3, data = $4, version = version + 1, updated_at = $5 WHERE id = $1 AND version = $2 AND status = 'pending' RETURNING *`,
          [id, version, decision.status, JSON.stringify(decision.data), now],
        );
        if (!rows[0]) return undefined;
        let published: PublishedRecord | undefined;
        if (decision.publish) {
          await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
          const p = decision.publish;
          const { rows: pub } = await tx.query<PublishedRow>(
            'INSERT INTO published (incident_id, data, draft_id, published_at, published_by) VALUES ($1, $2, $3, $4, $5) RETURNING *',
            [p.incidentId, JSON.stringify(p.data), p.draftId ?? null, now, p.publishedBy],
          );
          published = toPublished(pub[0]!);
          await this.#notify(tx, 'published');
        }
        return { draft: toDraft(rows[0]), published };
      });
      if (!result) throw new StaleDraftError(id, await this.getDraft(id));
      return result;
    });
  }

  async publishedSince(seq: number): Promise<PublishedRecord[]> {
    const { rows } = await this.#pool.query<PublishedRow>('SELECT * FROM published WHERE seq > $1 ORDER BY seq', [seq]);
    return rows.map(toPublished);
  }

  // --- Ingestion bookkeeping -------------------------------------------------------------------

  markSeen(keys: readonly string[]): Promise<string[]> {
    return this.#track(async () => {
      const unique = [...new Set(keys)];
      if (!unique.length) return [];
      const { rows } = await this.#pool.query<{ key: string }>(
        'INSERT INTO seen (key, at) SELECT unnest($1::text[]), $2 ON CONFLICT (key) DO NOTHING RETURNING key',
        [unique, this.#now()],
      );
      const fresh = new Set(rows.map((r) => r.key));
      return unique.filter((k) => fresh.has(k));
    });
  }

  async seen(keys: readonly string[]): Promise<string[]> {
    if (!keys.length) return [];
    const { rows } = await this.#pool.query<{ key: string }>('SELECT key FROM seen WHERE key = ANY($1::text[])', [[...keys]]);
    const found = new Set(rows.map((r) => r.key));
    return keys.filter((k) => found.has(k));
  }

  async getSourceState(sourceId: string): Promise<unknown> {
    const { rows } = await this.#pool.query<{ state: unknown }>('SELECT state FROM sources WHERE id = $1', [sourceId]);
    return rows[0]?.state;
  }

  setSourceState(sourceId: string, state: unknown): Promise<void> {
    return this.#track(async () => {
      await this.#pool.query('INSERT INTO sources (id, state) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET state = $2', [sourceId, JSON.stringify(state)]);
    });
  }

  // --- Follows and alert deliveries ------------------------------------------------------------

  /** Locks a channel's alert settings row for the transaction: its follows and claims go one at a time. */
  async #lockAlertChannel(tx: Tx, platform: Platform, channel: string): Promise<AlertChannel | undefined> {
    const { rows } = await tx.query<{ data: AlertChannel }>('SELECT data FROM alert_channels WHERE platform = $1 AND channel = $2 FOR UPDATE', [platform, channel]);
    return rows[0]?.data;
  }

  async #saveAlertChannel(tx: Tx, c: AlertChannel): Promise<void> {
    await tx.query('UPDATE alert_channels SET data = $3 WHERE platform = $1 AND channel = $2', [c.platform, c.channel, c]);
  }

  addFollow(input: NewFollow, opts: AddFollowOptions): Promise<{ follow: Follow; channel: AlertChannel; resumed: boolean }> {
    return this.#track(() =>
      this.#tx(async (tx) => {
        const now = this.#now();
        const fresh: AlertChannel = { platform: input.platform, channel: input.channel, language: opts.language ?? opts.defaultLanguage, createdAt: now.toISOString(), paused: false, failures: 0 };
        if (input.workspace !== undefined) fresh.workspace = input.workspace;
        // Created with the first follow; racing first follows wait on the unique key, then share the row.
        await tx.query('INSERT INTO alert_channels (platform, channel, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [input.platform, input.channel, fresh]);
        const channel = (await this.#lockAlertChannel(tx, input.platform, input.channel))!;
        const { rows: existing } = await tx.query<{ data: Follow }>('SELECT data FROM follows WHERE platform = $1 AND channel = $2 AND target = $3', [input.platform, input.channel, input.target]);
        if (existing[0]) throw new DuplicateFollowError(existing[0].data);
        const { rows: count } = await tx.query<{ n: string }>('SELECT count(*) AS n FROM follows WHERE platform = $1 AND channel = $2', [input.platform, input.channel]);
        if (Number(count[0]!.n) >= opts.maxPerChannel) throw new FollowLimitError(opts.maxPerChannel);
        const follow: Follow = { ...input, names: [...input.names], id: randomUUID(), createdAt: now.toISOString() };
        if (follow.workspace === undefined) delete follow.workspace;
        await tx.query('INSERT INTO follows (id, platform, channel, target, created_at, data) VALUES ($1, $2, $3, $4, $5, $6)', [follow.id, follow.platform, follow.channel, follow.target, now, follow]);
        let resumed = false;
        if (opts.language && channel.language !== opts.language) channel.language = opts.language;
        if (channel.paused) {
          resumed = true;
          Object.assign(channel, { paused: false, failures: 0, resumedAt: now.toISOString() });
          delete channel.pausedAt;
          delete channel.pausedReason;
          delete channel.pauseNoticeSent;
          delete channel.lastError;
          await tx.query(`DELETE FROM deliveries WHERE channel_key = $1 AND status = 'failed'`, [channelKeyOf(channel.platform, channel.channel)]);
        }
        await this.#saveAlertChannel(tx, channel);
        await this.#notify(tx, 'follows');
        return { follow, channel, resumed };
      }),
    );
  }

  removeFollow(platform: Platform, channel: string, target: string, workspace?: string): Promise<Follow | undefined> {
    return this.#track(() =>
      this.#tx(async (tx) => {
        const { rows } = await tx.query<{ data: Follow }>('SELECT data FROM follows WHERE platform = $1 AND channel = $2 AND target = $3 FOR UPDATE', [platform, channel, target]);
        const follow = rows[0]?.data;
        if (!follow || (workspace !== undefined && follow.workspace !== undefined && follow.workspace !== workspace)) return undefined;
        await tx.query('DELETE FROM follows WHERE id = $1', [follow.id]);
        await this.#notify(tx, 'follows');
        return follow;
      }),
    );
  }

  async listFollows(where: { platform?: Platform; channel?: string } = {}): Promise<Follow[]> {
    const { rows } = await this.#pool.query<{ data: Follow }>(
      'SELECT data FROM follows WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR channel = $2) ORDER BY created_at, id',
      [where.platform ?? null, where.channel ?? null],
    );
    return rows.map((r) => r.data);
  }

  retargetFollow(id: string, target: string, names: readonly string[]): Promise<Follow | undefined> {
    return this.#track(() =>
      this.#tx(async (tx) => {
        const { rows } = await tx.query<{ data: Follow }>('SELECT data FROM follows WHERE id = $1 FOR UPDATE', [id]);
        const follow = rows[0]?.data;
        if (!follow) return undefined;
        const { rowCount } = await tx.query('SELECT 1 FROM follows WHERE platform = $1 AND channel = $2 AND target = $3 AND id <> $4', [follow.platform, follow.channel, target, id]);
        if (rowCount) {
          // The channel already follows what this one became (two names merged into one).
          await tx.query('DELETE FROM follows WHERE id = $1', [id]);
          return undefined;
        }
        const updated: Follow = { ...follow, target, names: [...names] };
        await tx.query('UPDATE follows SET target = $2, data = $3 WHERE id = $1', [id, target, updated]);
        await this.#notify(tx, 'follows');
        return updated;
      }),
    );
  }

  async listAlertChannels(platform?: Platform): Promise<AlertChannel[]> {
    const { rows } = await this.#pool.query<{ data: AlertChannel }>('SELECT data FROM alert_channels WHERE ($1::text IS NULL OR platform = $1) ORDER BY platform, channel', [platform ?? null]);
    return rows.map((r) => r.data);
  }

  pauseAlertChannel(platform: Platform, channel: string, reason: string): Promise<AlertChannel | undefined> {
    return this.#track(() =>
      this.#tx(async (tx) => {
        const c = await this.#lockAlertChannel(tx, platform, channel);
        if (!c || c.paused) return undefined;
        Object.assign(c, { paused: true, pausedAt: this.#now().toISOString(), pausedReason: reason.slice(0, MAX_ERROR_LENGTH), pauseNoticeSent: false });
        await this.#saveAlertChannel(tx, c);
        await this.#notify(tx, 'follows');
        return c;
      }),
    );
  }

  markAlertPauseNoticeSent(platform: Platform, channel: string): Promise<void> {
    return this.#track(async () => {
      await this.#pool.query(`UPDATE alert_channels SET data = jsonb_set(data, '{pauseNoticeSent}', 'true') WHERE platform = $1 AND channel = $2`, [platform, channel]);
    });
  }

  noteClaims(keys: readonly string[], opts: { baseline: boolean }): Promise<string[]> {
    return this.#track(async () => {
      const unique = [...new Set(keys)];
      if (!unique.length) return [];
      const { rows } = await this.#pool.query<{ key: string }>(
        'INSERT INTO noted_claims (key, at, baseline) SELECT unnest($1::text[]), $2, $3 ON CONFLICT (key) DO NOTHING RETURNING key',
        [unique, this.#now(), opts.baseline],
      );
      const fresh = new Set(rows.map((r) => r.key));
      return unique.filter((k) => fresh.has(k));
    });
  }

  async hasNotedClaims(): Promise<boolean> {
    const { rowCount } = await this.#pool.query('SELECT 1 FROM noted_claims LIMIT 1');
    return (rowCount ?? 0) > 0;
  }

  async notedClaimsSince(since: Date): Promise<{ key: string; at: string }[]> {
    const { rows } = await this.#pool.query<{ key: string; at: Date }>('SELECT key, at FROM noted_claims WHERE NOT baseline AND at >= $1 ORDER BY at, key', [since]);
    return rows.map((r) => ({ key: r.key, at: r.at.toISOString() }));
  }

  claimDeliveries(platform: Platform, channel: string, candidates: readonly string[], opts: DeliveryClaimOptions): Promise<DeliveryClaimResult> {
    return this.#track(() =>
      this.#tx(async (tx) => {
        const c = await this.#lockAlertChannel(tx, platform, channel);
        if (!c || c.paused) return {};
        const now = this.#now();
        const key = channelKeyOf(platform, channel);
        const cutoff = new Date(now.getTime() - (opts.keepDays ?? DEFAULT_DELIVERY_KEEP_DAYS) * DAY_MS);
        await tx.query(`DELETE FROM deliveries WHERE channel_key = $1 AND at < $2 AND status <> 'claimed'`, [key, cutoff]);
        // What the plan needs: the last hour's posts, the failed batches, and the candidates' rows.
        const { rows } = await tx.query<DeliveryRow>(
          `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE channel_key = $1 AND (at > $2 OR status = 'failed' OR claim_key = ANY($3::text[]))`,
          [key, new Date(now.getTime() - HOUR_MS), [...candidates]],
        );
        const plan = planDeliveryClaim(rows.map(toDelivery), candidates, now, opts);
        if (!plan.keys) return { ...(plan.waitUntil ? { waitUntil: plan.waitUntil } : {}), ...(plan.limited ? { limited: true } : {}) };
        const batch = plan.batch ?? deliveryBatchKey(platform, channel, plan.keys);
        await tx.query(
          `INSERT INTO deliveries (channel_key, claim_key, batch, status, at, owner, lease_until, attempts)
             SELECT $1, unnest($2::text[]), $3, 'claimed', $4, $5, $6, $7
           ON CONFLICT (channel_key, claim_key) DO UPDATE SET batch = $3, status = 'claimed', at = $4, owner = $5, lease_until = $6, attempts = $7,
             retry_at = NULL, message_id = NULL, error = NULL`,
          [key, plan.keys, batch, now, opts.owner, opts.leaseUntil, plan.attempt],
        );
        return { claim: { batch, claimKeys: plan.keys, attempt: plan.attempt }, ...(plan.waitUntil ? { waitUntil: plan.waitUntil } : {}) };
      }),
    );
  }

  settleDeliveries(platform: Platform, channel: string, batch: string, fromOwner: string | undefined, outcome: DeliveryOutcome): Promise<{ settled: boolean; failures: number }> {
    return this.#track(() =>
      this.#tx(async (tx) => {
        const now = this.#now();
        const c = await this.#lockAlertChannel(tx, platform, channel);
        const set =
          outcome.outcome === 'posted'
            ? { sql: `status = 'posted', message_id = $5, error = NULL, retry_at = NULL`, params: [outcome.messageId] }
            : outcome.outcome === 'unconfirmed'
              ? { sql: `status = 'unconfirmed', error = $5, retry_at = NULL`, params: [outcome.note.slice(0, MAX_ERROR_LENGTH)] }
              : { sql: `status = 'failed', error = $5, retry_at = $6`, params: [outcome.error.slice(0, MAX_ERROR_LENGTH), outcome.retryAt ?? null] };
        const { rowCount } = await tx.query(
          `UPDATE deliveries SET ${set.sql}, at = $4, owner = NULL, lease_until = NULL
           WHERE channel_key = $1 AND batch = $2 AND status = 'claimed' AND owner IS NOT DISTINCT FROM $3`,
          [channelKeyOf(platform, channel), batch, fromOwner ?? null, now, ...set.params],
        );
        if (!rowCount) return { settled: false, failures: c?.failures ?? 0 };
        if (c && outcome.outcome === 'posted' && (c.failures || c.lastError)) {
          c.failures = 0;
          delete c.lastError;
          await this.#saveAlertChannel(tx, c);
        } else if (c && outcome.outcome === 'failed') {
          if (outcome.channelFault) c.failures += 1;
          c.lastError = { at: now.toISOString(), message: outcome.error.slice(0, MAX_ERROR_LENGTH) };
          await this.#saveAlertChannel(tx, c);
        }
        return { settled: true, failures: c?.failures ?? 0 };
      }),
    );
  }

  async listDeliveries(where: { platform?: Platform; channel?: string; status?: Delivery['status'] } = {}): Promise<Delivery[]> {
    const key = where.platform !== undefined && where.channel !== undefined ? channelKeyOf(where.platform, where.channel) : null;
    const { rows } = await this.#pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries
       WHERE ($1::text IS NULL OR channel_key = $1) AND ($2::text IS NULL OR channel_key LIKE $2 || ':%') AND ($3::text IS NULL OR status = $3)
       ORDER BY at, channel_key, claim_key`,
      [key, where.platform ?? null, where.status ?? null],
    );
    return rows.map(toDelivery);
  }

  // --- Slack installations ---------------------------------------------------------------------

  saveInstallation(key: string, installation: unknown): Promise<void> {
    return this.#track(async () => {
      await this.#pool.query(
        'INSERT INTO installations (key, data, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET data = $2, updated_at = $3',
        [key, JSON.stringify(installation), this.#now()],
      );
    });
  }

  async fetchInstallation(key: string): Promise<unknown | undefined> {
    const { rows } = await this.#pool.query<{ data: unknown }>('SELECT data FROM installations WHERE key = $1', [key]);
    return rows[0]?.data;
  }

  deleteInstallation(key: string): Promise<void> {
    return this.#track(async () => {
      await this.#pool.query('DELETE FROM installations WHERE key = $1', [key]);
    });
  }

  // --- Lifecycle -------------------------------------------------------------------------------

  async health(): Promise<{ ok: boolean; detail: string }> {
    try {
      await this.#pool.query('SELECT 1');
      return { ok: true, detail: this.location };
    } catch (err) {
      return { ok: false, detail: `${this.location}: ${(err as { code?: string }).code ?? (err as Error).message}` };
    }
  }

  async flush(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    await this.flush();
    await this.#listener?.end().catch(() => undefined);
    await this.#pool.end().catch(() => undefined);
  }
}
