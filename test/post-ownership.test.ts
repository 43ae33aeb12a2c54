// A poster that owns only some channels (a sharded platform, poster.owns): the digest scheduler,
// its record of missed days and the alert dispatcher take only those, and another poster of
// the same platform that owns the rest takes the rest. Platform-neutral: in-memory posters,
// a clock moved by hand, one state directory.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertDispatcher } from '../src/digest/alerts.ts';
import { DigestScheduler } from '../src/digest/index.ts';
import { posterFor, type DigestPoster, type PostTarget } from '../src/digest/poster.ts';
import { FollowService } from '../src/follow/follows.ts';
import { openStateStore } from '../src/store/file-storage.ts';
import type { Storage } from '../src/store/storage.ts';
import { admin, publish, testIncident } from './alerts-harness.ts';
import { FakeClock, FakePoster } from './digest-harness.ts';
import { testBot } from './helpers.ts';

const bot = testBot();
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

async function storage(clock: FakeClock): Promise<Storage> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-ownership-'));
  const store = await openStateStore({ dir, now: clock.now });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  return store;
}

/** A Discord poster that owns the channels of these servers only. */
function owning(clock: FakeClock, workspaces: string[], delivered?: FakePoster['delivered']): FakePoster & Required<Pick<DigestPoster, 'owns'>> {
  return Object.assign(new FakePoster('discord', clock, delivered), { owns: (t: PostTarget) => t.workspace !== undefined && workspaces.includes(t.workspace) });
}

const sub = (channel: string, workspace?: string) => ({ platform: 'discord' as const, channel, ...(workspace ? { workspace } : {}), language: 'en' as const, time: '09:00', zone: 'Asia/Karachi', createdBy: 'U1' });

describe('posterFor', () => {
  it('is the platform poster unless it says another instance owns the target', () => {
    const clock = new FakeClock('2025-05-27T00:00:00Z');
    const plain = new FakePoster('slack', clock);
    const sharded = owning(clock, ['G1']);
    const posters = new Map<string, DigestPoster>([
      ['slack', plain],
      ['discord', sharded],
    ]);
    expect(posterFor(posters, { platform: 'slack', channel: 'S1' })).toBe(plain);
    expect(posterFor(posters, { platform: 'discord', channel: 'C1', workspace: 'G1' })).toBe(sharded);
    expect(posterFor(posters, { platform: 'discord', channel: 'C2', workspace: 'G2' })).toBeUndefined();
    expect(posterFor(posters, { platform: 'telegram', channel: 'X' })).toBeUndefined();
  });
});

describe('the digest scheduler with a poster that owns some channels', () => {
  it('posts and records missed days only for its own; a second scheduler owning the rest posts those, each once', async () => {
    const clock = new FakeClock('2025-05-24T00:00:00Z');
    const store = await storage(clock);
    await store.addSubscription(sub('C1', 'G1'));
    await store.addSubscription(sub('C2', 'G2'));
    clock.set('2025-05-27T03:00:00Z'); // 24, 25 and 26 May were missed: no scheduler ran

    const logs: string[] = [];
    const mine = owning(clock, ['G1']);
    const first = new DigestScheduler({ store, kb: bot.kb, posters: [mine], clock, log: (level, line) => logs.push(`${level}: ${line}`), spacingMs: 0 });
    cleanups.push(() => first.stop());
    await first.start();
    await clock.runUntil('2025-05-27T05:00:00Z', first);
    expect(mine.delivered.map((m) => m.channel)).toEqual(['C1']);
    const missed = () => store.read().posts.filter((p) => p.status === 'failed' && p.error?.startsWith('missed'));
    const subId = (channel: string) => store.read().subscriptions.find((s) => s.channel === channel)!.id;
    expect(missed().map((p) => [p.subscriptionId, p.date])).toEqual(['2025-05-24', '2025-05-25', '2025-05-26'].map((day) => [subId('C1'), day]));
    expect(first.dueSlots()).toEqual([]);
    await first.stop();

    const theirs = owning(clock, ['G2'], mine.delivered);
    const second = new DigestScheduler({ store, kb: bot.kb, posters: [theirs], clock, log: (level, line) => logs.push(`${level}: ${line}`), spacingMs: 0 });
    cleanups.push(() => second.stop());
    await second.start();
    await clock.runUntil('2025-05-27T06:00:00Z', second);
    expect(mine.delivered.map((m) => m.channel)).toEqual(['C1', 'C2']);
    expect(missed().filter((p) => p.subscriptionId === subId('C2')).map((p) => p.date)).toEqual(['2025-05-24', '2025-05-25', '2025-05-26']);
    expect(missed()).toHaveLength(6);
  });
});

describe('instant alerts with a poster that owns some channels', () => {
  it('alerts only its own following channels; the instance owning the others alerts those, each once', async () => {
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const store = await storage(clock);
    const follows = new FollowService({ store });
    const chat = bot.withServices({ follows });
    for (const [channel, workspace] of [
      ['C1', 'G1'],
      ['C2', 'G2'],
    ] as const) {
      const reply = await chat.run('follow', { name: 'China' }, admin(channel, { workspace }));
      expect(reply.kind, reply.title).toBe('help');
    }
    const dispatcher = (poster: FakePoster) => {
      const alerts = new AlertDispatcher({ store, kb: bot.kb, posters: [poster], clock, pollMs: 10 * 60_000, spacingMs: 0 });
      cleanups.push(() => alerts.stop());
      return alerts;
    };
    const mine = owning(clock, ['G1']);
    const first = dispatcher(mine);
    await first.start();
    const theirs = owning(clock, ['G2'], mine.delivered);
    const second = dispatcher(theirs);
    await second.start();

    clock.set('2025-05-27T04:01:00Z');
    await publish(store, 'test-ownership', testIncident('test-ownership', [{ id: 'c1', by: 'microsoft', against: ['volt-typhoon'] }]));
    await first.tick();
    expect(mine.delivered.map((m) => m.channel)).toEqual(['C1']);
    await second.tick();
    await first.tick();
    expect(mine.delivered.map((m) => m.channel)).toEqual(['C1', 'C2']);
  });
});
