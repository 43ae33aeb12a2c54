// The file backend: the bot's state in one lowdb JSON file, by default ./var/state.json
// (ILZAM_STATE_DIR moves the directory). The default for a single process; DATABASE_URL
// switches to PostgreSQL (pg/pg-storage.ts). The curated dataset in data/ is read-only;
// everything the bot changes while running lives here.
//
// Guarantees:
// - One process per directory: an exclusive lock (lock.ts) is taken on open; a second process
//   is refused with one line naming the first.
// - Load: the file is validated as a whole (state-file.ts); a bad file stops start-up and is
//   never written, because openStateStore throws before a store exists that could write it.
// - Updates go through one in-process queue: each `update(fn)` runs fn on a copy of the latest
//   committed state, validates the result, writes it durably, and only then commits it in
//   memory and resolves. So concurrent callers never lose each other's changes, a failing fn or
//   write leaves memory equal to disk, and a resolved update survives a crash.
// - Cost: every write rewrites the whole file (docs/deploy.md gives the figures); PostgreSQL is
//   the answer for large installations.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import { lockStateDir, type StateLock } from './lock.ts';
import { emptyState, type AlertChannel, type Delivery, type Follow, type Platform, type PostRecord, type State, type Subscription } from './state-schema.ts';
import { planDeliveryClaim } from './deliveries.ts';
import { prepareStateDir, removeOrphanedTemps, StateFile, validateState } from './state-file.ts';
import {
  channelKeyOf,
  deliveryBatchKey,
  DuplicateFollowError,
  DuplicateSubscriptionError,
  FollowLimitError,
  StaleDraftError,
  UnknownSubscriptionError,
  type AddFollowOptions,
  type DeliveryClaim,
  type DeliveryClaimResult,
  type DeliveryClaimOptions,
  type DeliveryOutcome,
  type NewFollow,
  type ClaimOptions,
  type ClaimSettlement,
  type DeepReadonly,
  type DigestSnapshot,
  type DraftRecord,
  type NewSubscription,
  type PostFailure,
  type PublishedRecord,
  type Storage,
  type StorageChange,
  type SubscriptionSettings,
} from './storage.ts';

export { StateDirError, StateValidationError } from './state-file.ts';
export { StateLockedError } from './lock.ts';
export {
  DuplicateSubscriptionError,
  UnknownSubscriptionError,
  type DeepReadonly,
  type NewSubscription,
  type PostFailure,
  type SubscriptionSettings,
} from './storage.ts';

/** The file backend, with its queue exposed to tests and tools. */
export interface StateStore extends Storage {
  /** Absolute path of the state file. */
  readonly file: string;
  /**
   * Applies a synchronous mutation to a copy of the state, validates, writes atomically and
   * durably, then resolves with fn's result. Calls run strictly in order. If fn throws, the
   * result is invalid or the write fails, only this call rejects and nothing changes.
   */
  update<T>(mutate: (draft: State) => T): Promise<T>;
  /** The whole state, frozen. */
  state(): DeepReadonly<State>;
}

export interface OpenStateStoreOptions {
  /** The state directory; default ILZAM_STATE_DIR, else ./var under the working directory. */
  dir?: string;
  /** File name (or path) inside dir; default state.json. */
  file?: string;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
  /** Take the directory's exclusive lock (default true); only tools that merely read may skip it. */
  lock?: boolean;
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

/** How long ingestion remembers an article it has seen. */
const SEEN_KEEP_DAYS = 400;
/** Delivery rows kept per channel: far longer than the alert window, so a claim is never alerted twice. */
const DEFAULT_DELIVERY_KEEP_DAYS = 30;

class FileStorage implements StateStore {
  readonly kind = 'file' as const;
  readonly exclusive = true;
  // lowdb's Low holds the committed data and the adapter. Low.update() is not used: it mutates
  // data in place before writing, so a throwing fn or a failed write would leave memory ahead of disk.
  readonly #db: Low<State>;
  readonly #now: () => Date;
  readonly #lock: StateLock | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    db: Low<State>,
    now: () => Date,
    lock: StateLock | undefined,
  ) {
    this.#db = db;
    this.#now = now;
    this.#lock = lock;
    deepFreeze(db.data);
  }

  get location(): string {
    return this.file;
  }

  state(): DeepReadonly<State> {
    return this.#db.data;
  }

  read(): DeepReadonly<DigestSnapshot> {
    return this.#db.data;
  }

  async refresh(): Promise<void> {
    // One process owns the file: memory is always current.
  }

  watch(_onChange: (what: StorageChange) => void): () => void {
    return () => undefined;
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

  async health(): Promise<{ ok: boolean; detail: string }> {
    return { ok: true, detail: this.file };
  }

  async close(): Promise<void> {
    await this.flush();
    this.#lock?.release();
  }

  // --- The digest -------------------------------------------------------------------------

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

  removeSubscription(platform: Platform, channel: string, workspace?: string): Promise<Subscription | undefined> {
    return this.update((s) => {
      const sub = s.subscriptions.find((x) => x.platform === platform && x.channel === channel);
      // A channel shared with another workspace (Slack Connect) is not theirs to unsubscribe.
      if (!sub || (workspace !== undefined && sub.workspace !== undefined && sub.workspace !== workspace)) return undefined;
      s.subscriptions = s.subscriptions.filter((x) => x !== sub);
      // The log rows stay, marked with the channel, until they age out: a re-subscribe the same
      // day must find the day already posted.
      for (const p of s.posts) if (p.subscriptionId === sub.id) p.channelKey ??= channelKey(sub);
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
      const previous = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === post.date);
      const row: PostRecord = { subscriptionId, channelKey: channelKey(sub), date: post.date, status: 'posted', messageId: post.messageId, at: this.#now().toISOString() };
      if (previous?.attempts !== undefined) row.attempts = previous.attempts; // how many tries it took, for people reading the log
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
        const row: PostRecord = { subscriptionId, channelKey: channelKey(sub), date: failure.date, status: 'failed', at, error: message };
        if (day && day.attempts !== undefined) row.attempts = day.attempts;
        if (failure.retryAt) row.retryAt = failure.retryAt.toISOString();
        upsertPost(s, row);
      }
      return sub.failures;
    });
  }

  claimPost(subscriptionId: string, date: string, opts: ClaimOptions = {}): Promise<{ attempt: number } | undefined> {
    const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const keepDays = opts.keepDays ?? DEFAULT_KEEP_DAYS;
    return this.update((s) => {
      const sub = findSubscription(s, subscriptionId);
      if (sub.paused) return undefined;
      const now = this.#now();
      const key = channelKey(sub);
      // The same channel posted that day under an earlier subscription (unsubscribe, subscribe again).
      if (s.posts.some((p) => p.subscriptionId !== subscriptionId && p.channelKey === key && p.date === date && p.status !== 'failed')) return undefined;
      const row = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === date);
      if (row && !claimable(row, now, maxAttempts)) return undefined;
      const attempt = (row?.attempts ?? 0) + 1;
      const claim: PostRecord = { subscriptionId, channelKey: key, date, status: 'claimed', at: now.toISOString(), attempts: attempt };
      if (opts.owner) claim.owner = opts.owner;
      if (opts.leaseUntil) claim.leaseUntil = opts.leaseUntil.toISOString();
      upsertPost(s, claim);
      const cutoff = new Date(Date.parse(`${date}T00:00:00Z`) - keepDays * DAY_MS).toISOString().slice(0, 10);
      s.posts = s.posts.filter((p) => p.date >= cutoff);
      return { attempt };
    });
  }

  renewClaim(subscriptionId: string, date: string, owner: string, leaseUntil: Date): Promise<boolean> {
    return this.update((s) => {
      const row = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === date);
      if (row?.status !== 'claimed' || row.owner !== owner) return false;
      row.leaseUntil = leaseUntil.toISOString();
      return true;
    });
  }

  settleClaim(subscriptionId: string, date: string, fromOwner: string | undefined, settlement: ClaimSettlement): Promise<boolean> {
    return this.update((s) => {
      const row = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === date);
      if (row?.status !== 'claimed' || row.owner !== fromOwner) return false;
      const at = this.#now().toISOString();
      const base = { subscriptionId, channelKey: row.channelKey, date, at, ...(row.attempts !== undefined ? { attempts: row.attempts } : {}) };
      if (settlement.outcome === 'posted') {
        upsertPost(s, { ...base, status: 'posted', messageId: settlement.messageId });
        const sub = s.subscriptions.find((x) => x.id === subscriptionId);
        if (sub) sub.failures = 0;
      } else if (settlement.outcome === 'unconfirmed') {
        upsertPost(s, { ...base, status: 'unconfirmed', error: settlement.note.slice(0, MAX_ERROR_LENGTH) });
      } else {
        upsertPost(s, { ...base, status: 'failed', error: settlement.note.slice(0, MAX_ERROR_LENGTH), ...(settlement.retryAt ? { retryAt: settlement.retryAt.toISOString() } : {}) });
      }
      return true;
    });
  }

  recordUnconfirmed(subscriptionId: string, date: string, note: string): Promise<void> {
    return this.update((s) => {
      const row = s.posts.find((p) => p.subscriptionId === subscriptionId && p.date === date);
      if (row?.status === 'posted') return; // confirmed after all: nothing to settle
      const sub = s.subscriptions.find((x) => x.id === subscriptionId);
      const settled: PostRecord = { subscriptionId, channelKey: row?.channelKey ?? (sub && channelKey(sub)), date, status: 'unconfirmed', at: this.#now().toISOString(), error: note.slice(0, MAX_ERROR_LENGTH) };
      if (row?.attempts !== undefined) settled.attempts = row.attempts;
      if (settled.channelKey === undefined) delete settled.channelKey;
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
      if (!settings.filter) delete sub.filter;
      delete sub.pausedAt;
      delete sub.pausedReason;
      delete sub.pauseNoticeSent;
      delete sub.lastError;
      // A day that failed before the pause must not block a slot still to come today.
      s.posts = s.posts.filter((p) => p.subscriptionId !== subscriptionId || p.status !== 'failed');
      return sub;
    });
  }

  // --- The review queue and published records -------------------------------------------------

  addDrafts(drafts: readonly Pick<DraftRecord, 'id' | 'data'>[]): Promise<string[]> {
    return this.update((s) => {
      const at = this.#now().toISOString();
      const known = new Set(s.drafts.map((d) => d.id));
      const added: string[] = [];
      for (const d of drafts) {
        if (known.has(d.id)) continue;
        known.add(d.id);
        s.drafts.push({ id: d.id, status: 'pending', version: 1, createdAt: at, updatedAt: at, data: d.data as never });
        added.push(d.id);
      }
      return added;
    });
  }

  async getDraft(id: string): Promise<DraftRecord | undefined> {
    const d = this.#db.data.drafts.find((x) => x.id === id);
    return d && structuredClone(d as DraftRecord);
  }

  async listDrafts(filter: { status?: DraftRecord['status']; limit?: number } = {}): Promise<DraftRecord[]> {
    const all = this.#db.data.drafts.filter((d) => !filter.status || d.status === filter.status);
    // Oldest first: a queue is worked from the front.
    return structuredClone(all.slice(0, filter.limit ?? all.length) as DraftRecord[]);
  }

  updateDraft(id: string, version: number, data: unknown): Promise<DraftRecord> {
    return this.update((s) => {
      const d = s.drafts.find((x) => x.id === id);
      if (!d || d.version !== version || d.status !== 'pending') throw new StaleDraftError(id, d && (structuredClone(d) as DraftRecord));
      d.data = data as never;
      d.version += 1;
      d.updatedAt = this.#now().toISOString();
      return structuredClone(d) as DraftRecord;
    });
  }

  decideDraft(
    id: string,
    version: number,
    decision: { status: 'approved' | 'rejected'; data: unknown; publish?: Omit<PublishedRecord, 'seq' | 'publishedAt'> },
  ): Promise<{ draft: DraftRecord; published?: PublishedRecord }> {
    return this.update((s) => {
      const d = s.drafts.find((x) => x.id === id);
      if (!d || d.version !== version || d.status !== 'pending') throw new StaleDraftError(id, d && (structuredClone(d) as DraftRecord));
      const at = this.#now().toISOString();
      d.status = decision.status;
      d.data = decision.data as never;
      d.version += 1;
      d.updatedAt = at;
      let published: PublishedRecord | undefined;
      if (decision.publish) {
        const seq = (s.published.at(-1)?.seq ?? 0) + 1;
        published = { ...decision.publish, seq, publishedAt: at };
        s.published.push(published as never);
      }
      return { draft: structuredClone(d) as DraftRecord, published: published && structuredClone(published) };
    });
  }

  async publishedSince(seq: number): Promise<PublishedRecord[]> {
    return structuredClone(this.#db.data.published.filter((p) => p.seq > seq) as PublishedRecord[]);
  }

  // --- Ingestion bookkeeping -------------------------------------------------------------------

  markSeen(keys: readonly string[]): Promise<string[]> {
    return this.update((s) => {
      const now = this.#now();
      const fresh = [...new Set(keys)].filter((k) => !Object.hasOwn(s.seen, k));
      for (const k of fresh) s.seen[k] = now.toISOString();
      const cutoff = new Date(now.getTime() - SEEN_KEEP_DAYS * DAY_MS).toISOString();
      for (const [k, at] of Object.entries(s.seen)) if (at < cutoff) delete s.seen[k];
      return fresh;
    });
  }

  async seen(keys: readonly string[]): Promise<string[]> {
    return keys.filter((k) => Object.hasOwn(this.#db.data.seen, k));
  }

  async getSourceState(sourceId: string): Promise<unknown> {
    const value = Object.hasOwn(this.#db.data.sources, sourceId) ? this.#db.data.sources[sourceId] : undefined;
    return value === undefined ? undefined : structuredClone(value);
  }

  setSourceState(sourceId: string, state: unknown): Promise<void> {
    return this.update((s) => {
      s.sources[sourceId] = state as never;
    });
  }

  // --- Follows and alert deliveries ------------------------------------------------------------

  addFollow(input: NewFollow, opts: AddFollowOptions): Promise<{ follow: Follow; channel: AlertChannel; resumed: boolean }> {
    // Duplicate and limit checks run inside the queue: two racing follows cannot both pass them.
    return this.update((s) => {
      const at = this.#now().toISOString();
      const mine = s.follows.filter((f) => f.platform === input.platform && f.channel === input.channel);
      const existing = mine.find((f) => f.target === input.target);
      if (existing) throw new DuplicateFollowError(structuredClone(existing));
      if (mine.length >= opts.maxPerChannel) throw new FollowLimitError(opts.maxPerChannel);
      const follow: Follow = { ...input, names: [...input.names], id: randomUUID(), createdAt: at };
      if (follow.workspace === undefined) delete follow.workspace;
      s.follows.push(follow);
      let channel = s.alertChannels.find((c) => c.platform === input.platform && c.channel === input.channel);
      let resumed = false;
      if (!channel) {
        channel = { platform: input.platform, channel: input.channel, language: opts.language ?? opts.defaultLanguage, createdAt: at, paused: false, failures: 0 };
        if (input.workspace !== undefined) channel.workspace = input.workspace;
        s.alertChannels.push(channel);
      } else {
        if (opts.language) channel.language = opts.language;
        if (channel.paused) {
          resumed = true;
          resumeAlertChannel(channel, at);
          const key = channelKeyOf(channel.platform, channel.channel);
          s.deliveries = s.deliveries.filter((d) => d.channelKey !== key || d.status !== 'failed');
        }
      }
      return { follow: structuredClone(follow), channel: structuredClone(channel), resumed };
    });
  }

  removeFollow(platform: Platform, channel: string, target: string, workspace?: string): Promise<Follow | undefined> {
    return this.update((s) => {
      const follow = s.follows.find((f) => f.platform === platform && f.channel === channel && f.target === target);
      if (!follow || (workspace !== undefined && follow.workspace !== undefined && follow.workspace !== workspace)) return undefined;
      s.follows = s.follows.filter((f) => f !== follow);
      return structuredClone(follow);
    });
  }

  async listFollows(where: { platform?: Platform; channel?: string } = {}): Promise<Follow[]> {
    const all = this.#db.data.follows.filter((f) => (where.platform === undefined || f.platform === where.platform) && (where.channel === undefined || f.channel === where.channel));
    return structuredClone(all as Follow[]);
  }

  retargetFollow(id: string, target: string, names: readonly string[]): Promise<Follow | undefined> {
    return this.update((s) => {
      const follow = s.follows.find((f) => f.id === id);
      if (!follow) return undefined;
      // Another follow of the channel may already have the new id (two names merged into one).
      if (s.follows.some((f) => f !== follow && f.platform === follow.platform && f.channel === follow.channel && f.target === target)) {
        s.follows = s.follows.filter((f) => f !== follow);
        return undefined;
      }
      follow.target = target;
      follow.names = [...names];
      return structuredClone(follow);
    });
  }

  async listAlertChannels(platform?: Platform): Promise<AlertChannel[]> {
    return structuredClone(this.#db.data.alertChannels.filter((c) => platform === undefined || c.platform === platform) as AlertChannel[]);
  }

  pauseAlertChannel(platform: Platform, channel: string, reason: string): Promise<AlertChannel | undefined> {
    return this.update((s) => {
      const c = s.alertChannels.find((x) => x.platform === platform && x.channel === channel);
      if (!c || c.paused) return undefined;
      Object.assign(c, { paused: true, pausedAt: this.#now().toISOString(), pausedReason: reason.slice(0, MAX_ERROR_LENGTH), pauseNoticeSent: false });
      return structuredClone(c);
    });
  }

  markAlertPauseNoticeSent(platform: Platform, channel: string): Promise<void> {
    return this.update((s) => {
      const c = s.alertChannels.find((x) => x.platform === platform && x.channel === channel);
      if (c) c.pauseNoticeSent = true;
    });
  }

  noteClaims(keys: readonly string[], opts: { baseline: boolean }): Promise<string[]> {
    const fresh = [...new Set(keys)].filter((k) => !Object.hasOwn(this.#db.data.notedClaims, k));
    if (!fresh.length) return Promise.resolve([]); // the usual start: nothing new, no write
    return this.update((s) => {
      const at = this.#now().toISOString();
      const added = [...new Set(keys)].filter((k) => !Object.hasOwn(s.notedClaims, k));
      for (const k of added) s.notedClaims[k] = { at, baseline: opts.baseline };
      return added;
    });
  }

  async hasNotedClaims(): Promise<boolean> {
    return Object.keys(this.#db.data.notedClaims).length > 0;
  }

  async notedClaimsSince(since: Date): Promise<{ key: string; at: string }[]> {
    const from = since.toISOString();
    return Object.entries(this.#db.data.notedClaims)
      .filter(([, n]) => !n.baseline && n.at >= from)
      .map(([key, n]) => ({ key, at: n.at }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  }

  claimDeliveries(platform: Platform, channel: string, candidates: readonly string[], opts: DeliveryClaimOptions): Promise<DeliveryClaimResult> {
    return this.update((s) => {
      const c = s.alertChannels.find((x) => x.platform === platform && x.channel === channel);
      if (!c || c.paused) return {};
      const now = this.#now();
      const key = channelKeyOf(platform, channel);
      const cutoff = new Date(now.getTime() - (opts.keepDays ?? DEFAULT_DELIVERY_KEEP_DAYS) * DAY_MS).toISOString();
      s.deliveries = s.deliveries.filter((d) => d.channelKey !== key || d.at >= cutoff || d.status === 'claimed');
      const rows = s.deliveries.filter((d) => d.channelKey === key);
      const plan = planDeliveryClaim(rows, candidates, now, opts);
      if (!plan.keys) return { ...(plan.waitUntil ? { waitUntil: plan.waitUntil } : {}), ...(plan.limited ? { limited: true } : {}) };
      const batch = plan.batch ?? deliveryBatchKey(platform, channel, plan.keys);
      const wanted = new Set(plan.keys);
      s.deliveries = s.deliveries.filter((d) => !(d.channelKey === key && wanted.has(d.claimKey)));
      for (const claimKey of plan.keys) {
        s.deliveries.push({ channelKey: key, claimKey, batch, status: 'claimed', at: now.toISOString(), owner: opts.owner, leaseUntil: opts.leaseUntil.toISOString(), attempts: plan.attempt });
      }
      return { claim: { batch, claimKeys: plan.keys, attempt: plan.attempt }, ...(plan.waitUntil ? { waitUntil: plan.waitUntil } : {}) };
    });
  }

  settleDeliveries(platform: Platform, channel: string, batch: string, fromOwner: string | undefined, outcome: DeliveryOutcome): Promise<{ settled: boolean; failures: number }> {
    return this.update((s) => {
      const key = channelKeyOf(platform, channel);
      const c = s.alertChannels.find((x) => x.platform === platform && x.channel === channel);
      const rows = s.deliveries.filter((d) => d.channelKey === key && d.batch === batch && d.status === 'claimed' && d.owner === fromOwner);
      if (!rows.length) return { settled: false, failures: c?.failures ?? 0 };
      const at = this.#now().toISOString();
      for (const d of rows) {
        const settled: Delivery = { channelKey: d.channelKey, claimKey: d.claimKey, batch, status: 'failed', at, attempts: d.attempts };
        if (outcome.outcome === 'posted') Object.assign(settled, { status: 'posted', messageId: outcome.messageId });
        else if (outcome.outcome === 'unconfirmed') Object.assign(settled, { status: 'unconfirmed', error: outcome.note.slice(0, MAX_ERROR_LENGTH) });
        else {
          settled.error = outcome.error.slice(0, MAX_ERROR_LENGTH);
          if (outcome.retryAt) settled.retryAt = outcome.retryAt.toISOString();
        }
        s.deliveries[s.deliveries.indexOf(d)] = settled;
      }
      if (c && outcome.outcome === 'posted') {
        c.failures = 0;
        delete c.lastError;
      } else if (c && outcome.outcome === 'failed') {
        if (outcome.channelFault) c.failures += 1;
        c.lastError = { at, message: outcome.error.slice(0, MAX_ERROR_LENGTH) };
      }
      return { settled: true, failures: c?.failures ?? 0 };
    });
  }

  async listDeliveries(where: { platform?: Platform; channel?: string; status?: Delivery['status'] } = {}): Promise<Delivery[]> {
    const key = where.platform !== undefined && where.channel !== undefined ? channelKeyOf(where.platform, where.channel) : undefined;
    const rows = this.#db.data.deliveries.filter(
      (d) => (key === undefined || d.channelKey === key) && (where.platform === undefined || d.channelKey.startsWith(`${where.platform}:`)) && (where.status === undefined || d.status === where.status),
    );
    return structuredClone([...rows].sort((a, b) => a.at.localeCompare(b.at)) as Delivery[]);
  }

  // --- Slack installations ---------------------------------------------------------------------

  saveInstallation(key: string, installation: unknown): Promise<void> {
    return this.update((s) => {
      s.installations[key] = installation as never;
    });
  }

  async fetchInstallation(key: string): Promise<unknown | undefined> {
    const value = Object.hasOwn(this.#db.data.installations, key) ? this.#db.data.installations[key] : undefined;
    return value === undefined ? undefined : structuredClone(value);
  }

  deleteInstallation(key: string): Promise<void> {
    return this.update((s) => {
      delete s.installations[key];
    });
  }
}

function channelKey(sub: Pick<Subscription, 'platform' | 'channel'>): string {
  return `${sub.platform}:${sub.channel}`;
}

function resumeAlertChannel(c: AlertChannel, at: string): void {
  Object.assign(c, { paused: false, failures: 0, resumedAt: at });
  delete c.pausedAt;
  delete c.pausedReason;
  delete c.pauseNoticeSent;
  delete c.lastError;
}

/** A row that may be claimed again: a failed day whose retry is due, within the attempts. */
function claimable(row: DeepReadonly<PostRecord>, now: Date, maxAttempts: number): boolean {
  // 'claimed' is in flight (or left by a dead process: recovery settles it); 'posted' and
  // 'unconfirmed' close the day; 'failed' reopens only at its retry time.
  if (row.status !== 'failed' || !row.retryAt || Date.parse(row.retryAt) > now.getTime()) return false;
  return (row.attempts ?? 1) < maxAttempts;
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
  // A reader (lock: false) neither creates nor probes the directory: it only reads the file.
  if (opts.lock !== false) prepareStateDir(path.dirname(file));
  const lock = opts.lock === false ? undefined : lockStateDir(path.dirname(file));
  // Holding the lock, this process is the only writer: a temp file of another process is what
  // a writer killed between its write and its rename left behind.
  if (lock) removeOrphanedTemps(file);
  try {
    // Not lowdb's JSONFilePreset: it silently swaps in an in-memory adapter when NODE_ENV=test.
    const db = new Low<State>(new StateFile(file), emptyState());
    await db.read();
    return new FileStorage(file, db, opts.now ?? (() => new Date()), lock);
  } catch (err) {
    lock?.release();
    throw err;
  }
}
