// Instant alerts: when a claim becomes public (a published record, or a claim new in the curated
// data; alert-feed.ts), every channel following one of its parties, their states or its
// incident gets one short post in the channel's language. Built like the digest's scheduler,
// beside it rather than inside it:
// - exactly once per channel and claim, across restarts and instances: the claims are claimed
//   in the storage (owner and lease) before the post is sent and settled after; a claim left by
//   a dead process is settled as the digest's are (findPost, the platform's idempotency window,
//   else 'unconfirmed', never a possible double);
// - batched: everything new for a channel goes out in one post, and a channel gets at most
//   `maxPerHour` posts in any 60 minutes; what comes in meanwhile waits for the next one;
// - failures as the digest's: retries with backoff under the same key, a channel that is gone
//   or forbids posting is paused after `maxFailures` faults in a row (and told, if it can be).
import { randomUUID } from 'node:crypto';
import { DEFAULT_ALERTS_PER_HOUR } from '../config.ts';
import { ClaimMatcher, followLabel, resolveFollowTarget, type FollowTarget } from '../knowledge/follow-targets.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { AlertChannel, Follow, Platform } from '../store/state-schema.ts';
import { channelKeyOf, type DeliveryClaim, type FollowStore, type ReviewStore, type StorageChange } from '../store/storage.ts';
import { AlertFeed, type AlertEvent } from './alert-feed.ts';
import { alertPauseNotice, alertReply } from './alert-texts.ts';
import { sleep, systemClock, type SchedulerClock } from './clock.ts';
import { consoleDigestLog, type DigestLog } from './log.ts';
import { asPostError, posterFor, type DigestPoster, type PostError } from './poster.ts';

/** What the dispatcher needs of the storage. */
export interface AlertStorage extends FollowStore, ReviewStore {
  /** True when this process alone uses the storage: any claim not its own was left by a dead process. */
  readonly exclusive: boolean;
  watch(onChange: (what: StorageChange) => void): () => void;
}

export interface AlertDispatcherOptions {
  store: AlertStorage;
  kb: KnowledgeBase;
  /** One per running platform; channels of other platforms wait untouched. */
  posters: readonly DigestPoster[];
  clock?: Partial<SchedulerClock>;
  log?: DigestLog;
  /** ALERTS_PER_HOUR: posts a channel may get in any 60 minutes. Default 6. */
  maxPerHour?: number;
  /** Consecutive gone/forbidden failures before a channel's alerts are paused. Default 3. */
  maxFailures?: number;
  /** Send attempts per post, retries included. Default 5. */
  maxAttempts?: number;
  /** Pause between two posts on one platform. Default 1 s. */
  spacingMs?: number;
  /** First retry delay; doubles each attempt, at most 30 min. Default 1 min. */
  retryBaseMs?: number;
  /** How often to look for new published records (PostgreSQL also notifies at once). Default 30 s. */
  pollMs?: number;
  /** Claims older than this are not alerted late. Default 7 days. */
  windowMs?: number;
  /** A post with no answer after this long is recorded unconfirmed, not re-sent. Default 5 min. */
  postTimeoutMs?: number;
  /** How long a claim is this instance's alone. Default 15 min (well over postTimeoutMs). */
  leaseMs?: number;
  /** This instance's id in the claims it makes; default a random one per process. */
  owner?: string;
}

const MAX_RETRY_DELAY_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

interface FollowMatch {
  follow: Follow;
  target: FollowTarget | undefined;
  matcher: ClaimMatcher;
  since: number;
}

interface ChannelWork {
  channel: AlertChannel;
  key: string;
  follows: FollowMatch[];
  candidates: AlertEvent[];
}

export class AlertDispatcher {
  readonly #store: AlertStorage;
  readonly #kb: KnowledgeBase;
  readonly #posters: ReadonlyMap<Platform, DigestPoster>;
  readonly #clock: SchedulerClock;
  readonly #log: DigestLog;
  readonly #feed: AlertFeed;
  readonly #o: Required<Omit<AlertDispatcherOptions, 'store' | 'kb' | 'posters' | 'clock' | 'log'>>;
  /** Claim keys known to have a delivery row, by channel: they need no claim attempt. */
  readonly #known = new Map<string, Set<string>>();
  /** When a channel's next post may go (its hourly limit), by channel. */
  readonly #limited = new Map<string, number>();
  /** When a channel has a failed post to retry, by channel. */
  readonly #retry = new Map<string, number>();
  readonly #lost = new Set<string>();
  #started = false;
  #stopping = false;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: unknown;
  #wakeAt: Date | undefined;
  #lastRecovery = 0;
  #feedReady = false;
  #unwatch: (() => void) | undefined;

  constructor(opts: AlertDispatcherOptions) {
    this.#store = opts.store;
    this.#kb = opts.kb;
    this.#posters = new Map(opts.posters.map((p) => [p.platform, p]));
    this.#clock = { ...systemClock, ...opts.clock };
    this.#log = opts.log ?? consoleDigestLog;
    this.#o = {
      maxPerHour: opts.maxPerHour ?? DEFAULT_ALERTS_PER_HOUR,
      maxFailures: opts.maxFailures ?? 3,
      maxAttempts: opts.maxAttempts ?? 5,
      spacingMs: opts.spacingMs ?? 1000,
      retryBaseMs: opts.retryBaseMs ?? 60_000,
      pollMs: opts.pollMs ?? 30_000,
      windowMs: opts.windowMs ?? 7 * DAY_MS,
      postTimeoutMs: opts.postTimeoutMs ?? 5 * 60_000,
      leaseMs: opts.leaseMs ?? 15 * 60_000,
      owner: opts.owner ?? `alerts-${randomUUID()}`,
    };
    this.#feed = new AlertFeed(this.#store, this.#kb, this.#o.windowMs, this.#log);
  }

  /**
   * Notes the curated data's claims (a baseline on the very first start), settles what a dead
   * process left claimed, sends what is owed, then keeps watching. Call once the platforms can post.
   */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopping = false;
    this.#unwatch = this.#store.watch((what) => {
      if (what === 'published') void this.tick();
    });
    await this.tick();
  }

  /** Stops the timer and waits for the post in flight. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#started = false;
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#disarm();
    await this.#running;
  }

  /** Looks for new claims and sends what is owed now. One run at a time: a call during a run makes one more run after it. */
  tick(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#run();
        } while (this.#again && !this.#stopping);
      } catch (err) {
        this.#log('error', `alerts: run failed: ${describe(err)}`);
      } finally {
        this.#running = undefined;
        this.#arm();
      }
    })();
    return this.#running;
  }

  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  get nextWakeAt(): Date | undefined {
    return this.#wakeAt;
  }

  #arm(): void {
    this.#disarm();
    if (!this.#started || this.#stopping) return;
    const now = this.#clock.now().getTime();
    let next = now + this.#o.pollMs;
    for (const at of [...this.#limited.values(), ...this.#retry.values()]) next = Math.min(next, Math.max(at, now));
    this.#wakeAt = new Date(next);
    this.#timer = this.#clock.setTimeout(() => void this.tick(), next - now);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#wakeAt = undefined;
  }

  async #run(): Promise<void> {
    const now = this.#clock.now();
    if (!this.#feedReady) {
      // Failing here (the database is down) leaves it for the next run: nothing is sent before it.
      const { baseline, newInData } = await this.#feed.start(now);
      this.#feedReady = true;
      if (baseline) this.#log('info', 'alerts: first start; the claims already in the data are recorded as seen and will not be alerted');
      else if (newInData) this.#log('info', `alerts: ${newInData} claim${newInData === 1 ? '' : 's'} new in the data since the last start`);
    }
    await this.#feed.refresh(now);
    // Other instances' claims and failures are learned from the storage again now and then.
    if (this.#lastRecovery === 0 || (!this.#store.exclusive && now.getTime() - this.#lastRecovery >= this.#o.leaseMs)) {
      this.#lastRecovery = now.getTime();
      this.#known.clear();
      await this.#recover(now).catch((err: unknown) => this.#log('error', `alerts: settling interrupted alerts failed: ${describe(err)}`));
    }
    const events = this.#feed.events(now);
    const work = await this.#work(events, now);
    const byPlatform = new Map<Platform, ChannelWork[]>();
    for (const w of work) byPlatform.set(w.channel.platform, [...(byPlatform.get(w.channel.platform) ?? []), w]);
    await Promise.all([...byPlatform].map(([platform, items]) => this.#inTurn(this.#posters.get(platform)!, items)));
  }

  /** Each running channel with something to claim: new matching claims, or a retry that is due. */
  async #work(events: AlertEvent[], now: Date): Promise<ChannelWork[]> {
    // The usual poll: nothing recent and no retry due, so no need to read the follows.
    if (!events.length && ![...this.#retry.values()].some((at) => at <= now.getTime())) return [];
    const [channels, follows] = await Promise.all([this.#store.listAlertChannels(), this.#store.listFollows()]);
    const byChannel = new Map<string, Follow[]>();
    for (const f of follows) byChannel.set(channelKeyOf(f.platform, f.channel), [...(byChannel.get(channelKeyOf(f.platform, f.channel)) ?? []), f]);
    const work: ChannelWork[] = [];
    for (const channel of channels) {
      const key = channelKeyOf(channel.platform, channel.channel);
      if (channel.paused || !posterFor(this.#posters, channel)) continue;
      const matches = await Promise.all((byChannel.get(key) ?? []).map((f) => this.#match(f)));
      const owedFrom = channel.resumedAt ? Date.parse(channel.resumedAt) : 0;
      const candidates = events.filter((e) => e.at >= owedFrom && matches.some((m) => e.at >= m.since && m.matcher.matches(e.claim, { incidentId: e.incident.id, victimStates: e.incident.victimStates })));
      const known = this.#known.get(key);
      const fresh = candidates.some((e) => !known?.has(e.key)) && (this.#limited.get(key) ?? 0) <= now.getTime();
      const retry = (this.#retry.get(key) ?? Infinity) <= now.getTime();
      if (fresh || retry) work.push({ channel, key, follows: matches, candidates });
    }
    return work;
  }

  /** A follow with its target as the data has it now; a renamed or merged actor is followed under its new id. */
  async #match(follow: Follow): Promise<FollowMatch> {
    const target = resolveFollowTarget(this.#kb, follow);
    if (!target && !this.#lost.has(follow.id)) {
      this.#lost.add(follow.id);
      this.#log('warn', `alerts: ${follow.platform} channel ${follow.channel} follows ${follow.target} (${follow.names[0]}), which is no longer in the data under any of its names`);
    }
    if (target && target.id !== follow.target) {
      // Its own names first, then the ones it was followed by (they led here), then its aliases.
      const names = [...new Set([...target.names.slice(0, 2), ...follow.names, ...target.names.slice(2)])].slice(0, 24);
      await this.#store.retargetFollow(follow.id, target.id, names).then(
        () => this.#log('info', `alerts: ${follow.platform} channel ${follow.channel}: ${follow.target} is now ${target.id}; the follow moved with it`),
        (err: unknown) => this.#log('warn', `alerts: could not move a follow from ${follow.target} to ${target.id}: ${describe(err)}`),
      );
    }
    const filter = !target ? {} : target.kind === 'incident' ? { incidents: [target.id] } : target.kind === 'state' ? { states: [target.id] } : { actors: [target.id] };
    return { follow, target, matcher: new ClaimMatcher(this.#kb, filter), since: Date.parse(follow.createdAt) };
  }

  async #inTurn(poster: DigestPoster, items: ChannelWork[]): Promise<void> {
    let posted = false;
    for (const item of items) {
      if (this.#stopping) return;
      try {
        const claim = await this.#claim(item);
        if (!claim) continue;
        if (posted) await sleep(this.#clock, this.#o.spacingMs);
        posted = true;
        const wait = await this.#send(poster, item, claim);
        // A rate limit holds back the whole platform queue, not just the channel that met it.
        if (wait > 0) await sleep(this.#clock, Math.min(wait, 60_000));
      } catch (err) {
        this.#log('error', `${where(item.channel)}: ${describe(err)}`);
      }
    }
  }

  async #claim(item: ChannelWork): Promise<DeliveryClaim | undefined> {
    const now = this.#clock.now();
    const known = this.#known.get(item.key) ?? new Set<string>();
    this.#known.set(item.key, known);
    const { claim, waitUntil, limited } = await this.#store.claimDeliveries(item.channel.platform, item.channel.channel, item.candidates.map((e) => e.key), {
      owner: this.#o.owner,
      leaseUntil: new Date(now.getTime() + this.#o.leaseMs),
      maxPerHour: this.#o.maxPerHour,
      maxAttempts: this.#o.maxAttempts,
    });
    this.#retry.delete(item.key);
    this.#limited.delete(item.key);
    if (limited && waitUntil) {
      this.#limited.set(item.key, waitUntil.getTime());
      const waiting = item.candidates.filter((e) => !known.has(e.key)).length;
      this.#log('info', `${where(item.channel)}: ${waiting} new claim${waiting === 1 ? '' : 's'} held back until ${waitUntil.toISOString()} (at most ${this.#o.maxPerHour} alerts an hour)`);
      return undefined;
    }
    if (waitUntil) this.#retry.set(item.key, waitUntil.getTime());
    if (claim) {
      for (const k of claim.claimKeys) known.add(k);
      return claim;
    }
    // Not limited and nothing claimed: every candidate has its row (this or another instance sent it).
    for (const e of item.candidates) known.add(e.key);
    return undefined;
  }

  /** Sends one claimed batch. Resolves with how long the platform asked us to wait, 0 if it did not. */
  async #send(poster: DigestPoster, item: ChannelWork, claim: DeliveryClaim): Promise<number> {
    const { channel } = item;
    const events = claim.claimKeys.map((k) => item.candidates.find((e) => e.key === k) ?? this.#feed.get(k)).filter((e): e is AlertEvent => e !== undefined);
    if (!events.length) {
      // A retry of claims that have since left the alert window (or the data): nothing to say any more.
      await this.#store.settleDeliveries(channel.platform, channel.channel, claim.batch, this.#o.owner, { outcome: 'failed', error: 'given up: the claims are no longer in the alert window' });
      this.#log('warn', `${where(channel)}: gave up an alert whose claims are no longer in the alert window`);
      return 0;
    }
    const followed = item.follows
      .filter((m) => m.target && events.some((e) => m.matcher.matches(e.claim, { incidentId: e.incident.id, victimStates: e.incident.victimStates })))
      .map((m) => followLabel(this.#kb, m.target!, channel.language));
    const reply = alertReply(this.#kb, events, followed.length ? followed : item.follows.map((m) => followLabel(this.#kb, m.target ?? { kind: m.follow.kind, id: m.follow.target, names: m.follow.names }, channel.language)), channel.language, poster.commandName);
    let messageId: string;
    try {
      const sent = poster.post(channel.channel, reply, { idempotencyKey: claim.batch });
      const answer = await this.#within(sent, this.#o.postTimeoutMs);
      if (!answer) {
        const seconds = Math.round(this.#o.postTimeoutMs / 1000);
        await this.#store.settleDeliveries(channel.platform, channel.channel, claim.batch, this.#o.owner, { outcome: 'unconfirmed', note: `no answer from the platform within ${seconds} s; not re-sent, as it may have gone out` });
        this.#log('warn', `${where(channel)}: an alert got no answer within ${seconds} s; not re-sending it (recorded as unconfirmed)`);
        return 0;
      }
      messageId = answer.messageId;
    } catch (err) {
      return this.#failed(poster, item, claim, asPostError(err));
    }
    try {
      await this.#store.settleDeliveries(channel.platform, channel.channel, claim.batch, this.#o.owner, { outcome: 'posted', messageId });
      this.#log('info', `${where(channel)}: alert posted (${claim.claimKeys.length} claim${claim.claimKeys.length === 1 ? '' : 's'}, message ${messageId})`);
    } catch (err) {
      // The claim stays: never sent again; the next start records it 'unconfirmed'.
      this.#log('error', `${where(channel)}: alert posted (message ${messageId}) but could not record it: ${describe(err)}`);
    }
    return 0;
  }

  async #failed(poster: DigestPoster, item: ChannelWork, claim: DeliveryClaim, error: PostError): Promise<number> {
    const { channel } = item;
    const wait = error.kind === 'rate-limited' && error.retryAfterMs !== undefined ? error.retryAfterMs : Math.min(this.#o.retryBaseMs * 2 ** (claim.attempt - 1), MAX_RETRY_DELAY_MS);
    const retryAt = claim.attempt < this.#o.maxAttempts ? new Date(this.#clock.now().getTime() + wait) : undefined;
    const { failures } = await this.#store.settleDeliveries(channel.platform, channel.channel, claim.batch, this.#o.owner, {
      outcome: 'failed',
      error: `${error.kind}: ${error.message}`,
      retryAt,
      channelFault: error.isChannelFault,
    });
    if (retryAt) this.#retry.set(item.key, Math.min(this.#retry.get(item.key) ?? Infinity, retryAt.getTime()));
    const next = retryAt ? `retrying at ${retryAt.toISOString()}` : `given up after ${claim.attempt} attempts`;
    this.#log('warn', `${where(channel)}: alert failed, ${error.kind} (attempt ${claim.attempt}), ${next}${error.isChannelFault ? `; ${failures} of ${this.#o.maxFailures} failures before pausing` : ''}: ${error.message}`);
    if (error.isChannelFault && failures >= this.#o.maxFailures) await this.#pause(poster, channel, failures, error);
    return error.kind === 'rate-limited' ? wait : 0;
  }

  async #pause(poster: DigestPoster, channel: AlertChannel, failures: number, error: PostError): Promise<void> {
    const paused = await this.#store.pauseAlertChannel(channel.platform, channel.channel, `${error.kind}: ${error.message}`);
    if (!paused) return;
    this.#retry.delete(channelKeyOf(channel.platform, channel.channel));
    this.#log('warn', `${where(channel)}: alerts paused after ${failures} failures in a row (${error.kind})`);
    if (!poster.notify) return;
    try {
      await poster.notify(channel.channel, alertPauseNotice(channel.language, failures, error.kind, poster.commandName));
      await this.#store.markAlertPauseNoticeSent(channel.platform, channel.channel);
    } catch (err) {
      this.#log('info', `${where(channel)}: could not tell the channel its alerts were paused: ${describe(asPostError(err))}`);
    }
  }

  /**
   * Alerts left claimed by a process that died (or, with several instances, whose lease ran
   * out): was it sent? The poster may look (findPost); a claim younger than the platform's
   * idempotency window is re-sent under the same key (the platform drops a copy); otherwise it
   * is recorded unconfirmed and not re-sent. As the digest's recovery, docs/digest.md.
   */
  async #recover(now: Date): Promise<void> {
    const claimed = await this.#store.listDeliveries({ status: 'claimed' });
    const batches = new Map<string, (typeof claimed)[number]>();
    for (const row of claimed) batches.set(`${row.channelKey} ${row.batch}`, row);
    let channels: Map<string, AlertChannel> | undefined;
    for (const row of batches.values()) {
      if (row.owner === this.#o.owner) continue;
      if (!this.#store.exclusive && row.leaseUntil && Date.parse(row.leaseUntil) > now.getTime()) continue;
      const split = row.channelKey.indexOf(':');
      const platform = row.channelKey.slice(0, split);
      const channel = row.channelKey.slice(split + 1);
      const poster = this.#posters.get(platform);
      if (!poster) continue;
      if (poster.owns) {
        // A channel another instance owns (a sharded platform) is left to it: a re-send must
        // leave inside the platform's duplicate window, which only the posting instance can keep.
        channels ??= new Map((await this.#store.listAlertChannels()).map((c) => [channelKeyOf(c.platform, c.channel), c]));
        if (!posterFor(this.#posters, channels.get(row.channelKey) ?? { platform, channel })) continue;
      }
      const at = `${platform} channel ${channel}`;
      const settle = (outcome: Parameters<AlertStorage['settleDeliveries']>[4]) => this.#store.settleDeliveries(platform, channel, row.batch, row.owner, outcome);
      if (poster.findPost) {
        try {
          const found = await poster.findPost(channel, row.batch, new Date(row.at));
          if (found) await settle({ outcome: 'posted', messageId: found.messageId });
          else await settle({ outcome: 'failed', error: 'interrupted by a restart; it had not gone out, re-sending', retryAt: now });
          this.#log('info', `${at}: an alert interrupted by a restart ${found ? 'had gone out; recorded it' : 'had not gone out; re-sending it'}`);
          continue;
        } catch (err) {
          this.#log('warn', `${at}: could not check whether an interrupted alert went out: ${describe(err)}`);
        }
      }
      const age = now.getTime() - Date.parse(row.at);
      if (poster.dedupeWindowMs && age >= 0 && age < poster.dedupeWindowMs) {
        await settle({ outcome: 'failed', error: 'interrupted by a restart; re-sending under the same idempotency key', retryAt: now });
        this.#log('info', `${at}: re-sending an alert interrupted by a restart ${Math.round(age / 1000)} s ago; the platform drops it if it went out`);
        continue;
      }
      await settle({ outcome: 'unconfirmed', note: 'interrupted by a restart between sending and confirming; not re-sent, as it may have gone out' });
      this.#log('warn', `${at}: an alert was interrupted by a restart and may or may not have gone out; not re-sending it (recorded as unconfirmed)`);
    }
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
}

function where(channel: Pick<AlertChannel, 'platform' | 'channel'>): string {
  return `${channel.platform} channel ${channel.channel}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
