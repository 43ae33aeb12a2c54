// Several instances (PostgreSQL): a claim whose owner died is settled only once its lease has
// run out, which is often past half of Discord's duplicate window. The re-send may then be taken
// up by another instance than the one that settled it, which reads its deadline from the row
// (retryAt + half a window). That deadline must not pass the window counted from the first
// attempt, or a re-send could reach the platform after it stopped dropping the repeat.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestScheduler, type DigestLog } from '../src/digest/index.ts';
import { settleInterruptedPosts } from '../src/digest/recovery.ts';
import { digestKey } from '../src/digest/slots.ts';
import { emptyReply } from '../src/reply/model.ts';
import { openStateStore } from '../src/store/file-storage.ts';
import { FakeClock, FakePoster } from './digest-harness.ts';
import { testBot } from './helpers.ts';

const WINDOW_MS = 60_000;
const DAY = '2025-05-27';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a dead instance’s claim, settled by one instance and re-sent by another', () => {
  it('is not re-sent once the duplicate window from its first attempt has passed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-lease-window-'));
    dirs.push(dir);
    const clock = new FakeClock('2025-05-27T03:00:00Z');
    const store = await openStateStore({ dir, now: clock.now });
    const logs: string[] = [];
    const log: DigestLog = (level, message) => logs.push(`${level}: ${message}`);
    // The platform keeps the key exactly as long as the poster says it does.
    const poster = new FakePoster('discord', clock);
    poster.dedupeWindowMs = WINDOW_MS;
    poster.platformWindowMs = WINDOW_MS;
    const sub = await store.addSubscription({ platform: 'discord', channel: 'C1', language: 'en', time: '09:00', zone: 'Asia/Karachi', createdBy: 'U1' });
    clock.set('2025-05-27T04:00:00Z');

    // The dead instance claimed at 04:00:00 with a 30 s lease, and its post went out.
    await store.claimPost(sub.id, DAY, { owner: 'dead', leaseUntil: new Date('2025-05-27T04:00:30Z') });
    poster.delivered.push({ id: 'discord-1', channel: 'C1', key: digestKey(sub.id, DAY), reply: emptyReply('help', 'en', 'x'), at: clock.now().toISOString() });

    // 45 s later one instance finds the lease run out and settles the claim for a re-send.
    clock.set('2025-05-27T04:00:45Z');
    await settleInterruptedPosts({ store, posters: new Map([['discord', poster]]), now: clock.now(), log, owner: 'settler', exclusive: false });
    const row = store.read().posts[0]!;
    expect(row).toMatchObject({ status: 'failed' });
    expect(Date.parse(row.retryAt!)).toBeLessThanOrEqual(clock.now().getTime());
    // The deadline another instance reads from the row stays inside the window.
    expect(Date.parse(row.retryAt!) + WINDOW_MS / 2).toBeLessThanOrEqual(Date.parse('2025-05-27T04:00:00Z') + WINDOW_MS);

    // The settler stalls; another instance takes the re-send up after the window.
    clock.set('2025-05-27T04:01:02Z');
    const other = new DigestScheduler({ store, kb: testBot().kb, posters: [poster], clock, log, owner: 'other', exclusive: false });
    await other.start();
    await other.stop();
    expect(poster.in('C1')).toHaveLength(1);
    expect(store.read().posts[0]).toMatchObject({ status: 'unconfirmed' });
    expect(logs.join('\n')).toMatch(/drops a repeat had passed before the retry could start; not re-sent/);
  });
});
