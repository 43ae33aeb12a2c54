// When a subscription's digest is due. Each subscription has one slot a day: its wall-clock
// time in its own zone. croner does the calendar work (time zones, and DST: a time skipped by
// a spring-forward runs at the first valid minute after the gap, a time repeated in autumn runs
// once). It is used only to compute times, never to run timers: the scheduler keeps one timer
// of its own, so tests can drive it with a fake clock and a restart needs no croner state.
import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import { localDay } from '../i18n/time.ts';

export const DEFAULT_DIGEST_TIME = '09:00';

export interface SlotSchedule {
  /** HH:MM, 24-hour. */
  time: string;
  /** IANA zone. */
  zone: string;
}

const calendars = new Map<string, Cron>();

function calendar({ time, zone }: SlotSchedule): Cron {
  const key = `${time} ${zone}`;
  let cron = calendars.get(key);
  if (!cron) {
    const [hour, minute] = time.split(':').map(Number);
    // No callback and paused: croner computes run times but never starts a timer.
    cron = new Cron(`0 ${minute} ${hour} * * *`, { timezone: zone, paused: true });
    calendars.set(key, cron);
  }
  return cron;
}

/** The latest slot at or before `now` (croner's previousRuns excludes its reference, hence +1 ms). */
export function lastSlotAtOrBefore(schedule: SlotSchedule, now: Date): Date | undefined {
  return calendar(schedule).previousRuns(1, new Date(now.getTime() + 1))[0];
}

/** The latest `count` slots at or before `now`, newest first. */
export function recentSlots(schedule: SlotSchedule, now: Date, count: number): Date[] {
  return calendar(schedule).previousRuns(count, new Date(now.getTime() + 1));
}

/** The first slot strictly after `now`. */
export function nextSlotAfter(schedule: SlotSchedule, now: Date): Date | undefined {
  return calendar(schedule).nextRun(now) ?? undefined;
}

/** Today's slot in the schedule's zone, once it has come: the post owed for `day`. */
export function todaysSlot(schedule: SlotSchedule, now: Date): { day: string; at: Date } | undefined {
  const day = localDay(now, schedule.zone);
  const at = lastSlotAtOrBefore(schedule, now);
  return at && localDay(at, schedule.zone) === day ? { day, at } : undefined;
}

/**
 * The idempotency key of one subscription's post for one day: the same on every attempt and
 * after a restart, 25 characters of [0-9a-f] (Discord's nonce allows at most 25).
 */
export function digestKey(subscriptionId: string, day: string): string {
  return createHash('sha256').update(`ilzam-digest|${subscriptionId}|${day}`).digest('hex').slice(0, 25);
}
