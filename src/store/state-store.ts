// The bot's mutable run-time state: one lowdb JSON file, by default ./var/state.json
// (ILZAM_STATE_DIR moves the directory). The curated dataset in data/ is read-only; everything
// the bot changes while running lives here.
//
// Guarantees:
// - Load: the file is validated as a whole (state-file.ts); a bad file stops start-up and is
//   never written, because openStateStore throws before a store exists that could write it.
// - Updates go through one in-process queue: each `update(fn)` runs fn on a copy of the latest
//   committed state, validates the result, writes it durably, and only then commits it in
//   memory and resolves. So concurrent callers never lose each other's changes, a failing fn or
//   write leaves memory equal to disk, and a resolved update survives a crash.
// - One process per file. Two processes on one file are out of scope: each would overwrite the
//   other's changes (the queue is per process). Run one bot per ILZAM_STATE_DIR.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import { emptyState, type Platform, type PostRecord, type State, type Subscription } from './state-schema.ts';
import { prepareStateDir, StateFile, validateState } from './state-file.ts';

export { StateDirError, StateValidationError } from './state-file.ts';

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type NewSubscription = Pick<Subscription, 'platform' | 'channel' | 'language' | 'time' | 'zone' | 'createdBy' | 'workspace'>;

/** What /subscribe may change when it resumes a paused subscription. */
export type SubscriptionSettings = Pick<Subscription, 'language' | 'time' | 'zone' | 'createdBy'>;

export interface PostFailure {
  error: string;
  /** The local day the post was for; its log row becomes 'failed' (unless already posted). */
  date?: string;
  /** Try the day again at this time; without it, not again that day. */
  retryAt?: Date;
  /** A failure that is not the channel's fault (5xx, rate limit): logged, but not counted towards pausing. */
  transient?: boolean;
}

export class DuplicateSubscriptionError extends Error {
  constructor(readonly existing: DeepReadonly<Subscription>) {
    super(`${existing.platform} channel ${existing.channel} already has a digest subscription (${existing.time} ${existing.zone})`);
    this.name = 'DuplicateSubscriptionError';
  }
}

export class UnknownSubscriptionError extends Error {
  constructor(readonly id: string) {
    super(`no subscription with id ${id} (it may have been removed)`);
    this.name = 'UnknownSubscriptionError';
  }
}

export interface StateStore {
  /** Absolute path of the state file. */
  readonly file: string;
  /** The last committed state: frozen, so a caller cannot change it behind the queue's back. */
  read(): DeepReadonly<State>;
  /**
   * Applies a synchronous mutation to a copy of the state, validates, writes atomically and
   * durably, then resolves with fn's result. Calls run strictly in order. If fn throws, the
   * result is invalid or the write fails, only this call rejects and nothing changes.
   */
  update<T>(mutate: (draft: State) => T): Promise<T>;
  /** Resolves when every update issued so far has settled; await it before shutting down. */
  flush(): Promise<void>;

  // Subscription helpers: the operations the digest commands and scheduler need, each one update.
  addSubscription(input: NewSubscription): Promise<Subscription>;
  /** Removes the channel's subscription and its post log; resolves with it, or undefined if there was none. */
  removeSubscription(platform: Platform, channel: string): Promise<Subscription | undefined>;
  listSubscriptions(platform?: Platform): readonly DeepReadonly<Subscription>[];
  /** Logs a digest posted for a local date and clears the failure count. */
  recordPost(subscriptionId: string, post: { date: string; messageId: string }): Promise<void>;
  /**
   * Counts a failed post (unless transient); with a date, also logs the day as failed (unless it
   * was already posted). Resolves with the subscription's consecutive failure count.
   */
  recordFailure(subscriptionId: string, failure: PostFailure): Promise<number>;

  // The digest scheduler's claim protocol (docs/digest.md).
  /**
   * Claims the (subscription, local day) slot before a post is sent: atomically checks that
   * the subscription is active and the day is neither posted, claimed, unconfirmed nor failed
   * without a due retry, then logs it 'claimed'. Resolves with the attempt number, or
   * undefined if the slot is not free. Also drops the subscription's log rows older than
   * keepDays, so the file does not grow without end.
   */
  claimPost(subscriptionId: string, date: string, opts?: { maxAttempts?: number; keepDays?: number }): Promise<{ attempt: number } | undefined>;
  /** Settles a claim left by a dead process as 'unconfirmed': not re-sent, and not silent. */
  recordUnconfirmed(subscriptionId: string, date: string, note: string): Promise<void>;
  /** Stops posting to a channel; undefined if it is gone or already paused. */
  pauseSubscription(subscriptionId: string, reason: string): Promise<Subscription | undefined>;
  markPauseNoticeSent(subscriptionId: string): Promise<void>;
  /** Unpauses, clears the failures and applies new settings; no slot before now is owed. */
  resumeSubscription(subscriptionId: string, settings: SubscriptionSettings): Promise<Subscription>;
}

export interface OpenStateStoreOptions {
  /** The state directory; default ILZAM_STATE_DIR, else ./var under the working directory. */
  dir?: string;
  /** File name (or path) inside dir; default state.json. */
  file?: string;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Errors kept short: a platform error can carry a whole HTTP body. */
const MAX_ERROR_LENGTH = 500;
/** Log rows kept per subscription: the claim protocol needs only today's; the rest is history for people. */
const DEFAULT_KEEP_DAYS = 35;
const DEFAULT_MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;

class JsonStateStore implements StateStore {
  // lowdb's Low holds the committed data and the adapter. Low.update() is not used: it mutates
  // data in place before writing, so a throwing fn or a failed write would leave memory ahead of disk.
  readonly #db: Low<State>;
  readonly #now: () => Date;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    db: Low<State>,
    now: () => Date,
  ) {
    this.#db = db;
    this.#now = now;
    deepFreeze(db.data);
  }

  read(): DeepReadonly<State> {
    return this.#db.data;
  }

  update<T>(mutate: (draft: State) => T): Promise<T> {
    const run = this.#tail.then(() => this.#apply(mutate));
    this.#tail = run.catch(() => undefined); // one failed update must not stop the queue
    return run;
  }

  async #apply<T>(mutate: (draft: State) => T): Promise<T> {
    const draft = structuredClone(this.#db.data); // the clone is not frozen
    const result = mutate(draft);
    if (result instanceof Promise) {
      // An async fn would hold the queue across its awaits and could resolve after the write.
      throw new TypeError('update() takes a synchronous function; do the async work first, then update');
    }
    const next = validateState(draft, this.file, 'update');
    await this.#db.adapter.write(next);
    this.#db.data = deepFreeze(next);
    return result;
  }

  async flush(): Promise<void> {
    await this.#tail;
  }

  addSubscription(input: NewSubscription): Promise<Subscription> {
    // The duplicate check runs inside the queue, so two racing adds for one channel cannot both pass.
    return this.update((s) => {
      const existing = s.subscriptions.find((x) => x.platform === input.platform && x.channel === input.channel);
      if (existing) throw new DuplicateSubscriptionError(existing);
      const sub: Subscription = { ...input, id: randomUUID(), createdAt: this.#now().toISOString(), paused: false, failures: 0 };
      s.subscriptions.push(sub);
      return sub;
    });
  }

  removeSubscription(platform: Platform, channel: string): Promise<Subscription | undefined> {
    return this.update((s) => {
      const sub = s.subscriptions.find((x) => x.platform === platform && x.channel === channel);
      if (!sub) return undefined;
      s.subscriptions = s.subscriptions.filter((x) => x !== sub);
      s.posts = s.posts.filter((p) => p.subscriptionId !== sub.id);
      return sub;
    });
  }

  listSubscriptions(platform?: Platform): readonly DeepReadonly<Subscription>[] {
    const all = this.read().subscriptions;
    return platform ? all.filter((s) => s.platform === platform) : all;
  }

  recordPost(subscriptionId: string, post: { date: string; messageId: string }): Promise<void> {
    return this.update((s) => {
      const sub = findSubscription(s, subscriptionId);
      sub.failures = 0;
      delete sub.lastError;
      const row: PostRecord = { subscriptionId, date: post.date, status: 'posted', messageId: post.messageId, at: this.#now().toISOString() };
      const attempts = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === post.date)?.attempts;
      if (attempts !== undefined) row.attempts = attempts; // how many tries it took, for people reading the log
      upsertPost(s, row);
    });
  }

  recordFailure(subscriptionId: string, failure: PostFailure): Promise<number> {
    return this.update((s) => {
      const sub = findSubscription(s, subscriptionId);
      const at = this.#now().toISOString();
      const message = failure.error.slice(0, MAX_ERROR_LENGTH);
      if (!failure.transient) sub.failures += 1;
      sub.lastError = { at, message };
      const day = failure.date && s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === failure.date);
      if (failure.date && (!day || day.status !== 'posted')) {
        const row: PostRecord = { subscriptionId, date: failure.date, status: 'failed', at, error: message };
        if (day && day.attempts !== undefined) row.attempts = day.attempts;
        if (failure.retryAt) row.retryAt = failure.retryAt.toISOString();
        upsertPost(s, row);
      }
      return sub.failures;
    });
  }

  claimPost(subscriptionId: string, date: string, opts: { maxAttempts?: number; keepDays?: number } = {}): Promise<{ attempt: number } | undefined> {
    const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const keepDays = opts.keepDays ?? DEFAULT_KEEP_DAYS;
    return this.update((s) => {
      const sub = findSubscription(s, subscriptionId);
      if (sub.paused) return undefined;
      const now = this.#now();
      const row = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === date);
      if (row) {
        // 'claimed' is in flight here or was left by a dead process (start-up settles those);
        // 'posted' and 'unconfirmed' close the day; 'failed' reopens only at its retry time.
        if (row.status !== 'failed' || !row.retryAt || Date.parse(row.retryAt) > now.getTime()) return undefined;
        if ((row.attempts ?? 1) >= maxAttempts) return undefined;
      }
      const attempt = (row?.attempts ?? 0) + 1;
      upsertPost(s, { subscriptionId, date, status: 'claimed', at: now.toISOString(), attempts: attempt });
      const cutoff = new Date(Date.parse(`${date}T00:00:00Z`) - keepDays * DAY_MS).toISOString().slice(0, 10);
      s.posts = s.posts.filter((p) => p.subscriptionId !== subscriptionId || p.date >= cutoff);
      return { attempt };
    });
  }

  recordUnconfirmed(subscriptionId: string, date: string, note: string): Promise<void> {
    return this.update((s) => {
      const row = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === date);
      if (row?.status === 'posted') return; // confirmed after all: nothing to settle
      const settled: PostRecord = { subscriptionId, date, status: 'unconfirmed', at: this.#now().toISOString(), error: note.slice(0, MAX_ERROR_LENGTH) };
      if (row?.attempts !== undefined) settled.attempts = row.attempts;
      upsertPost(s, settled);
    });
  }

  pauseSubscription(subscriptionId: string, reason: string): Promise<Subscription | undefined> {
    return this.update((s) => {
      const sub = s.subscriptions.find((x) => x.id === subscriptionId);
      if (!sub || sub.paused) return undefined;
      sub.paused = true;
      sub.pausedAt = this.#now().toISOString();
      sub.pausedReason = reason.slice(0, MAX_ERROR_LENGTH);
      sub.pauseNoticeSent = false;
      return sub;
    });
  }

  markPauseNoticeSent(subscriptionId: string): Promise<void> {
    return this.update((s) => {
      const sub = s.subscriptions.find((x) => x.id === subscriptionId);
      if (sub) sub.pauseNoticeSent = true;
    });
  }

  resumeSubscription(subscriptionId: string, settings: SubscriptionSettings): Promise<Subscription> {
    return this.update((s) => {
      const sub = findSubscription(s, subscriptionId);
      Object.assign(sub, settings, { paused: false, failures: 0, resumedAt: this.#now().toISOString() });
      delete sub.pausedAt;
      delete sub.pausedReason;
      delete sub.pauseNoticeSent;
      delete sub.lastError;
      // A day that failed before the pause must not block a slot still to come today.
      s.posts = s.posts.filter((p) => p.subscriptionId !== subscriptionId || p.status !== 'failed');
      return sub;
    });
  }
}

function findSubscription(s: State, id: string): Subscription {
  const sub = s.subscriptions.find((x) => x.id === id);
  if (!sub) throw new UnknownSubscriptionError(id);
  return sub;
}

/** One log row per subscription and day: a retry that succeeds replaces the failed row. */
function upsertPost(s: State, row: PostRecord): void {
  const i = s.posts.findIndex((p) => p.subscriptionId === row.subscriptionId && p.date === row.date);
  if (i === -1) s.posts.push(row);
  else s.posts[i] = row;
}

/**
 * Opens the state store: creates and checks the directory, then loads and validates the file.
 * A missing file is fine (empty state; the file appears on the first update). Throws
 * StateDirError or StateValidationError, naming the path, before anything could be written.
 */
export async function openStateStore(opts: OpenStateStoreOptions = {}): Promise<StateStore> {
  const dir = path.resolve(opts.dir ?? (process.env.ILZAM_STATE_DIR || 'var'));
  const file = path.resolve(dir, opts.file ?? 'state.json');
  prepareStateDir(path.dirname(file));
  // Not lowdb's JSONFilePreset: it silently swaps in an in-memory adapter when NODE_ENV=test.
  const db = new Low<State>(new StateFile(file), emptyState());
  await db.read();
  return new JsonStateStore(file, db, opts.now ?? (() => new Date()));
}
