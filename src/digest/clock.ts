// Time as the scheduler sees it. Injected so tests move time by hand instead of waiting, and
// so no library timer (croner's included) runs behind the scheduler's back. Every wait the
// scheduler makes (the next slot, spacing, rate limits, a post's timeout) is one of these timers.
export interface SchedulerClock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Waits inside a run (spacing, rate-limit pauses); without it, a timer of this clock. A fake clock may just move time. */
  sleep?(ms: number): Promise<void>;
}

/** Waits ms on the given clock. */
export function sleep(clock: Pick<SchedulerClock, 'setTimeout' | 'sleep'>, ms: number): Promise<void> {
  return clock.sleep ? clock.sleep(ms) : new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/** Node's timers, unref'd: a pending digest never keeps a process alive on its own. */
export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
