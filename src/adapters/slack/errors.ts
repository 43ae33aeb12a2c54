// What went wrong in a call to Slack, as a short code that is safe to log and to branch on
// (channel_not_found, not_in_channel, ratelimited, ...). Never the request, never a token.
import { webApi } from '@slack/bolt';

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
      return { error: e?.code ?? e?.name ?? 'unknown_error' };
  }
}
