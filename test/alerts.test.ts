// Instant alerts, through the AlertDispatcher with an in-memory poster and a clock moved by hand:
// who gets what, once; the first start's baseline; batching and the hourly limit; failures,
// pausing and resuming; a crash mid-post; a renamed actor; and two instances on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertDispatcher, type AlertDispatcherOptions } from '../src/digest/alerts.ts';
import { PostError } from '../src/digest/poster.ts';
import { Incident } from '../src/domain/schema.ts';
import { FollowService } from '../src/follow/follows.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { openStateStore } from '../src/store/file-storage.ts';
import { PgStorage } from '../src/store/pg/pg-storage.ts';
import type { Storage } from '../src/store/storage.ts';
import { admin, publish, testIncident } from './alerts-harness.ts';
import { FakeClock, FakePoster, type Delivered } from './digest-harness.ts';
import { ARABIC, testBot } from './helpers.ts';
import { dropSchema, postgresMissing, TEST_DATABASE_URL, testSchema } from './pg-helpers.ts';

const base = testBot();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-alerts-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** One bot process: its storage, the follow commands, and the dispatcher posting through `posters`. */
async function boot(storage: Storage, clock: FakeClock, posters: FakePoster[], opts: Partial<AlertDispatcherOptions> = {}) {
  const logs: string[] = [];
  const log = (level: string, message: string) => void logs.push(`${level}: ${message}`);
  const follows = new FollowService({ store: storage, log });
  const chat = base.withServices({ follows });
  const alerts = new AlertDispatcher({ store: storage, kb: base.kb, posters, clock, log, pollMs: 10 * 60_000, spacingMs: 0, ...opts });
  const process = { dead: false };
  // A process "killed" mid-post is abandoned, never stopped: its run never finishes.
  cleanups.push(() => (process.dead ? undefined : alerts.stop()));
  const follow = async (channel: string, name: string, extra: Parameters<typeof admin>[1] = {}) => {
    const reply = await chat.run('follow', { name, ...(extra.lang ? { lang: extra.lang } : {}) }, admin(channel, extra));
    expect(reply.kind, reply.title).toBe('help');
    return reply;
  };
  return { storage, chat, alerts, logs, follow, process };
}

async function fileStorage(dir: string, clock: FakeClock): Promise<Storage> {
  const storage = await openStateStore({ dir, now: clock.now });
  cleanups.push(() => storage.close());
  return storage;
}

const later = (clock: FakeClock, ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());
const titles = (messages: Delivered[]) => messages.map((m) => m.reply.title);

describe('instant alerts', () => {
  it('a published claim about Forest Blizzard reaches the channel following APT28 by its Urdu name, once, in Urdu, and not the one following China', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const poster = new FakePoster('discord', clock);
    const bot = await boot(await fileStorage(dir, clock), clock, [poster]);
    await bot.follow('C-UR', 'اے پی ٹی 28');
    await bot.follow('C-CN', 'China');
    await bot.follow('C-RU', 'Russia');
    await bot.alerts.start();
    expect(poster.delivered).toEqual([]); // the data's 480-odd claims are the baseline

    later(clock, 60_000);
    await publish(bot.storage, 'test-forest-blizzard', testIncident('test-forest-blizzard', [{ id: 'c1', by: 'microsoft', against: ['forest-blizzard'] }]));
    await bot.alerts.tick();
    const [ur] = poster.in('C-UR');
    expect(poster.in('C-UR')).toHaveLength(1);
    expect(ur!.reply).toMatchObject({ lang: 'ur', dir: 'rtl', ephemeral: false, title: 'نیا دعویٰ — اے پی ٹی 28 (روس)' });
    expect(ur!.reply.fields[0]!.label).toBe('آزمائشی واقعہ test-forest-blizzard — 27 مئی 2025: مائیکروسافٹ نے اے پی ٹی 28 (روس) پر الزام عائد کیا');
    expect(ur!.reply.fields[0]!.lines).toEqual(['آزمائشی دعویٰ c1۔']);
    expect(ur!.reply.sources).toEqual([{ publisher: 'Test Wire', title: 'Test report on test-forest-blizzard', date: '27 مئی 2025', url: 'https://example.org/test-report' }]);
    expect(ur!.key).toMatch(/^[0-9a-f]{25}$/);
    // A state covers the groups attributed to it: Russia's follower gets it, in English; China's does not.
    expect(titles(poster.in('C-RU'))).toEqual(['New claim — Russia']);
    expect(poster.in('C-RU')[0]!.reply.fields[0]!.label).toBe('Test incident test-forest-blizzard — 27 May 2025: Microsoft accused APT28 (Russia)');
    expect(poster.in('C-CN')).toEqual([]);

    await bot.alerts.tick();
    expect(poster.delivered).toHaveLength(2);
    expect((await bot.storage.listDeliveries()).map((d) => [d.channelKey, d.claimKey, d.status])).toEqual([
      ['discord:C-UR', 'test-forest-blizzard/c1', 'posted'],
      ['discord:C-RU', 'test-forest-blizzard/c1', 'posted'],
    ]);

    // A restart: the new process reads the same records and sends nothing again.
    await bot.alerts.stop();
    await bot.storage.close();
    later(clock, 60_000);
    const again = await boot(await fileStorage(dir, clock), clock, [new FakePoster('discord', clock, poster.delivered)]);
    await again.alerts.start();
    await again.alerts.tick();
    expect(poster.delivered).toHaveLength(2);
  });

  it('the first start records the data as a baseline; a claim new in the data on a later start is alerted once', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const poster = new FakePoster('discord', clock);
    const first = await boot(await fileStorage(dir, clock), clock, [poster]);
    await first.follow('C1', 'China');
    await first.alerts.start();
    expect(poster.delivered).toEqual([]);
    expect(first.logs).toContainEqual(expect.stringMatching(/first start; the claims already in the data are recorded as seen/));
    await first.alerts.stop();
    await first.storage.close();

    // A deploy brings a new incident in data/: its claim about Volt Typhoon (China) is new.
    const added = Incident.parse(testIncident('test-new-in-data', [{ id: 'c1', by: 'microsoft', against: ['volt-typhoon'] }]));
    const kb2 = new KnowledgeBase({ ...base.kb.dataset, incidents: [...base.kb.dataset.incidents, added] }, base.kb.registry);
    for (let restart = 0; restart < 2; restart++) {
      later(clock, 60_000);
      const next = await boot(await fileStorage(dir, clock), clock, [new FakePoster('discord', clock, poster.delivered)], { kb: kb2 });
      await next.alerts.start();
      await next.alerts.tick();
      expect(titles(poster.in('C1')), `restart ${restart}`).toEqual(['New claim — China']);
      if (restart === 0) expect(next.logs).toContainEqual('info: alerts: 1 claim new in the data since the last start');
      await next.alerts.stop();
      await next.storage.close();
    }
    expect(poster.in('C1')[0]!.reply.fields[0]!.label).toContain('Microsoft accused Volt Typhoon (China)');
  });

  it('ten claims of one record are one post; at most N posts an hour, the rest wait for the next one and none is dropped', async () => {
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const poster = new FakePoster('discord', clock);
    const bot = await boot(await fileStorage(tempDir(), clock), clock, [poster], { maxPerHour: 2, pollMs: 2 * 3_600_000 });
    await bot.follow('C1', 'apt28');
    await bot.alerts.start();
    const claims = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, by: 'microsoft', against: ['apt28'] }));

    later(clock, 60_000);
    await publish(bot.storage, 'test-burst', testIncident('test-burst', claims('b', 10)));
    await bot.alerts.tick();
    expect(titles(poster.delivered)).toEqual(['10 new claims — APT28 (Russia)']);
    const burst = poster.delivered[0]!.reply;
    expect(burst.fields).toHaveLength(9);
    expect(burst.fields.at(-1)).toEqual({ label: '+2 more', lines: ['2 more new claims about APT28 (Russia): see /week or /actor.'] });

    later(clock, 60_000);
    await publish(bot.storage, 'test-second', testIncident('test-second', claims('s', 1)));
    await bot.alerts.tick();
    later(clock, 60_000);
    await publish(bot.storage, 'test-third', testIncident('test-third', claims('t', 1)));
    await bot.alerts.tick();
    later(clock, 60_000);
    await publish(bot.storage, 'test-fourth', testIncident('test-fourth', claims('f', 2)));
    await bot.alerts.tick();
    expect(titles(poster.delivered)).toEqual(['10 new claims — APT28 (Russia)', 'New claim — APT28 (Russia)']);
    expect(bot.logs).toContainEqual(expect.stringMatching(/discord channel C1: 1 new claim held back until 2025-05-27T05:01:00.001Z \(at most 2 alerts an hour\)/));
    expect(bot.alerts.nextWakeAt).toEqual(new Date('2025-05-27T05:01:00.001Z'));

    await clock.runUntil('2025-05-27T05:02:00Z', bot.alerts);
    expect(titles(poster.delivered)).toEqual(['10 new claims — APT28 (Russia)', 'New claim — APT28 (Russia)', '3 new claims — APT28 (Russia)']);
    expect(poster.delivered[2]!.at).toBe('2025-05-27T05:01:00.001Z');
    const rows = await bot.storage.listDeliveries({ platform: 'discord', channel: 'C1' });
    expect(rows).toHaveLength(14);
    expect(rows.every((r) => r.status === 'posted')).toBe(true);
  });

  it('a claim published before a channel followed, or longer ago than the window, is not owed to it', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const poster = new FakePoster('discord', clock);
    const bot = await boot(await fileStorage(dir, clock), clock, [poster]);
    await bot.follow('C-EARLY', 'apt28');
    await publish(bot.storage, 'test-old', testIncident('test-old', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
    later(clock, 60_000);
    await bot.follow('C-LATE', 'apt28');
    // The bot was down for eight days: too late for an alert (the daily digest still has it).
    later(clock, 8 * 86_400_000);
    await bot.alerts.start();
    expect(poster.delivered).toEqual([]);
    await publish(bot.storage, 'test-new', testIncident('test-new', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
    await bot.alerts.tick();
    expect(poster.delivered.map((m) => m.channel).sort()).toEqual(['C-EARLY', 'C-LATE']);
  });

  it('a channel that is gone is paused after 3 failures and told where possible; following again resumes it; the others keep getting alerts', async () => {
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const poster = new FakePoster('discord', clock);
    let gone = true;
    poster.fail = (channel) => (channel === 'C-GONE' && gone ? new PostError('gone', 'discord: 404 [10003] Unknown Channel') : undefined);
    const bot = await boot(await fileStorage(tempDir(), clock), clock, [poster]);
    await bot.follow('C-GONE', 'apt28');
    await bot.follow('C-OK', 'apt28');
    await bot.alerts.start();
    later(clock, 60_000);
    await publish(bot.storage, 'test-a', testIncident('test-a', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
    await bot.alerts.tick();
    expect(poster.in('C-OK')).toHaveLength(1);
    await clock.runUntil('2025-05-27T04:30:00Z', bot.alerts);
    const attempts = poster.attempts.filter((a) => a.channel === 'C-GONE').map((a) => a.at);
    expect(attempts).toEqual(['2025-05-27T04:01:00.000Z', '2025-05-27T04:02:00.000Z', '2025-05-27T04:04:00.000Z']);
    expect((await bot.storage.listAlertChannels()).find((c) => c.channel === 'C-GONE')).toMatchObject({ paused: true, failures: 3, pausedReason: expect.stringMatching(/^gone: /), pauseNoticeSent: true });
    expect(poster.notices.map((n) => [n.channel, n.reply.title])).toEqual([['C-GONE', 'Alerts paused']]);
    expect(poster.notices[0]!.reply.description).toMatch(/3 times in a row \(channel not found\).*run \/follow again to resume them/);
    expect(bot.logs).toContainEqual(expect.stringMatching(/^warn: discord channel C-GONE: alerts paused after 3 failures in a row \(gone\)/));
    const listed = await bot.chat.run('following', {}, admin('C-GONE'));
    expect(listed.description).toMatch(/^Alerts are paused: channel not found/);

    later(clock, 60_000);
    await publish(bot.storage, 'test-b', testIncident('test-b', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
    await bot.alerts.tick();
    expect(poster.in('C-OK')).toHaveLength(2);
    expect(poster.attempts.filter((a) => a.channel === 'C-GONE')).toHaveLength(3);

    // Access is back; following again (even what it already follows) resumes the channel.
    gone = false;
    later(clock, 60_000);
    const resumed = await bot.chat.run('follow', { name: 'apt28' }, admin('C-GONE'));
    expect(resumed.title).toBe('Following APT28 (Russia)');
    expect(resumed.description).toContain('Alerts in this channel were paused; they are on again.');
    later(clock, 60_000);
    await publish(bot.storage, 'test-c', testIncident('test-c', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
    await bot.alerts.tick();
    // Only what was published after the resume: the claims missed while paused are not sent late.
    expect(poster.in('C-GONE').map((m) => m.reply.fields[0]!.label)).toEqual([expect.stringContaining('test-c')]);
  });

  it('a transient failure is retried under the same key, and a rate limit waits its time', async () => {
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const poster = new FakePoster('discord', clock);
    poster.fail = (_channel, attempt) => (attempt === 1 ? new PostError('transient', 'discord: 503') : attempt === 2 ? new PostError('rate-limited', 'discord: 429', 5_000) : undefined);
    const bot = await boot(await fileStorage(tempDir(), clock), clock, [poster]);
    await bot.follow('C1', 'apt28');
    await bot.alerts.start();
    later(clock, 60_000);
    await publish(bot.storage, 'test-a', testIncident('test-a', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
    await bot.alerts.tick();
    await clock.runUntil('2025-05-27T04:10:00Z', bot.alerts);
    expect(poster.attempts.map((a) => a.at)).toEqual(['2025-05-27T04:01:00.000Z', '2025-05-27T04:02:00.000Z', '2025-05-27T04:02:05.000Z']);
    expect(poster.delivered).toHaveLength(1);
    const [row] = await bot.storage.listDeliveries();
    expect(row).toMatchObject({ status: 'posted', attempts: 3, batch: poster.delivered[0]!.key });
    expect((await bot.storage.listAlertChannels())[0]).toMatchObject({ failures: 0, paused: false });
  });

  describe('a restart between the claim and the confirmation', () => {
    async function crash(dir: string, when: 'before-send' | 'after-send', delivered: Delivered[]) {
      const clock = new FakeClock('2025-05-27T04:00:00Z');
      const poster = new FakePoster('discord', clock, delivered);
      const storage = await openStateStore({ dir, now: clock.now });
      const bot = await boot(storage, clock, [poster]);
      await bot.follow('C1', 'apt28');
      await bot.alerts.start();
      poster.crash = when;
      later(clock, 60_000);
      await publish(storage, 'test-a', testIncident('test-a', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
      void bot.alerts.tick(); // never finishes: the process "dies" inside post()
      await poster.crashed.promise;
      bot.process.dead = true;
      expect((await storage.listDeliveries()).map((d) => d.status)).toEqual(['claimed']);
    }

    it('within the platform’s idempotency window: re-sent under the same key, one message either way', async () => {
      for (const when of ['before-send', 'after-send'] as const) {
        const dir = tempDir();
        const delivered: Delivered[] = [];
        await crash(dir, when, delivered);
        const clock = new FakeClock('2025-05-27T04:01:20Z'); // back 20 s later
        const poster = new FakePoster('discord', clock, delivered);
        poster.dedupeWindowMs = 60_000;
        const bot = await boot(await fileStorage(dir, clock), clock, [poster]);
        await bot.alerts.start();
        expect(delivered, when).toHaveLength(1);
        expect(poster.attempts, when).toHaveLength(1);
        expect((await bot.storage.listDeliveries()).map((d) => [d.status, d.messageId]), when).toEqual([['posted', delivered[0]!.id]]);
        expect(bot.logs.join('\n'), when).toMatch(/re-sending an alert interrupted by a restart 20 s ago/);
      }
    });

    it('after the window, or on a platform without one: not re-sent, recorded unconfirmed and logged', async () => {
      const dir = tempDir();
      const delivered: Delivered[] = [];
      await crash(dir, 'after-send', delivered);
      const clock = new FakeClock('2025-05-27T04:06:00Z');
      const poster = new FakePoster('discord', clock, delivered);
      const bot = await boot(await fileStorage(dir, clock), clock, [poster]);
      await bot.alerts.start();
      expect(delivered).toHaveLength(1);
      expect(poster.attempts).toEqual([]);
      expect((await bot.storage.listDeliveries()).map((d) => d.status)).toEqual(['unconfirmed']);
      expect(bot.logs).toContainEqual(expect.stringMatching(/^warn: discord channel C1: an alert was interrupted by a restart and may or may not have gone out; not re-sending it/));
    });
  });

  it('a follow whose actor was renamed or merged in the data moves to its new id and keeps working', async () => {
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const poster = new FakePoster('discord', clock);
    const storage = await fileStorage(tempDir(), clock);
    const bot = await boot(storage, clock, [poster]);
    await storage.addFollow({ platform: 'discord', channel: 'C1', kind: 'actor', target: 'strontium-old-id', names: ['STRONTIUM', 'سٹرونشیم'], createdBy: 'U1' }, { defaultLanguage: 'en', maxPerChannel: 50 });
    await storage.addFollow({ platform: 'discord', channel: 'C2', kind: 'actor', target: 'vanished-id', names: ['No Such Group Anywhere'], createdBy: 'U1' }, { defaultLanguage: 'en', maxPerChannel: 50 });
    await bot.alerts.start();
    later(clock, 60_000);
    await publish(storage, 'test-a', testIncident('test-a', [{ id: 'c1', by: 'microsoft', against: ['apt28'] }]));
    await bot.alerts.tick();
    expect(titles(poster.in('C1'))).toEqual(['New claim — APT28 (Russia)']);
    expect(poster.in('C2')).toEqual([]);
    expect((await storage.listFollows({ channel: 'C1' }))[0]).toMatchObject({ target: 'apt28', names: expect.arrayContaining(['APT28', 'STRONTIUM', 'سٹرونشیم']) });
    expect(bot.logs).toContainEqual('info: alerts: discord channel C1: strontium-old-id is now apt28; the follow moved with it');
    expect(bot.logs).toContainEqual(expect.stringMatching(/^warn: alerts: discord channel C2 follows vanished-id \(No Such Group Anywhere\), which is no longer in the data/));
    const listed = await bot.chat.run('following', {}, admin('C2'));
    expect(listed.fields[0]!.lines.join()).toContain('no longer in the dataset under these names');
  });

  it('answers in Urdu and posts in Urdu for a Slack channel too, with Slack’s command names', async () => {
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const slack = new FakePoster('slack', clock);
    const bot = await boot(await fileStorage(tempDir(), clock), clock, [slack]);
    const reply = await bot.follow('C0UR', 'بھارت', { platform: 'slack', workspace: 'T1' });
    expect(reply.footer).toContain('/ilzam-following');
    await bot.alerts.start();
    later(clock, 60_000);
    await publish(bot.storage, 'test-a', { ...testIncident('test-a', [{ id: 'c1', by: 'pakistan', against: ['india'] }]), victimStates: ['pakistan'] });
    await bot.alerts.tick();
    const [post] = slack.in('C0UR');
    expect(post!.reply.title).toBe('نیا دعویٰ — بھارت');
    expect(post!.reply.footer).toMatch(ARABIC);
  });
});

describe.skipIf(postgresMissing !== undefined)('instant alerts on PostgreSQL', () => {
  it('two instances dispatching at once send each alert once', async () => {
    const schema = testSchema('alerts');
    cleanups.push(() => dropSchema(schema));
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const open = async () => {
      const s = await PgStorage.open({ url: TEST_DATABASE_URL, schema, now: clock.now, pollMs: 0, log: () => undefined });
      cleanups.push(() => s.close());
      return s;
    };
    const delivered: Delivered[] = [];
    const a = await boot(await open(), clock, [new FakePoster('discord', clock, delivered)], { owner: 'instance-a' });
    const b = await boot(await open(), clock, [new FakePoster('discord', clock, delivered)], { owner: 'instance-b' });
    await a.follow('C1', 'Fancy Bear');
    await b.follow('C2', 'Russia');
    await Promise.all([a.alerts.start(), b.alerts.start()]);
    later(clock, 60_000);
    await publish(a.storage, 'test-a', testIncident('test-a', [{ id: 'c1', by: 'microsoft', against: ['forest-blizzard'] }, { id: 'c2', by: 'google', against: ['apt28'] }]));
    await Promise.all([a.alerts.tick(), b.alerts.tick(), a.alerts.tick(), b.alerts.tick()]);
    await Promise.all([a.alerts.idle(), b.alerts.idle()]);
    expect(delivered.map((m) => [m.channel, m.reply.title]).sort()).toEqual([
      ['C1', '2 new claims — APT28 (Russia)'],
      ['C2', '2 new claims — Russia'],
    ]);
    expect((await a.storage.listDeliveries()).every((d) => d.status === 'posted')).toBe(true);
  });
});
