// What went wrong in a call to Slack, as a short code that is safe to log and to branch on
// (channel_not_found, not_in_channel, ratelimited, ...). Never the request, never a token.
import { webApi } from '@slack/bolt';
import { neverSent, PostError, secondsToMs } from '../../digest/poster.ts';

export interface SlackFailure {
  error: string;
  /** Seconds Slack asked us to wait, for ratelimited. */
  retryAfterSeconds?: number;
}

export function describeSlackError(err: unknown): SlackFailure {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; name?: string };
  switch (e?.code) {
    case webApi.ErrorCode.PlatformError:
      return { error: e.data?.error ?? 'platform_error' };
    case webApi.ErrorCode.RateLimitedError:
      return { error: 'ratelimited', retryAfterSeconds: e.retryAfter };
    case webApi.ErrorCode.HTTPError:
      return { error: `http_${e.statusCode ?? 'error'}` };
    case webApi.ErrorCode.RequestError:
      return { error: 'request_failed' };
    default:
      // Bolt's RespondError (a response_url that said no) carries the HTTP status.
      if (typeof e?.statusCode === 'number') return { error: `http_${e.statusCode}` };
      // fetch's "TypeError: fetch failed": the network failed, not the code.
      if (networkCause(err)) return { error: 'request_failed' };
      return { error: e?.code ?? e?.name ?? 'unknown_error' };
  }
}

/**
 * The network error under a failed request, if that is what failed: fetch throws a bare
 * "TypeError: fetch failed" and keeps what happened (ECONNREFUSED, ENOTFOUND, a timeout) in its
 * cause; a connection tried on two addresses fails with an AggregateError of both.
 */
export function networkCause(err: unknown): { code: string; message: string } | undefined {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: { message?: unknown }[] } | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(e.code)) {
      const message = typeof e.message === 'string' && e.message ? e.message : typeof e.errors?.[0]?.message === 'string' ? e.errors[0].message : e.code;
      return { code: e.code, message };
    }
  }
  return undefined;
}

// Credential errors (invalid_auth, token_revoked, account_inactive) are mapped to transient on
// purpose: they break every channel at once, so counting them towards pausing would pause
// every subscription for a fault that is the operator's to fix.
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
      // Slack answered ok:false: it did not post.
      return new PostError('transient', what, undefined, { ...cause, mayHaveGoneOut: false });
    }
    case 'slack_webapi_rate_limited_error':
      return new PostError('rate-limited', 'slack: ratelimited', secondsToMs(e.retryAfter), cause);
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
      return new PostError(status === 429 ? 'rate-limited' : 'transient', `slack: http ${status ?? 'error'}`, undefined, { ...cause, mayHaveGoneOut: status === undefined || status >= 500 });
    }
    case 'slack_webapi_request_error':
      return new PostError('transient', 'slack: request failed', undefined, { ...cause, mayHaveGoneOut: !neverSent((err as { original?: unknown }).original ?? err) });
    default: {
      const text = typeof e.message === 'string' ? e.message.slice(0, 200) : String(err);
      return new PostError('transient', `slack: ${text}`, undefined, { ...cause, mayHaveGoneOut: !neverSent(err) });
    }
  }
}

