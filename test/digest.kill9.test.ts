// Issue #16: two real bot processes (node --import tsx src/main.ts, what npm start runs) on one
// PostgreSQL schema, 20 Discord channels subscribed for the same minute, and one of the two
// killed with SIGKILL at random moments over many simulated days, then started again. The
// Discord fake on 127.0.0.1 records every channel message; at the end each channel must have
// exactly one digest for each day: none missing, none doubled.
//
// Time: both processes run on the test-only shared clock (src/digest/test-clock.ts, enabled by
// ILZAM_TEST_CLOCK_FILE with NODE_ENV=test). The test jumps it to just before each day's slot
// and lets it run SPEED times faster than real time through the busy minutes. Leases, lease
// renewals, retries, the post timeout and the fake's nonce window all run on that clock.
//
// Kills: a seeded generator (the seed is printed; ILZAM_KILL9_SEED replays the plan) picks, per
// day, which process dies and when: at a random simulated moment around the slot, or "mid-post",
// the moment the fake is holding back its answer to a message from that process (the fake
// slows some answers down): the message went out, and the claim was not settled. That is the
// hard case: the survivor settles the dead claim when its lease runs out and re-sends it with
// the same nonce (enforce_nonce), inside the window in which Discord (and the fake) hand back
// the first message instead of creating a second. Real processes and real time are involved,
// so the same seed gives the same plan, not the same interleaving.
//
// Needs PostgreSQL (test/pg-helpers.ts): skipped with the reason when there is none, a failure
// instead with ILZAM_REQUIRE_POSTGRES=1. Takes a few minutes, most of it in starting node
// processes (each restart loads the bot afresh: 15-25 s on a loaded 2-core machine).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DISCORD_DEDUPE_WINDOW_MS } from '../src/adapters/discord/poster.ts';
import { digestKey } from '../src/digest/slots.ts';
import type { TestClockAnchor } from '../src/digest/test-clock.ts';
import { PgStorage } from '../src/store/pg/pg-storage.ts';
import { rng } from './digest-sim.ts';
import { DiscordFake } from './fakes/discord-fake.ts';
import { dropSchema, postgresMissing, TEST_DATABASE_URL, testSchema } from './pg-helpers.ts';

const root = path.resolve(import.meta.dirname, '..');
const CHANNELS = 20;
/** Simulated days; ILZAM_KILL9_DAYS runs a longer soak. */
const DAYS = Number(process.env.ILZAM_KILL9_DAYS ?? 8);
/** Simulated ms per real ms while the day's posts go out. */
const SPEED = 4;
/** Day 0 at 09:00 in Karachi (no daylight saving): 04:00 UTC. */
const FIRST_SLOT = Date.parse('2025-03-03T04:00:00Z');
const DAY_MS = 86_400_000;
/** Each day starts this long before the slot, so a kill can land before it too. */
const LEAD_MS = 10_000;
/** Simulated time a re-send may take to reach the fake after the bot checked its window. */
const NONCE_SLACK_MS = 15_000;
/** How long after the slot a mid-post kill waits for the victim to have an answer held back; then it kills anyway. */
const MID_POST_WAIT_MS = 25_000;
/** A day that has not settled this long after its slot (simulated) is left as it is, for the assertions to report. */
const DAY_DEADLINE_MS = 6 * 60_000;
const SEED = Number(process.env.ILZAM_KILL9_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TOKENS = {
  a: 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GkILL9.kill9-test-token-for-process-a-000',
  b: 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GkILL9.kill9-test-token-for-process-b-000',
} as const;
type Name = keyof typeof TOKENS;

/** Every variable the bot reads, empty, so the developer's shell or .env cannot leak in. */
const BLANK = Object.fromEntries(
  [
    ...['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_REVIEWER_ROLES', 'DISCORD_SHARDS', 'DISCORD_SHARD_COUNT', 'DISCORD_SHARD_IDS'],
    ...['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL', 'SLACK_DIGEST_ADMINS', 'SLACK_REVIEWERS', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_REDIRECT_URI', 'SLACK_STATE_SECRET'],
    ...['PORT', 'DEFAULT_LANG', 'DIGEST_TZ', 'ALERTS_PER_HOUR', 'ILZAM_STATE_DIR', 'INGEST', 'HEALTH_PORT'],
  ].map((k) => [k, '']),
);

/** The shared clock, as the test writes it: the processes read the same file. */
class SharedClock {
  #anchor: TestClockAnchor;
  constructor(
    readonly file: string,
    simMs: number,
  ) {
    this.#anchor = { simMs, realMs: Date.now(), speed: 0 };
    this.#write();
  }

  now(): number {
    const a = this.#anchor;
    return a.simMs + (Date.now() - a.realMs) * a.speed;
  }

  /** Moves to simMs (never back) and runs at speed from there. */
  set(simMs: number, speed: number): void {
    this.#anchor = { simMs: Math.max(simMs, this.now()), realMs: Date.now(), speed };
    this.#write();
  }

  #write(): void {
    // By rename, so a process never reads half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.#anchor));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** One bot process slot: the same token (so the fake can tell who sent what) across restarts. */
class Bot {
  child: ChildProcess | undefined;
  /** Resolves when the latest start has the digest running. */
  ready: Promise<void> = Promise.resolve();
  log = '';
  starts = 0;
  #up: Promise<void> | undefined;
  #exited: Promise<void> | undefined;

  constructor(
    readonly name: Name,
    readonly env: Record<string, string>,
  ) {}

  /** Real ms each start took until the digest was running. */
  readonly startMs: number[] = [];

  start(): Promise<void> {
    this.starts++;
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...BLANK, ...this.env, DISCORD_TOKEN: TOKENS[this.name] },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let err = '';
    this.#exited = new Promise((resolve) => child.on('exit', () => resolve()));
    this.#up = new Promise((resolve, reject) => {
      const onData = (c: Buffer) => {
        err += c.toString();
        this.log += c.toString();
        if (/daily digest: running for discord/.test(err) && this.startMs.length < this.starts) {
          this.startMs.push(Date.now() - t0);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code, signal) => reject(new Error(`process ${this.name} exited (${code ?? signal}) before it was running:\n${err.slice(-2000)}`)));
    });
    this.#up.catch(() => undefined);
    return this.#up;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill9(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.#exited;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    await this.#exited;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface KillRecord {
  day: number;
  victim: Name;
  mode: 'mid-post' | 'random';
  /** Simulated ms after the slot. */
  atMs: number;
  /** Answers the fake was holding back for the victim when it died: its posts out, not settled. */
  heldAnswers: number;
  /** Claims in the database right after the kill, any owner's. */
  openClaims: number;
}

describe.skipIf(postgresMissing !== undefined)(`two bot processes, one database, SIGKILL at random moments${postgresMissing ? ` (skipped: no PostgreSQL, ${postgresMissing})` : ''}`, () => {
  const schema = testSchema('kill9');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-kill9-'));
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterAll(async () => {
    for (const undo of cleanup.reverse()) await Promise.resolve(undo()).catch(() => undefined);
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`posts exactly one digest per channel and day over ${DAYS} days (seed ${SEED})`, async () => {
    console.error(`[kill9] seed ${SEED} (replay the kill plan with ILZAM_KILL9_SEED=${SEED})`);
    const started = Date.now();
    const plan = rng(SEED);
    const slowness = rng(SEED ^ 0x5eed);
    const clock = new SharedClock(path.join(dir, 'clock.json'), FIRST_SLOT - 60 * 60_000);

    // Some answers come late (the message is already created): the window a kill can land in.
    const fake = await DiscordFake.start({
      now: () => clock.now(),
      // Discord keeps a nonce "a few minutes"; the bot promises to re-send within its own
      // window (DISCORD_DEDUPE_WINDOW_MS) of the first attempt. The fake holds it to that, plus
      // NONCE_SLACK_MS for a request on its way (a few real seconds at SPEED).
      nonceWindowMs: DISCORD_DEDUPE_WINDOW_MS + NONCE_SLACK_MS,
      responseDelayMs: (r) => (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && slowness() < 0.45 ? 400 + Math.floor(slowness() * 2600) : 0),
    });
    cleanup.push(() => fake.close());

    // The subscriptions, written as /subscribe would, an hour before the first slot.
    const store = await PgStorage.open({ url: TEST_DATABASE_URL, schema, now: () => new Date(clock.now()) });
    cleanup.push(() => store.close());
    const subs = [];
    for (let i = 0; i < CHANNELS; i++) {
      subs.push(await store.addSubscription({ platform: 'discord', channel: `12000000000000${String(i).padStart(5, '0')}`, language: i % 2 ? 'ur' : 'en', time: '09:00', zone: 'Asia/Karachi', createdBy: '1100000000000000005' }));
    }
    const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    cleanup.push(() => db.end());
    await db.query(`SET search_path TO "${schema}"`);
    const q = (text: string, params: unknown[]) => db.query(text, params);

    const env = { NODE_ENV: 'test', ILZAM_TEST_CLOCK_FILE: clock.file, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DISCORD_API_URL: fake.apiUrl };
    const bots = { a: new Bot('a', env), b: new Bot('b', env) };
    cleanup.push(() => Promise.all([bots.a.stop(), bots.b.stop()]));
    bots.a.ready = bots.a.start();
    bots.b.ready = bots.b.start();

    const kills: KillRecord[] = [];
    const held = (name: Name) => [...fake.held].filter((r) => r.headers.authorization === `Bot ${TOKENS[name]}`).length;
    const dayOf = (d: number) => new Date(FIRST_SLOT + d * DAY_MS).toISOString().slice(0, 10);

    /** Every subscription's row for the day is final: posted, or given up (unconfirmed, failed with no retry). */
    const settled = async (day: string): Promise<boolean> => {
      const { rows } = await q(`SELECT status, retry_at FROM posts WHERE date = $1`, [day]);
      return rows.length === CHANNELS && rows.every((r) => r.status === 'posted' || r.status === 'unconfirmed' || (r.status === 'failed' && r.retry_at === null));
    };

    const dayMs: number[] = [];
    for (let d = 0; d < DAYS; d++) {
      const dayStarted = Date.now();
      const slot = FIRST_SLOT + d * DAY_MS;
      // Both running before the jump (a restart may still be under way); then the day runs
      // SPEED times faster than real time.
      await Promise.all([bots.a.ready, bots.b.ready]);
      clock.set(slot - LEAD_MS, SPEED);

      // The first kill of a day is mostly mid-post (the posts go out in the first seconds); a
      // second one lands once the victim of the first is back, at a random moment.
      const planned = Array.from({ length: plan() < 0.5 ? 1 : 2 }, (_, i) => ({
        victim: (plan() < 0.5 ? 'a' : 'b') as Name,
        mode: (i === 0 && plan() < 0.75 ? 'mid-post' : 'random') as KillRecord['mode'],
        atMs: Math.floor(-LEAD_MS / 2 + plan() * 50_000),
        restartAfterMs: Math.floor(plan() * 1500),
      }));
      for (const k of planned) {
        const bot = bots[k.victim];
        // Never both down: the survivor is the one that settles the victim's claims.
        await Promise.all([bots.a.ready, bots.b.ready]);
        // Mid-post: the first moment the fake holds an answer for the victim, from the slot
        // until a minute after it; random: at the planned moment.
        for (;;) {
          const now = clock.now() - slot;
          if (k.mode === 'mid-post' ? held(k.victim) > 0 || now > MID_POST_WAIT_MS : now >= k.atMs) break;
          await sleep(k.mode === 'mid-post' ? 2 : 10);
        }
        const record: KillRecord = { day: d, victim: k.victim, mode: k.mode, atMs: Math.round(clock.now() - slot), heldAnswers: held(k.victim), openClaims: 0 };
        await bot.kill9();
        record.openClaims = (await q(`SELECT count(*)::int AS n FROM posts WHERE status = 'claimed'`, [])).rows[0].n;
        kills.push(record);
        // Started again in the background: the day goes on meanwhile.
        bot.ready = sleep(k.restartAfterMs).then(() => bot.start());
      }
      const deadline = slot + DAY_DEADLINE_MS;
      while (!(await settled(dayOf(d))) && clock.now() < deadline) await sleep(100);
      await Promise.all([bots.a.ready, bots.b.ready]);
      dayMs.push(Date.now() - dayStarted);
    }
    await Promise.all([bots.a.stop(), bots.b.stop()]);

    // --- what the channels received ---------------------------------------------------------
    const keyToSlot = new Map<string, string>();
    for (const sub of subs) for (let d = 0; d < DAYS; d++) keyToSlot.set(`${sub.channel} ${digestKey(sub.id, dayOf(d))}`, `${sub.channel} ${dayOf(d)}`);
    const perSlot = new Map<string, number>();
    const strays: string[] = [];
    for (const m of fake.channelMessages) {
      const slotKey = keyToSlot.get(`${m.channelId} ${String(m.body?.nonce)}`);
      if (!slotKey) strays.push(`${m.channelId} nonce ${String(m.body?.nonce)}`);
      else perSlot.set(slotKey, (perSlot.get(slotKey) ?? 0) + 1);
    }
    const missing: string[] = [];
    const doubled: string[] = [];
    for (const slotKey of new Set(keyToSlot.values())) {
      const n = perSlot.get(slotKey) ?? 0;
      if (n === 0) missing.push(slotKey);
      if (n > 1) doubled.push(`${slotKey} ×${n}`);
    }
    const { rows: statuses } = await q(`SELECT status, count(*)::int AS n FROM posts GROUP BY status ORDER BY status`, []);
    const bySender = { a: 0, b: 0 };
    for (const m of fake.channelMessages) bySender[m.authorization === `Bot ${TOKENS.a}` ? 'a' : 'b']++;
    const midPost = kills.filter((k) => k.heldAnswers > 0).length;
    console.error(
      [
        `[kill9] seed ${SEED}: ${DAYS} days × ${CHANNELS} channels in ${Math.round((Date.now() - started) / 1000)} s`,
        `[kill9] ${kills.length} SIGKILLs, ${midPost} of them mid-post (an answer held back, the post out and not settled); ${kills.filter((k) => k.openClaims > 0).length} with claims open in the database`,
        ...kills.map((k) => `[kill9]   day ${k.day} ${k.victim} ${k.mode} at slot${k.atMs >= 0 ? '+' : ''}${(k.atMs / 1000).toFixed(1)} s: ${k.heldAnswers} held answers, ${k.openClaims} open claims`),
        `[kill9] real s per day: ${dayMs.map((ms) => (ms / 1000).toFixed(1)).join(' ')}; s per start: ${[...bots.a.startMs, ...bots.b.startMs].map((ms) => (ms / 1000).toFixed(1)).join(' ')}`,
        `[kill9] messages: ${fake.channelMessages.length} (process a ${bySender.a}, b ${bySender.b}); nonce repeats answered with the first message: ${fake.nonceRepeats.length}`,
        `[kill9] post log: ${statuses.map((r) => `${r.status} ${r.n}`).join(', ')}`,
      ].join('\n'),
    );
    const diagnosis = () => `seed ${SEED}\n--- a ---\n${bots.a.log.slice(-4000)}\n--- b ---\n${bots.b.log.slice(-4000)}`;
    expect(strays, diagnosis()).toEqual([]);
    expect(doubled, diagnosis()).toEqual([]);
    expect(missing, diagnosis()).toEqual([]);
    expect(fake.channelMessages).toHaveLength(CHANNELS * DAYS);
    expect(fake.violations.filter((v) => v.problems.length)).toEqual([]);
    expect(kills.length).toBeGreaterThanOrEqual(DAYS);
    // Without one, the run never met the hard case (a post out, its claim not settled).
    expect(midPost, 'no kill landed mid-post').toBeGreaterThan(0);
  }, 15 * 60_000);
});
