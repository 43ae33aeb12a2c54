// TEST ONLY. A simulated clock that several bot processes share, so a test can run the real
// entry point (npm start) in two processes on one database and move their time together
// through many days in a few minutes (test/digest.kill9.test.ts). It is switched on by
// ILZAM_TEST_CLOCK_FILE, and only together with NODE_ENV=test: set without it, start-up fails
// with one line, so a stray variable can never put a production bot on a fake clock. Without
// the variable this module is not even loaded (src/main.ts imports it only then).
//
// The file holds {"simMs", "realMs", "speed"}: simulated time is simMs + (real now - realMs) ×
// speed. The test rewrites it (atomically, by rename) to jump ahead or change speed; each
// process reads it again every POLL_MS and fires its timers whose simulated time has come.
// Time never goes back within a process, even if the file does.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.ts';
import type { SchedulerClock } from './clock.ts';

export interface TestClockAnchor {
  /** Simulated time (ms since the epoch) at realMs. */
  simMs: number;
  /** Real time (Date.now()) the anchor was written. */
  realMs: number;
  /** Simulated ms per real ms (0 stops the clock). */
  speed: number;
}

/** How often, in real ms, the file is read again and due timers fire. */
const POLL_MS = 10;

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** The anchor in the file, or undefined if it cannot be read right now (a test mid-write). */
function readAnchor(file: string): TestClockAnchor | undefined {
  try {
    const a = JSON.parse(readFileSync(file, 'utf8')) as Partial<TestClockAnchor>;
    if (typeof a.simMs === 'number' && typeof a.realMs === 'number' && typeof a.speed === 'number') return a as TestClockAnchor;
  } catch {
    // keep the last anchor
  }
  return undefined;
}

/** A scheduler clock that follows the file; its poll timer is unref'd, like the system clock's. */
export function fileTestClock(file: string): SchedulerClock {
  let anchor = readAnchor(file);
  if (!anchor) throw new ConfigError(`ILZAM_TEST_CLOCK_FILE: ${file} does not hold a clock anchor`);
  let last = 0;
  let seq = 0;
  const timers = new Map<number, PendingTimer>();
  const simNow = (): number => {
    const a = anchor!;
    const t = a.simMs + (Date.now() - a.realMs) * a.speed;
    last = Math.max(last, Math.floor(t));
    return last;
  };
  const poll = setInterval(() => {
    anchor = readAnchor(file) ?? anchor;
    const now = simNow();
    const due = [...timers.values()].filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const t of due) {
      // A timer cleared by an earlier one in this round does not fire.
      if (!timers.delete(t.seq)) continue;
      t.fn();
    }
  }, POLL_MS);
  poll.unref();
  return {
    now: () => new Date(simNow()),
    setTimeout: (fn, ms) => {
      const id = ++seq;
      timers.set(id, { at: simNow() + Math.max(0, ms), seq: id, fn });
      return id;
    },
    clearTimeout: (handle) => {
      if (typeof handle === 'number') timers.delete(handle);
    },
  };
}

/** The shared test clock if ILZAM_TEST_CLOCK_FILE is set (and NODE_ENV is test), else undefined. */
export function testClockFromEnv(env: NodeJS.ProcessEnv): SchedulerClock | undefined {
  const file = env.ILZAM_TEST_CLOCK_FILE?.trim();
  if (!file) return undefined;
  if (env.NODE_ENV !== 'test') throw new ConfigError('ILZAM_TEST_CLOCK_FILE is a test setting (a simulated clock); it is honoured only with NODE_ENV=test. Unset it.');
  return fileTestClock(file);
}
