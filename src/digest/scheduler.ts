// The daily digest scheduler: each subscription gets "This week in attribution" once a day at
// its local time. One timer, set for the earliest thing due; when it fires, tick() posts
// everything due, then sets the timer again. Tests call tick() with a fake clock.
//
// Exactly once per (subscription, local day), by a claim in the state file: the slot is logged
// 'claimed' (durably) before the post is sent, and 'posted' with the message id after. A
// slot with any row is never claimed again, except a 'failed' row at its retry time. So a
// tick running twice, or a restart, cannot send a second post; what a crash between the two
// writes leaves behind is settled on start (recovery.ts, docs/digest.md).
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { localDay } from '../i18n/time.ts';
import type { Platform, Subscription } from '../store/state-schema.ts';
import { UnknownSubscriptionError, type DeepReadonly, type DigestStore } from '../store/storage.ts';
import { systemClock, type SchedulerClock } from './clock.ts';
import { asPostError, type DigestPoster, type PostError } from './poster.ts';
import { recordMissedDays, settleInterruptedPosts } from './recovery.ts';
import { digestKey, nextSlotAfter, todaysSlot } from './slots.ts';
import { consoleDigestLog, type DigestLog } from './log.ts';
import { digestReply, pauseNotice } from './texts.ts';

export interface DigestSchedulerOptions {
  store: DigestStore;
  kb: KnowledgeBase;
  /** One per configured platform; subscriptions of other platforms wait untouched. */
  posters: readonly DigestPoster[];
  clock?: Partial<SchedulerClock>;
  log?: DigestLog;
  /** Consecutive gone/forbidden failures (one attempt a day) before a subscription is paused. Default 3. */
  maxFailures?: number;
  /** Send attempts per subscription and day, retries included. Default 5. */
  maxAttempts?: number;
  /** Pause between two posts on one platform. Default 1 s (Slack allows about one message a second per channel). */
  spacingMs?: number;
  /** A rate limit up to this long is waited out before the next post on that platform. Default 60 s. */
  maxInlineWaitMs?: number;
  /** First retry delay after a transient failure; doubles each attempt, at most 30 min. Default 1 min. */
  retryBaseMs?: number;
  /** The timer never sleeps longer than this, so a clock jump or a missed wake-up is caught. Default 15 min. */
  maxSleepMs?: number;
  /**
   * A post with no answer after this long stops holding up the queue. Its outcome is unknown, so
   * it is treated like a crash mid-post: recorded 'unconfirmed', not re-sent (and recorded as
   * posted should the answer still come). Default 5 min: the platform clients retry for a while.
   */
  postTimeoutMs?: number;
}

export interface DueSlot {
  sub: DeepReadonly<Subscription>;
  /** The subscription's local day the post is for. */
  day: string;
  /** When the slot came: earlier than now for a catch-up. */
  slotAt: Date;
}

const MAX_RETRY_DELAY_MS = 30 * 60_000;
/** A post this late is a catch-up (the bot was down or busy at the slot); logged as such. */
const CATCH_UP_AFTER_MS = 60_000;

export class DigestScheduler {
  readonly #store: DigestStore;
  readonly #kb: KnowledgeBase;
  readonly #posters: ReadonlyMap<Platform, DigestPoster>;
  readonly #clock: SchedulerClock;
  readonly #log: DigestLog;
  readonly #o: Required<Pick<DigestSchedulerOptions, 'maxFailures' | 'maxAttempts' | 'spacingMs' | 'maxInlineWaitMs' | 'retryBaseMs' | 'maxSleepMs' | 'postTimeoutMs'>>;
  #started = false;
  #stopping = false;
  #timer: unknown;
  #wakeAt: Date | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #lastRunAt: Date | undefined;

  constructor(opts: DigestSchedulerOptions) {
    this.#store = opts.store;
    this.#kb = opts.kb;
    this.#posters = new Map(opts.posters.map((p) => [p.platform, p]));
    this.#clock = { ...systemClock, ...opts.clock };
    this.#log = opts.log ?? consoleDigestLog;
    this.#o = {
      maxFailures: opts.maxFailures ?? 3,
      maxAttempts: opts.maxAttempts ?? 5,
      spacingMs: opts.spacingMs ?? 1000,
      maxInlineWaitMs: opts.maxInlineWaitMs ?? 60_000,
      retryBaseMs: opts.retryBaseMs ?? 60_000,
      maxSleepMs: opts.maxSleepMs ?? 15 * 60_000,
      postTimeoutMs: opts.postTimeoutMs ?? 5 * 60_000,
    };
  }

  /**
   * Settles what a previous process left (interrupted claims; days missed while down), posts
   * today's digests whose slot has passed (catch-up), then keeps to the schedule. Call it once
   * the platform clients are ready to post.
   */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopping = false;
    const ctx = { store: this.#store, posters: this.#posters, now: this.#clock.now(), log: this.#log };
    try {
      await settleInterruptedPosts(ctx);
    } catch (err) {
      this.#log('error', `start-up recovery failed (continuing): ${describe(err)}`);
    }
    await this.tick();
  }

  /** Stops the timer and waits for the post in flight; later posts of that run wait for the next start. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#started = false;
    this.#disarm();
    await this.#running;
  }

  /** Posts everything due now. Runs one at a time: a call during a run makes one more run after it. */
  tick(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#runDue();
        } while (this.#again && !this.#stopping);
      } catch (err) {
        this.#log('error', `digest run failed: ${describe(err)}`);
      } finally {
        this.#lastRunAt = this.#clock.now();
        this.#running = undefined;
        this.#arm();
      }
    })();
    return this.#running;
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Sets the timer again: call after a subscription is added, so its first slot is not up to maxSleepMs late. */
  replan(): void {
    if (!this.#running) this.#arm();
  }

  /** When the last run of due posts finished, if any. */
  get lastRunAt(): Date | undefined {
    return this.#lastRunAt;
  }

  /** When the timer will next fire, if started. */
  get nextWakeAt(): Date | undefined {
    return this.#wakeAt;
  }

  /** The posts owed now, earliest slot first. */
  dueSlots(now: Date = this.#clock.now()): DueSlot[] {
    const { subscriptions, posts } = this.#store.read();
    const rows = new Map(posts.map((p) => [`${p.subscriptionId} ${p.date}`, p]));
    const due: DueSlot[] = [];
    for (const sub of subscriptions) {
      if (sub.paused || !this.#posters.has(sub.platform)) continue;
      const slot = todaysSlot(sub, now);
      // A slot before the subscription existed (or was resumed) is not owed: subscribing at
      // 10:00 for 09:00 starts tomorrow, it does not post at once.
      if (!slot || slot.at.getTime() < Date.parse(sub.resumedAt ?? sub.createdAt)) continue;
      const row = rows.get(`${sub.id} ${slot.day}`);
      const retryDue = row?.status === 'failed' && row.retryAt !== undefined && Date.parse(row.retryAt) <= now.getTime() && (row.attempts ?? 1) < this.#o.maxAttempts;
      if (!row || retryDue) due.push({ sub, day: slot.day, slotAt: slot.at });
    }
    return due.sort((a, b) => a.slotAt.getTime() - b.slotAt.getTime());
  }

  /** The next slot or today's pending retry (now, if one is already due), but no later than maxSleepMs from now. */
  nextWake(now: Date = this.#clock.now()): Date {
    let next = now.getTime() + this.#o.maxSleepMs;
    const { subscriptions, posts } = this.#store.read();
    const rows = new Map(posts.map((p) => [`${p.subscriptionId} ${p.date}`, p]));
    for (const sub of subscriptions) {
      if (sub.paused || !this.#posters.has(sub.platform)) continue;
      const slot = nextSlotAfter(sub, now);
      if (slot) next = Math.min(next, slot.getTime());
      // Only today's row can still be retried: a retry is never scheduled past its own day.
      const row = rows.get(`${sub.id} ${localDay(now, sub.zone)}`);
      if (row?.status === 'failed' && row.retryAt && (row.attempts ?? 1) < this.#o.maxAttempts) {
        next = Math.min(next, Math.max(Date.parse(row.retryAt), now.getTime()));
      }
    }
    return new Date(next);
  }

  #arm(): void {
    this.#disarm();
    if (!this.#started || this.#stopping) return;
    const now = this.#clock.now();
    this.#wakeAt = this.nextWake(now);
    this.#timer = this.#clock.setTimeout(() => void this.tick(), Math.max(0, this.#wakeAt.getTime() - now.getTime()));
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#wakeAt = undefined;
  }

  async #runDue(): Promise<void> {
    await recordMissedDays({ store: this.#store, posters: this.#posters, now: this.#clock.now(), log: this.#log }).catch((err: unknown) =>
      this.#log('error', `recording missed days failed: ${describe(err)}`),
    );
    const byPlatform = new Map<Platform, DueSlot[]>();
    for (const slot of this.dueSlots()) byPlatform.set(slot.sub.platform, [...(byPlatform.get(slot.sub.platform) ?? []), slot]);
    // Platforms post side by side; within one platform, one post at a time, spaced.
    await Promise.all([...byPlatform].map(([platform, slots]) => this.#postInTurn(this.#posters.get(platform)!, slots)));
  }

  async #postInTurn(poster: DigestPoster, slots: DueSlot[]): Promise<void> {
    for (const [i, slot] of slots.entries()) {
      if (this.#stopping) return; // the rest are still owed: the next start catches them up
      if (i > 0) await this.#clock.sleep(this.#o.spacingMs);
      try {
        const wait = await this.#postSlot(poster, slot);
        // A rate limit holds back the whole platform queue, not just the slot that met it.
        if (wait > 0) await this.#clock.sleep(Math.min(wait, this.#o.maxInlineWaitMs));
      } catch (err) {
        // A failed state write (or a bug building the reply): the slot stays as last written,
        // and the other posts go on.
        this.#log('error', `${where(slot)}: ${describe(err)}`);
      }
    }
  }

  /** One post. Resolves with how long the platform asked us to wait, 0 if it did not. */
  async #postSlot(poster: DigestPoster, { sub, day, slotAt }: DueSlot): Promise<number> {
    const reply = digestReply(this.#kb, day, sub.language, sub.filter);
    const claim = await this.#store.claimPost(sub.id, day, { maxAttempts: this.#o.maxAttempts }).catch((err: unknown) => {
      if (err instanceof UnknownSubscriptionError) return undefined; // unsubscribed meanwhile
      throw err;
    });
    if (!claim) return 0;
    const late = this.#clock.now().getTime() - slotAt.getTime();
    if (claim.attempt === 1 && late > CATCH_UP_AFTER_MS) this.#log('info', `${where({ sub, day })}: catching up, ${Math.round(late / 60_000)} min after its slot`);

    let messageId: string;
    try {
      const sent = poster.post(sub.channel, reply, { idempotencyKey: digestKey(sub.id, day) });
      const answer = await this.#within(sent, this.#o.postTimeoutMs);
      if (!answer) {
        await this.#noAnswer(sent, sub, day);
        return 0;
      }
      messageId = answer.messageId;
    } catch (err) {
      return this.#failed(poster, sub, day, claim.attempt, asPostError(err));
    }
    try {
      await this.#store.recordPost(sub.id, { date: day, messageId });
      this.#log('info', `${where({ sub, day })}: posted (message ${messageId})`);
    } catch (err) {
      if (err instanceof UnknownSubscriptionError) return 0; // unsubscribed while posting: nothing to record
      // The claim stays, so this day is never sent again; a restart records it 'unconfirmed'.
      this.#log('error', `${where({ sub, day })}: posted (message ${messageId}) but could not record it: ${describe(err)}`);
    }
    return 0;
  }

  /** The promise's value, or undefined if it has not settled within ms (a rejection passes through). */
  async #within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
    let timer: unknown;
    const timeout = new Promise<undefined>((resolve) => (timer = this.#clock.setTimeout(() => resolve(undefined), ms)));
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      this.#clock.clearTimeout(timer);
    }
  }

  async #noAnswer(sent: Promise<{ messageId: string }>, sub: DeepReadonly<Subscription>, day: string): Promise<void> {
    const seconds = Math.round(this.#o.postTimeoutMs / 1000);
    await this.#store.recordUnconfirmed(sub.id, day, `no answer from the platform within ${seconds} s; not re-sent, as it may have gone out`);
    this.#log('warn', `${where({ sub, day })}: no answer within ${seconds} s; moving on, not re-sending (recorded as unconfirmed)`);
    // Should the answer still come, the log says what happened after all.
    sent.then(
      ({ messageId }) => this.#store.recordPost(sub.id, { date: day, messageId }).then(() => this.#log('info', `${where({ sub, day })}: the late post went out (message ${messageId})`)),
      () => undefined,
    ).catch(() => undefined);
  }

  async #failed(poster: DigestPoster, sub: DeepReadonly<Subscription>, day: string, attempt: number, error: PostError): Promise<number> {
    if (error.isChannelFault) {
      const failures = await this.#store.recordFailure(sub.id, { error: error.message, date: day });
      this.#log('warn', `${where({ sub, day })}: ${error.kind}, ${failures} of ${this.#o.maxFailures} failures before pausing: ${error.message}`);
      if (failures >= this.#o.maxFailures) await this.#pause(poster, sub, failures, error);
      return 0;
    }
    const wait = error.kind === 'rate-limited' && error.retryAfterMs !== undefined ? error.retryAfterMs : this.#backoff(attempt);
    const retryAt = new Date(this.#clock.now().getTime() + wait);
    // Retries stay inside the day: tomorrow has its own slot, with tomorrow's digest.
    const retry = attempt < this.#o.maxAttempts && localDay(retryAt, sub.zone) === day;
    await this.#store.recordFailure(sub.id, { error: error.message, date: day, transient: true, retryAt: retry ? retryAt : undefined });
    this.#log('warn', `${where({ sub, day })}: ${error.kind} (attempt ${attempt}), ${retry ? `retrying at ${retryAt.toISOString()}` : 'giving up for the day'}: ${error.message}`);
    return error.kind === 'rate-limited' ? wait : 0;
  }

  #backoff(attempt: number): number {
    return Math.min(this.#o.retryBaseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
  }

  async #pause(poster: DigestPoster, sub: DeepReadonly<Subscription>, failures: number, error: PostError): Promise<void> {
    // The reason starts with the kind, so /subscriptions can say it in the reader's language.
    const paused = await this.#store.pauseSubscription(sub.id, `${error.kind}: ${error.message}`);
    if (!paused) return;
    this.#log('warn', `${sub.platform} channel ${sub.channel}: paused after ${failures} failures in a row (${error.kind})`);
    if (!poster.notify) return;
    try {
      await poster.notify(sub.channel, pauseNotice(paused, failures, error.kind, poster.commandName));
      await this.#store.markPauseNoticeSent(sub.id);
    } catch (err) {
      // Expected when the channel is gone or forbids us: the pause itself is recorded either way.
      this.#log('info', `${sub.platform} channel ${sub.channel}: could not tell the channel it was paused: ${describe(asPostError(err))}`);
    }
  }
}

function where({ sub, day }: Pick<DueSlot, 'sub' | 'day'>): string {
  return `${sub.platform} channel ${sub.channel} (${day})`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
