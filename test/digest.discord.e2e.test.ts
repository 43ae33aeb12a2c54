// The daily digest on Discord, end to end: the real discord.js client (startDiscord) against the
// local Discord fake, subscriptions made through the real slash commands, and the real
// scheduler and state store, with a clock the test moves by hand. Nothing waits in real time
// beyond the HTTP round trips to the fake.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDigest, type Digest } from '../src/app/digest.ts';
import { startDiscord, type RunningDiscord } from '../src/adapters/discord/index.ts';
import { deployCommands } from '../src/adapters/discord/deploy.ts';
import { COMMANDS } from '../commands/index.ts';
import { choicesFor } from '../src/adapters/discord/autocomplete.ts';
import { digestKey } from '../src/digest/slots.ts';
import { State } from '../src/store/state-schema.ts';
import { dyingPoster, FakeClock } from './digest-harness.ts';
import { DiscordFake, messageProblems, type ChannelMessage, type FakeOption } from './fakes/discord-fake.ts';
import { testBot } from './helpers.ts';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-tests-only-0123456789abcd';
const EPHEMERAL = 64;
const MANAGE_GUILD = '32';
const ADMINISTRATOR = '8';
const NO_PERMISSIONS = '0';
const CH = { ur: '1200000000000000101', en: '1200000000000000102', gone: '1200000000000000103', locked: '1200000000000000104', ok: '1200000000000000105' };

const bot = testBot();

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

/** One bot process: a state directory, the digest on it, and a client logged in to the fake. */
interface Process {
  digest: Digest;
  discord: RunningDiscord;
  logs: string[];
  /** Killed mid-post: its scheduler never finishes, so it is never stopped, only abandoned. */
  dead?: boolean;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function startFake(): Promise<DiscordFake> {
  const fake = await DiscordFake.start({ token: TOKEN });
  cleanup.push(() => fake.close());
  return fake;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-digest-discord-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function boot(fake: DiscordFake, dir: string, clock: FakeClock): Promise<Process> {
  const logs: string[] = [];
  const digest = await openDigest(bot.kb, { timeZone: 'Asia/Karachi', stateDir: dir }, { clock, log: (level, line) => logs.push(`${level}: ${line}`) });
  // A generous defer threshold: these answers wait for an fsync, and the test reads the first callback.
  const discord = await startDiscord(bot.withServices({ subscriptions: digest.service }), { token: TOKEN, apiUrl: fake.apiUrl }, { deferAfterMs: 10_000, logger: (line) => logs.push(line) });
  const process: Process = { digest, discord, logs };
  cleanup.push(async () => {
    if (!process.dead) await digest.stop();
    await discord.stop();
  });
  return process;
}

/** Runs a slash command in a channel as a member with these permissions; resolves with the (ephemeral) answer. */
async function command(fake: DiscordFake, name: string, channel: string, options: FakeOption[] = [], permissions = MANAGE_GUILD): Promise<Embed> {
  const sent = fake.slashCommand(name, options, { channel_id: channel, channel: { id: channel, type: 0, guild_id: fake.guildId, name: 'digest' }, member: fake.member(permissions) });
  const callback = await fake.callbackFor(sent);
  expect(callback.body.type).toBe(4);
  expect(callback.body.data.flags & EPHEMERAL, `/${name} answers only the asker`).toBe(EPHEMERAL);
  expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  return callback.body.data.embeds[0];
}

/** Text as a reader sees it: without markdown escapes and bidi marks. */
const visible = (s: string | undefined) => (s ?? '').replace(/\\(.)/g, '$1').replace(/[\u200F\u2066-\u2069]/g, '');
const text = (embed: Embed) => visible([embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n'));
const titleOf = (message: ChannelMessage) => visible(message.body.embeds[0].title);

function subscriptionOf(digest: Digest, channel: string) {
  return digest.store.read().subscriptions.find((s) => s.channel === channel)!;
}

function rowsOf(digest: Digest, channel: string) {
  const id = subscriptionOf(digest, channel).id;
  return digest.store.read().posts.filter((p) => p.subscriptionId === id);
}

describe('the daily digest on Discord', () => {
  it('registers /subscribe, /unsubscribe and /subscriptions for Manage Server only, in servers only', async () => {
    const fake = await startFake();
    await deployCommands(COMMANDS, { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
    const registered = fake.commands.global;
    expect(registered.map((c) => c.name)).toEqual(['incident', 'actor', 'week', 'help', 'subscribe', 'unsubscribe', 'subscriptions', 'follow', 'unfollow', 'following', 'review']);
    // /review is for reviewers, who may also work in a DM with the bot.
    expect(registered.find((c) => c.name === 'review')).toMatchObject({ default_member_permissions: MANAGE_GUILD, contexts: [0, 1] });
    for (const c of registered.slice(4, -1)) {
      expect(c).toMatchObject({ default_member_permissions: MANAGE_GUILD, contexts: [0], integration_types: [0] });
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
    const subscribe = registered.find((c) => c.name === 'subscribe');
    expect(subscribe.options.map((o: { name: string; type: number; required: boolean }) => [o.name, o.type, o.required])).toEqual([
      ['lang', 3, false],
      ['time', 3, false],
      ['zone', 3, false],
      ['only', 3, false],
    ]);
    expect(registered.find((c) => c.name === 'incident')).not.toHaveProperty('default_member_permissions');
  });

  it('a subscription made with /subscribe posts once at its local time and again the next day, in its language', async () => {
    const fake = await startFake();
    const clock = new FakeClock('2025-05-26T20:00:00Z'); // 27 May, 01:00 in Karachi
    const bot1 = await boot(fake, tempDir(), clock);

    const ur = await command(fake, 'subscribe', CH.ur, [{ name: 'lang', value: 'ur' }]);
    expect(ur.title).toContain('روزانہ خلاصے کی رکنیت شروع');
    expect(visible(ur.description)).toContain('روزانہ 09:00 (Asia/Karachi)، اردو میں');
    const en = await command(fake, 'subscribe', CH.en, [
      { name: 'time', value: '18:30' },
      { name: 'zone', value: 'europe/london' },
    ]);
    expect(en.title).toBe('Subscribed to the daily digest');
    expect(visible(en.description)).toContain('every day at 18:30 (Europe/London), in English. The next one is on 27 May 2025.');
    expect(subscriptionOf(bot1.digest, CH.en)).toMatchObject({ platform: 'discord', workspace: fake.guildId, createdBy: fake.userId, zone: 'Europe/London' });

    const scheduler = await bot1.digest.start([bot1.discord.poster]);
    await clock.runUntil('2025-05-27T03:59:59Z', scheduler);
    expect(fake.channelMessages).toEqual([]);

    await clock.runUntil('2025-05-27T04:00:00Z', scheduler); // 09:00 in Karachi
    const [first] = fake.messagesIn(CH.ur);
    expect(fake.channelMessages).toHaveLength(1);
    expect(first!.authorization).toBe(`Bot ${TOKEN}`);
    expect(first!.body).toMatchObject({ allowed_mentions: { parse: [] }, nonce: digestKey(subscriptionOf(bot1.digest, CH.ur).id, '2025-05-27'), enforce_nonce: true });
    expect(messageProblems(first!.body)).toEqual([]);
    expect(titleOf(first!)).toBe('سائبر الزامات کا ہفتہ وار جائزہ: 21 تا 27 مئی 2025');
    // That week's anniversaries: Microsoft named Volt Typhoon on 24 May 2023.
    expect(JSON.stringify(first!.body.embeds)).toContain('24 مئی 2023');

    await clock.runUntil('2025-05-27T17:29:59Z', scheduler);
    expect(fake.messagesIn(CH.en)).toHaveLength(0);
    await clock.runUntil('2025-05-27T17:30:00Z', scheduler); // 18:30 in London (BST)
    expect(fake.messagesIn(CH.en).map(titleOf)).toEqual(['This week in attribution: 27 May 2025']);
    expect(JSON.stringify(fake.messagesIn(CH.en)[0]!.body.embeds)).toContain('24 May 2023: Microsoft accused Volt Typhoon');

    await scheduler.tick();
    await clock.runUntil('2025-05-28T17:30:00Z', scheduler);
    expect(fake.messagesIn(CH.ur).map(titleOf)).toEqual(['سائبر الزامات کا ہفتہ وار جائزہ: 21 تا 27 مئی 2025', 'سائبر الزامات کا ہفتہ وار جائزہ: 22 تا 28 مئی 2025']);
    expect(fake.messagesIn(CH.en).map(titleOf)).toEqual(['This week in attribution: 27 May 2025', 'This week in attribution: 28 May 2025']);
    expect(rowsOf(bot1.digest, CH.ur).map((r) => [r.date, r.status, r.messageId])).toEqual(fake.messagesIn(CH.ur).map((m, i) => [`2025-05-2${7 + i}`, 'posted', m.id]));
  });

  it('answers a non-admin, bad input, a duplicate and an empty unsubscribe clearly and only to the asker', async () => {
    const fake = await startFake();
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const bot1 = await boot(fake, tempDir(), clock);

    for (const name of ['subscribe', 'unsubscribe', 'subscriptions']) {
      const refused = await command(fake, name, CH.ur, [], NO_PERMISSIONS);
      expect(refused.title, name).toBe(`Only admins can use /${name}`);
      expect(refused.description, name).toContain('Manage Server permission');
    }
    const refusedUr = await command(fake, 'subscribe', CH.ur, [{ name: 'lang', value: 'ur' }], NO_PERMISSIONS);
    expect(visible(refusedUr.title)).toContain('/subscribe صرف منتظمین استعمال کر سکتے ہیں');
    expect(bot1.digest.store.read().subscriptions).toEqual([]);

    expect(await command(fake, 'subscribe', CH.ur, [{ name: 'time', value: '25:99' }])).toMatchObject({ title: '“25:99” is not a time', description: expect.stringMatching(/24-hour time from 00:00 to 23:59/) });
    expect(await command(fake, 'subscribe', CH.ur, [{ name: 'time', value: '9am' }])).toMatchObject({ title: '“9am” is not a time' });
    expect(await command(fake, 'subscribe', CH.ur, [{ name: 'zone', value: 'PKT' }])).toMatchObject({ title: '“PKT” is not a time zone', description: expect.stringMatching(/zone:Asia\/Karachi/) });
    expect(await command(fake, 'unsubscribe', CH.ur)).toMatchObject({ title: 'This channel has no daily digest to stop', description: expect.stringMatching(/Run \/subscribe to start one/) });
    expect(bot1.digest.store.read().subscriptions).toEqual([]);

    // Administrator implies Manage Server.
    expect((await command(fake, 'subscribe', CH.ur, [{ name: 'time', value: '۰۷:۱۵' }], ADMINISTRATOR)).title).toBe('Subscribed to the daily digest');
    const duplicate = await command(fake, 'subscribe', CH.ur, [{ name: 'time', value: '08:00' }]);
    expect(duplicate.title).toBe('This channel already gets the daily digest');
    expect(visible(duplicate.description)).toBe('It is posted every day at 07:15 (Asia/Karachi), in English. To change that, run /unsubscribe and then /subscribe again.');
    await command(fake, 'subscribe', CH.en, [{ name: 'lang', value: 'ur' }]);

    const list = await command(fake, 'subscriptions', CH.ok);
    expect(list.title).toBe('Daily digest in this server');
    expect(text(list)).toContain(CH.ur);
    expect(text(list)).toContain('every day at 07:15 (Asia/Karachi), in English');
    expect(text(list)).toContain(CH.en);
    expect((await command(fake, 'unsubscribe', CH.ur)).title).toBe('Unsubscribed');
    expect(bot1.digest.store.read().subscriptions.map((s) => s.channel)).toEqual([CH.en]);
  });

  it('an adapter started without the digest says so instead of failing', async () => {
    const fake = await startFake();
    const discord = await startDiscord(bot, { token: TOKEN, apiUrl: fake.apiUrl }, { logger: () => undefined });
    cleanup.push(() => discord.stop());
    const answer = await command(fake, 'subscribe', CH.ur);
    expect(answer.title).toBe('The daily digest is not switched on here');
    // And members without Manage Server are refused before anything else.
    expect((await command(fake, 'subscribe', CH.ur, [], '0')).title).toBe('Only admins can use /subscribe');
  });

  it('suggests time zones as the zone is typed', async () => {
    const fake = await startFake();
    await boot(fake, tempDir(), new FakeClock('2025-05-26T20:00:00Z'));
    const sent = fake.autocomplete('subscribe', [{ name: 'zone', value: 'karach', focused: true }]);
    const callback = await fake.callbackFor(sent);
    expect(callback.body.data.choices).toEqual([{ name: 'Asia/Karachi', value: 'Asia/Karachi' }]);
    const zones = (typed: string) => choicesFor(bot, 'subscribe', [{ name: 'zone', value: typed, focused: true }]);
    expect(zones('new york').map((c) => c.value)).toEqual(['America/New_York']);
    expect(zones('')[0]).toEqual({ name: 'Asia/Karachi', value: 'Asia/Karachi' });
    expect(zones('a').length).toBe(25);
  });

  it('a channel that is gone (404) or forbidden (403) is recorded, paused after 3 days and told where possible; the others keep posting', async () => {
    const fake = await startFake();
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const bot1 = await boot(fake, tempDir(), clock);
    for (const channel of [CH.gone, CH.locked, CH.ok]) await command(fake, 'subscribe', channel);
    fake.failNext('POST', new RegExp(`^/channels/${CH.gone}/messages$`), { status: 404, code: 10003, message: 'Unknown Channel', times: Infinity });
    // The bot lost access to "locked" for three days; by the time it says it paused, it may post again.
    fake.failNext('POST', new RegExp(`^/channels/${CH.locked}/messages$`), { status: 403, code: 50001, message: 'Missing Access', times: 3 });

    const scheduler = await bot1.digest.start([bot1.discord.poster]);
    await clock.runUntil('2025-05-28T05:00:00Z', scheduler); // two days
    expect(subscriptionOf(bot1.digest, CH.gone)).toMatchObject({ failures: 2, paused: false, lastError: { message: expect.stringMatching(/^discord: 404 \[10003\] Unknown Channel/) } });
    expect(rowsOf(bot1.digest, CH.locked).map((r) => [r.date, r.status, r.error])).toEqual([
      ['2025-05-27', 'failed', 'discord: 403 [50001] Missing Access'],
      ['2025-05-28', 'failed', 'discord: 403 [50001] Missing Access'],
    ]);

    await clock.runUntil('2025-05-31T05:00:00Z', scheduler); // three more days
    expect(subscriptionOf(bot1.digest, CH.gone)).toMatchObject({ paused: true, failures: 3, pauseNoticeSent: false, pausedReason: expect.stringMatching(/^gone: /) });
    expect(subscriptionOf(bot1.digest, CH.locked)).toMatchObject({ paused: true, failures: 3, pauseNoticeSent: true, pausedReason: expect.stringMatching(/^forbidden: /) });
    // One attempt a day until the pause, then the notice (which the gone channel could not take); nothing after.
    const attempts = (channel: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`).length;
    expect(attempts(CH.gone)).toBe(4);
    expect(attempts(CH.locked)).toBe(4);
    expect(fake.messagesIn(CH.locked).map(titleOf)).toEqual(['Daily digest paused']);
    expect(visible(fake.messagesIn(CH.locked)[0]!.body.embeds[0].description)).toMatch(/3 times in a row \(no permission to post\).* run \/subscribe to resume it/);
    expect(fake.messagesIn(CH.ok)).toHaveLength(5);
    expect(bot1.logs).toContainEqual(expect.stringMatching(/^warn: discord channel 1200000000000000103: paused after 3 failures/));

    const list = await command(fake, 'subscriptions', CH.ok);
    expect(list.fields!.map((f) => [f.name, visible(f.value.split('\n')[1])])).toEqual([
      [CH.gone, '• paused: channel not found'],
      [CH.locked, '• paused: no permission to post'],
      [CH.ok, '• last posted 31 May 2025'],
    ]);
    // Access is back: /subscribe resumes the channel from the next day (its slot today has passed).
    expect((await command(fake, 'subscribe', CH.locked)).title).toBe('Daily digest resumed');
    await clock.runUntil('2025-06-01T05:00:00Z', scheduler);
    expect(fake.messagesIn(CH.locked).map(titleOf)).toEqual(['Daily digest paused', 'This week in attribution: 1 June 2025']);
  });

  describe('a restart between the claim and the confirmation', () => {
    /** A bot that dies inside post() at 09:00 Karachi on 27 May; its state directory is left as a kill -9 leaves it. */
    async function crash(fake: DiscordFake, dir: string, when: 'before-send' | 'after-send'): Promise<void> {
      const clock = new FakeClock('2025-05-26T20:00:00Z');
      const first = await boot(fake, dir, clock);
      await command(fake, 'subscribe', CH.ur, [{ name: 'lang', value: 'ur' }]);
      clock.set('2025-05-27T04:00:00Z');
      const dying = dyingPoster(first.discord.poster, when);
      void first.digest.start([dying.poster]); // never finishes: the process "dies" inside post()
      await dying.died;
      first.dead = true;
      await first.discord.stop(); // the gateway connection goes with the process
      const onDisk = State.parse(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')));
      expect(onDisk.posts).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'claimed' })]);
    }

    it('within Discord’s nonce window: re-sent with the same nonce, and the channel has one message either way', async () => {
      for (const when of ['before-send', 'after-send'] as const) {
        const fake = await startFake();
        const dir = tempDir();
        await crash(fake, dir, when);
        expect(fake.channelMessages, when).toHaveLength(when === 'after-send' ? 1 : 0);

        const clock = new FakeClock('2025-05-27T04:00:20Z'); // back 20 s later
        const second = await boot(fake, dir, clock);
        const scheduler = await second.digest.start([second.discord.poster]);
        const sends = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CH.ur}/messages`);
        expect(sends, when).toHaveLength(when === 'after-send' ? 2 : 1);
        expect(new Set(sends.map((r) => r.body.nonce)).size, when).toBe(1);
        expect(fake.messagesIn(CH.ur).map(titleOf), when).toEqual(['سائبر الزامات کا ہفتہ وار جائزہ: 21 تا 27 مئی 2025']);
        expect(rowsOf(second.digest, CH.ur), when).toEqual([expect.objectContaining({ status: 'posted', messageId: fake.messagesIn(CH.ur)[0]!.id })]);

        await clock.runUntil('2025-05-28T04:00:00Z', scheduler);
        expect(fake.messagesIn(CH.ur).map(titleOf), when).toEqual(['سائبر الزامات کا ہفتہ وار جائزہ: 21 تا 27 مئی 2025', 'سائبر الزامات کا ہفتہ وار جائزہ: 22 تا 28 مئی 2025']);
        for (const undo of cleanup.splice(0).reverse()) await undo();
      }
    });

    it('after the window: not re-sent, recorded and shown as unconfirmed, and the next day posts', async () => {
      const fake = await startFake();
      const dir = tempDir();
      await crash(fake, dir, 'after-send');

      const clock = new FakeClock('2025-05-27T04:05:00Z'); // back 5 minutes later
      const second = await boot(fake, dir, clock);
      const scheduler = await second.digest.start([second.discord.poster]);
      expect(fake.messagesIn(CH.ur)).toHaveLength(1);
      expect(rowsOf(second.digest, CH.ur)).toEqual([expect.objectContaining({ status: 'unconfirmed', error: expect.stringMatching(/restart/) })]);
      expect(second.logs).toContainEqual(expect.stringMatching(/^warn: discord channel 1200000000000000101 \(2025-05-27\): a post was interrupted by a restart/));
      const list = await command(fake, 'subscriptions', CH.ur, [{ name: 'lang', value: 'ur' }]);
      expect(text(list)).toContain('ری اسٹارٹ کی وجہ سے رکاوٹ، ممکن ہے پوسٹ نہ ہوئی ہو');

      await clock.runUntil('2025-05-28T04:00:00Z', scheduler);
      expect(fake.messagesIn(CH.ur)).toHaveLength(2);
    });
  });
});
