// The daily digest scheduler: each subscription gets "This week in attribution" once a day at
// its local time. One timer, set for the earliest thing due; when it fires, tick() hands what
// is due to the platforms' queues and sets the timer again. Tests drive it with a fake clock.
//
// Exactly once per (subscription, local day), by a claim in the state file: the slot is logged
// 'claimed' (durably) before the post is sent, and 'posted' with the message id after. A
// slot with any row is never claimed again, except a 'failed' row at its retry time. So a
// tick running twice, or a restart, cannot send a second post; what a crash between the two
// writes leaves behind is settled on start (recovery.ts, docs/digest.md).
//
// Each platform has its own queue: up to `concurrency` posts in flight, their starts at least
// `spacingMs` apart, each with its own timeout. So a post that hangs holds one place in its own
// platform's queue for at most postTimeoutMs, and nothing else waits for it: not the other
// posts, not the retries, not the other platforms. A retry of a post that may have gone out
// leaves only while the platform would still drop it as a repeat (dedupeWindowMs), or not at all.
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { Reply } from '../reply/model.ts';
import { randomUUID } from 'node:crypto';
import type { Platform, PostRecord, Subscription } from '../store/state-schema.ts';
import { UnknownSubscriptionError, type DeepReadonly, type DigestStore, type DigestSnapshot } from '../store/storage.ts';
import { systemClock, type SchedulerClock } from './clock.ts';
import { consoleDigestLog, type DigestLog } from './log.ts';
import { asPostError, PostError, posterFor, type DigestPoster } from './poster.ts';
import { recordMissedDays, settleInterruptedPosts } from './recovery.ts';
import { digestKey, nextSlotAfter, todaysSlot, wallClock, wallClocksAt } from './slots.ts';
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
  /** Posts in flight at once on one platform (a poster may set its own). Default 4. */
  concurrency?: number;
  /**
   * Least time between the starts of two posts on one platform. Default 1 s: Slack allows
   * about one message a second per channel, Discord 50 requests a second per bot.
   */
  spacingMs?: number;
  /** A rate limit holds back the platform's whole queue for its retry-after, at most this long. Default 60 s. */
  maxInlineWaitMs?: number;
  /** First retry delay after a transient failure; doubles each attempt, at most 30 min. Default 1 min. */
  retryBaseMs?: number;
  /** The timer never sleeps longer than this, so a clock jump or a missed wake-up is caught. Default 15 min. */
  maxSleepMs?: number;
  /**
   * A post with no answer after this long gives up its place in the queue. Its outcome is
   * unknown, so it is treated like a crash mid-post: recorded 'unconfirmed', not re-sent (and
   * recorded as posted should the answer still come). Default 90 s: discord.js gives up on a
   * request after 4 tries of 15 s; the Slack poster's client does not retry.
   */
  postTimeoutMs?: number;
  /** This process's instance id, written on its claims. Default: a fresh random id. */
  owner?: string;
  /**
   * True (the default) when this process alone uses the storage, as the file backend's lock
   * ensures: claims not its own are a dead process's, settled at start. False with PostgreSQL
   * and several instances: a claim is another instance's until its lease runs out, so claims are
   * leased, renewed while the post is in flight, and every instance looks for expired ones
   * every recoverEveryMs.
   */
  exclusive?: boolean;
  /** How long a claim is its owner's without renewal. Default 30 s (renewed every third of it). */
  leaseMs?: number;
  /** With exclusive false: how often to refresh the snapshot and settle abandoned claims. Default 10 s. */
  recoverEveryMs?: number;
}

export interface DueSlot {
  sub: DeepReadonly<Subscription>;
  /** The subscription's local day the post is for. */
  day: string;
  /** When the slot came: earlier than now for a catch-up. */
  slotAt: Date;
}

interface Job extends DueSlot {
  key: string;
}

/** One platform's queue. */
interface Lane {
  readonly poster: DigestPoster;
  readonly queue: Job[];
  running: number;
  /** No post starts on this platform before this time (ms): the spacing, or a rate limit. */
  nextStartAt: number;
  timer: unknown;
  timerAt: number | undefined;
}

type Tuning = Required<Omit<DigestSchedulerOptions, 'store' | 'kb' | 'posters' | 'clock' | 'log' | 'owner' | 'exclusive'>>;

const MAX_RETRY_DELAY_MS = 30 * 60_000;
/** A post this late is a catch-up (the bot was down or busy at the slot); logged as such. */
const CATCH_UP_AFTER_MS = 60_000;

export class DigestScheduler {
  /** This instance's id on its claims. */
  readonly owner: string;
  readonly #exclusive: boolean;
  #lastRunAt: Date | undefined;
  readonly #store: DigestStore;
  readonly #kb: KnowledgeBase;
  readonly #posters: ReadonlyMap<Platform, DigestPoster>;
  readonly #lanes: ReadonlyMap<Platform, Lane>;
  readonly #clock: SchedulerClock;
  readonly #log: DigestLog;
  readonly #o: Tuning;
  #started = false;
  #stopping = false;
  #timer: unknown;
  #wakeAt: Date | undefined;
  #planning: Promise<void> | undefined;
  #again = false;
  #armPending = false;
  /** Every slot handed to a queue and not finished, by key: none is handed over twice. */
  readonly #jobs = new Map<string, Job>();
  /** The jobs under way (claim, post, record), for idle() and stop(). */
  readonly #active = new Set<Promise<void>>();
  /**
   * The retries this process scheduled, by job key, with the time by which each must have left
   * (undefined: any time that day). A retry found in the state but not here was scheduled by an
   * earlier process.
   */
  readonly #retries = new Map<string, number | undefined>();
  /** Each subscription's next slot, kept while it is ahead: the calendar costs a millisecond a call. */
  readonly #nextSlots = new Map<string, { schedule: string; at: number }>();

  constructor(opts: DigestSchedulerOptions) {
    this.owner = opts.owner ?? randomUUID();
    this.#exclusive = opts.exclusive ?? true;
    this.#store = opts.store;
    this.#kb = opts.kb;
    this.#posters = new Map(opts.posters.map((p) => [p.platform, p]));
    this.#lanes = new Map(opts.posters.map((poster) => [poster.platform, { poster, queue: [], running: 0, nextStartAt: 0, timer: undefined, timerAt: undefined }]));
    this.#clock = { ...systemClock, ...opts.clock };
    this.#log = opts.log ?? consoleDigestLog;
    this.#o = {
      maxFailures: opts.maxFailures ?? 3,
      maxAttempts: opts.maxAttempts ?? 5,
      concurrency: opts.concurrency ?? 4,
      spacingMs: opts.spacingMs ?? 1000,
      maxInlineWaitMs: opts.maxInlineWaitMs ?? 60_000,
      retryBaseMs: opts.retryBaseMs ?? 60_000,
      maxSleepMs: opts.maxSleepMs ?? 15 * 60_000,
      postTimeoutMs: opts.postTimeoutMs ?? 90_000,
      leaseMs: opts.leaseMs ?? 30_000,
      recoverEveryMs: opts.recoverEveryMs ?? 10_000,
    };
  }

  /**
   * Settles what a previous process left (interrupted claims; days missed while down), posts
   * today's digests whose slot has passed (catch-up), then keeps to the schedule. Call it once
   * the platform clients are ready to post. Resolves when the posts it could start at once are done.
   */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopping = false;
    const ctx = {
      store: this.#store,
      posters: this.#posters,
      now: this.#now(),
      log: this.#log,
      owner: this.owner,
      exclusive: this.#exclusive,
      // A claim re-sent inside the platform's duplicate window must leave before it closes.
      onResend: (subscriptionId: string, day: string, resendBy: Date) => this.#retries.set(`${subscriptionId} ${day}`, resendBy.getTime()),
    };
    try {
      await settleInterruptedPosts(ctx);
    } catch (err) {
      this.#log('error', `start-up recovery failed (continuing): ${describe(err)}`);
    }
    await this.tick();
  }

  /**
   * Stops the timers and waits for the posts in flight (each at most postTimeoutMs); posts
   * still waiting for their turn are left for the next start, which catches them up.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#started = false;
    this.#disarm();
    await this.#planning; // it stops early, and queues nothing more
    for (const lane of this.#lanes.values()) {
      this.#clearLaneTimer(lane);
      for (const job of lane.queue.splice(0)) this.#jobs.delete(job.key);
    }
    await this.idle();
  }

  /** Hands everything due now to the platform queues, then waits for the posts that could start at once. */
  async tick(): Promise<void> {
    await this.#plan();
    await this.idle();
  }

  /** Resolves when no planning run and no post is under way (posts waiting for their turn do not count). */
  async idle(): Promise<void> {
    while (this.#planning || this.#active.size) await Promise.all([this.#planning, ...this.#active]);
  }

  /** Sets the timer again: call after a subscription is added, so its first slot is not up to maxSleepMs late. */
  replan(): void {
    this.#arm();
  }

  /** When the last planning run finished, if any. */
  get lastRunAt(): Date | undefined {
    return this.#lastRunAt;
  }

  /** When the timer will next fire, if started. */
  get nextWakeAt(): Date | undefined {
    return this.#wakeAt;
  }

  /** The posts owed now, earliest slot first (including those already in a queue). */
  dueSlots(now: Date = this.#now()): DueSlot[] {
    const { subscriptions, posts } = this.#store.read();
    const rows = rowsByKey(posts);
    const localAt = wallClocksAt(now);
    const due: DueSlot[] = [];
    for (const sub of subscriptions) {
      if (sub.paused || !posterFor(this.#posters, sub)) continue;
      const local = localAt(sub.zone);
      const row = rows.get(`${sub.id} ${local.day}`);
      if (row ? !this.#retryDue(row, now) : local.time < sub.time) continue; // a slot is never earlier than its wall time
      const slot = todaysSlot(sub, now);
      // A slot before the subscription existed (or was resumed) is not owed: subscribing at
      // 10:00 for 09:00 starts tomorrow, it does not post at once.
      if (!slot || slot.at.getTime() < Date.parse(sub.resumedAt ?? sub.createdAt)) continue;
      due.push({ sub, day: slot.day, slotAt: slot.at });
    }
    return due.sort((a, b) => a.slotAt.getTime() - b.slotAt.getTime());
  }

  /** The next slot, or a pending retry of today's (now, if one is already due), but no later than maxSleepMs from now. */
  nextWake(now: Date = this.#now()): Date {
    let next = now.getTime() + this.#o.maxSleepMs;
    const { subscriptions, posts } = this.#store.read();
    const rows = rowsByKey(posts);
    const localAt = wallClocksAt(now);
    for (const sub of subscriptions) {
      if (sub.paused || !posterFor(this.#posters, sub)) continue;
      next = Math.min(next, this.#nextSlot(sub, now));
      // Only today's row can still be retried: a retry is never scheduled past its own day.
      const key = `${sub.id} ${localAt(sub.zone).day}`;
      const row = rows.get(key);
      if (row?.status === 'failed' && row.retryAt && (row.attempts ?? 1) < this.#o.maxAttempts && !this.#jobs.has(key)) {
        next = Math.min(next, Math.max(Date.parse(row.retryAt), now.getTime()));
      }
    }
    return new Date(next);
  }

  // --- planning ---------------------------------------------------------------------------

  #now(): Date {
    return this.#clock.now();
  }

  #retryDue(row: DeepReadonly<PostRecord>, now: Date): boolean {
    return row.status === 'failed' && row.retryAt !== undefined && Date.parse(row.retryAt) <= now.getTime() && (row.attempts ?? 1) < this.#o.maxAttempts;
  }

  #nextSlot(sub: DeepReadonly<Subscription>, now: Date): number {
    const schedule = `${sub.time} ${sub.zone}`;
    const known = this.#nextSlots.get(sub.id);
    if (known && known.schedule === schedule && known.at > now.getTime()) return known.at;
    const at = nextSlotAfter(sub, now)?.getTime() ?? Infinity;
    this.#nextSlots.set(sub.id, { schedule, at });
    return at;
  }

  /** One planning run at a time: a tick during one makes one more run after it. */
  #plan(): Promise<void> {
    if (this.#planning) {
      this.#again = true;
      return this.#planning;
    }
    this.#planning = (async () => {
      try {
        do {
          this.#again = false;
          await this.#planOnce();
        } while (this.#again && !this.#stopping);
      } catch (err) {
        this.#log('error', `digest run failed: ${describe(err)}`);
      } finally {
        this.#lastRunAt = this.#now();
        this.#planning = undefined;
        this.#arm();
      }
    })();
    return this.#planning;
  }

  async #planOnce(): Promise<void> {
    if (!this.#exclusive) {
      // Other instances write too: see what they did, and settle the claims of any that died.
      await this.#store.refresh().catch((err: unknown) => this.#log('warn', `could not refresh from the storage (planning from the last known state): ${describe(err)}`));
      await settleInterruptedPosts({
        store: this.#store,
        posters: this.#posters,
        now: this.#now(),
        log: this.#log,
        owner: this.owner,
        exclusive: false,
        onResend: (subscriptionId, day, resendBy) => this.#retries.set(`${subscriptionId} ${day}`, resendBy.getTime()),
      }).catch((err: unknown) => this.#log('error', `settling abandoned claims failed: ${describe(err)}`));
    }
    await recordMissedDays({ store: this.#store, posters: this.#posters, now: this.#now(), log: this.#log }).catch((err: unknown) =>
      this.#log('error', `recording missed days failed: ${describe(err)}`),
    );
    if (this.#stopping) return;
    this.#forgetSettledRetries();
    for (const slot of this.dueSlots()) this.#enqueue(slot);
  }

  /** Retries noted in memory whose row has moved on (posted, given up, unsubscribed). */
  #forgetSettledRetries(): void {
    if (!this.#retries.size) return;
    const rows = rowsByKey(this.#store.read().posts);
    for (const key of this.#retries.keys()) {
      const row = rows.get(key);
      if (!this.#jobs.has(key) && !(row?.status === 'failed' && row.retryAt) && row?.status !== 'claimed') this.#retries.delete(key);
    }
  }

  #arm(): void {
    this.#disarm();
    if (!this.#started || this.#stopping) return;
    const now = this.#now();
    const next = this.nextWake(now);
    // With other instances about, look again soon even when nothing is due: one may have died.
    this.#wakeAt = this.#exclusive ? next : new Date(Math.min(next.getTime(), now.getTime() + this.#o.recoverEveryMs));
    this.#timer = this.#clock.setTimeout(() => void this.#plan(), Math.max(0, this.#wakeAt.getTime() - now.getTime()));
  }

  /** #arm once for all the jobs that end in the same moment: it reads every subscription. */
  #armSoon(): void {
    if (this.#armPending) return;
    this.#armPending = true;
    queueMicrotask(() => {
      this.#armPending = false;
      this.#arm();
    });
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#wakeAt = undefined;
  }

  // --- the platform queues ------------------------------------------------------------------

  #enqueue(slot: DueSlot): void {
    const key = `${slot.sub.id} ${slot.day}`;
    const lane = this.#lanes.get(slot.sub.platform);
    if (!lane || this.#jobs.has(key)) return;
    const job = { ...slot, key };
    this.#jobs.set(key, job);
    lane.queue.push(job);
    this.#pump(lane);
  }

  /** Starts what may start on this platform now, and sets the lane's timer for the rest. */
  #pump(lane: Lane): void {
    const concurrency = lane.poster.concurrency ?? this.#o.concurrency;
    while (!this.#stopping && lane.queue.length && lane.running < concurrency) {
      const now = this.#now().getTime();
      if (lane.nextStartAt > now) {
        this.#wakeLaneAt(lane, lane.nextStartAt);
        return;
      }
      const job = this.#takeNext(lane);
      lane.running++;
      lane.nextStartAt = now + this.#o.spacingMs;
      const done: Promise<void> = this.#runJob(lane, job)
        .catch((err: unknown) => {
          // A failed state write (or a bug building the reply): the slot stays as last
          // written, and the other posts go on.
          this.#log('error', `${where(job)}: ${describe(err)}`);
        })
        .finally(() => {
          lane.running--;
          this.#jobs.delete(job.key);
          this.#active.delete(done);
          if (this.#stopping) return;
          this.#pump(lane);
          this.#armSoon(); // a failure may have set a retry time
        });
      this.#active.add(done);
    }
  }

  /** The most urgent job: a retry that must leave by a deadline first, then the earliest slot. */
  #takeNext(lane: Lane): Job {
    let best = 0;
    const urgency = (job: Job) => this.#retries.get(job.key) ?? Infinity;
    for (let i = 1; i < lane.queue.length; i++) {
      const a = lane.queue[i]!;
      const b = lane.queue[best]!;
      if (urgency(a) < urgency(b) || (urgency(a) === urgency(b) && a.slotAt.getTime() < b.slotAt.getTime())) best = i;
    }
    return lane.queue.splice(best, 1)[0]!;
  }

  #wakeLaneAt(lane: Lane, at: number): void {
    if (lane.timerAt !== undefined && lane.timerAt <= at) return;
    this.#clearLaneTimer(lane);
    lane.timerAt = at;
    lane.timer = this.#clock.setTimeout(() => {
      lane.timer = undefined;
      lane.timerAt = undefined;
      this.#pump(lane);
    }, Math.max(0, at - this.#now().getTime()));
  }

  #clearLaneTimer(lane: Lane): void {
    if (lane.timer !== undefined) this.#clock.clearTimeout(lane.timer);
    lane.timer = undefined;
    lane.timerAt = undefined;
  }

  // --- one post -----------------------------------------------------------------------------

  async #runJob(lane: Lane, job: Job): Promise<void> {
    const { sub, day, slotAt, key } = job;
    const poster = lane.poster;
    const row = rowsByKey(this.#store.read().posts).get(key);

    // Its turn came after its day ended (a queue held up for hours): tomorrow has its own digest.
    if (wallClock(this.#now(), sub.zone).day !== day) {
      this.#retries.delete(key);
      await this.#store.recordFailure(sub.id, { error: 'the day ended before the post’s turn came', date: day, transient: true });
      this.#log('warn', `${where(job)}: the day ended before the post’s turn came; not posted`);
      return;
    }

    // /unsubscribe then /subscribe the same day: the channel may already have this day's post.
    if (!row) {
      const earlier = earlierPost(this.#store.read(), sub, day);
      if (earlier) return this.#adoptEarlier(job, earlier);
    }
    const resendBy = this.#resendBy(poster, key, row);
    if (resendBy !== undefined && this.#now().getTime() >= resendBy) return this.#tooLateToResend(job, poster, 'before the retry could start');

    // The claim is this instance's until its lease ends; the lease is renewed while the post is in
    // flight, so only a dead instance's claim expires (recovery.ts settles those, in any instance).
    const leaseUntil = new Date(this.#now().getTime() + this.#o.leaseMs);
    const claim = await this.#store.claimPost(sub.id, day, { maxAttempts: this.#o.maxAttempts, owner: this.owner, leaseUntil }).catch((err: unknown) => {
      if (err instanceof UnknownSubscriptionError) return undefined; // unsubscribed meanwhile
      throw err;
    });
    if (!claim) return;
    // The claim is a write, and writes queue: check the window again now that it is done.
    if (resendBy !== undefined && this.#now().getTime() >= resendBy) return this.#tooLateToResend(job, poster, 'while the retry was being claimed');
    const late = this.#now().getTime() - slotAt.getTime();
    if (claim.attempt === 1 && late > CATCH_UP_AFTER_MS) this.#log('info', `${where(job)}: catching up, ${Math.round(late / 60_000)} min after its slot`);

    const startedAt = this.#now().getTime();
    let messageId: string;
    const renewing = this.#exclusive ? undefined : this.#renewWhilePosting(sub.id, day);
    try {
      const sent = poster.post(sub.channel, this.#reply(job), { idempotencyKey: digestKey(sub.id, day) });
      const answer = await this.#within(sent, this.#o.postTimeoutMs).finally(() => renewing?.stop());
      if (!answer) {
        this.#retries.delete(key);
        await this.#noAnswer(sent, job);
        return;
      }
      messageId = answer.messageId;
    } catch (err) {
      const wait = await this.#failed(lane, job, claim.attempt, asPostError(err), startedAt, resendBy);
      // A rate limit holds back the whole platform queue, not just the slot that met it.
      if (wait > 0) lane.nextStartAt = Math.max(lane.nextStartAt, this.#now().getTime() + Math.min(wait, this.#o.maxInlineWaitMs));
      return;
    }
    this.#retries.delete(key);
    await this.#recordPosted(job, messageId);
  }

  /** Renews this instance's claim every third of a lease until stopped, so other instances leave it alone. */
  #renewWhilePosting(subscriptionId: string, day: string): { stop(): void } {
    let timer: unknown;
    let stopped = false;
    const every = Math.max(1, Math.floor(this.#o.leaseMs / 3));
    const renew = () => {
      if (stopped) return;
      void this.#store
        .renewClaim(subscriptionId, day, this.owner, new Date(this.#now().getTime() + this.#o.leaseMs))
        .catch((err: unknown) => this.#log('warn', `${subscriptionId} ${day}: could not renew the claim: ${describe(err)}`))
        .finally(() => {
          if (!stopped) timer = this.#clock.setTimeout(renew, every);
        });
    };
    timer = this.#clock.setTimeout(renew, every);
    return {
      stop: () => {
        stopped = true;
        this.#clock.clearTimeout(timer);
      },
    };
  }

  /** The day's digest. A bug that stops it being built is a failure nothing went out for, retried like one. */
  #reply({ sub, day }: Job): Reply {
    try {
      return digestReply(this.#kb, day, sub.language, sub.filter);
    } catch (err) {
      throw new PostError('transient', `building the digest failed: ${describe(err)}`, undefined, { cause: err, mayHaveGoneOut: false });
    }
  }

  async #recordPosted({ sub, day, key }: Job, messageId: string): Promise<void> {
    try {
      await this.#store.recordPost(sub.id, { date: day, messageId });
      this.#log('info', `${where({ sub, day })}: posted (message ${messageId})`);
    } catch (err) {
      if (err instanceof UnknownSubscriptionError) {
        // Unsubscribed while posting: the row outlives the subscription (with its channel), so a
        // new subscription today does not post the day again; it says the post went out.
        await this.#store.settleClaim(sub.id, day, this.owner, { outcome: 'posted', messageId }).catch(() => undefined);
        this.#log('info', `${where({ sub, day })}: posted (message ${messageId}) as the channel unsubscribed`);
        return;
      }
      // The claim stays, so this day is never sent again; a restart records it 'unconfirmed'.
      this.#log('error', `${where({ sub, day })}: posted (message ${messageId}) but could not record it (${key}): ${describe(err)}`);
    }
  }

  /** The channel's earlier subscription posted this day (or may have): this one does not post it again. */
  async #adoptEarlier({ sub, day }: Job, earlier: DeepReadonly<PostRecord>): Promise<void> {
    if (earlier.status === 'posted' && earlier.messageId) {
      await this.#store.recordPost(sub.id, { date: day, messageId: earlier.messageId });
      this.#log('info', `${where({ sub, day })}: already posted by the channel's earlier subscription (message ${earlier.messageId}); not posting it again`);
    } else {
      await this.#store.recordUnconfirmed(sub.id, day, `the channel's earlier subscription may have posted this day; not posted again`);
      this.#log('warn', `${where({ sub, day })}: the channel's earlier subscription may have posted this day; not posting it again (recorded as unconfirmed)`);
    }
  }

  /**
   * By when a retry of this slot must leave, if it may follow a post that went out, or
   * undefined when it may leave any time that day. Only a platform that drops a repeated key
   * has such a deadline: start + dedupeWindowMs of the first attempt that may have gone out.
   */
  #resendBy(poster: DigestPoster, key: string, row: DeepReadonly<PostRecord> | undefined): number | undefined {
    const window = poster.dedupeWindowMs;
    if (!window) return undefined;
    if (this.#retries.has(key)) return this.#retries.get(key);
    // A retry an earlier process scheduled: it may follow a post that went out. That process
    // kept such a retry at least half a window before its deadline (#failed), so half a window
    // after its retry time is still inside the window.
    if (row?.status === 'failed' && row.retryAt) return Date.parse(row.retryAt) + window / 2;
    return undefined;
  }

  async #tooLateToResend({ sub, day, key }: Job, poster: DigestPoster, when: string): Promise<void> {
    this.#retries.delete(key);
    const seconds = Math.round((poster.dedupeWindowMs ?? 0) / 1000);
    const note = `an earlier attempt may have gone out, and the ${seconds} s in which ${sub.platform} drops a repeat had passed ${when}; not re-sent, so it is not posted twice`;
    await this.#store.recordUnconfirmed(sub.id, day, note);
    this.#log('warn', `${where({ sub, day })}: ${note} (recorded as unconfirmed)`);
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

  async #noAnswer(sent: Promise<{ messageId: string }>, { sub, day }: Job): Promise<void> {
    const seconds = Math.round(this.#o.postTimeoutMs / 1000);
    await this.#store.recordUnconfirmed(sub.id, day, `no answer from the platform within ${seconds} s; not re-sent, as it may have gone out`);
    this.#log('warn', `${where({ sub, day })}: no answer within ${seconds} s; moving on, not re-sending (recorded as unconfirmed)`);
    // Should the answer still come, the log says what happened after all.
    sent
      .then(({ messageId }) => this.#store.recordPost(sub.id, { date: day, messageId }).then(() => this.#log('info', `${where({ sub, day })}: the late post went out (message ${messageId})`)))
      .catch(() => undefined);
  }

  /** Records a failed attempt and when to try again. Resolves with how long the platform asked us to wait, 0 if it did not. */
  async #failed(lane: Lane, job: Job, attempt: number, error: PostError, startedAt: number, resendBy: number | undefined): Promise<number> {
    const { sub, day, key } = job;
    const poster = lane.poster;
    if (error.isChannelFault) {
      this.#retries.delete(key);
      const failures = await this.#store.recordFailure(sub.id, { error: error.message, date: day });
      this.#log('warn', `${where(job)}: ${error.kind}, ${failures} of ${this.#o.maxFailures} failures before pausing: ${error.message}`);
      if (failures >= this.#o.maxFailures) await this.#pause(poster, sub, failures, error);
      return 0;
    }
    const limited = error.kind === 'rate-limited' ? (error.retryAfterMs ?? 0) : 0;
    const window = poster.dedupeWindowMs;
    // This attempt may have gone out: a retry must reach the platform while it drops the key.
    if (window && error.mayHaveGoneOut) resendBy = Math.min(resendBy ?? Infinity, startedAt + window);
    const now = this.#now().getTime();
    let retryAt = now + (error.kind === 'rate-limited' && error.retryAfterMs !== undefined ? error.retryAfterMs : this.#backoff(attempt));
    // Half a window before the deadline, so a restarted process can still take it up (#resendBy).
    if (resendBy !== undefined && window) retryAt = Math.min(retryAt, resendBy - window / 2);
    // Retries stay inside the day: tomorrow has its own slot, with tomorrow's digest.
    const inDay = wallClock(new Date(retryAt), sub.zone).day === day;
    const retry = attempt < this.#o.maxAttempts && inDay && retryAt >= now;

    if (!retry && resendBy !== undefined) {
      // No retry, and an attempt may have gone out: the honest record is "unconfirmed".
      this.#retries.delete(key);
      const why = attempt >= this.#o.maxAttempts ? 'no attempts left' : !inDay ? 'the day is over' : `the ${Math.round(window! / 1000)} s in which ${sub.platform} drops a repeat would have passed`;
      await this.#store.recordUnconfirmed(sub.id, day, `${error.kind}: ${error.message}; it may have gone out, and ${why}, so it is not re-sent`);
      this.#log('warn', `${where(job)}: ${error.kind} (attempt ${attempt}), may have gone out; not re-sending, as ${why} (recorded as unconfirmed): ${error.message}`);
      return limited;
    }
    await this.#store.recordFailure(sub.id, { error: error.message, date: day, transient: true, retryAt: retry ? new Date(retryAt) : undefined });
    if (retry) this.#retries.set(key, resendBy);
    else this.#retries.delete(key);
    this.#log('warn', `${where(job)}: ${error.kind} (attempt ${attempt}), ${retry ? `retrying at ${new Date(retryAt).toISOString()}` : 'giving up for the day'}: ${error.message}`);
    return limited;
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

function rowsByKey(posts: readonly DeepReadonly<PostRecord>[]): Map<string, DeepReadonly<PostRecord>> {
  return new Map(posts.map((p) => [`${p.subscriptionId} ${p.date}`, p]));
}

function where({ sub, day }: Pick<DueSlot, 'sub' | 'day'>): string {
  return `${sub.platform} channel ${sub.channel} (${day})`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** This channel's post for the day under an earlier subscription (unsubscribed since), if it went out or may have. */
function earlierPost(snapshot: DeepReadonly<DigestSnapshot>, sub: DeepReadonly<Subscription>, day: string): DeepReadonly<PostRecord> | undefined {
  const key = `${sub.platform}:${sub.channel}`;
  return snapshot.posts.find((p) => p.subscriptionId !== sub.id && p.channelKey === key && p.date === day && p.status !== 'failed');
}
