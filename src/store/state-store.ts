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

export type NewSubscription = Pick<Subscription, 'platform' | 'channel' | 'language' | 'time' | 'zone' | 'createdBy'>;

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
  /** Counts a failed post; with a date, also logs the day as failed (unless it was already posted). */
  recordFailure(subscriptionId: string, failure: { error: string; date?: string }): Promise<void>;
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
      upsertPost(s, { subscriptionId, date: post.date, status: 'posted', messageId: post.messageId, at: this.#now().toISOString() });
    });
  }

  recordFailure(subscriptionId: string, failure: { error: string; date?: string }): Promise<void> {
    return this.update((s) => {
      const sub = findSubscription(s, subscriptionId);
      const at = this.#now().toISOString();
      sub.failures += 1;
      sub.lastError = { at, message: failure.error.slice(0, MAX_ERROR_LENGTH) };
      const day = failure.date && s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === failure.date);
      if (failure.date && (!day || day.status !== 'posted')) upsertPost(s, { subscriptionId, date: failure.date, status: 'failed', at });
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
