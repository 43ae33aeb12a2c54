// The schema of the file backend's state (var/state.json): digest subscriptions and their
// post log, the review queue and published records, ingestion bookkeeping and Slack
// installations. The file is parsed through `State` on load and every update is checked
// against it before it is written, so a bad value is caught where it is made and the file on
// disk always loads on the next start. Objects are "loose": a field this version does not know
// (written by a newer one) is kept through every write, so rolling back loses nothing.
import { z } from 'zod';

const nonBlank = z.string().trim().min(1, 'must not be empty');

/** Bump when the shape changes incompatibly; a migration then reads the old number. */
export const STATE_VERSION = 1;

/** A platform's name as its adapter calls it (discord, slack, …): adding a platform needs no change here. */
export const Platform = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'expected a platform name like discord or slack');
export type Platform = z.infer<typeof Platform>;

/** Digests are posted in one language per channel. */
export const DigestLanguage = z.enum(['en', 'ur']);

/** A wall-clock time, 24-hour: 07:30, 21:05. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time HH:MM (00:00 to 23:59)');

/** A calendar date in the subscription's own zone: the day a digest was for. */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');

/** An IANA zone name the runtime knows (Asia/Karachi, Europe/London, UTC). */
export const TimeZone = nonBlank.refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone like Asia/Karachi');

const Instant = z.iso.datetime({ offset: true });

/** A filtered digest or follow: only claims about these actors or states (party or registry ids). */
export const SubscriptionFilter = z.looseObject({
  actors: z.array(nonBlank).default([]),
  states: z.array(nonBlank).default([]),
});
export type SubscriptionFilter = z.infer<typeof SubscriptionFilter>;

export const Subscription = z.looseObject({
  /** Random id: a channel that unsubscribes and subscribes again gets a new one, so old log rows never attach to it. */
  id: nonBlank,
  platform: Platform,
  /** The platform's channel id (Discord channel snowflake, Slack channel id). */
  channel: nonBlank,
  language: DigestLanguage,
  time: LocalTime,
  zone: TimeZone,
  /** The platform user id of whoever subscribed the channel. */
  createdBy: nonBlank,
  createdAt: Instant,
  paused: z.boolean().default(false),
  /** Failed posts since the last good one; the scheduler can pause a channel that keeps failing. */
  failures: z.number().int().min(0).default(0),
  lastError: z.object({ at: Instant, message: z.string() }).optional(),
  /** The Discord server (guild) or Slack workspace (team) of the channel, so /subscriptions can list a whole server. */
  workspace: nonBlank.optional(),
  /** Set when the scheduler paused the channel after repeated failures; /subscribe resumes it. */
  pausedAt: Instant.optional(),
  pausedReason: z.string().optional(),
  /** The channel was told it was paused. Best effort: a deleted channel cannot be told. */
  pauseNoticeSent: z.boolean().optional(),
  /** When /subscribe resumed a paused subscription: like createdAt, no slot before it is owed. */
  resumedAt: Instant.optional(),
  /** Only claims about these actors or states (a filtered digest); absent: everything. */
  filter: SubscriptionFilter.optional(),
});
export type Subscription = z.infer<typeof Subscription>;

/**
 * One digest for one subscription and local day: the scheduler's guard against posting twice.
 * - claimed: written (durably) just before the post is sent; `at` is the claim time. Found on
 *   start-up, it means the process died between claiming and confirming (docs/digest.md).
 * - posted: the platform accepted it; messageId says which message.
 * - failed: the last attempt failed; retried at retryAt if set, else not again that day.
 * - unconfirmed: a claim left by a process that died; whether it went out is unknown, and it is
 *   not re-sent (re-sending could double it). Recorded so the gap is never silent.
 */
export const PostRecord = z
  .looseObject({
    subscriptionId: nonBlank,
    /** "platform:channel" of the subscription, so a day posted before an unsubscribe is still known after a re-subscribe. */
    channelKey: nonBlank.optional(),
    /** The instance that claimed the day, and until when the claim is its alone (docs/digest.md). */
    owner: nonBlank.optional(),
    leaseUntil: Instant.optional(),
    date: LocalDate,
    status: z.enum(['claimed', 'posted', 'failed', 'unconfirmed']),
    messageId: nonBlank.optional(),
    at: Instant,
    /** Send attempts for this day so far; bounds the retries. */
    attempts: z.number().int().min(1).optional(),
    retryAt: Instant.optional(),
    error: z.string().optional(),
  })
  .refine((p) => p.status !== 'posted' || p.messageId !== undefined, { path: ['messageId'], message: 'a posted digest must record its message id' });
export type PostRecord = z.infer<typeof PostRecord>;

/** A channel's follow of an actor, a state or an incident: instant alerts for new claims about it. */
export const Follow = z.looseObject({
  id: nonBlank,
  platform: Platform,
  channel: nonBlank,
  workspace: nonBlank.optional(),
  /** actor: a group, agency, company, person (by, or against, in a claim); state: also its parties; incident: its claims. */
  kind: z.enum(['actor', 'state', 'incident']),
  /** The entity id (curated party or registry actor) or the incident id. */
  target: nonBlank,
  /** Its names when it was followed, so a renamed or merged actor can be found again by them. */
  names: z.array(nonBlank).min(1),
  createdBy: nonBlank,
  /** Claims published before this are not owed to the follow. */
  createdAt: Instant,
});
export type Follow = z.infer<typeof Follow>;

/** A following channel's alert settings and health, like a subscription's. */
export const AlertChannel = z.looseObject({
  platform: Platform,
  channel: nonBlank,
  workspace: nonBlank.optional(),
  language: DigestLanguage,
  createdAt: Instant,
  paused: z.boolean().default(false),
  /** Channel faults (gone, forbidden) since the last good post. */
  failures: z.number().int().min(0).default(0),
  lastError: z.object({ at: Instant, message: z.string() }).optional(),
  pausedAt: Instant.optional(),
  pausedReason: z.string().optional(),
  pauseNoticeSent: z.boolean().optional(),
  /** When a follow resumed the paused channel: no claim published before it is owed. */
  resumedAt: Instant.optional(),
});
export type AlertChannel = z.infer<typeof AlertChannel>;

/**
 * One claim's alert to one channel: the guard against alerting twice. Rows of one post share a
 * batch (the post's idempotency key). Statuses as a digest post's (PostRecord).
 */
export const Delivery = z
  .looseObject({
    channelKey: nonBlank,
    /** "incidentId/claimId". */
    claimKey: nonBlank,
    batch: nonBlank,
    status: z.enum(['claimed', 'posted', 'failed', 'unconfirmed']),
    /** When claimed (or last settled); claimed and posted rows within the last hour count towards the channel's limit. */
    at: Instant,
    owner: nonBlank.optional(),
    leaseUntil: Instant.optional(),
    attempts: z.number().int().min(1),
    retryAt: Instant.optional(),
    messageId: nonBlank.optional(),
    error: z.string().optional(),
  })
  .refine((d) => d.status !== 'posted' || d.messageId !== undefined, { path: ['messageId'], message: 'a posted alert must record its message id' });
export type Delivery = z.infer<typeof Delivery>;

/** A claim of the curated data the alert feed has seen; a baseline one is never alerted. */
export const NotedClaim = z.looseObject({ at: Instant, baseline: z.boolean() });

export const DraftRecord = z.looseObject({
  id: nonBlank,
  status: z.enum(['pending', 'approved', 'rejected']),
  version: z.number().int().min(1),
  createdAt: Instant,
  updatedAt: Instant,
  data: z.json(),
});

export const PublishedRecord = z.looseObject({
  seq: z.number().int().min(1),
  incidentId: nonBlank,
  data: z.json(),
  draftId: nonBlank.optional(),
  publishedAt: Instant,
  publishedBy: nonBlank,
});

export const State = z
  .looseObject({
    version: z.literal(STATE_VERSION),
    subscriptions: z.array(Subscription).default([]),
    posts: z.array(PostRecord).default([]),
    /** Ingested drafts awaiting (or after) review. */
    drafts: z.array(DraftRecord).default([]),
    /** What approvals made public, in order. */
    published: z.array(PublishedRecord).default([]),
    /** Keys of articles already processed (normalized URL, content hash), with when. */
    seen: z.record(z.string(), Instant).default({}),
    /** Per-source fetch bookkeeping, owned by the ingester. */
    sources: z.record(z.string(), z.json()).default({}),
    /** Slack installations by "T<team>" or "E<enterprise>". */
    installations: z.record(z.string(), z.json()).default({}),
    /** Channels' follows, their alert settings, and one row per claim alerted to a channel. */
    follows: z.array(Follow).default([]),
    alertChannels: z.array(AlertChannel).default([]),
    deliveries: z.array(Delivery).default([]),
    /** Curated claims seen by the alert feed, by "incidentId/claimId". */
    notedClaims: z.record(z.string(), NotedClaim).default({}),
  })
  .superRefine((state, ctx) => {
    // Cross-record rules zod cannot express per record. Paths point at the offending record.
    const ids = new Set<string>();
    const channels = new Set<string>();
    state.subscriptions.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['subscriptions', i, 'id'], message: `duplicate subscription id "${s.id}"` });
      const key = `${s.platform}:${s.channel}`;
      if (channels.has(key)) ctx.addIssue({ code: 'custom', path: ['subscriptions', i, 'channel'], message: `${key} is subscribed twice` });
      ids.add(s.id);
      channels.add(key);
    });
    const days = new Set<string>();
    state.posts.forEach((p, i) => {
      // A removed subscription's rows stay (with their channel) until they age out.
      if (!ids.has(p.subscriptionId) && !p.channelKey) ctx.addIssue({ code: 'custom', path: ['posts', i, 'subscriptionId'], message: `unknown subscription "${p.subscriptionId}"` });
      const key = `${p.subscriptionId} ${p.date}`;
      if (days.has(key)) ctx.addIssue({ code: 'custom', path: ['posts', i, 'date'], message: `a second log entry for ${p.date}` });
      days.add(key);
    });
    const draftIds = new Set<string>();
    state.drafts.forEach((d, i) => {
      if (draftIds.has(d.id)) ctx.addIssue({ code: 'custom', path: ['drafts', i, 'id'], message: `duplicate draft id "${d.id}"` });
      draftIds.add(d.id);
    });
    state.published.forEach((p, i) => {
      if (i > 0 && p.seq <= state.published[i - 1]!.seq) ctx.addIssue({ code: 'custom', path: ['published', i, 'seq'], message: 'published records must be in ascending seq order' });
    });
    const followed = new Set<string>();
    state.follows.forEach((f, i) => {
      const key = `${f.platform}:${f.channel} ${f.target}`;
      if (followed.has(key)) ctx.addIssue({ code: 'custom', path: ['follows', i, 'target'], message: `${f.platform}:${f.channel} follows ${f.target} twice` });
      followed.add(key);
    });
    const alertChannels = new Set<string>();
    state.alertChannels.forEach((c, i) => {
      const key = `${c.platform}:${c.channel}`;
      if (alertChannels.has(key)) ctx.addIssue({ code: 'custom', path: ['alertChannels', i, 'channel'], message: `${key} has alert settings twice` });
      alertChannels.add(key);
    });
    const delivered = new Set<string>();
    state.deliveries.forEach((d, i) => {
      const key = `${d.channelKey} ${d.claimKey}`;
      if (delivered.has(key)) ctx.addIssue({ code: 'custom', path: ['deliveries', i, 'claimKey'], message: `${d.claimKey} is delivered to ${d.channelKey} twice` });
      delivered.add(key);
    });
  });
export type State = z.infer<typeof State>;

export function emptyState(): State {
  return { version: STATE_VERSION, subscriptions: [], posts: [], drafts: [], published: [], seen: {}, sources: {}, installations: {}, follows: [], alertChannels: [], deliveries: [], notedClaims: {} };
}

/** Names the record a zod issue path points into, for error messages a person can act on. */
export function stateRecordAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  const [list, index] = path;
  if (typeof list !== 'string' || typeof index !== 'number') return undefined;
  const rec = (raw as Record<string, unknown[] | undefined> | null)?.[list]?.[index] as Record<string, unknown> | undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  switch (list) {
    case 'subscriptions': {
      const where = rec && str(rec.platform) && str(rec.channel) ? ` (${str(rec.platform)}:${str(rec.channel)})` : '';
      return `subscription ${str(rec?.id) ?? `#${index}`}${where}`;
    }
    case 'posts':
      return `post #${index}${rec && str(rec.subscriptionId) ? ` (subscription ${str(rec.subscriptionId)}, ${str(rec.date) ?? '?'})` : ''}`;
    case 'drafts':
      return `draft ${str(rec?.id) ?? `#${index}`}`;
    case 'published':
      return `published record #${index}${rec && str(rec.incidentId) ? ` (${str(rec.incidentId)})` : ''}`;
    case 'follows':
      return `follow ${str(rec?.id) ?? `#${index}`}${rec && str(rec.platform) && str(rec.channel) ? ` (${str(rec.platform)}:${str(rec.channel)} → ${str(rec.target) ?? '?'})` : ''}`;
    case 'alertChannels':
      return `alert channel #${index}${rec && str(rec.platform) && str(rec.channel) ? ` (${str(rec.platform)}:${str(rec.channel)})` : ''}`;
    case 'deliveries':
      return `delivery #${index}${rec && str(rec.channelKey) ? ` (${str(rec.channelKey)}, ${str(rec.claimKey) ?? '?'})` : ''}`;
    default:
      return undefined;
  }
}
