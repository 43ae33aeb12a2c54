// Everything the bot changes while running, behind one interface with two implementations:
// a lowdb JSON file in a state directory (the default: one process owns it, file-storage.ts)
// and PostgreSQL (chosen by DATABASE_URL: several instances share it, pg/pg-storage.ts). The
// same contract tests run against both (test/storage.contract.test.ts).
//
// Shape of the interface:
// - The digest's data (subscriptions and the post log) is read synchronously from a snapshot
//   (`read()`), because the scheduler plans from it many times a minute; the snapshot is the
//   file itself, or PostgreSQL's rows as of the last `refresh()`. Every decision that must be
//   exact — claiming a day's post, adding a subscription — is made by the backend atomically,
//   never from the snapshot, so two instances planning from stale snapshots still post once.
// - Everything else (review queue, published records, ingestion bookkeeping, Slack
//   installations, follows and alert deliveries) is async and read through the backend.
// - Records the store does not interpret (a draft's claims, a published incident, a Slack
//   installation) are JSON payloads; the service that owns them validates them.
import { createHash } from 'node:crypto';
import type { AlertChannel, Delivery, Follow, Platform, PostRecord, Subscription, SubscriptionFilter } from './state-schema.ts';

export type { AlertChannel, Delivery, Follow, Platform, PostRecord, Subscription, SubscriptionFilter };

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** What the digest plans from: every subscription, and the post log of recent days. */
export interface DigestSnapshot {
  subscriptions: Subscription[];
  posts: PostRecord[];
}

export type NewSubscription = Pick<Subscription, 'platform' | 'channel' | 'language' | 'time' | 'zone' | 'createdBy' | 'workspace'> & Partial<Pick<Subscription, 'filter'>>;

/** What /subscribe may change when it resumes a paused subscription. */
export type SubscriptionSettings = Pick<Subscription, 'language' | 'time' | 'zone' | 'createdBy'> & Partial<Pick<Subscription, 'filter'>>;

export interface PostFailure {
  error: string;
  /** The local day the post was for; its log row becomes 'failed' (unless already posted). */
  date?: string;
  /** Try the day again at this time; without it, not again that day. */
  retryAt?: Date;
  /** A failure that is not the channel's fault (5xx, rate limit): logged, but not counted towards pausing. */
  transient?: boolean;
}

export interface ClaimOptions {
  maxAttempts?: number;
  /** Log rows older than this many days before the claimed one are dropped. */
  keepDays?: number;
  /** Who claims: this process's instance id. */
  owner?: string;
  /** Until when the claim is this owner's alone; after it, another instance may settle it. */
  leaseUntil?: Date;
}

/** How a claim left behind by another (dead) instance is settled: atomically, once. */
export type ClaimSettlement =
  | { outcome: 'posted'; messageId: string }
  | { outcome: 'unconfirmed'; note: string }
  /** The row becomes 'failed': retried at retryAt (by whichever instance claims it then), or not again that day without one. */
  | { outcome: 'retry'; note: string; retryAt?: Date };

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

/** A write the backend could not make (the database is down, the disk is full): nothing changed. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/** Another reviewer changed the draft first (optimistic concurrency): reload and decide again. */
export class StaleDraftError extends Error {
  constructor(
    readonly id: string,
    readonly current: DraftRecord | undefined,
  ) {
    super(current ? `draft ${id} changed meanwhile (now version ${current.version}, ${current.status})` : `draft ${id} does not exist`);
    this.name = 'StaleDraftError';
  }
}

export interface DigestStore {
  /** The last known digest data: frozen, so a caller cannot change it behind the backend's back. */
  read(): DeepReadonly<DigestSnapshot>;
  /** Brings the snapshot up to date with what other instances wrote (a no-op for the file). */
  refresh(): Promise<void>;

  addSubscription(input: NewSubscription): Promise<Subscription>;
  /**
   * Removes the channel's subscription; resolves with it, or undefined if there was none (or it
   * belongs to another workspace than the one given). Its post log stays, so a channel that
   * subscribes again the same day is not posted twice.
   */
  removeSubscription(platform: Platform, channel: string, workspace?: string): Promise<Subscription | undefined>;
  listSubscriptions(platform?: Platform): readonly DeepReadonly<Subscription>[];
  /** Logs a digest posted for a local date and clears the failure count. */
  recordPost(subscriptionId: string, post: { date: string; messageId: string }): Promise<void>;
  /**
   * Counts a failed post (unless transient); with a date, also logs the day as failed (unless it
   * was already posted). Resolves with the subscription's consecutive failure count.
   */
  recordFailure(subscriptionId: string, failure: PostFailure): Promise<number>;
  /**
   * Claims the (subscription, local day) slot before a post is sent, atomically across every
   * instance: checks that the subscription is active and the day is neither posted, claimed,
   * unconfirmed nor failed without a due retry, and that no earlier subscription of the same
   * channel already posted that day; then logs it 'claimed' for `owner` until `leaseUntil`.
   * Resolves with the attempt number, or undefined if the slot is not free.
   */
  claimPost(subscriptionId: string, date: string, opts?: ClaimOptions): Promise<{ attempt: number } | undefined>;
  /** Extends this owner's claim while its post is still in flight; false if it is no longer its. */
  renewClaim(subscriptionId: string, date: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /**
   * Settles a claim left by another owner, only if it is still that owner's claim (so two
   * instances recovering at once settle it once). Resolves true when this call settled it.
   */
  settleClaim(subscriptionId: string, date: string, fromOwner: string | undefined, settlement: ClaimSettlement): Promise<boolean>;
  /** Settles a claim left by a dead process as 'unconfirmed': not re-sent, and not silent. */
  recordUnconfirmed(subscriptionId: string, date: string, note: string): Promise<void>;
  /** Stops posting to a channel; undefined if it is gone or already paused. */
  pauseSubscription(subscriptionId: string, reason: string): Promise<Subscription | undefined>;
  markPauseNoticeSent(subscriptionId: string): Promise<void>;
  /** Unpauses, clears the failures and applies new settings; no slot before now is owed. */
  resumeSubscription(subscriptionId: string, settings: SubscriptionSettings): Promise<Subscription>;
}

/** A draft of ingested claims waiting for review; the review service owns `data`'s shape. */
export interface DraftRecord {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  /** Bumped by every change: a decision names the version it was made on. */
  version: number;
  createdAt: string;
  updatedAt: string;
  data: unknown;
}

/** A record made public by an approval: an incident, or claims added to one. */
export interface PublishedRecord {
  /** Ascending across all instances: the change feed's position. */
  seq: number;
  incidentId: string;
  /** The incident in the curated format (a new one, or an existing one's new claims and sources). */
  data: unknown;
  draftId?: string;
  publishedAt: string;
  publishedBy: string;
}

export interface ReviewStore {
  /** Adds drafts whose ids are new; resolves with the ids added. */
  addDrafts(drafts: readonly Pick<DraftRecord, 'id' | 'data'>[]): Promise<string[]>;
  getDraft(id: string): Promise<DraftRecord | undefined>;
  listDrafts(filter?: { status?: DraftRecord['status']; limit?: number }): Promise<DraftRecord[]>;
  /** Replaces a pending draft's data if it is still at `version`; throws StaleDraftError otherwise. */
  updateDraft(id: string, version: number, data: unknown): Promise<DraftRecord>;
  /**
   * Decides a pending draft at `version`, atomically with publishing what the approval makes
   * public: two reviewers approving at once publish once, and the loser gets StaleDraftError.
   */
  decideDraft(id: string, version: number, decision: { status: 'approved' | 'rejected'; data: unknown; publish?: Omit<PublishedRecord, 'seq' | 'publishedAt'> }): Promise<{ draft: DraftRecord; published?: PublishedRecord }>;
  /** Published records after `seq`, in order (0 for all). */
  publishedSince(seq: number): Promise<PublishedRecord[]>;
}

export interface IngestStore {
  /** Records keys (normalized URLs, content hashes) as seen; resolves with those that were new. */
  markSeen(keys: readonly string[]): Promise<string[]>;
  /** The keys of these that were seen before. */
  seen(keys: readonly string[]): Promise<string[]>;
  /** Per-source bookkeeping (ETag, Last-Modified, failures, next attempt), owned by the fetcher. */
  getSourceState(sourceId: string): Promise<unknown>;
  setSourceState(sourceId: string, state: unknown): Promise<void>;
}

export interface InstallationStore {
  /** Keyed by "E<enterprise>" for an org-wide install or "T<team>" for one workspace. */
  saveInstallation(key: string, installation: unknown): Promise<void>;
  fetchInstallation(key: string): Promise<unknown | undefined>;
  deleteInstallation(key: string): Promise<void>;
}

// --- Follows and alert deliveries (docs/digest.md, "Follows and instant alerts") ----------------

export type NewFollow = Pick<Follow, 'platform' | 'channel' | 'kind' | 'target' | 'names' | 'createdBy'> & Partial<Pick<Follow, 'workspace'>>;

export interface AddFollowOptions {
  /** The channel's alert language, when the asker chose one (lang:); it then replaces the channel's. */
  language?: AlertChannel['language'];
  /** The language of a channel's first follow when none was chosen. */
  defaultLanguage: AlertChannel['language'];
  /** Follows one channel may have; the one over it is refused with FollowLimitError. */
  maxPerChannel: number;
}

export class DuplicateFollowError extends Error {
  constructor(readonly existing: Follow) {
    super(`${existing.platform} channel ${existing.channel} already follows ${existing.target}`);
    this.name = 'DuplicateFollowError';
  }
}

export class FollowLimitError extends Error {
  constructor(readonly limit: number) {
    super(`a channel may follow at most ${limit} actors, states or incidents`);
    this.name = 'FollowLimitError';
  }
}

export interface DeliveryClaimOptions {
  /** This process's instance id. */
  owner: string;
  /** Until when the claim is this owner's alone; after it, another instance may settle it. */
  leaseUntil: Date;
  /** Posts (batches) the channel may get in any 60 minutes; the rest wait for the next free moment. */
  maxPerHour: number;
  /** Send attempts per batch, retries included. */
  maxAttempts: number;
  /** Delivery rows older than this many days are dropped (the claims are long out of the alert window). Default 30. */
  keepDays?: number;
}

/** A batch of one channel's claims, claimed for one post. `batch` is also the post's idempotency key. */
export interface DeliveryClaim {
  batch: string;
  claimKeys: string[];
  attempt: number;
}

export interface DeliveryClaimResult {
  claim?: DeliveryClaim;
  /** When to ask again: the hourly limit frees up, or a failed batch's retry comes. */
  waitUntil?: Date;
  /** New claims are held back by the hourly limit. */
  limited?: boolean;
}

export type DeliveryOutcome =
  | { outcome: 'posted'; messageId: string }
  /** Not sent: retried at retryAt (same batch, same key) or, without it, given up. A channel fault counts towards pausing. */
  | { outcome: 'failed'; error: string; retryAt?: Date; channelFault?: boolean }
  /** Whether it went out is unknown (a crash or no answer): never re-sent, and not silent. */
  | { outcome: 'unconfirmed'; note: string };

export interface FollowStore {
  /**
   * Adds a follow to a channel, atomically across instances: refused with DuplicateFollowError
   * when the channel already follows that target and FollowLimitError at the limit. The
   * channel's alert settings are created with its first follow; a paused channel is resumed
   * (no claim published before now is owed to it, and its failed deliveries are dropped).
   */
  addFollow(input: NewFollow, opts: AddFollowOptions): Promise<{ follow: Follow; channel: AlertChannel; resumed: boolean }>;
  /** Removes the channel's follow of a target; undefined when there is none (or it belongs to another workspace). */
  removeFollow(platform: Platform, channel: string, target: string, workspace?: string): Promise<Follow | undefined>;
  /** Follows, oldest first; all of them, a platform's, or one channel's. */
  listFollows(where?: { platform?: Platform; channel?: string }): Promise<Follow[]>;
  /** Points a follow at another id (its actor was renamed or merged), keeping its names; undefined if it is gone. */
  retargetFollow(id: string, target: string, names: readonly string[]): Promise<Follow | undefined>;
  /** The alert settings of channels that follow something (or did). */
  listAlertChannels(platform?: Platform): Promise<AlertChannel[]>;
  /** Stops alerts to a channel that refuses posts; undefined if it is unknown or already paused. */
  pauseAlertChannel(platform: Platform, channel: string, reason: string): Promise<AlertChannel | undefined>;
  markAlertPauseNoticeSent(platform: Platform, channel: string): Promise<void>;

  /**
   * Records claims of the curated data as seen, with the time (or, for the first start's
   * baseline, as never to be alerted). Resolves with the keys that were new: once across instances.
   */
  noteClaims(keys: readonly string[], opts: { baseline: boolean }): Promise<string[]>;
  /** Whether any claim was ever noted: false only before the first start's baseline. */
  hasNotedClaims(): Promise<boolean>;
  /** Claims noted (not as baseline) at or after `since`: the curated data's part of the alert stream. */
  notedClaimsSince(since: Date): Promise<{ key: string; at: string }[]>;

  /**
   * Claims the next post for a channel, atomically across instances: a failed batch whose retry
   * is due (again, whole, under its own key), else every candidate claim key that has no
   * delivery row yet, as one new batch. Nothing when the channel is paused or unknown, or when
   * it already had `maxPerHour` posts in the last 60 minutes (`limited`); `waitUntil` then says
   * when to ask again (also set for a failed batch whose retry is still to come).
   */
  claimDeliveries(platform: Platform, channel: string, candidates: readonly string[], opts: DeliveryClaimOptions): Promise<DeliveryClaimResult>;
  /**
   * Settles a batch still claimed by `fromOwner` (this process, or a dead one's being recovered).
   * Resolves whether this call settled it, and the channel's consecutive channel-fault count.
   */
  settleDeliveries(platform: Platform, channel: string, batch: string, fromOwner: string | undefined, outcome: DeliveryOutcome): Promise<{ settled: boolean; failures: number }>;
  /** Delivery rows, oldest first: one channel's, or every channel's in a status. */
  listDeliveries(where?: { platform?: Platform; channel?: string; status?: Delivery['status'] }): Promise<Delivery[]>;
}

/** "platform:channel", the key delivery rows and post log rows carry. */
export function channelKeyOf(platform: Platform, channel: string): string {
  return `${platform}:${channel}`;
}

/**
 * The batch id of a new batch: the same claims for the same channel always give the same id,
 * 25 characters of [0-9a-f] (Discord's nonce allows at most 25).
 */
export function deliveryBatchKey(platform: Platform, channel: string, claimKeys: readonly string[]): string {
  return createHash('sha256').update(`ilzam-alert|${channelKeyOf(platform, channel)}|${[...claimKeys].sort().join('|')}`).digest('hex').slice(0, 25);
}

export interface Storage extends DigestStore, ReviewStore, IngestStore, InstallationStore, FollowStore {
  /** "file" (a state directory) or "postgres". */
  readonly kind: 'file' | 'postgres';
  /** Where the state lives, safe to log: a path, or a database URL without credentials. */
  readonly location: string;
  /** True when this process alone uses the storage (the file backend holds a lock), so any claim not its own was left by a dead process. */
  readonly exclusive: boolean;
  /**
   * Calls back when another instance changed something (`subscriptions`, `published`,
   * `follows`); returns a function that stops listening. A no-op for the file.
   */
  watch(onChange: (what: StorageChange) => void): () => void;
  /** Whether the storage answers now, for the health endpoint; never throws. */
  health(): Promise<{ ok: boolean; detail: string }>;
  /** Resolves when every write issued so far has settled. */
  flush(): Promise<void>;
  /** Flushes, then releases the lock or the connection pool. */
  close(): Promise<void>;
}

export type StorageChange = 'subscriptions' | 'published' | 'follows';
