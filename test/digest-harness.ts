// Test doubles for the digest: a clock the test moves by hand, and an in-memory poster whose
// "platform" (the list of delivered messages) can outlive a scheduler, as a real channel
// outlives a crashed bot; and dyingPoster, which makes a real platform poster "die" mid-post
// for the end-to-end restart tests against the Discord and Slack fakes.
import type { SchedulerClock } from '../src/digest/clock.ts';
import { PostError, type DigestPoster, type PostOptions } from '../src/digest/poster.ts';
import type { DigestScheduler } from '../src/digest/scheduler.ts';
import type { Reply } from '../src/reply/model.ts';
import type { Platform } from '../src/store/state-schema.ts';

export class FakeClock implements SchedulerClock {
  #t: number;
  #ids = 0;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();

  constructor(iso: string) {
    this.#t = Date.parse(iso);
  }

  now = (): Date => new Date(this.#t);
  /** A wait inside a run (the alert dispatcher's spacing and rate-limit pauses) just moves time. */
  sleep = async (ms: number): Promise<void> => {
    this.#t += ms;
  };

  setTimeout = (fn: () => void, ms: number): number => {
    const id = ++this.#ids;
    this.#timers.set(id, { at: this.#t + ms, fn });
    return id;
  };
  clearTimeout = (id: unknown): void => void this.#timers.delete(id as number);

  set(iso: string): void {
    this.#t = Date.parse(iso);
  }

  /** When the earliest pending timer fires. */
  get nextTimer(): Date | undefined {
    const at = Math.min(...[...this.#timers.values()].map((t) => t.at));
    return Number.isFinite(at) ? new Date(at) : undefined;
  }

  /** Fires the timers due now, without waiting for what they start. */
  fireDue(): void {
    for (const [id, timer] of [...this.#timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.#t) continue;
      this.#timers.delete(id);
      timer.fn();
    }
  }

  /** Moves time to `iso`, firing each timer due on the way in order and letting the runs finish. */
  async runUntil(iso: string, ...schedulers: Pick<DigestScheduler, 'idle'>[]): Promise<void> {
    const end = Date.parse(iso);
    for (let fired = 0; ; fired++) {
      if (fired > 10_000) throw new Error('timers keep firing: the scheduler is spinning');
      const next = [...this.#timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#t = Math.max(this.#t, next[1].at);
      next[1].fn();
      for (const s of schedulers) await s.idle();
    }
    this.#t = Math.max(this.#t, end);
  }
}

export interface Delivered {
  id: string;
  channel: string;
  key: string | undefined;
  reply: Reply;
  at: string;
}

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

/** Lets pending I/O (fsyncs included) and promises run until the condition holds, for up to 30 s (a loaded machine is slow). */
export async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never became true');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export class FakePoster implements DigestPoster {
  readonly notices: { channel: string; reply: Reply }[] = [];
  readonly attempts: { channel: string; at: string }[] = [];
  /** Decides each attempt's fate: an error to throw, or undefined to deliver. */
  fail: (channel: string, attempt: number) => unknown = () => undefined;
  notifyFails = new Set<string>();
  /** Simulates the process dying inside post(): before the request left, or after the platform took it. */
  crash: 'before-send' | 'after-send' | undefined;
  readonly crashed = deferred();
  /** What the poster tells the scheduler about the platform's duplicate check (Discord's nonce). */
  dedupeWindowMs?: number;
  /**
   * The platform's own duplicate check, in fake time: a post with a key seen this recently
   * returns the first message (Discord's enforced nonce, "a few minutes"; 3 min as in the
   * Discord fake). On when dedupeWindowMs is set, unless set otherwise.
   */
  platformWindowMs?: number;
  /** Channels whose posts are taken by the platform and then answered with a connection reset (the attempt numbers, or every one). */
  resetAfterSend: (channel: string, attempt: number) => boolean = () => false;
  /** Channels whose posts never get an answer; `delivered` says whether the platform took them anyway. */
  readonly hangs = new Map<string, { delivered: boolean }>();
  concurrency?: number;
  findPost?: DigestPoster['findPost'];
  readonly commandName = (name: string) => `/${name}`;

  constructor(
    readonly platform: Platform,
    readonly clock: FakeClock,
    /** The platform's side: shared between the posters of a "crashed" and a restarted bot. */
    readonly delivered: Delivered[] = [],
  ) {}

  async post(channel: string, reply: Reply, opts?: PostOptions): Promise<{ messageId: string }> {
    this.attempts.push({ channel, at: this.clock.now().toISOString() });
    const attempt = this.attempts.filter((a) => a.channel === channel).length;
    const error = this.fail(channel, attempt);
    if (error) throw error;
    if (this.crash === 'before-send') return this.#die();
    const hang = this.hangs.get(channel);
    if (hang) {
      if (hang.delivered) this.#accept(channel, reply, opts?.idempotencyKey);
      return new Promise<never>(() => undefined);
    }
    const message = this.#accept(channel, reply, opts?.idempotencyKey);
    if (this.crash === 'after-send') return this.#die();
    if (this.resetAfterSend(channel, attempt)) throw new PostError('transient', 'ECONNRESET', undefined, { mayHaveGoneOut: true });
    return { messageId: message.id };
  }

  /** The platform takes the message, unless the same key came within its duplicate window. */
  #accept(channel: string, reply: Reply, key: string | undefined): Delivered {
    const window = this.platformWindowMs ?? (this.dedupeWindowMs ? 3 * 60_000 : 0);
    const now = this.clock.now().getTime();
    const same = window ? this.delivered.find((m) => m.channel === channel && m.key === key && now - Date.parse(m.at) < window) : undefined;
    if (same) return same;
    const message = { id: `${this.platform}-${this.delivered.length + 1}`, channel, key, reply, at: this.clock.now().toISOString() };
    this.delivered.push(message);
    return message;
  }

  async notify(channel: string, reply: Reply): Promise<void> {
    if (this.notifyFails.has(channel)) throw new Error(`cannot post to ${channel}`);
    this.notices.push({ channel, reply });
  }

  /** The process "dies": this call never returns, so nothing after it is ever recorded. */
  #die(): Promise<never> {
    this.crashed.resolve();
    return new Promise<never>(() => undefined);
  }

  in(channel: string): Delivered[] {
    return this.delivered.filter((m) => m.channel === channel);
  }
}

/**
 * A real platform poster in a process that dies inside post(): before the request left, or
 * after the platform took the message. The call never returns, so the scheduler never records
 * the answer, as after a kill -9; the platform (the fake) keeps what it received.
 */
export function dyingPoster(real: DigestPoster, when: 'before-send' | 'after-send'): { poster: DigestPoster; died: Promise<void> } {
  const died = deferred();
  const poster: DigestPoster = {
    ...real,
    post: async (channel, reply, opts) => {
      if (when === 'after-send') await real.post(channel, reply, opts);
      died.resolve();
      return new Promise<never>(() => undefined);
    },
  };
  return { poster, died: died.promise };
}
