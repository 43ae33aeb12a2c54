// A simulated month of the daily digest, for the soak test: many channels on a Discord-like and
// a Slack-like platform, posts that hang, fail (503, a reset after the platform took the post,
// gone, forbidden, 429) or answer late, and bot processes killed at random moments (inside
// post() too) and restarted after a while. Everything runs in simulated time: one timer queue
// for all processes, driven in order, so a month takes seconds and a seed gives the same run.
//
// Each "process" has its own clock, store and posters over the shared state directory and the
// shared platforms, as a real restart would. A killed process never fires a timer again, never
// gets an answer from a platform and never starts another store call; a write it had already
// started finishes (it was on its way to the disk). The platforms outlive the processes: what
// they received stays received.
//
// The driver fires the next timer, then waits until no store call is in flight and no promise
// work is left (quiescence), then fires the next. It never waits in real time.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SchedulerClock } from '../src/digest/clock.ts';
import { DigestScheduler } from '../src/digest/scheduler.ts';
import { PostError, type DigestPoster, type PostOptions } from '../src/digest/poster.ts';
import { digestKey, wallClock } from '../src/digest/slots.ts';
import { SubscriptionService } from '../src/digest/subscriptions.ts';
import { localDay } from '../src/i18n/time.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import type { Reply } from '../src/reply/model.ts';
import type { PostRecord } from '../src/store/state-schema.ts';
import { openStateStore, type StateStore } from '../src/store/file-storage.ts';

/** A small, seeded generator (mulberry32): the same seed gives the same month. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- time -----------------------------------------------------------------------------------

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  owner: Proc | undefined;
}

/** Simulated time and the one timer queue every process and platform shares. */
class World {
  t: number;
  #seq = 0;
  readonly timers = new Map<number, Timer>();

  constructor(iso: string) {
    this.t = Date.parse(iso);
  }

  add(at: number, fn: () => void, owner?: Proc): number {
    const seq = ++this.#seq;
    this.timers.set(seq, { at: Math.max(at, this.t), seq, fn, owner });
    return seq;
  }

  next(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    return best;
  }

  /** A killed process's timers never fire. */
  dropOwnedBy(proc: Proc): void {
    for (const [seq, timer] of this.timers) if (timer.owner === proc) this.timers.delete(seq);
  }
}

function processClock(world: World, proc: Proc): SchedulerClock {
  return {
    now: () => new Date(world.t),
    setTimeout: (fn, ms) => (proc.dead ? -1 : world.add(world.t + ms, fn, proc)),
    clearTimeout: (handle) => void world.timers.delete(handle as number),
  };
}

// --- the store a process sees ----------------------------------------------------------------

/** Store calls in flight, across processes: the driver waits for them before moving time. */
const pending = new Set<Promise<unknown>>();

/** The process's view of the store: after a kill, new calls never start (and never settle). */
function processStore(store: StateStore, proc: Proc): StateStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (proc.dead && prop !== 'read' && prop !== 'listSubscriptions') return new Promise(() => undefined);
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? track(result) : result;
      };
    },
  });
}

/** Counts a promise as work in flight (a restart opening the store). */
function track<T>(promise: Promise<T>): Promise<T> {
  pending.add(promise);
  const done = () => void pending.delete(promise);
  promise.then(done, done);
  return promise;
}

async function quiesce(): Promise<void> {
  for (let rounds = 0; ; rounds++) {
    if (rounds > 100_000) throw new Error('the simulation never settles');
    await new Promise((resolve) => setImmediate(resolve));
    if (pending.size) {
      await Promise.allSettled([...pending]);
      continue;
    }
    // One more turn: the settled calls' continuations may have started new ones.
    await new Promise((resolve) => setImmediate(resolve));
    if (!pending.size) return;
  }
}

// --- platforms ------------------------------------------------------------------------------

export type Fate = 'ok' | '503' | 'reset-after-accept' | 'gone' | 'forbidden' | '429' | 'hang' | 'slow' | 'kill-before-send' | 'kill-after-send';

export interface SimMessage {
  id: string;
  channel: string;
  key: string;
  at: number;
  /** The attempt that created it was then answered with a connection reset (Slack's documented double). */
  resetAfterAccept: boolean;
}

/** The platform's side, shared by every process: what it received, and its duplicate check. */
class SimPlatform {
  readonly messages: SimMessage[] = [];
  readonly attempts: { channel: string; key: string; at: number; fate: Fate }[] = [];
  readonly #nonces = new Map<string, { id: string; at: number }>();

  constructor(
    readonly name: 'discord' | 'slack',
    /** How long the platform itself drops a repeated idempotency key (Discord's nonce); 0 for none. */
    readonly windowMs: number,
  ) {}

  /** Takes the message; with a key seen inside the window, hands back the first message instead. */
  accept(channel: string, key: string, at: number, resetAfterAccept: boolean): string {
    const seen = this.#nonces.get(`${channel} ${key}`);
    if (this.windowMs && seen && at - seen.at < this.windowMs) return seen.id;
    const id = `${this.name}-${this.messages.length + 1}`;
    this.messages.push({ id, channel, key, at, resetAfterAccept });
    if (this.windowMs) this.#nonces.set(`${channel} ${key}`, { id, at });
    return id;
  }
}

export interface FateOdds {
  '503': number;
  'reset-after-accept': number;
  gone: number;
  forbidden: number;
  '429': number;
  hang: number;
  slow: number;
  'kill-before-send': number;
  'kill-after-send': number;
}

export const HARSH: FateOdds = {
  '503': 0.04,
  'reset-after-accept': 0.03,
  gone: 0.01,
  forbidden: 0.01,
  '429': 0.03,
  hang: 0.02,
  slow: 0.06,
  'kill-before-send': 0.015,
  'kill-after-send': 0.015,
};

// --- processes ------------------------------------------------------------------------------

interface Proc {
  n: number;
  dead: boolean;
  store: StateStore;
  scheduler: DigestScheduler;
  service: SubscriptionService;
}

export interface Channel {
  platform: 'discord' | 'slack';
  id: string;
  time: string;
  zone: string;
  /** From this local day on, every post to the channel answers gone (the channel was deleted). */
  goneFrom?: string;
}

export interface SimOptions {
  kb: KnowledgeBase;
  start: string;
  days: number;
  seed: number;
  channels: Channel[];
  odds: FateOdds;
  /** Random kills between posts, on average one per this many hours; 0 for none. */
  killEveryHours: number;
  /** Channels that unsubscribe and subscribe again (later the same day) after a post, on these days. */
  resubscribe: { channel: string; day: string; time: string }[];
  /** What the Discord-like poster tells the scheduler about its duplicate window. */
  discordDedupeWindowMs: number;
  /** Discord's real nonce window, on the platform side ("a few minutes"). */
  discordPlatformWindowMs: number;
}

export interface ChannelDay {
  platform: 'discord' | 'slack';
  channel: string;
  day: string;
  deliveries: SimMessage[];
  /** Why nothing was delivered: the final log row's status and error, or the pause. */
  reason?: string;
}

export interface SimResult {
  channelDays: ChannelDay[];
  kills: number;
  killsInPost: number;
  attempts: number;
  fates: Record<string, number>;
  logs: string[];
}

export async function simulateMonth(o: SimOptions): Promise<SimResult> {
  const dir = mkdtempSync(path.join(existsShm() ? '/dev/shm' : os.tmpdir(), 'ilzam-soak-'));
  try {
    return await run(o, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A RAM disk where there is one: the store fsyncs every write, and a month is thousands of writes. */
function existsShm(): boolean {
  try {
    return statSync('/dev/shm').isDirectory();
  } catch {
    return false;
  }
}

async function run(o: SimOptions, dir: string): Promise<SimResult> {
  const random = rng(o.seed);
  const world = new World(o.start);
  const end = world.t + o.days * 86_400_000;
  const platforms = { discord: new SimPlatform('discord', o.discordPlatformWindowMs), slack: new SimPlatform('slack', 0) };
  const logs: string[] = [];
  const fates: Record<string, number> = {};
  /** Every subscription id each channel has had, for matching keys to days. */
  const subIds = new Map<string, Set<string>>();
  /** Every log row seen, by subscription and day (an unsubscribe deletes a subscription's rows). */
  const rows = new Map<string, PostRecord>();
  let kills = 0;
  let killsInPost = 0;
  let current: Proc | undefined;
  let procs = 0;

  const remember = (proc: Proc) => {
    const state = proc.store.read();
    for (const sub of state.subscriptions) {
      const ids = subIds.get(sub.channel) ?? new Set<string>();
      ids.add(sub.id);
      subIds.set(sub.channel, ids);
    }
    for (const row of state.posts) rows.set(`${row.subscriptionId} ${row.date}`, row as PostRecord);
  };

  const kill = (proc: Proc) => {
    if (proc.dead) return;
    proc.dead = true;
    kills++;
    world.dropOwnedBy(proc);
    logs.push(`${new Date(world.t).toISOString()} killed process ${proc.n}`);
    // Back after a while: mostly seconds or minutes, sometimes hours, rarely a day and more.
    const r = random();
    const down = r < 0.45 ? 5_000 + random() * 40_000 : r < 0.75 ? 120_000 + random() * 28 * 60_000 : r < 0.95 ? 3_600_000 + random() * 5 * 3_600_000 : 20 * 3_600_000 + random() * 20 * 3_600_000;
    world.add(world.t + down, () => void track(boot()));
  };

  const posterFor = (platform: SimPlatform, proc: Proc): DigestPoster => {
    const fateOf = (channel: string): Fate => {
      const spec = o.channels.find((c) => c.id === channel);
      if (spec?.goneFrom && localDay(new Date(world.t), spec.zone) >= spec.goneFrom) return 'gone';
      let r = random();
      for (const [fate, odds] of Object.entries(o.odds) as [Fate, number][]) {
        if (r < odds) return fate;
        r -= odds;
      }
      return 'ok';
    };
    /** Answers after a simulated latency, unless the process died meanwhile. */
    const answer = <T>(ms: number, settle: () => T | Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        world.add(world.t + ms, () => Promise.resolve().then(settle).then(resolve, reject), proc);
      });
    const post = (channel: string, _reply: Reply, opts?: PostOptions): Promise<{ messageId: string }> => {
      if (proc.dead) return new Promise(() => undefined);
      const key = opts?.idempotencyKey ?? '';
      const fate = fateOf(channel);
      fates[fate] = (fates[fate] ?? 0) + 1;
      platform.attempts.push({ channel, key, at: world.t, fate });
      const latency = 200 + random() * 1800;
      switch (fate) {
        case 'ok':
          return answer(latency, () => ({ messageId: platform.accept(channel, key, world.t, false) }));
        case '503':
          return answer(latency, () => {
            throw new PostError('transient', `${platform.name}: 503 Service Unavailable`, undefined, { mayHaveGoneOut: true });
          });
        case 'reset-after-accept':
          return answer(latency, () => {
            platform.accept(channel, key, world.t, true);
            throw new PostError('transient', `${platform.name}: ECONNRESET`, undefined, { mayHaveGoneOut: true });
          });
        case 'gone':
          return answer(latency, () => {
            throw new PostError('gone', `${platform.name}: channel not found`);
          });
        case 'forbidden':
          return answer(latency, () => {
            throw new PostError('forbidden', `${platform.name}: missing permissions`);
          });
        case '429':
          return answer(latency, () => {
            throw new PostError('rate-limited', `${platform.name}: 429`, 30_000);
          });
        case 'hang':
          if (random() < 0.5) platform.accept(channel, key, world.t, false);
          return new Promise(() => undefined);
        case 'slow': {
          const id = platform.accept(channel, key, world.t, false);
          return answer(60_000 + random() * 8 * 60_000, () => ({ messageId: id }));
        }
        case 'kill-before-send':
        case 'kill-after-send':
          if (fate === 'kill-after-send') platform.accept(channel, key, world.t, false);
          killsInPost++;
          kill(proc);
          return new Promise(() => undefined);
      }
    };
    return {
      platform: platform.name,
      commandName: (name) => (platform.name === 'slack' ? `/ilzam-${name}` : `/${name}`),
      ...(platform.name === 'discord' ? { dedupeWindowMs: o.discordDedupeWindowMs } : {}),
      post,
      notify: async () => undefined,
    };
  };

  async function boot(): Promise<void> {
    const proc = { n: ++procs, dead: false } as Proc;
    const store = processStore(await openStateStore({ dir, now: () => new Date(world.t) }), proc);
    const clock = processClock(world, proc);
    const log = (level: string, message: string) => logs.push(`${new Date(world.t).toISOString()} p${proc.n} ${level}: ${message}`);
    proc.store = store;
    proc.scheduler = new DigestScheduler({ store, kb: o.kb, posters: [posterFor(platforms.discord, proc), posterFor(platforms.slack, proc)], clock, log });
    proc.service = new SubscriptionService({ store, defaultZone: 'Asia/Karachi', now: clock.now, onChange: () => proc.scheduler.replan(), log });
    current = proc;
    // Not awaited: start() waits for posts, and posts here wait for simulated time.
    void proc.scheduler.start();
  }

  const request = (_proc: Proc, channel: Channel) => ({
    platform: channel.platform,
    channel: channel.id,
    workspace: channel.platform === 'slack' ? 'T1' : 'G1',
    user: 'U1',
    lang: 'en' as const,
    commandName: (name: string) => `/${name}`,
    workspaceWord: { en: 'server', ur: 'سرور' },
  });

  // Day 0: the channels subscribe, before anything runs.
  await boot();
  await quiesce();
  for (const channel of o.channels) await current!.service.subscribe(request(current!, channel), { time: channel.time, zone: channel.zone });
  remember(current!);

  // Random kills between posts.
  if (o.killEveryHours > 0) {
    const scheduleKill = () =>
      world.add(world.t + random() * 2 * o.killEveryHours * 3_600_000, () => {
        if (current && !current.dead) kill(current);
        scheduleKill();
      });
    scheduleKill();
  }
  // Re-subscriptions: a few hours after the slot, when the day's post is through.
  for (const resub of o.resubscribe) {
    const channel = o.channels.find((c) => c.id === resub.channel)!;
    const at = resubscribedAt(resub);
    if (at < world.t || at > end) continue;
    world.add(at, () => {
      const proc = current;
      if (!proc || proc.dead) return;
      remember(proc);
      void proc.service
        .unsubscribe(request(proc, channel))
        .then(() => proc.service.subscribe(request(proc, channel), { time: resub.time, zone: channel.zone }))
        .then(() => remember(proc));
    });
  }

  for (let fired = 0; ; fired++) {
    if (fired > 2_000_000) throw new Error('timers keep firing');
    const timer = world.next();
    if (!timer || timer.at > end) break;
    world.timers.delete(timer.seq);
    world.t = timer.at;
    timer.fn();
    await quiesce();
  }

  // The end: stop the last process and start one more, so days missed while down are recorded.
  if (current && !current.dead) {
    current.dead = true;
    world.dropOwnedBy(current);
  }
  await quiesce();
  world.t = end;
  await boot();
  await quiesce();
  remember(current!);

  return { channelDays: tally(o, platforms, subIds, rows, current!.store), kills, killsInPost, attempts: platforms.discord.attempts.length + platforms.slack.attempts.length, fates, logs };
}

/** Re-subscriptions happen at noon UTC on their day: after the test slots used with them. */
function resubscribedAt(resub: { day: string }): number {
  return Date.parse(`${resub.day}T12:00:00Z`);
}

/** Each channel's deliveries for each day of the month, with the reason when there was none. */
function tally(o: SimOptions, platforms: Record<'discord' | 'slack', SimPlatform>, subIds: Map<string, Set<string>>, rows: Map<string, PostRecord>, store: StateStore): ChannelDay[] {
  const state = store.read();
  const out: ChannelDay[] = [];
  const first = Date.parse(o.start);
  for (const channel of o.channels) {
    const ids = [...(subIds.get(channel.id) ?? [])];
    const sub = state.subscriptions.find((s) => s.channel === channel.id);
    // Whole days only: the first day from the first midnight, the last one ending before the end.
    for (let d = 1; d < o.days; d++) {
      const day = wallClock(new Date(first + d * 86_400_000), channel.zone).day;
      const keys = new Set(ids.map((id) => digestKey(id, day)));
      const deliveries = platforms[channel.platform].messages.filter((m) => m.channel === channel.id && keys.has(m.key));
      const entry: ChannelDay = { platform: channel.platform, channel: channel.id, day, deliveries };
      if (!deliveries.length) {
        const row = ids.map((id) => rows.get(`${id} ${day}`)).find(Boolean);
        const resub = o.resubscribe.find((r) => r.channel === channel.id && r.day === day);
        if (row && (row.status === 'failed' || row.status === 'unconfirmed') && row.error) entry.reason = `${row.status}: ${row.error}`;
        else if (!row && sub?.paused && sub.pausedAt && localDay(new Date(sub.pausedAt), channel.zone) < day) entry.reason = `paused: ${sub.pausedReason}`;
        // Unsubscribed before the day's slot and subscribed again for a time already past: the
        // person chose that; the new subscription starts the next day, as /subscribe says.
        else if (!row && resub && wallClock(new Date(resubscribedAt(resub)), channel.zone).time >= resub.time) entry.reason = 'not owed: re-subscribed after the new time had passed that day';
      }
      out.push(entry);
    }
  }
  // Each channel-day once, even where two evaluated instants fall on one local day.
  const seen = new Set<string>();
  return out.filter((e) => (seen.has(`${e.channel} ${e.day}`) ? false : (seen.add(`${e.channel} ${e.day}`), true)));
}
