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
   * (Discord's nonce check covers "a few minutes"; keep this well inside that). A post
   * interrupted by a crash less than this long ago is re-sent: the platform stops a double.
   */
  dedupeWindowMs?: number;
}

export type PostErrorKind = 'gone' | 'forbidden' | 'rate-limited' | 'transient';

/**
 * A failed post, classified by what the scheduler should do about it:
 * - gone: the channel no longer exists (Discord 404, Slack channel_not_found / is_archived);
 * - forbidden: the bot may not post there (Discord 403, Slack not_in_channel);
 *   both count towards pausing the subscription;
 * - rate-limited: try again after retryAfterMs;
 * - transient: anything else (5xx, network); retried later the same day, never pauses.
 */
export class PostError extends Error {
  override name = 'PostError';

  constructor(
    readonly kind: PostErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Counts towards pausing: the channel itself refuses the post. */
  get isChannelFault(): boolean {
    return this.kind === 'gone' || this.kind === 'forbidden';
  }
}

/** A PostError as is; anything else (a bug in a poster, a network error) as transient. */
export function asPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new PostError('transient', message, undefined, { cause: err });
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
