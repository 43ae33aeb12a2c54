// The soak test of the daily digest: a simulated month (test/digest-sim.ts) of many channels on
// a Discord-like and a Slack-like platform, with hung, failing and slow posts, kills inside and
// outside post() and restarts, and channels that re-subscribe the same day. It holds the digest
// to what docs/digest.md promises: no day posted twice, except Slack's documented case (a
// connection reset after Slack took the post, then a retry), and no day missing without a
// reason in the state. Simulated time only: a month takes seconds.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { loadKnowledgeBase } from '../src/knowledge/load.ts';
import { HARSH, simulateMonth, type Channel, type ChannelDay, type FateOdds, type SimOptions } from './digest-sim.ts';

// The scheduler is under test, not the dataset: a small one (the core parties and one
// incident) keeps each digest cheap to build and the month independent of data changes.
let kb: KnowledgeBase;
let dataDir: string;
beforeAll(() => {
  const repoData = path.resolve(import.meta.dirname, '../data');
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-soak-data-'));
  mkdirSync(path.join(dataDir, 'parties'));
  mkdirSync(path.join(dataDir, 'incidents'));
  for (const file of ['dataset.json', 'parties/core.json', 'incidents/volt-typhoon.json']) copyFileSync(path.join(repoData, file), path.join(dataDir, file));
  kb = loadKnowledgeBase({ dataDir });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SCHEDULES: Pick<Channel, 'time' | 'zone'>[] = [
  { time: '09:00', zone: 'Asia/Karachi' },
  { time: '01:30', zone: 'Europe/London' },
  { time: '01:30', zone: 'America/New_York' },
  { time: '02:30', zone: 'America/New_York' },
  { time: '23:59', zone: 'Asia/Karachi' },
  { time: '00:00', zone: 'UTC' },
  { time: '21:00', zone: 'America/Los_Angeles' },
  { time: '12:00', zone: 'Asia/Kolkata' },
  { time: '00:15', zone: 'Pacific/Auckland' },
  { time: '23:30', zone: 'Pacific/Honolulu' },
];

/** The same schedules on both platforms; one channel on each is deleted on 4 November. */
function channels(): Channel[] {
  return (['discord', 'slack'] as const).flatMap((platform) =>
    SCHEDULES.map((s, i) => ({ platform, id: `${platform === 'discord' ? 'D' : 'S'}${i}`, ...s, ...(i === 9 ? { goneFrom: '2025-11-04' } : {}) })),
  );
}

/**
 * Re-subscriptions at noon UTC: 09:00 Karachi (04:00Z) and 01:30 London are through by then.
 * A later time the same day is the case that could post twice; going back to the first time
 * the next time round (that slot has passed: it starts the next day) sets up the next case.
 */
function resubscriptions(): SimOptions['resubscribe'] {
  const days = ['2025-10-20', '2025-10-23', '2025-10-27', '2025-11-01', '2025-11-05'];
  return days.flatMap((day, i) =>
    (['D', 'S'] as const).flatMap((p) => [
      { channel: `${p}0`, day, time: i % 2 ? '09:00' : '20:00' },
      { channel: `${p}1`, day, time: i % 2 ? '01:30' : '18:00' },
    ]),
  );
}

const NO_FAILURES: FateOdds = Object.fromEntries(Object.keys(HARSH).map((k) => [k, 0])) as unknown as FateOdds;

function options(over: Partial<SimOptions>): SimOptions {
  return {
    kb,
    start: '2025-10-15T00:00:00Z', // across both autumn clock changes (Europe 26 Oct, US 2 Nov)
    days: 30,
    seed: 1,
    channels: channels(),
    odds: HARSH,
    killEveryHours: 40,
    resubscribe: resubscriptions(),
    discordDedupeWindowMs: 60_000,
    discordPlatformWindowMs: 3 * 60_000, // the Discord fake's, as Discord says "a few minutes"
    ...over,
  };
}

interface Figures {
  channelDays: number;
  delivered: number;
  doubles: { discord: number; slack: number; slackDocumented: number };
  missing: number;
  missingWithoutReason: ChannelDay[];
  reasons: Record<string, number>;
}

function figures(days: ChannelDay[]): Figures {
  const extra = (d: ChannelDay) => Math.max(0, d.deliveries.length - 1);
  const slackDoubles = days.filter((d) => d.platform === 'slack' && d.deliveries.length > 1);
  const missing = days.filter((d) => !d.deliveries.length);
  const reasons: Record<string, number> = {};
  for (const d of missing) {
    const kind = d.reason?.replace(/^(\w+): (missed|interrupted by a restart|paused|no answer|gone|forbidden|transient|rate-limited|may have gone out|[^:;(]*).*$/s, '$1: $2') ?? 'none';
    reasons[kind] = (reasons[kind] ?? 0) + 1;
  }
  return {
    channelDays: days.length,
    delivered: days.filter((d) => d.deliveries.length).length,
    doubles: {
      discord: days.filter((d) => d.platform === 'discord').reduce((n, d) => n + extra(d), 0),
      slack: slackDoubles.reduce((n, d) => n + extra(d), 0),
      // Slack's documented case: one of the deliveries was a post Slack took before the connection reset.
      slackDocumented: slackDoubles.filter((d) => d.deliveries.some((m) => m.resetAfterAccept)).reduce((n, d) => n + extra(d), 0),
    },
    missing: missing.length,
    missingWithoutReason: missing.filter((d) => !d.reason),
    reasons,
  };
}

describe('a simulated month of digests', () => {
  it('with no failures and no kills: every channel gets exactly one post a day, through both clock changes', async () => {
    // 12 days are enough here: Europe's change on 26 October and the US one on 2 November.
    const result = await simulateMonth(options({ odds: NO_FAILURES, killEveryHours: 0, start: '2025-10-24T00:00:00Z', days: 12 }));
    const f = figures(result.channelDays);
    expect(f.channelDays).toBe(20 * 11);
    // Only the deleted channels (paused) and a re-subscription for a time already past miss a day.
    expect(result.channelDays.filter((d) => d.deliveries.length !== 1 && !/^(paused|not owed)/.test(d.reason ?? ''))).toEqual([]);
    expect(f.missing).toBeLessThan(20);
  }, 120_000);

  it('with hung, failing and slow posts, kills and restarts: no double beyond Slack’s documented case, and no day missing without a reason', async () => {
    const result = await simulateMonth(options({}));
    const f = figures(result.channelDays);
    console.info(
      `soak: ${f.channelDays} channel-days, ${result.attempts} attempts ${JSON.stringify(result.fates)}, ${result.kills} kills (${result.killsInPost} inside post()); ` +
        `delivered ${f.delivered}; doubles: discord ${f.doubles.discord}, slack ${f.doubles.slack} (documented ${f.doubles.slackDocumented}); ` +
        `missing ${f.missing} ${JSON.stringify(f.reasons)}`,
    );
    // The run did meet what it is meant to meet.
    expect(result.kills).toBeGreaterThan(5);
    expect(result.killsInPost).toBeGreaterThan(0);
    for (const fate of ['503', 'reset-after-accept', 'gone', 'forbidden', '429', 'hang', 'slow']) expect(result.fates[fate], fate).toBeGreaterThan(0);

    expect(f.doubles.discord).toBe(0);
    expect(f.doubles.slack).toBe(f.doubles.slackDocumented);
    expect(f.missingWithoutReason).toEqual([]);
  }, 180_000);
});
