// The schema of the bot's mutable run-time state (var/state.json): settings, digest
// subscriptions, the digest post log and incidents added at run time. The file is parsed
// through `State` on load and every update is checked against it before it is written, so a
// bad value is caught where it is made and the file on disk always loads on the next start.
import { z } from 'zod';
import { Incident } from '../domain/schema.ts';
import { IngestSection } from '../ingest/model.ts';

const nonBlank = z.string().trim().min(1, 'must not be empty');

/** Bump when the shape changes incompatibly; a migration then reads the old number. */
export const STATE_VERSION = 1;

export const Platform = z.enum(['discord', 'slack']);
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

export const Subscription = z.object({
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
  .object({
    subscriptionId: nonBlank,
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

export const State = z
  .object({
    version: z.literal(STATE_VERSION),
    /** Operator settings changed at run time. Each feature owns and validates its own keys. */
    settings: z.record(z.string(), z.json()).default({}),
    subscriptions: z.array(Subscription).default([]),
    posts: z.array(PostRecord).default([]),
    /** Incidents added at run time, in the curated format; they do not go into data/. */
    incidents: z.array(Incident).default([]),
    /** The ingester's seen-list, its draft claims awaiting review and per-source health (src/ingest). */
    ingest: IngestSection.optional(),
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
      if (!ids.has(p.subscriptionId)) ctx.addIssue({ code: 'custom', path: ['posts', i, 'subscriptionId'], message: `unknown subscription "${p.subscriptionId}"` });
      const key = `${p.subscriptionId} ${p.date}`;
      if (days.has(key)) ctx.addIssue({ code: 'custom', path: ['posts', i, 'date'], message: `a second log entry for ${p.date}` });
      days.add(key);
    });
    const incidentIds = new Set<string>();
    state.incidents.forEach((inc, i) => {
      if (incidentIds.has(inc.id)) ctx.addIssue({ code: 'custom', path: ['incidents', i, 'id'], message: `duplicate incident id "${inc.id}"` });
      incidentIds.add(inc.id);
    });
  });
export type State = z.infer<typeof State>;

export function emptyState(): State {
  return { version: STATE_VERSION, settings: {}, subscriptions: [], posts: [], incidents: [] };
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
    case 'incidents':
      return `incident ${str(rec?.id) ?? `#${index}`}`;
    default:
      return undefined;
  }
}
