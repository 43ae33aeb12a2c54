// What Bolt's HTTP receiver does not check. Bolt verifies each request's signature and refuses
// a timestamp more than five minutes old (verify-request.js). It does not refuse a timestamp
// in the future, so with a server clock running behind, a captured request stays valid for
// longer than five minutes; and Slack's scheme has no nonce, so a captured request can be sent
// again inside the window and is answered again. Slack's guide asks that the timestamp differ
// from local time by no more than five minutes, either way.
//
// The guard runs before Bolt, in front of the receiver's requestListener: it reads the body
// (Bolt takes a body already read from req.rawBody, with the same 4 MB limit, so nothing is
// read twice), refuses a timestamp more than five minutes ahead, and, for a request whose
// signature is valid, refuses the same signature a second time while the window lasts. Then
// Bolt verifies and handles the request as usual. Signatures are remembered only after they
// verify, so nobody can block a real request by sending its signature first with another body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultBodyLimit, HTTPModuleFunctions, isValidSlackRequest, type Logger } from '@slack/bolt';

/** Slack's limit on the difference between a request's timestamp and the server's clock. */
export const MAX_CLOCK_SKEW_S = 5 * 60;
/** More signatures than this at once is not Slack's traffic; the oldest are dropped. */
const MAX_REMEMBERED = 100_000;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface RequestGuardOptions {
  signingSecret: string;
  /** The paths Bolt takes events on ("/slack/events"); other requests pass untouched. */
  endpoints: readonly string[];
  logger: Logger;
  now?: () => number;
}

export function guardRequests(next: Listener, opts: RequestGuardOptions): Listener {
  const now = opts.now ?? Date.now;
  /** Signatures seen, with when they stop mattering (Bolt refuses them as stale after that). */
  const seen = new Map<string, number>();

  const forget = (at: number) => {
    for (const [signature, until] of seen) {
      if (until > at && seen.size <= MAX_REMEMBERED) break; // insertion order is roughly time order
      seen.delete(signature);
    }
  };

  /** Why the request is refused, or undefined to let Bolt decide. */
  const verdict = (req: IncomingMessage & { rawBody?: Buffer }): string | undefined => {
    const body = req.rawBody?.toString() ?? '';
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded' && /(^|&)ssl_check=1(&|$)/.test(body)) return undefined; // Bolt answers these unsigned
    const timestamp = req.headers['x-slack-request-timestamp'];
    const signature = req.headers['x-slack-signature'];
    if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d+$/.test(timestamp)) return undefined; // Bolt refuses these
    const nowS = Math.floor(now() / 1000);
    const ahead = Number(timestamp) - nowS;
    if (ahead > MAX_CLOCK_SKEW_S) return `dated ${ahead} s ahead of this server’s clock (more than ${MAX_CLOCK_SKEW_S}): check the clock (NTP)`;
    if (!isValidSlackRequest({ signingSecret: opts.signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) }, nowMilliseconds: now() })) return undefined;
    forget(now());
    if (seen.has(signature)) return 'already received (the same signature): a replay';
    seen.set(signature, (Number(timestamp) + MAX_CLOCK_SKEW_S) * 1000);
    return undefined;
  };

  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !opts.endpoints.includes(path)) {
      next(req, res);
      return;
    }
    HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit).then(
      (buffered) => {
        const why = verdict(buffered);
        if (!why) {
          next(buffered, res);
          return;
        }
        opts.logger.warn(`refused a request ${why}`);
        HTTPModuleFunctions.buildNoBodyResponse(res, 401);
      },
      (err: unknown) => {
        // Too large (413) or a broken body, answered as Bolt answers them.
        const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && (err.type === 'entity.too.large' || err.statusCode === 413);
        if (tooLarge) opts.logger.warn('Request body exceeded the maximum allowed size');
        HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
      },
    );
  };
}
