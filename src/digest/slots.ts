// When a subscription's digest is due. Each subscription has one slot a day: its wall-clock
// time in its own zone. croner does the calendar work (time zones, and DST: a time skipped by
// a spring-forward runs at the first valid minute after the gap, a time repeated in autumn runs
// once). It is used only to compute times, never to run timers: the scheduler keeps one timer
// of its own, so tests can drive it with a fake clock and a restart needs no croner state.
import { createHash } from 'node:crypto';
import { Cron } from 'croner';

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

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * The local day (YYYY-MM-DD) and time (HH:MM) of an instant in a zone. The formatter is kept
 * per zone: making one costs about half a millisecond, and the scheduler asks for every
 * subscription on every run.
 */
export function wallClock(at: Date, zone: string): { day: string; time: string } {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    wallClocks.set(zone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** wallClock at one instant, worked out once per zone: a run asks for every subscription, and zones repeat. */
export function wallClocksAt(at: Date): (zone: string) => { day: string; time: string } {
  const known = new Map<string, { day: string; time: string }>();
  return (zone) => {
    let local = known.get(zone);
    if (!local) known.set(zone, (local = wallClock(at, zone)));
    return local;
  };
}

/** The calendar day `n` days after (or before, for negative n) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The slot of one local day, or undefined if the day has none. The search starts 15 hours
 * before the day's UTC midnight, before the day begins in any zone (UTC+14 at most).
 */
export function slotOn(schedule: SlotSchedule, day: string): Date | undefined {
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - 15 * 3_600_000);
  for (const run of calendar(schedule).nextRuns(3, from)) {
    const runDay = wallClock(run, schedule.zone).day;
    if (runDay === day) return run;
    if (runDay > day) return undefined;
  }
  return undefined;
}

/** The latest slot at or before `now` (croner's previousRuns excludes its reference, hence +1 ms). */
export function lastSlotAtOrBefore(schedule: SlotSchedule, now: Date): Date | undefined {
  return calendar(schedule).previousRuns(1, new Date(now.getTime() + 1))[0];
}

/** The first slot strictly after `now`. */
export function nextSlotAfter(schedule: SlotSchedule, now: Date): Date | undefined {
  return calendar(schedule).nextRun(now) ?? undefined;
}

/** Today's slot in the schedule's zone, once it has come: the post owed for `day`. */
export function todaysSlot(schedule: SlotSchedule, now: Date): { day: string; at: Date } | undefined {
  const day = wallClock(now, schedule.zone).day;
  const at = lastSlotAtOrBefore(schedule, now);
  return at && wallClock(at, schedule.zone).day === day ? { day, at } : undefined;
}

/**
 * The idempotency key of one subscription's post for one day: the same on every attempt and
 * after a restart, 25 characters of [0-9a-f] (Discord's nonce allows at most 25).
 */
export function digestKey(subscriptionId: string, day: string): string {
  return createHash('sha256').update(`ilzam-digest|${subscriptionId}|${day}`).digest('hex').slice(0, 25);
}
