import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { discordPostError } from '../src/adapters/discord/errors.ts';
import { DISCORD_WORDS } from '../src/adapters/discord/commands.ts';
import { SLACK_WORDS } from '../src/adapters/slack/commands.ts';
import { slackPostError } from '../src/adapters/slack/errors.ts';
import type { Bot as ChatBot } from '../src/core/bot.ts';
import type { Caller, CommandInput } from '../src/core/command.ts';
import { digestReply, DigestScheduler, parseTime, parseZone, PostError, SubscriptionService, type DigestLog } from '../src/digest/index.ts';
import { digestKey } from '../src/digest/slots.ts';
import { stripBidi } from '../src/i18n/bidi.ts';
import type { Lang } from '../src/i18n/lang.ts';
import type { Reply } from '../src/reply/model.ts';
import { State } from '../src/store/state-schema.ts';
import { openStateStore, type StateStore } from '../src/store/file-storage.ts';
import { FakeClock, FakePoster, until, type Delivered } from './digest-harness.ts';
import { ARABIC, testBot } from './helpers.ts';

const kb = testBot().kb;

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-digest-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Everything one bot process has: its store, the subscription service and the scheduler. */
interface Bot {
  store: StateStore;
  service: SubscriptionService;
  scheduler: DigestScheduler;
  logs: string[];
  /** The chat bot with this process's subscription service, as the adapters run it. */
  chat: ChatBot;
}

async function boot(dir: string, clock: FakeClock, posters: FakePoster[], extra: { maxFailures?: number } = {}): Promise<Bot> {
  const store = await openStateStore({ dir, now: clock.now });
  const logs: string[] = [];
  const log: DigestLog = (level, message) => logs.push(`${level}: ${message}`);
  const scheduler = new DigestScheduler({ store, kb, posters, clock, log, ...extra });
  const service = new SubscriptionService({ store, defaultZone: 'Asia/Karachi', now: clock.now, onChange: () => scheduler.replan(), log });
  return { store, service, scheduler, logs, chat: testBot().withServices({ subscriptions: service }) };
}

type Who = Caller & { lang?: Lang };

/** An admin in a channel, as an adapter describes them; `platform: 'slack'` brings Slack's words and command names. */
const admin = (channel: string, extra: Partial<Omit<Who, 'commandName' | 'words'>> = {}): Who => {
  const slack = extra.platform === 'slack';
  return {
    platform: 'discord',
    channel,
    workspace: 'G1',
    user: 'U1',
    isAdmin: true,
    commandName: (name) => (slack ? `/ilzam-${name}` : `/${name}`),
    words: slack ? SLACK_WORDS : DISCORD_WORDS,
    ...extra,
  };
};

/** Runs a digest command through the Bot, as a platform would: options as typed, language from lang:. */
function command(bot: Bot, name: 'subscribe' | 'unsubscribe' | 'subscriptions', who: Who, input: CommandInput = {}): Promise<Reply> {
  return bot.chat.run(name, { ...(who.lang ? { lang: who.lang } : {}), ...input }, who);
}

async function subscribe(bot: Bot, channel: string, opts: { lang?: string; time?: string; zone?: string } = {}, req: Partial<Who> = {}): Promise<Reply> {
  const reply = await command(bot, 'subscribe', admin(channel, req), opts);
  expect(reply.title, reply.description).toMatch(/Subscribed|Daily digest resumed|رکنیت شروع/);
  return reply;
}

const titles = (messages: Delivered[]) => messages.map((m) => m.reply.title);
const rowsOf = (store: StateStore, channel: string) => {
  const sub = store.read().subscriptions.find((s) => s.channel === channel)!;
  return store.read().posts.filter((p) => p.subscriptionId === sub.id);
};

describe('schedule', () => {
  it('a 09:00 Asia/Karachi subscription posts at 04:00Z, not before, once, and again the next day', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z'); // 27 May, 01:00 in Karachi
    const discord = new FakePoster('discord', clock);
    const bot = await boot(tempDir(), clock, [discord]);
    const reply = await subscribe(bot, 'C1');
    expect(reply.ephemeral).toBe(true);
    expect(reply.description).toContain('every day at 09:00 (Asia/Karachi), in English. The next one is on 27 May 2025.');

    await bot.scheduler.start();
    expect(bot.scheduler.nextWakeAt).toEqual(new Date('2025-05-26T20:15:00Z')); // it looks again at least every 15 minutes
    await clock.runUntil('2025-05-27T03:59:59.999Z', bot.scheduler);
    expect(discord.delivered).toHaveLength(0);

    await clock.runUntil('2025-05-27T04:00:00Z', bot.scheduler);
    expect(discord.delivered).toHaveLength(1);
    expect(discord.delivered[0]).toMatchObject({ channel: 'C1', at: '2025-05-27T04:00:00.000Z', key: digestKey(bot.store.read().subscriptions[0]!.id, '2025-05-27') });
    // The post is the week digest for that local day, with that week's anniversaries.
    expect(discord.delivered[0]!.reply).toEqual(digestReply(kb, '2025-05-27', 'en'));
    expect(discord.delivered[0]!.reply.fields[1]!.lines.join('\n')).toContain('24 May 2023: Microsoft accused Volt Typhoon');

    // Extra ticks and the rest of the Karachi day change nothing.
    await bot.scheduler.tick();
    await bot.scheduler.tick();
    await clock.runUntil('2025-05-27T18:59:59Z', bot.scheduler); // 23:59:59 in Karachi
    expect(discord.delivered).toHaveLength(1);

    await clock.runUntil('2025-05-28T03:59:00Z', bot.scheduler);
    expect(discord.delivered).toHaveLength(1);
    await clock.runUntil('2025-05-28T04:00:00Z', bot.scheduler);
    expect(titles(discord.delivered)).toEqual(['This week in attribution: 27 May 2025', 'This week in attribution: 28 May 2025']);
    expect(rowsOf(bot.store, 'C1')).toEqual([
      expect.objectContaining({ date: '2025-05-27', status: 'posted', messageId: 'discord-1' }),
      expect.objectContaining({ date: '2025-05-28', status: 'posted', messageId: 'discord-2' }),
    ]);
    await bot.scheduler.stop();
    expect(clock.nextTimer).toBeUndefined();
  });

  it('posts the digest of the local day, in the subscription language, on every platform', async () => {
    // 21:00 in New York on 27 May is 01:00 UTC on the 28th: the digest is for the 27th.
    const clock = new FakeClock('2025-05-27T12:00:00Z');
    const discord = new FakePoster('discord', clock);
    const slack = new FakePoster('slack', clock);
    const bot = await boot(tempDir(), clock, [discord, slack]);
    await subscribe(bot, 'C-ny', { lang: 'اردو', time: '21:00', zone: 'America/New_York' });
    await subscribe(bot, 'S1', { lang: 'en', time: '9:30' }, { platform: 'slack', workspace: 'T1' });
    await bot.scheduler.start();
    await clock.runUntil('2025-05-29T00:00:00Z', bot.scheduler);

    expect(discord.delivered.map((m) => [m.at, m.reply.lang, m.reply.title])).toEqual([
      ['2025-05-28T01:00:00.000Z', 'ur', 'سائبر الزامات کا ہفتہ وار جائزہ: 21 تا 27 مئی 2025'],
    ]);
    expect(discord.delivered[0]!.reply).toEqual(digestReply(kb, '2025-05-27', 'ur'));
    expect(slack.delivered.map((m) => [m.at, m.reply.title])).toEqual([['2025-05-28T04:30:00.000Z', 'This week in attribution: 28 May 2025']]);
    await bot.scheduler.stop();
  });

  it('follows daylight saving time: a 01:30 London slot skipped by the clock change runs at 02:00 BST', async () => {
    const clock = new FakeClock('2025-03-28T12:00:00Z');
    const discord = new FakePoster('discord', clock);
    const bot = await boot(tempDir(), clock, [discord]);
    await subscribe(bot, 'C1', { time: '01:30', zone: 'Europe/London' });
    await bot.scheduler.start();
    await clock.runUntil('2025-04-01T00:00:00Z', bot.scheduler);
    expect(discord.delivered.map((m) => m.at)).toEqual(['2025-03-29T01:30:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-31T00:30:00.000Z']);
    await bot.scheduler.stop();
  });

  it('a subscription made after its slot has passed today starts tomorrow, without waiting for the next timer', async () => {
    const clock = new FakeClock('2025-05-27T05:00:00Z'); // 10:00 in Karachi
    const discord = new FakePoster('discord', clock);
    const bot = await boot(tempDir(), clock, [discord]);
    await bot.scheduler.start();
    const reply = await subscribe(bot, 'C1'); // 09:00: today's has passed
    expect(reply.description).toContain('The next one is on 28 May 2025');
    await subscribe(bot, 'C2', { time: '10:05' });
    expect(bot.scheduler.nextWakeAt).toEqual(new Date('2025-05-27T05:05:00Z')); // replanned at once
    await clock.runUntil('2025-05-28T04:00:00Z', bot.scheduler);
    expect(discord.delivered.map((m) => [m.channel, m.at])).toEqual([
      ['C2', '2025-05-27T05:05:00.000Z'],
      ['C1', '2025-05-28T04:00:00.000Z'],
    ]);
    await bot.scheduler.stop();
  });
});

describe('restarts', () => {
  /**
   * Runs a bot until its poster "dies" inside post() on 27 May 09:00 Karachi, then abandons it.
   * It has a clock of its own, so none of its timers can fire in the restarted bot's time.
   */
  async function crashMidPost(dir: string, delivered: Delivered[], crash: 'before-send' | 'after-send') {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const poster = new FakePoster('discord', clock, delivered);
    poster.crash = crash;
    const bot = await boot(dir, clock, [poster]);
    await subscribe(bot, 'C1');
    clock.set('2025-05-27T04:00:00Z');
    void bot.scheduler.tick(); // never finishes: the process is "killed" inside post()
    await poster.crashed.promise;
    // The claim reached the disk before the post was sent.
    const onDisk = State.parse(JSON.parse(readFileSync(bot.store.file, 'utf8')));
    expect(onDisk.posts).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'claimed', attempts: 1 })]);
  }

  it('killed after the platform took the post: no second post, the day recorded as unconfirmed, the next day posts', async () => {
    const dir = tempDir();
    const delivered: Delivered[] = [];
    await crashMidPost(dir, delivered, 'after-send');
    expect(delivered).toHaveLength(1);

    const clock = new FakeClock('2025-05-27T04:00:05Z');
    const poster = new FakePoster('discord', clock, delivered); // a platform that cannot look up past posts
    const bot = await boot(dir, clock, [poster]);
    await bot.scheduler.start();
    expect(delivered).toHaveLength(1); // not doubled
    expect(rowsOf(bot.store, 'C1')).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'unconfirmed', error: expect.stringMatching(/restart/) })]);
    expect(bot.logs).toContainEqual(expect.stringMatching(/^warn: discord channel C1 \(2025-05-27\): a post was interrupted by a restart/));
    const list = await command(bot, 'subscriptions', admin('C1'));
    expect(list.fields[0]!.lines[1]).toBe('27 May 2025: interrupted by a restart, may not have been posted');

    await clock.runUntil('2025-05-28T04:00:00Z', bot.scheduler);
    expect(titles(delivered)).toEqual(['This week in attribution: 27 May 2025', 'This week in attribution: 28 May 2025']);
    await bot.scheduler.stop();
  });

  it('killed before the post went out: a poster that can look re-sends it once', async () => {
    const dir = tempDir();
    const delivered: Delivered[] = [];
    await crashMidPost(dir, delivered, 'before-send');
    expect(delivered).toHaveLength(0);

    const clock = new FakeClock('2025-05-27T06:00:00Z');
    const poster = new FakePoster('discord', clock, delivered);
    poster.findPost = async (channel, key) => {
      const found = delivered.find((m) => m.channel === channel && m.key === key);
      return found ? { messageId: found.id } : null;
    };
    const bot = await boot(dir, clock, [poster]);
    await bot.scheduler.start();
    expect(delivered.map((m) => m.at)).toEqual(['2025-05-27T06:00:00.000Z']);
    expect(rowsOf(bot.store, 'C1')).toEqual([expect.objectContaining({ status: 'posted', attempts: 2 })]);
    await bot.scheduler.tick();
    expect(delivered).toHaveLength(1);
    await bot.scheduler.stop();
  });

  it('killed after the post went out: a poster that can look records it instead of re-sending', async () => {
    const dir = tempDir();
    const delivered: Delivered[] = [];
    await crashMidPost(dir, delivered, 'after-send');

    const clock = new FakeClock('2025-05-27T06:00:00Z');
    const poster = new FakePoster('discord', clock, delivered);
    poster.findPost = async (channel, key) => {
      const found = delivered.find((m) => m.channel === channel && m.key === key);
      return found ? { messageId: found.id } : null;
    };
    const bot = await boot(dir, clock, [poster]);
    await bot.scheduler.start();
    expect(delivered).toHaveLength(1);
    expect(rowsOf(bot.store, 'C1')).toEqual([expect.objectContaining({ status: 'posted', messageId: 'discord-1' })]);
    await bot.scheduler.stop();
  });

  it('killed either way, restarted within the platform de-duplication window: re-sent with the same key, delivered once', async () => {
    for (const crash of ['before-send', 'after-send'] as const) {
      const dir = tempDir();
      const delivered: Delivered[] = [];
      await crashMidPost(dir, delivered, crash);

      const clock = new FakeClock('2025-05-27T04:00:20Z');
      const poster = new FakePoster('discord', clock, delivered);
      poster.dedupeWindowMs = 60_000;
      const bot = await boot(dir, clock, [poster]);
      await bot.scheduler.start();
      expect(delivered, crash).toHaveLength(1);
      expect(rowsOf(bot.store, 'C1')).toEqual([expect.objectContaining({ status: 'posted', messageId: 'discord-1' })]);
      await bot.scheduler.stop();
    }
  });

  it('the same poster restarted outside the window does not re-send', async () => {
    const dir = tempDir();
    const delivered: Delivered[] = [];
    await crashMidPost(dir, delivered, 'before-send');
    const clock = new FakeClock('2025-05-27T04:05:00Z');
    const poster = new FakePoster('discord', clock, delivered);
    poster.dedupeWindowMs = 60_000;
    const bot = await boot(dir, clock, [poster]);
    await bot.scheduler.start();
    expect(delivered).toHaveLength(0);
    expect(rowsOf(bot.store, 'C1')).toEqual([expect.objectContaining({ status: 'unconfirmed' })]);
    await bot.scheduler.stop();
  });

  it('catches up on start a post missed while down, if its local day is not over', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const first = await boot(dir, clock, [new FakePoster('discord', clock)]);
    await subscribe(first, 'C1');
    await subscribe(first, 'C2', { time: '23:00' });

    // Down from 01:00 to 22:30 in Karachi: C1's 09:00 slot was missed, C2's 23:00 is still ahead.
    clock.set('2025-05-27T17:30:00Z');
    const poster = new FakePoster('discord', clock);
    const bot = await boot(dir, clock, [poster]);
    await bot.scheduler.start();
    expect(poster.delivered.map((m) => [m.channel, m.at, m.reply.title])).toEqual([['C1', '2025-05-27T17:30:00.000Z', 'This week in attribution: 27 May 2025']]);
    expect(bot.logs).toContainEqual(expect.stringMatching(/C1 \(2025-05-27\): catching up, 810 min after its slot/));
    await clock.runUntil('2025-05-27T18:59:00Z', bot.scheduler);
    expect(poster.delivered.map((m) => [m.channel, m.at])).toEqual([
      ['C1', '2025-05-27T17:30:00.000Z'],
      ['C2', '2025-05-27T18:00:00.000Z'],
    ]);
    await bot.scheduler.stop();
  });

  it('does not catch up a day that is over, but records it as missed', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const first = await boot(dir, clock, [new FakePoster('discord', clock)]);
    await subscribe(first, 'C1');

    // Down from 27 May 01:00 to 29 May 00:30 in Karachi: two days missed, today's slot still ahead.
    clock.set('2025-05-28T19:30:00Z');
    const poster = new FakePoster('discord', clock);
    const bot = await boot(dir, clock, [poster]);
    await bot.scheduler.start();
    expect(poster.delivered).toHaveLength(0);
    expect(rowsOf(bot.store, 'C1')).toEqual([
      expect.objectContaining({ date: '2025-05-27', status: 'failed', error: expect.stringMatching(/^missed/) }),
      expect.objectContaining({ date: '2025-05-28', status: 'failed', error: expect.stringMatching(/^missed/) }),
    ]);
    expect(bot.logs.filter((l) => l.includes('missed'))).toHaveLength(2);
    expect(bot.store.read().subscriptions[0]).toMatchObject({ failures: 0, paused: false }); // downtime is not the channel's fault

    await clock.runUntil('2025-05-29T04:00:00Z', bot.scheduler);
    expect(titles(poster.delivered)).toEqual(['This week in attribution: 29 May 2025']);
    await bot.scheduler.stop();
  });

  it('survives a real kill -9 between claim and confirmation', async () => {
    const dir = tempDir();
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'digest-crash-child.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // The child prints "sent" once the platform (a file) has the post, then hangs before confirming.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('sent') && resolve());
      child.on('exit', () => reject(new Error('the child exited before posting')));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const sentFile = path.join(dir, 'sent.jsonl');
    expect(readFileSync(sentFile, 'utf8').trim().split('\n')).toHaveLength(1);

    const clock = new FakeClock('2025-05-27T04:00:03Z');
    const poster = new FakePoster('discord', clock);
    const bot = await boot(dir, clock, [poster]);
    await bot.scheduler.start();
    expect(poster.delivered).toHaveLength(0);
    expect(rowsOf(bot.store, 'C1')).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'unconfirmed' })]);
    await clock.runUntil('2025-05-28T04:00:00Z', bot.scheduler);
    expect(titles(poster.delivered)).toEqual(['This week in attribution: 28 May 2025']);
    await bot.scheduler.stop();
  });
});

describe('failures', () => {
  it('a gone or forbidden channel is paused after 3 failures and told where possible; the others keep posting', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    const slack = new FakePoster('slack', clock);
    discord.fail = (channel) =>
      channel === 'gone' ? new PostError('gone', 'discord: 404 [10003] Unknown Channel') : channel === 'locked' ? new PostError('forbidden', 'discord: 403 [50013] Missing Permissions') : undefined;
    discord.notifyFails.add('gone');
    const bot = await boot(tempDir(), clock, [discord, slack]);
    for (const channel of ['gone', 'ok', 'locked']) await subscribe(bot, channel);
    await subscribe(bot, 'S1', {}, { platform: 'slack', workspace: 'T1' });
    await bot.scheduler.start();

    await clock.runUntil('2025-05-28T05:00:00Z', bot.scheduler); // two days
    expect(bot.store.read().subscriptions.map((s) => [s.channel, s.failures, s.paused])).toEqual([
      ['gone', 2, false],
      ['ok', 0, false],
      ['locked', 2, false],
      ['S1', 0, false],
    ]);
    await clock.runUntil('2025-05-31T05:00:00Z', bot.scheduler); // three more days
    const subs = Object.fromEntries(bot.store.read().subscriptions.map((s) => [s.channel, s]));
    expect(subs.gone).toMatchObject({ paused: true, failures: 3, pauseNoticeSent: false, pausedReason: expect.stringMatching(/^gone: /) });
    expect(subs.locked).toMatchObject({ paused: true, failures: 3, pauseNoticeSent: true, pausedReason: expect.stringMatching(/^forbidden: /) });
    expect(discord.attempts.filter((a) => a.channel === 'gone')).toHaveLength(3); // one a day, none after the pause
    expect(discord.in('ok')).toHaveLength(5);
    expect(slack.in('S1')).toHaveLength(5);
    expect(discord.notices).toEqual([{ channel: 'locked', reply: expect.objectContaining({ title: 'Daily digest paused', ephemeral: false }) }]);
    expect(discord.notices[0]!.reply.description).toMatch(/could not post .* 3 times in a row \(no permission to post\).* run \/subscribe to resume/);
    expect(bot.logs).toContainEqual(expect.stringMatching(/^warn: discord channel gone: paused after 3 failures/));

    const list = await command(bot, 'subscriptions', admin('ok'));
    expect(list.fields.map((f) => [f.label, f.lines[1]])).toEqual([
      ['gone', 'paused: channel not found'],
      ['locked', 'paused: no permission to post'],
      ['ok', 'last posted 31 May 2025'],
    ]);
    // /subscribe in a paused channel resumes it, with the new settings.
    const resumed = await command(bot, 'subscribe', admin('locked'), { lang: 'ur', time: '09:30' }); // 10:00 now: starts tomorrow
    expect(resumed.title).toBe('روزانہ خلاصہ دوبارہ شروع');
    expect(bot.store.read().subscriptions.find((s) => s.channel === 'locked')).toMatchObject({ paused: false, failures: 0, language: 'ur', time: '09:30' });
    discord.fail = () => undefined;
    await clock.runUntil('2025-06-01T05:00:00Z', bot.scheduler);
    expect(discord.in('locked').map((m) => m.reply.title)).toEqual(['سائبر الزامات کا ہفتہ وار جائزہ: 26 مئی تا 1 جون 2025']);
    await bot.scheduler.stop();
  });

  it('a rate limit holds the platform queue for retryAfter, and the limited post is retried the same day', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    discord.fail = (channel, attempt) => (channel === 'A' && attempt === 1 ? new PostError('rate-limited', 'discord: 429', 30_000) : undefined);
    const bot = await boot(tempDir(), clock, [discord]);
    await subscribe(bot, 'A');
    await subscribe(bot, 'B');
    await bot.scheduler.start();
    await clock.runUntil('2025-05-27T05:00:00Z', bot.scheduler);

    expect(discord.attempts).toEqual([
      { channel: 'A', at: '2025-05-27T04:00:00.000Z' },
      { channel: 'B', at: '2025-05-27T04:00:30.000Z' }, // the 30 s rate limit held the queue
      { channel: 'A', at: '2025-05-27T04:00:31.000Z' }, // its retry time had come; 1 s after the last start
    ]);
    expect(discord.delivered.map((m) => m.channel).sort()).toEqual(['A', 'B']);
    expect(rowsOf(bot.store, 'A')).toEqual([expect.objectContaining({ status: 'posted', attempts: 2 })]);
    expect(bot.store.read().subscriptions[0]).toMatchObject({ failures: 0, paused: false });
    await bot.scheduler.stop();
  });

  it('a post that never answers holds up nothing: the others go out on time on both platforms; after its timeout it is recorded unconfirmed, not re-sent', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    const slack = new FakePoster('slack', clock);
    const bot = await boot(tempDir(), clock, [discord, slack]);
    await subscribe(bot, 'stuck');
    await subscribe(bot, 'ok');
    await subscribe(bot, 'ok2');
    await subscribe(bot, 'S1', {}, { platform: 'slack', workspace: 'T1' });
    discord.hangs.set('stuck', { delivered: true });
    let answer!: (value: { messageId: string }) => void;
    const deliver = discord.post.bind(discord);
    discord.post = (channel, reply, opts) => (channel === 'stuck' ? (void deliver(channel, reply, opts), new Promise((resolve) => (answer = resolve))) : deliver(channel, reply, opts));
    await bot.scheduler.start();
    clock.set('2025-05-27T04:00:00Z');
    void bot.scheduler.tick(); // waits for "stuck" to answer, so not awaited
    await until(() => discord.attempts.length === 1 && slack.attempts.length === 1);
    for (const [i, at] of ['2025-05-27T04:00:01Z', '2025-05-27T04:00:02Z'].entries()) {
      clock.set(at);
      clock.fireDue(); // the spacing between posts on one platform
      await until(() => discord.attempts.length === i + 2);
    }
    expect(discord.attempts).toEqual([
      { channel: 'stuck', at: '2025-05-27T04:00:00.000Z' },
      { channel: 'ok', at: '2025-05-27T04:00:01.000Z' },
      { channel: 'ok2', at: '2025-05-27T04:00:02.000Z' },
    ]);
    expect(slack.attempts).toEqual([{ channel: 'S1', at: '2025-05-27T04:00:00.000Z' }]);
    await until(() => rowsOf(bot.store, 'ok2')[0]?.status === 'posted' && rowsOf(bot.store, 'S1')[0]?.status === 'posted');
    expect(rowsOf(bot.store, 'stuck')).toEqual([expect.objectContaining({ status: 'claimed' })]);

    // 90 s without an answer: it gives up its place, recorded as unconfirmed.
    clock.set('2025-05-27T04:01:30Z');
    clock.fireDue();
    await bot.scheduler.idle();
    expect(rowsOf(bot.store, 'stuck')).toEqual([expect.objectContaining({ status: 'unconfirmed', error: expect.stringMatching(/no answer from the platform within 90 s/) })]);
    await clock.runUntil('2025-05-27T12:00:00Z', bot.scheduler);
    expect(discord.attempts.filter((a) => a.channel === 'stuck')).toHaveLength(1); // not re-sent
    answer({ messageId: 'late-1' }); // the answer comes after all
    await until(() => rowsOf(bot.store, 'stuck')[0]!.status === 'posted');
    expect(rowsOf(bot.store, 'stuck')).toEqual([expect.objectContaining({ status: 'posted', messageId: 'late-1' })]);
    expect(bot.logs).toContainEqual(expect.stringMatching(/stuck \(2025-05-27\): the late post went out/));
  });

  it('a Discord post that may have gone out is retried inside Discord’s duplicate window, whatever hangs meanwhile: one message', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    discord.dedupeWindowMs = 60_000; // as the Discord poster says; the platform keeps the nonce 3 min
    discord.resetAfterSend = (channel, attempt) => channel === 'A' && attempt === 1;
    const slack = new FakePoster('slack', clock);
    slack.hangs.set('S1', { delivered: false });
    const bot = await boot(tempDir(), clock, [discord, slack]);
    await subscribe(bot, 'A');
    await subscribe(bot, 'S1', {}, { platform: 'slack', workspace: 'T1' });
    await bot.scheduler.start();
    clock.set('2025-05-27T04:00:00Z');
    void bot.scheduler.tick(); // waits for the hung Slack post, so not awaited
    await until(() => rowsOf(bot.store, 'A')[0]?.status === 'failed');
    expect(rowsOf(bot.store, 'A')[0]!.retryAt).toBe('2025-05-27T04:00:30.000Z'); // half a window before its end
    clock.set('2025-05-27T04:00:30Z');
    clock.fireDue();
    await until(() => rowsOf(bot.store, 'A')[0]?.status === 'posted');
    expect(discord.attempts.map((a) => a.at)).toEqual(['2025-05-27T04:00:00.000Z', '2025-05-27T04:00:30.000Z']);
    expect(discord.in('A')).toHaveLength(1); // the retry carried the same key inside the window
    expect(rowsOf(bot.store, 'A')).toEqual([expect.objectContaining({ status: 'posted', messageId: 'discord-1', attempts: 2 })]);
  });

  it('a retry that may follow a post that went out, and cannot leave inside the window, is not sent, and the day says why', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    discord.dedupeWindowMs = 60_000;
    discord.concurrency = 1; // so the hung post holds the only place
    discord.resetAfterSend = (channel, attempt) => channel === 'A' && attempt === 1;
    discord.hangs.set('H', { delivered: false });
    const bot = await boot(tempDir(), clock, [discord]);
    await subscribe(bot, 'A');
    await subscribe(bot, 'H');
    await bot.scheduler.start();
    clock.set('2025-05-27T04:00:00Z');
    void bot.scheduler.tick();
    await until(() => rowsOf(bot.store, 'A')[0]?.status === 'failed');
    clock.set('2025-05-27T04:00:01Z');
    clock.fireDue(); // H starts and hangs
    await until(() => discord.attempts.length === 2);
    clock.set('2025-05-27T04:00:30Z');
    clock.fireDue(); // A's retry is due, but H holds the place
    clock.set('2025-05-27T04:01:31Z');
    clock.fireDue(); // H times out; A's window closed at 04:01:00
    await until(() => rowsOf(bot.store, 'A')[0]?.status === 'unconfirmed');
    await bot.scheduler.idle();
    expect(discord.attempts.map((a) => a.channel)).toEqual(['A', 'H']); // A was not sent again
    expect(discord.in('A')).toHaveLength(1);
    expect(rowsOf(bot.store, 'A')).toEqual([
      expect.objectContaining({ status: 'unconfirmed', error: expect.stringMatching(/may have gone out, and the 60 s in which discord drops a repeat had passed/) }),
    ]);
    expect(bot.logs).toContainEqual(expect.stringMatching(/^warn: discord channel A \(2025-05-27\): an earlier attempt may have gone out/));
  });

  it('after a restart, a retry an earlier process scheduled is re-sent only while the platform would still drop it', async () => {
    for (const [restartAt, sent] of [['2025-05-27T04:00:50Z', true], ['2025-05-27T04:01:30Z', false]] as const) {
      const dir = tempDir();
      const delivered: Delivered[] = [];
      const clock = new FakeClock('2025-05-26T20:00:00Z');
      const first = new FakePoster('discord', clock, delivered);
      first.dedupeWindowMs = 60_000;
      first.resetAfterSend = () => true;
      const bot = await boot(dir, clock, [first]);
      await subscribe(bot, 'A');
      await bot.scheduler.start();
      clock.set('2025-05-27T04:00:00Z');
      await bot.scheduler.tick();
      expect(rowsOf(bot.store, 'A')).toEqual([expect.objectContaining({ status: 'failed', retryAt: '2025-05-27T04:00:30.000Z' })]);
      await bot.scheduler.stop(); // "killed" before the retry

      const clock2 = new FakeClock(restartAt);
      const second = new FakePoster('discord', clock2, delivered);
      second.dedupeWindowMs = 60_000;
      const again = await boot(dir, clock2, [second]);
      await again.scheduler.start();
      expect(second.attempts.length, restartAt).toBe(sent ? 1 : 0);
      expect(delivered, restartAt).toHaveLength(1);
      expect(rowsOf(again.store, 'A')[0]!.status, restartAt).toBe(sent ? 'posted' : 'unconfirmed');
      await again.scheduler.stop();
    }
  });

  it('a post whose turn comes after its day has ended is not sent, and the day says why', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    discord.concurrency = 1;
    discord.hangs.set('H', { delivered: false });
    const bot = await boot(tempDir(), clock, [discord]);
    await subscribe(bot, 'H', { time: '23:59' });
    await subscribe(bot, 'B', { time: '23:59' });
    await bot.scheduler.start();
    clock.set('2025-05-27T18:59:00Z'); // 23:59 in Karachi
    void bot.scheduler.tick(); // H hangs and holds the only place
    await until(() => discord.attempts.length === 1);
    clock.set('2025-05-27T19:00:30Z'); // 90 s later, 00:00:30 on the 28th
    clock.fireDue();
    await until(() => rowsOf(bot.store, 'B')[0]?.status === 'failed');
    expect(discord.attempts.map((a) => a.channel)).toEqual(['H']);
    expect(rowsOf(bot.store, 'B')).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'failed', error: 'the day ended before the post’s turn came' })]);
    expect(rowsOf(bot.store, 'H')).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'unconfirmed' })]);
  });

  it('a digest that cannot be built is a failure with its reason, retried like one, and the others still go out', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    const store = await openStateStore({ dir: tempDir(), now: clock.now });
    const logs: string[] = [];
    const broke = () => {
      throw new Error('the data broke');
    };
    // However the digest reads the incidents: a pass over them, or the claims by date (src/knowledge/claim-dates.ts).
    const broken = { incidents: { values: broke, claimsDated: broke, datedClaims: broke, latestClaim: broke } } as unknown as typeof kb;
    const scheduler = new DigestScheduler({ store, kb: broken, posters: [discord], clock, log: (level, message) => logs.push(`${level}: ${message}`) });
    await store.addSubscription({ platform: 'discord', channel: 'C1', language: 'en', time: '09:00', zone: 'Asia/Karachi', createdBy: 'U1' });
    await scheduler.start();
    await clock.runUntil('2025-05-27T05:00:00Z', scheduler);
    expect(discord.attempts).toEqual([]);
    expect(store.read().posts).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'failed', attempts: 5, error: expect.stringMatching(/^building the digest failed: the data broke/) })]);
    expect(logs).toContainEqual(expect.stringMatching(/transient \(attempt 1\), retrying at 2025-05-27T04:01:00/));
    await scheduler.stop();
  });

  it('transient failures are retried with growing delays, at most 5 times a day, and never pause', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    discord.fail = () => new Error('socket hang up');
    const bot = await boot(tempDir(), clock, [discord]);
    await subscribe(bot, 'C1');
    await bot.scheduler.start();
    await clock.runUntil('2025-05-29T00:00:00Z', bot.scheduler);
    const minutes = (day: string) => discord.attempts.filter((a) => a.at.startsWith(day)).map((a) => (Date.parse(a.at) - Date.parse(`${day}T04:00:00Z`)) / 60_000);
    expect(minutes('2025-05-27')).toEqual([0, 1, 3, 7, 15]);
    expect(minutes('2025-05-28')).toEqual([0, 1, 3, 7, 15]);
    expect(rowsOf(bot.store, 'C1')).toEqual([
      expect.objectContaining({ date: '2025-05-27', status: 'failed', attempts: 5, error: 'Error: socket hang up' }),
      expect.objectContaining({ date: '2025-05-28', status: 'failed', attempts: 5 }),
    ]);
    expect(rowsOf(bot.store, 'C1')[0]!.retryAt).toBeUndefined();
    expect(bot.store.read().subscriptions[0]).toMatchObject({ failures: 0, paused: false });
    expect(bot.logs).toContainEqual(expect.stringMatching(/transient \(attempt 5\), giving up for the day/));
    await bot.scheduler.stop();
  });
});

describe('the claim protocol in the state store', () => {
  const newSub = { platform: 'discord' as const, channel: 'C1', language: 'en' as const, time: '09:00', zone: 'Asia/Karachi', createdBy: 'U1' };

  it('hands a slot to one claimant only, and reopens it only for a due retry within the attempt limit', async () => {
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const store = await openStateStore({ dir: tempDir(), now: clock.now });
    const { id } = await store.addSubscription(newSub);
    const racing = await Promise.all(Array.from({ length: 10 }, () => store.claimPost(id, '2025-05-27')));
    expect(racing.filter(Boolean)).toEqual([{ attempt: 1 }]);

    // A transient failure with a retry time: closed until then, open at it; it does not count towards pausing.
    expect(await store.recordFailure(id, { error: '502', date: '2025-05-27', transient: true, retryAt: new Date('2025-05-27T04:01:00Z') })).toBe(0);
    expect(await store.claimPost(id, '2025-05-27')).toBeUndefined();
    clock.set('2025-05-27T04:01:00Z');
    expect(await store.claimPost(id, '2025-05-27', { maxAttempts: 2 })).toEqual({ attempt: 2 });
    await store.recordFailure(id, { error: '502', date: '2025-05-27', transient: true, retryAt: clock.now() });
    expect(await store.claimPost(id, '2025-05-27', { maxAttempts: 2 })).toBeUndefined(); // attempts used up
    expect(store.read().posts).toEqual([expect.objectContaining({ status: 'failed', attempts: 2, error: '502' })]);

    // A failure without a retry time (gone, forbidden) closes the day and counts.
    expect(await store.claimPost(id, '2025-05-28')).toEqual({ attempt: 1 });
    expect(await store.recordFailure(id, { error: '404', date: '2025-05-28' })).toBe(1);
    expect(await store.claimPost(id, '2025-05-28')).toBeUndefined();

    // Posted and unconfirmed days stay closed; a paused subscription claims nothing.
    await store.claimPost(id, '2025-05-29');
    await store.recordPost(id, { date: '2025-05-29', messageId: 'M1' });
    expect(store.read().subscriptions[0]!.failures).toBe(0);
    expect(await store.claimPost(id, '2025-05-29')).toBeUndefined();
    await store.claimPost(id, '2025-05-30');
    await store.recordUnconfirmed(id, '2025-05-30', 'interrupted');
    expect(await store.claimPost(id, '2025-05-30')).toBeUndefined();
    await store.pauseSubscription(id, 'gone: test');
    expect(await store.claimPost(id, '2025-05-31')).toBeUndefined();
    expect(await store.pauseSubscription(id, 'again')).toBeUndefined();
  });

  it('keeps about five weeks of log per subscription', async () => {
    const store = await openStateStore({ dir: tempDir() });
    const { id } = await store.addSubscription(newSub);
    for (const day of ['2025-01-01', '2025-01-20', '2025-02-10']) {
      await store.claimPost(id, day);
      await store.recordPost(id, { date: day, messageId: `M-${day}` });
    }
    expect(store.read().posts.map((p) => p.date)).toEqual(['2025-01-20', '2025-02-10']);
  });

  it('resuming clears the pause, the failures and the failed days, and keeps the posted ones', async () => {
    const clock = new FakeClock('2025-05-27T05:00:00Z');
    const store = await openStateStore({ dir: tempDir(), now: clock.now });
    const { id } = await store.addSubscription(newSub);
    await store.claimPost(id, '2025-05-26');
    await store.recordPost(id, { date: '2025-05-26', messageId: 'M1' });
    await store.claimPost(id, '2025-05-27');
    await store.recordFailure(id, { error: 'forbidden: x', date: '2025-05-27' });
    await store.pauseSubscription(id, 'forbidden: x');
    const resumed = await store.resumeSubscription(id, { language: 'ur', time: '11:00', zone: 'UTC', createdBy: 'U2' });
    expect(resumed).toMatchObject({ paused: false, failures: 0, language: 'ur', time: '11:00', zone: 'UTC', createdBy: 'U2', resumedAt: '2025-05-27T05:00:00.000Z' });
    expect(resumed.pausedReason).toBeUndefined();
    expect(resumed.lastError).toBeUndefined();
    expect(store.read().posts.map((p) => [p.date, p.status])).toEqual([['2025-05-26', 'posted']]);
    expect(await store.claimPost(id, '2025-05-27')).toEqual({ attempt: 1 }); // 11:00 UTC today is still owed
  });
});

describe('subscription commands', () => {
  it('keeps all of 100 subscriptions created concurrently, and refuses a racing duplicate', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const bot = await boot(dir, clock, []);
    const replies = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) =>
        command(bot, 'subscribe', admin(`C${i}`, { platform: i % 2 ? 'slack' : 'discord', user: `U${i}` }), { time: `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, lang: i % 3 ? 'en' : 'ur' }),
      ),
      command(bot, 'subscribe', admin('C0'), {}),
    ]);
    expect(replies.slice(0, 100).every((r) => r.kind === 'help' && r.ephemeral)).toBe(true);
    expect(replies[100]).toMatchObject({ kind: 'usage', ephemeral: true, title: 'This channel already gets the daily digest' });
    const reopened = await openStateStore({ dir });
    expect(reopened.listSubscriptions()).toHaveLength(100);
    expect(reopened.listSubscriptions('slack')).toHaveLength(50);
    expect(reopened.listSubscriptions().find((s) => s.channel === 'C37')).toMatchObject({ platform: 'slack', time: '13:37', language: 'en', createdBy: 'U37', zone: 'Asia/Karachi' });
  });

  it('bad time, bad zone, bad language, duplicate, unsubscribing nothing and non-admins each get a clear ephemeral answer', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const bot = await boot(dir, clock, []);
    await subscribe(bot, 'C1', { time: '07:15', lang: 'ur' });
    const before = readFileSync(bot.store.file, 'utf8');
    const cases: Array<[string, Promise<Reply>, RegExp, RegExp]> = [
      ['bad time', command(bot, 'subscribe', admin('C2'), { time: '25:99' }), /^“25:99” is not a time$/, /24-hour time from 00:00 to 23:59/],
      ['am/pm', command(bot, 'subscribe', admin('C2'), { time: '9am' }), /^“9am” is not a time$/, /time:09:00/],
      ['bad zone', command(bot, 'subscribe', admin('C2'), { zone: 'Mars/Olympus_Mons' }), /^“Mars\/Olympus_Mons” is not a time zone$/, /Asia\/Karachi/],
      ['abbreviation', command(bot, 'subscribe', admin('C2'), { zone: 'PKT' }), /is not a time zone/, /IANA/],
      ['bad lang', command(bot, 'subscribe', admin('C2'), { lang: 'klingon' }), /^Unknown language “klingon”$/, /lang:ur/],
      ['duplicate', command(bot, 'subscribe', admin('C1'), { time: '08:00' }), /^This channel already gets the daily digest$/, /every day at 07:15 \(Asia\/Karachi\), in Urdu\. To change that, run \/unsubscribe and then \/subscribe again\./],
      ['unsubscribe nothing', command(bot, 'unsubscribe', admin('C9')), /^This channel has no daily digest to stop$/, /Run \/subscribe to start one/],
      ['non-admin discord', command(bot, 'subscribe', admin('C2', { isAdmin: false }), {}), /^Only admins can use \/subscribe$/, /Manage Server permission/],
      ['non-admin slack', command(bot, 'unsubscribe', admin('C1', { isAdmin: false, platform: 'slack' })), /^Only admins/, /workspace admins/],
      ['non-admin list', command(bot, 'subscriptions', admin('C1', { isAdmin: false })), /^Only admins/, /Manage Server/],
    ];
    for (const [name, promise, title, text] of cases) {
      const reply = await promise;
      expect(reply.ephemeral, name).toBe(true);
      expect(['usage', 'error'], name).toContain(reply.kind);
      expect(reply.title, name).toMatch(title);
      expect(reply.description, name).toMatch(text);
    }
    // In Urdu too, when asked in Urdu.
    const ur = await command(bot, 'subscribe', admin('C2', { lang: 'ur' }), { time: '25:99' });
    expect(ur).toMatchObject({ lang: 'ur', dir: 'rtl' });
    expect(stripBidi(ur.title)).toBe('’25:99‘ درست وقت نہیں');
    const urDup = await command(bot, 'subscribe', admin('C1'), { lang: 'ur' });
    expect(stripBidi(urDup.description ?? '')).toContain('روزانہ 07:15 (Asia/Karachi)، اردو میں');
    expect((await command(bot, 'subscribe', admin('C2', { isAdmin: false, lang: 'ur' }), {})).title).toBe('/subscribe صرف منتظمین استعمال کر سکتے ہیں');
    // Outside a channel (a DM, the console) the digest commands are refused before anything else.
    expect((await command(bot, 'subscribe', admin('D1', { isDirect: true }))).title).toBe('/subscribe works in a channel');
    // Nothing was written, and the file still loads.
    expect(readFileSync(bot.store.file, 'utf8')).toBe(before);
    expect((await openStateStore({ dir })).listSubscriptions()).toHaveLength(1);
  });

  it('reads times and zones leniently but strictly', () => {
    for (const [input, time] of [['9', '09:00'], ['9:00', '09:00'], ['09.30', '09:30'], ['0930', '09:30'], ['۰۹:۳۰', '09:30'], [' 23:59 ', '23:59'], ['0:00', '00:00']]) {
      expect(parseTime(input!), input).toBe(time);
    }
    for (const bad of ['24:00', '12:60', '9am', '9:5', '12345', '', 'noon', '-1:00']) expect(parseTime(bad), bad).toBeUndefined();
    expect(parseZone('asia/karachi')).toBe('Asia/Karachi');
    expect(parseZone('America/New York')).toBe('America/New_York');
    expect(parseZone('UTC')).toBe('UTC');
    for (const bad of ['PKT', '+05:00', 'Asia/Lahore', '']) expect(parseZone(bad), bad).toBeUndefined();
  });

  it('lists a server’s subscriptions, or one channel’s when the server is unknown; unsubscribe stops the posts', async () => {
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const discord = new FakePoster('discord', clock);
    const bot = await boot(tempDir(), clock, [discord]);
    await subscribe(bot, 'C1', { lang: 'ur' }, { workspace: 'G1' });
    await subscribe(bot, 'C2', { time: '18:00', zone: 'Europe/London' }, { workspace: 'G1' });
    await subscribe(bot, 'C3', {}, { workspace: 'G2' });

    const server = await command(bot, 'subscriptions', admin('C1', { workspace: 'G1' }));
    expect(server).toMatchObject({ kind: 'help', ephemeral: true, title: 'Daily digest in this server' });
    expect(server.fields).toEqual([
      { label: 'C1', lines: ['every day at 09:00 (Asia/Karachi), in Urdu', 'nothing posted yet'] },
      { label: 'C2', lines: ['every day at 18:00 (Europe/London), in English', 'nothing posted yet'] },
    ]);
    const channel = await command(bot, 'subscriptions', admin('C3', { workspace: undefined, lang: 'ur' }));
    expect(channel.title).toBe('اس چینل میں روزانہ خلاصہ');
    expect(channel.fields.map((f) => f.label)).toEqual(['C3']);
    const empty = await command(bot, 'subscriptions', admin('C9', { workspace: 'G9', platform: 'slack' }));
    expect(empty).toMatchObject({ title: 'Daily digest in this workspace', fields: [] });
    expect(empty.description).toMatch(/No channel gets the daily digest yet/);

    expect((await command(bot, 'unsubscribe', admin('C1'))).title).toBe('Unsubscribed');
    await bot.scheduler.start();
    await clock.runUntil('2025-05-27T05:00:00Z', bot.scheduler);
    expect(discord.delivered.map((m) => m.channel)).toEqual(['C3']);
    await bot.scheduler.stop();
  });

  it('unsubscribing and subscribing again the same day, for a later time, does not post that day again, even across a restart', async () => {
    const dir = tempDir();
    const delivered: Delivered[] = [];
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const bot = await boot(dir, clock, [new FakePoster('discord', clock, delivered)]);
    await subscribe(bot, 'C1');
    await bot.scheduler.start();
    await clock.runUntil('2025-05-27T05:00:00Z', bot.scheduler); // posted at 09:00 Karachi
    expect(delivered).toHaveLength(1);

    // The documented way to change the time: /unsubscribe, then /subscribe, here twice.
    expect((await command(bot, 'unsubscribe', admin('C1'))).title).toBe('Unsubscribed');
    await subscribe(bot, 'C1', { time: '11:00' });
    await clock.runUntil('2025-05-27T06:30:00Z', bot.scheduler);
    expect((await command(bot, 'unsubscribe', admin('C1'))).title).toBe('Unsubscribed');
    await bot.scheduler.stop();

    // And a restart between the unsubscribe and the subscribe.
    const again = await boot(dir, clock, [new FakePoster('discord', clock, delivered)]);
    await subscribe(again, 'C1', { time: '13:00' });
    await again.scheduler.start();
    await clock.runUntil('2025-05-28T09:00:00Z', again.scheduler);
    expect(delivered.map((m) => [m.at, m.reply.title])).toEqual([
      ['2025-05-27T04:00:00.000Z', 'This week in attribution: 27 May 2025'],
      ['2025-05-28T08:00:00.000Z', 'This week in attribution: 28 May 2025'],
    ]);
    expect(rowsOf(again.store, 'C1')).toEqual([
      expect.objectContaining({ date: '2025-05-27', status: 'posted', messageId: 'discord-1' }),
      expect.objectContaining({ date: '2025-05-28', status: 'posted', messageId: 'discord-2' }),
    ]);
    expect(again.logs).toContainEqual(expect.stringMatching(/C1 \(2025-05-27\): already posted by the channel's earlier subscription \(message discord-1\)/));
    await again.scheduler.stop();
  });

  it('uses the platform’s command names in its answers', async () => {
    const bot = await boot(tempDir(), new FakeClock('2025-05-26T20:00:00Z'), []);
    const reply = await command(bot, 'unsubscribe', admin('S1', { platform: 'slack' }));
    expect(reply.description).toBe('Run /ilzam-subscribe to start one. /ilzam-subscriptions shows the channels that have one.');
  });
});

describe('the digest for a fixed date', () => {
  const lines = (reply: Reply, i: number) => reply.fields[i]!.lines.join('\n');

  it.each<[Lang, string, string]>([
    ['en', '24 May 2023', '25 May 2023'],
    ['ur', '24 مئی 2023', '25 مئی 2023'],
  ])('lists the claims of the previous seven days and that week’s anniversaries (%s)', (lang, may24, may25) => {
    const week2023 = digestReply(kb, '2023-05-27', lang);
    expect(week2023).toMatchObject({ kind: 'week', lang, ephemeral: false });
    expect(lines(week2023, 0)).toContain(may24);
    expect(lines(week2023, 0)).toContain(may25);
    expect(lines(week2023, 0)).toMatch(lang === 'en' ? /Microsoft accused Volt Typhoon/ : /مائیکروسافٹ نے وولٹ ٹائیفون \(چین\) پر الزام عائد کیا/);
    expect(lines(week2023, 1)).toMatch(lang === 'en' ? /22 May 2017: Symantec accused Lazarus Group/ : /22 مئی 2017/);

    // A week with no dated claims in the data (21-27 May 2024) still lists that week's anniversaries.
    const quietWeek = digestReply(kb, '2024-05-27', lang);
    expect(quietWeek.fields[0]!.lines).toEqual([lang === 'en' ? 'No new attributions in the last 7 days.' : 'کوئی نیا الزام سامنے نہیں آیا۔']);
    expect(lines(quietWeek, 1)).toContain(may24);
    expect(lines(quietWeek, 1)).toContain(may25);
    if (lang === 'ur') expect(quietWeek.title).toMatch(ARABIC);
  });
});

describe('post error mapping', () => {
  const body = { files: undefined, json: undefined };
  const discordApi = (status: number, code: number, message: string, extra: object = {}) =>
    new DiscordAPIError({ code, message, ...extra }, code, status, 'POST', 'https://discord.com/api/v10/channels/1/messages', body);

  it('maps what discord.js throws', () => {
    expect(discordPostError(discordApi(404, 10003, 'Unknown Channel'))).toMatchObject({ kind: 'gone', message: 'discord: 404 [10003] Unknown Channel' });
    expect(discordPostError(discordApi(403, 50001, 'Missing Access')).kind).toBe('forbidden');
    expect(discordPostError(discordApi(403, 50013, 'Missing Permissions')).kind).toBe('forbidden');
    expect(discordPostError(discordApi(400, 50008, 'Cannot send messages in a non-text channel')).kind).toBe('gone');
    expect(discordPostError(discordApi(429, 20016, 'Slowmode', { retry_after: 2.5 }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2500 });
    expect(discordPostError(discordApi(401, 0, '401: Unauthorized')).kind).toBe('transient');
    expect(discordPostError(discordApi(400, 50035, 'Invalid Form Body')).kind).toBe('transient');
    const limited = new RateLimitError({ timeToReset: 1500, limit: 5, method: 'POST', hash: 'h', url: 'https://discord.com/api/v10/channels/1/messages', route: '/channels/:id/messages', majorParameter: '1', global: false, retryAfter: 1500, sublimitTimeout: 0, scope: 'user' });
    expect(discordPostError(limited)).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1500 });
    expect(discordPostError(new HTTPError(502, 'Bad Gateway', 'POST', 'https://discord.com/api/v10/channels/1/messages', body)).kind).toBe('transient');
    expect(discordPostError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })).kind).toBe('transient');
    // Whether the message may have been created although the call failed: only then is a retry held to the nonce window.
    expect(discordPostError(discordApi(400, 50035, 'Invalid Form Body')).mayHaveGoneOut).toBe(false);
    expect(discordPostError(discordApi(401, 0, '401: Unauthorized')).mayHaveGoneOut).toBe(false);
    expect(discordPostError(discordApi(500, 0, '500: Internal Server Error')).mayHaveGoneOut).toBe(true);
    expect(discordPostError(new HTTPError(503, 'Service Unavailable', 'POST', 'https://discord.com/api/v10/channels/1/messages', body)).mayHaveGoneOut).toBe(true);
    expect(discordPostError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })).mayHaveGoneOut).toBe(true);
    expect(discordPostError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })).mayHaveGoneOut).toBe(false);
    expect(discordPostError(discordApi(429, 20016, 'Slowmode', { retry_after: 2.5 })).mayHaveGoneOut).toBe(false);
    const own = new PostError('gone', 'channel is not text-based');
    expect(discordPostError(own)).toBe(own);
    // The request URL never gets into the message (interaction and webhook URLs carry tokens).
    expect(discordPostError(discordApi(404, 10003, 'Unknown Channel')).message).not.toContain('http');
  });

  it('maps what the Slack Web API client throws', () => {
    const platform = (error: string, extra: object = {}) => new webApi.WebAPIPlatformError({ ok: false, error, ...extra });
    expect(slackPostError(platform('channel_not_found'))).toMatchObject({ kind: 'gone', message: 'slack: channel_not_found' });
    expect(slackPostError(platform('is_archived')).kind).toBe('gone');
    expect(slackPostError(platform('not_in_channel')).kind).toBe('forbidden');
    expect(slackPostError(platform('restricted_action')).kind).toBe('forbidden');
    expect(slackPostError(platform('ratelimited', { response_metadata: { retryAfter: 3 } }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000 });
    expect(slackPostError(new webApi.WebAPIRateLimitedError(7))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(slackPostError(platform('invalid_auth')).kind).toBe('transient'); // every channel's problem, not this one's
    expect(slackPostError(platform('internal_error')).kind).toBe('transient');
    expect(slackPostError(new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}, '')).kind).toBe('transient');
    expect(slackPostError(new webApi.WebAPIRequestError(new Error('ECONNRESET'))).kind).toBe('transient');
    expect(slackPostError('weird').kind).toBe('transient');
    expect(slackPostError(platform('internal_error')).mayHaveGoneOut).toBe(false); // Slack answered ok: false
    expect(slackPostError(new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}, '')).mayHaveGoneOut).toBe(true);
    expect(slackPostError(new webApi.WebAPIRequestError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).mayHaveGoneOut).toBe(true);
    expect(slackPostError(new webApi.WebAPIRequestError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).mayHaveGoneOut).toBe(false);
  });
});
