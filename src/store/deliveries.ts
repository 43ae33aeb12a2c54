// Which of a channel's claims its next alert post takes, decided the same way by both backends
// inside their own lock (the file's queue, PostgreSQL's row lock on the channel).
import type { Delivery } from './state-schema.ts';
import type { DeliveryClaimOptions } from './storage.ts';

const HOUR_MS = 3_600_000;

/**
 * What claimDeliveries takes from one channel's rows: a failed batch whose retry is due (whole,
 * under its own key, so a platform that de-duplicates by key drops a copy of an ambiguous
 * first attempt), else the candidates without a row; nothing while the last hour's posts are
 * at the limit. Shared by both backends' logic through their own locking.
 */
export function planDeliveryClaim(
  rows: readonly Pick<Delivery, 'claimKey' | 'batch' | 'status' | 'at' | 'attempts' | 'retryAt'>[],
  candidates: readonly string[],
  now: Date,
  opts: Pick<DeliveryClaimOptions, 'maxPerHour' | 'maxAttempts'>,
): { keys?: string[]; batch?: string; attempt: number; waitUntil?: Date; limited?: boolean } {
  const hourAgo = now.getTime() - HOUR_MS;
  // Posts that reached (or may have reached) the channel in the last 60 minutes, by batch.
  const recent = new Map<string, number>();
  for (const r of rows) {
    if (r.status === 'failed' || Date.parse(r.at) <= hourAgo) continue;
    recent.set(r.batch, Math.min(recent.get(r.batch) ?? Infinity, Date.parse(r.at)));
  }
  const failed = new Map<string, { keys: string[]; retryAt: number; attempts: number }>();
  for (const r of rows) {
    if (r.status !== 'failed' || !r.retryAt || r.attempts >= opts.maxAttempts) continue;
    const b = failed.get(r.batch) ?? { keys: [], retryAt: Date.parse(r.retryAt), attempts: r.attempts };
    b.keys.push(r.claimKey);
    failed.set(r.batch, b);
  }
  const due = [...failed].filter(([, b]) => b.retryAt <= now.getTime()).sort((a, b) => a[1].retryAt - b[1].retryAt)[0];
  const known = new Set(rows.map((r) => r.claimKey));
  const fresh = [...new Set(candidates)].filter((k) => !known.has(k));
  const later = [...failed.values()].map((b) => b.retryAt).filter((t) => t > now.getTime());
  const nextRetry = later.length ? new Date(Math.min(...later)) : undefined;
  if (!due && !fresh.length) return { attempt: 0, waitUntil: nextRetry };
  if (recent.size >= opts.maxPerHour) {
    // Free again when the oldest post of the full hour leaves the window.
    const times = [...recent.values()].sort((a, b) => a - b);
    return { attempt: 0, waitUntil: new Date(times[recent.size - opts.maxPerHour]! + HOUR_MS + 1), limited: true };
  }
  if (due) return { keys: due[1].keys.sort(), batch: due[0], attempt: due[1].attempts + 1, waitUntil: fresh.length ? now : nextRetry };
  return { keys: fresh.sort(), attempt: 1, waitUntil: nextRetry };
}
