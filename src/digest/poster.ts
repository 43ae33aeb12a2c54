// What each platform implements so the scheduler can post the daily digest. The scheduler owns
// timing, the exactly-once claim, retries and pausing; a poster only sends one message and
// says, through PostError, how it failed.
import type { Reply } from '../reply/model.ts';

export interface PostOptions {
  /**
   * The same for every attempt at one subscription's post for one day, at most 25 characters of
   * [0-9a-z]. Discord: send it as `nonce` with `enforceNonce: true`, and Discord returns the
   * first message instead of creating a second when a retry follows a post that did go out
   * (a timeout after Discord accepted it, or a restart). Slack has no equivalent; a Slack
   * poster can put it in message metadata so findPost can look for it.
   */
  idempotencyKey: string;
}

export interface DigestPoster {
  /** The platform's name, as subscriptions record it ("discord", "slack"). */
  platform: string;
  /** How a command is typed on this platform, for notices ("/subscribe", "/ilzam-subscribe"). */
  commandName(name: string): string;
  /** Posts the reply to the channel. Throws PostError (or anything: unknown errors count as transient). */
  post(channel: string, reply: Reply, opts?: PostOptions): Promise<{ messageId: string }>;
  /** Best-effort note to the channel, such as "this digest is paused". Failures are only logged. */
  notify?(channel: string, reply: Reply): Promise<void>;
  /**
   * Optional, used only after a crash: was the digest with this key posted to the channel since
   * `since`? Resolve with the message, null if surely not, or throw if it cannot tell. With it,
   * a post interrupted by a crash is re-sent exactly when it did not go out.
   */
  findPost?(channel: string, idempotencyKey: string, since: Date): Promise<{ messageId: string } | null>;
  /**
   * Optional: for how long the platform itself drops a re-send with the same idempotency key
   * (Discord's nonce check covers "a few minutes"; keep this well inside that). A post that may
   * have gone out (interrupted by a crash, or failed after the request left) is re-sent only
   * inside this window from its first attempt, when the platform stops a double; past it, it
   * is not re-sent and the day is recorded unconfirmed. Without it, such a post is retried
   * (Slack: a documented risk of a double) or, after a crash, not re-sent.
   */
  dedupeWindowMs?: number;
  /** Optional: how many posts may be in flight at once on this platform (default: the scheduler's). */
  concurrency?: number;
  /**
   * Optional: whether this instance posts to the target. A platform whose connection is split
   * between instances (Discord's shards, docs/discord.md) answers no for the servers another
   * instance holds, so each subscription and alert channel is served by one instance only.
   * Absent: every channel of the platform is this instance's.
   */
  owns?(target: PostTarget): boolean;
}

/** Where a post goes, as a subscription or an alert channel records it. */
export interface PostTarget {
  platform: string;
  channel: string;
  /** The Discord server (guild) or Slack workspace, when recorded. */
  workspace?: string;
}

/** The poster of the target's platform when this instance posts there; undefined when the platform does not run here or another instance owns the target. */
export function posterFor(posters: ReadonlyMap<string, DigestPoster>, target: PostTarget): DigestPoster | undefined {
  const poster = posters.get(target.platform);
  return poster && (poster.owns?.(target) ?? true) ? poster : undefined;
}

export type PostErrorKind = 'gone' | 'forbidden' | 'rate-limited' | 'transient';

export interface PostErrorOptions extends ErrorOptions {
  /**
   * Whether the platform may have taken the post although the call failed: a connection reset
   * or a timeout after the request left, a 5xx from a proxy in front of the platform. Default:
   * true for a transient failure (the scheduler cannot know better), false for the others
   * (the platform answered and refused). A poster passes false when it knows nothing left
   * (connection refused, an error answer from the platform itself).
   */
  mayHaveGoneOut?: boolean;
}

/**
 * A failed post, classified by what the scheduler should do about it:
 * - gone: the channel no longer exists (Discord 404, Slack channel_not_found / is_archived);
 * - forbidden: the bot may not post there (Discord 403, Slack not_in_channel);
 *   both count towards pausing the subscription;
 * - rate-limited: try again after retryAfterMs;
 * - transient: anything else (5xx, network); retried later the same day, never pauses.
 * A failure that may have gone out is retried only while the platform would drop the repeat
 * (docs/digest.md, "Retries and the duplicate window").
 */
export class PostError extends Error {
  override name = 'PostError';
  readonly mayHaveGoneOut: boolean;

  constructor(
    readonly kind: PostErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: PostErrorOptions,
  ) {
    super(message, options);
    this.mayHaveGoneOut = options?.mayHaveGoneOut ?? kind === 'transient';
  }

  /** Counts towards pausing: the channel itself refuses the post. */
  get isChannelFault(): boolean {
    return this.kind === 'gone' || this.kind === 'forbidden';
  }
}

/** Network errors that mean the request never reached the platform (nothing can have gone out). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);

/** True when an error (or its cause) says the connection was never made. */
export function neverSent(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && NOT_SENT_CODES.has(e.code)) return true;
  }
  return false;
}

/** A PostError as is; anything else (a bug in a poster, a network error) as transient. */
export function asPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new PostError('transient', message, undefined, { cause: err, mayHaveGoneOut: !neverSent(err) });
}

/** A retry delay given in milliseconds, if it is one. */
export function millisecondsOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A retry delay given in seconds (a number or a numeric string), in milliseconds. */
export function secondsToMs(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}
