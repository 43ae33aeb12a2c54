// From what discord.js throws to a PostError the scheduler can act on. Matched by shape (name,
// status, code), not instanceof, so a second copy of the library in node_modules, or a test
// double, still maps. Messages stay short and never carry the request URL (Discord's
// interaction and webhook URLs embed tokens).
//
// A 401 is mapped to transient on purpose: it breaks every channel at once, so counting it
// towards pausing would pause every subscription for a fault that is the operator's to fix.
import { neverSent, PostError, millisecondsOrUndefined, secondsToMs } from '../../digest/poster.ts';

interface DiscordLikeError {
  name?: unknown;
  message?: unknown;
  status?: unknown;
  code?: unknown;
  retryAfter?: unknown;
  rawError?: { retry_after?: unknown };
}

/** Discord JSON error codes that mean the channel cannot take messages now or ever. */
const DISCORD_GONE_CODES = new Set([10003, 10004, 50008]); // unknown channel, unknown guild, not a text channel
const DISCORD_FORBIDDEN_CODES = new Set([50001, 50013]); // missing access, missing permissions

/** Maps discord.js errors: DiscordAPIError (status, code), RateLimitError (retryAfter in ms), HTTPError, AbortError. */
export function discordPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  const e = (err ?? {}) as DiscordLikeError;
  const name = typeof e.name === 'string' ? e.name : '';
  const text = typeof e.message === 'string' ? e.message.slice(0, 200) : String(err);
  const status = typeof e.status === 'number' ? e.status : undefined;
  const code = typeof e.code === 'number' ? e.code : undefined;
  const what = `discord: ${status ?? name}${code === undefined ? '' : ` [${code}]`} ${text}`.trim();
  const cause = { cause: err };

  // @discordjs/rest names it "RateLimitError[route]"; retryAfter is already in milliseconds.
  if (name.startsWith('RateLimitError')) return new PostError('rate-limited', what, millisecondsOrUndefined(e.retryAfter), cause);
  if (status === 429) return new PostError('rate-limited', what, secondsToMs(e.rawError?.retry_after), cause);
  if (status === 404 || (code !== undefined && DISCORD_GONE_CODES.has(code))) return new PostError('gone', what, undefined, cause);
  if (status === 403 || (code !== undefined && DISCORD_FORBIDDEN_CODES.has(code))) return new PostError('forbidden', what, undefined, cause);
  // A 4xx is Discord refusing the message (nothing was created); a 5xx, a timeout or a reset
  // may come after Discord took it.
  const mayHaveGoneOut = status !== undefined ? status >= 500 : !neverSent(err);
  return new PostError('transient', what, undefined, { ...cause, mayHaveGoneOut });
}

