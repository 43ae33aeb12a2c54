// Time as the scheduler sees it. Injected so tests move time by hand instead of waiting, and
// so no library timer (croner's included) runs behind the scheduler's back.
export interface SchedulerClock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Waits inside a run: spacing between posts, rate-limit pauses. */
  sleep(ms: number): Promise<void>;
}

/** Node's timers, unref'd: a pending digest never keeps a process alive on its own. */
export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
