// From what discord.js and the Slack Web API client throw to a PostError the scheduler can act
// on. Matched by shape (name, status, code), not instanceof, so a second copy of either
// library in node_modules, or a test double, still maps. Messages stay short and never carry
// the request URL (Discord's interaction and webhook URLs embed tokens).
//
// Credential errors (Discord 401, Slack invalid_auth / token_revoked / account_inactive) are
// mapped to transient on purpose: they break every channel at once, so counting them towards
// pausing would pause every subscription for a fault that is the operator's to fix. They are
// retried a bounded number of times and logged.
import { PostError } from './poster.ts';

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
  if (name.startsWith('RateLimitError')) return new PostError('rate-limited', what, msOrUndefined(e.retryAfter), cause);
  if (status === 429) return new PostError('rate-limited', what, secondsToMs(e.rawError?.retry_after), cause);
  if (status === 404 || (code !== undefined && DISCORD_GONE_CODES.has(code))) return new PostError('gone', what, undefined, cause);
  if (status === 403 || (code !== undefined && DISCORD_FORBIDDEN_CODES.has(code))) return new PostError('forbidden', what, undefined, cause);
  return new PostError('transient', what, undefined, cause);
}

interface SlackLikeError {
  code?: unknown;
  message?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } };
}

const SLACK_GONE = new Set(['channel_not_found', 'is_archived', 'channel_is_archived']);
const SLACK_FORBIDDEN = new Set([
  'not_in_channel',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  'access_denied',
  'no_permission',
]);
const SLACK_RATE_LIMITED = new Set(['ratelimited', 'rate_limited', 'message_limit_exceeded']);

/**
 * Maps @slack/web-api errors: WebAPIPlatformError (code slack_webapi_platform_error, data.error),
 * WebAPIRateLimitedError (code slack_webapi_rate_limited_error, retryAfter in seconds),
 * WebAPIHTTPError (statusCode) and WebAPIRequestError (network).
 */
export function slackPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  const e = (err ?? {}) as SlackLikeError;
  const cause = { cause: err };
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const error = typeof e.data?.error === 'string' ? e.data.error : 'platform_error';
      const what = `slack: ${error}`;
      if (SLACK_GONE.has(error)) return new PostError('gone', what, undefined, cause);
      if (SLACK_FORBIDDEN.has(error)) return new PostError('forbidden', what, undefined, cause);
      if (SLACK_RATE_LIMITED.has(error)) return new PostError('rate-limited', what, secondsToMs(e.data?.response_metadata?.retryAfter), cause);
      return new PostError('transient', what, undefined, cause);
    }
    case 'slack_webapi_rate_limited_error':
      return new PostError('rate-limited', 'slack: ratelimited', secondsToMs(e.retryAfter), cause);
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
      return new PostError(status === 429 ? 'rate-limited' : 'transient', `slack: http ${status ?? 'error'}`, undefined, cause);
    }
    case 'slack_webapi_request_error':
      return new PostError('transient', 'slack: request failed', undefined, cause);
    default: {
      const text = typeof e.message === 'string' ? e.message.slice(0, 200) : String(err);
      return new PostError('transient', `slack: ${text}`, undefined, cause);
    }
  }
}

function msOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function secondsToMs(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}
