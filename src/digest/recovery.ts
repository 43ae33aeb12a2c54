// The scheduler's bookkeeping for time it was not there: settle the claims a dead process left
// behind (on start), and record the days whose slot passed with no post at all (on start and
// on every run, which also catches a host that slept through a day). Both exist so a restart
// never doubles a post and never skips a day without a trace.
import type { Platform } from '../store/state-schema.ts';
import type { DigestStore } from '../store/storage.ts';
import { posterFor, type DigestPoster } from './poster.ts';
import { addDays, digestKey, slotOn, wallClock, wallClocksAt } from './slots.ts';
import type { DigestLog } from './log.ts';

export interface RecoveryContext {
  store: DigestStore;
  posters: ReadonlyMap<Platform, DigestPoster>;
  now: Date;
  log: DigestLog;
  /** This process's instance id: its own claims are never settled here. */
  owner?: string;
  /**
   * True when this process alone uses the storage (the file backend's lock): any claim not its
   * own was left by a dead process. Otherwise (PostgreSQL, several instances) only a claim whose
   * lease has run out is: its owner stopped renewing it.
   */
  exclusive?: boolean;
  /** Told of each claim re-sent inside the platform's duplicate window, with the time by which it must leave. */
  onResend?: (subscriptionId: string, day: string, resendBy: Date) => void;
}

/**
 * A 'claimed' row on start means the last process died between claiming a slot and recording
 * the platform's answer: the post may or may not have gone out. In order of preference:
 * 1. the poster can look (findPost): record it as posted, or re-send it if it is not there;
 * 2. the claim is younger than the platform's own de-duplication window (Discord's nonce):
 *    re-send with the same key, and the platform drops it if the first one went out;
 * 3. otherwise: do not re-send. Record the day 'unconfirmed' and log it. We prefer a possibly
 *    missing post, visible in the state, the log and /subscriptions, over a possibly doubled
 *    one in a community channel; the window for this is the length of one HTTP request.
 */
/** A claim with no lease (written by an older version) counts as abandoned after this long, when other instances may be alive. */
const UNLEASED_CLAIM_MS = 10 * 60_000;

/** Claims left by a process that is gone: not this one's, and (when others may be alive) with their lease run out. */
function abandoned<T extends { status: string; owner?: string; leaseUntil?: string; at: string }>(rows: readonly T[], { owner, exclusive = true, now }: Pick<RecoveryContext, 'owner' | 'exclusive' | 'now'>): T[] {
  return rows.filter((p) => {
    if (p.status !== 'claimed' || (owner !== undefined && p.owner === owner)) return false;
    if (exclusive) return true;
    const expires = p.leaseUntil ? Date.parse(p.leaseUntil) : Date.parse(p.at) + UNLEASED_CLAIM_MS;
    return expires <= now.getTime();
  });
}

export async function settleInterruptedPosts({ store, posters, now, log, onResend, owner, exclusive }: RecoveryContext): Promise<void> {
  for (const row of abandoned(store.read().posts, { owner, exclusive, now })) {
    const sub = store.read().subscriptions.find((s) => s.id === row.subscriptionId);
    if (!sub) continue;
    const where = `${sub.platform} channel ${sub.channel} (${row.date})`;
    // A channel another instance owns (a sharded platform, poster.owns) is left to that
    // instance: a re-send must leave inside the platform's duplicate window, which only the
    // instance that will post it can keep.
    if (posters.has(sub.platform) && !posterFor(posters, sub)) continue;
    const poster = posters.get(sub.platform);
    const dayOpen = row.date === wallClock(now, sub.zone).day && !sub.paused;
    // Every settlement is conditional on the claim still being the dead owner's, so two
    // instances recovering at once settle it once; the one that loses moves on.
    const settle = (settlement: Parameters<DigestStore['settleClaim']>[3]) => store.settleClaim(sub.id, row.date, row.owner, settlement);
    const resend = (why: string, retryAt: Date = now) => settle({ outcome: 'retry', note: `interrupted by a restart; ${why}`, retryAt: dayOpen ? retryAt : undefined });

    if (poster?.findPost) {
      try {
        const found = await poster.findPost(sub.channel, digestKey(sub.id, row.date), new Date(row.at));
        if (found) {
          if (await settle({ outcome: 'posted', messageId: found.messageId })) log('info', `${where}: a post interrupted by a restart had gone out (message ${found.messageId}); recorded it`);
        } else if (await resend(dayOpen ? 'it had not gone out, re-sending' : 'it had not gone out and the day is over')) {
          log('warn', `${where}: a post interrupted by a restart had not gone out; ${dayOpen ? 're-sending' : 'the day is over, recorded as failed'}`);
        }
        continue;
      } catch (err) {
        log('warn', `${where}: could not check whether an interrupted post went out: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const age = now.getTime() - Date.parse(row.at);
    if (dayOpen && poster?.dedupeWindowMs && age >= 0 && age < poster.dedupeWindowMs) {
      // Any instance may take the retry up, and one that did not settle it reads its deadline
      // from the row as retryAt + half a window (scheduler.ts, #resendBy). With several
      // instances the claim is settled only once its lease ran out, often past half a window:
      // a retry time of "now" would then stretch that deadline past the platform's window. So
      // the retry time is at most half a window after the claim (in the past is fine: due now).
      const retryAt = new Date(Math.min(now.getTime(), Date.parse(row.at) + poster.dedupeWindowMs / 2));
      if (!(await resend('re-sending with the same idempotency key, which the platform de-duplicates', retryAt))) continue;
      // The claim was written just before the request left: the window runs from then.
      onResend?.(sub.id, row.date, new Date(Date.parse(row.at) + poster.dedupeWindowMs));
      log('info', `${where}: re-sending a post interrupted by a restart ${Math.round(age / 1000)} s ago; the platform drops it if it went out`);
      continue;
    }
    if (await settle({ outcome: 'unconfirmed', note: 'interrupted by a restart between sending and confirming; not re-sent, as it may have gone out' })) {
      log('warn', `${where}: a post was interrupted by a restart and may or may not have gone out; not re-sending it (recorded as unconfirmed)`);
    }
  }
}

/** How far back start-up looks for days missed while the bot was down. */
const MISSED_LOOKBACK_DAYS = 7;

/**
 * Days whose slot came and went, and whose local day ended, with no log row at all: the bot
 * was not running (or its host was asleep). Nothing can be posted for them now (catch-up is
 * for today only), but each is logged and recorded as failed, so the gap shows in the state
 * and in /subscriptions. Cheap when nothing is missing: one read, no write, and the calendar
 * is asked only about a day that has no row.
 */
export async function recordMissedDays({ store, posters, now, log }: RecoveryContext): Promise<void> {
  const { subscriptions, posts } = store.read();
  const logged = new Set(posts.map((p) => `${p.subscriptionId} ${p.date}`));
  const local = wallClocksAt(now);
  const pastDays = new Map<string, string[]>(); // by today's date: the days to look at, oldest first
  for (const sub of subscriptions) {
    // The instance that posts for it records its misses (a sharded platform splits them).
    if (sub.paused || !posterFor(posters, sub)) continue;
    const since = Date.parse(sub.resumedAt ?? sub.createdAt);
    const today = local(sub.zone).day;
    let days = pastDays.get(today);
    if (!days) pastDays.set(today, (days = Array.from({ length: MISSED_LOOKBACK_DAYS }, (_, i) => addDays(today, i - MISSED_LOOKBACK_DAYS))));
    let first: string | undefined;
    for (const day of days) {
      if (logged.has(`${sub.id} ${day}`) || notOwed.has(`${sub.id} ${day}`)) continue;
      first ??= wallClock(new Date(since), sub.zone).day;
      if (day < first) continue;
      const slot = slotOn(sub, day);
      if (!slot || slot.getTime() < since) {
        // The subscription came after that day's slot: nothing was owed. Remembered, so the
        // calendar is not asked again on every run.
        if (notOwed.size > 100_000) notOwed.clear();
        notOwed.add(`${sub.id} ${day}`);
        continue;
      }
      await store.recordFailure(sub.id, { error: 'missed: the bot was not running between the slot and the end of the day', date: day, transient: true });
      log('warn', `${sub.platform} channel ${sub.channel} (${day}): missed, the bot was not running from the slot to the end of that day`);
    }
  }
}

/** (subscription, day) pairs found to owe nothing: the subscription started after that day's slot. */
const notOwed = new Set<string>();
