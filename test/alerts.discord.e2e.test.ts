// Follows and instant alerts on Discord, end to end: the real discord.js client (startDiscord)
// against the local Discord fake, follows made through the real slash commands, a claim
// published through the storage as the review flow publishes it, and the real dispatcher and
// state store, with a clock the test moves by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDigest, type Digest } from '../src/app/digest.ts';
import { startDiscord, type RunningDiscord } from '../src/adapters/discord/index.ts';
import { publish, testIncident } from './alerts-harness.ts';
import { dyingPoster, FakeClock } from './digest-harness.ts';
import { DiscordFake, messageProblems, type ChannelMessage, type FakeOption } from './fakes/discord-fake.ts';
import { testBot } from './helpers.ts';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-tests-only-0123456789abcd';
const EPHEMERAL = 64;
const MANAGE_GUILD = '32';
const CH = { ur: '1200000000000000201', cn: '1200000000000000202', ru: '1200000000000000203' };

const bot = testBot();

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

interface Process {
  digest: Digest;
  discord: RunningDiscord;
  logs: string[];
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
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-alerts-discord-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function boot(fake: DiscordFake, dir: string, clock: FakeClock): Promise<Process> {
  const logs: string[] = [];
  const digest = await openDigest(bot.kb, { timeZone: 'Asia/Karachi', stateDir: dir }, { clock, log: (level, line) => logs.push(`${level}: ${line}`), alertTuning: { pollMs: 3_600_000, spacingMs: 0 } });
  const services = { subscriptions: digest.service, follows: digest.follows };
  const discord = await startDiscord(bot.withServices(services), { token: TOKEN, apiUrl: fake.apiUrl }, { deferAfterMs: 10_000, logger: (line) => logs.push(line) });
  const process: Process = { digest, discord, logs };
  cleanup.push(async () => {
    if (!process.dead) await digest.stop();
    await discord.stop();
  });
  return process;
}

async function command(fake: DiscordFake, name: string, channel: string, options: FakeOption[] = [], permissions = MANAGE_GUILD): Promise<Embed> {
  const sent = fake.slashCommand(name, options, { channel_id: channel, channel: { id: channel, type: 0, guild_id: fake.guildId, name: 'alerts' }, member: fake.member(permissions) });
  const callback = await fake.callbackFor(sent);
  expect(callback.body.type).toBe(4);
  expect(callback.body.data.flags & EPHEMERAL, `/${name} answers only the asker`).toBe(EPHEMERAL);
  return callback.body.data.embeds[0];
}

const visible = (s: string | undefined) => (s ?? '').replace(/\\(.)/g, '$1').replace(/[\u200F\u2066-\u2069]/g, '');
const titleOf = (message: ChannelMessage) => visible(message.body.embeds[0].title);
const bodyOf = (message: ChannelMessage) => {
  const embed = message.body.embeds[0] as Embed & { footer?: { text: string } };
  return visible([embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text].join('\n'));
};

const FOREST_BLIZZARD = testIncident('test-forest-blizzard', [{ id: 'c1', by: 'microsoft', against: ['forest-blizzard'] }]);

describe('follows and instant alerts on Discord', () => {
  it('registers /follow, /unfollow and /following for Manage Server only, with autocomplete over actors, states and incidents', async () => {
    const fake = await startFake();
    await boot(fake, tempDir(), new FakeClock('2025-05-27T04:00:00Z'));
    const sent = fake.autocomplete('follow', [{ name: 'name', value: 'fancy bear', focused: true }]);
    const choices = (await fake.callbackFor(sent)).body.data.choices as { name: string; value: string }[];
    expect(choices[0]).toEqual({ name: 'APT28 (Russia)', value: 'apt28' });
    const states = (await fake.callbackFor(fake.autocomplete('follow', [{ name: 'name', value: 'پاکستان', focused: true }]))).body.data.choices;
    expect(states[0]).toEqual({ name: 'پاکستان', value: 'pakistan' });
    const refused = await command(fake, 'follow', CH.ur, [{ name: 'name', value: 'apt28' }], '0');
    expect(refused.title).toBe('Only admins can use /follow');
  });

  it('a channel follows APT28 by its Urdu name; a claim about Forest Blizzard is published; one alert arrives, in Urdu, and none in the channel following China; a restart does not send it again', async () => {
    const fake = await startFake();
    const dir = tempDir();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const first = await boot(fake, dir, clock);

    const followed = await command(fake, 'follow', CH.ur, [{ name: 'name', value: 'اے پی ٹی 28' }]);
    expect(visible(followed.title)).toBe('اے پی ٹی 28 (روس) کو فالو کر لیا گیا');
    expect(visible(followed.description)).toContain('اردو میں');
    const china = await command(fake, 'follow', CH.cn, [{ name: 'name', value: 'China' }]);
    expect(china.title).toBe('Following China');
    expect(visible(china.description)).toMatch(/Also covers \d+ groups attributed to China/);
    await first.digest.start([first.discord.poster]);
    expect(fake.channelMessages).toEqual([]);

    clock.set('2025-05-27T04:01:00Z');
    await publish(first.digest.store, 'test-forest-blizzard', FOREST_BLIZZARD);
    await first.digest.alerts!.tick();
    const [alert] = fake.messagesIn(CH.ur);
    expect(fake.messagesIn(CH.ur)).toHaveLength(1);
    expect(messageProblems(alert!.body)).toEqual([]);
    expect(alert!.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: expect.stringMatching(/^[0-9a-f]{25}$/) });
    expect(titleOf(alert!)).toBe('نیا دعویٰ — اے پی ٹی 28 (روس)');
    expect(bodyOf(alert!)).toContain('مائیکروسافٹ نے اے پی ٹی 28 (روس) پر الزام عائد کیا');
    expect(bodyOf(alert!)).toContain('Test Wire');
    expect(fake.messagesIn(CH.cn)).toEqual([]);

    // Following now lists it; a second look sends nothing more.
    const listed = await command(fake, 'following', CH.ur);
    expect(listed.fields!.map((f) => visible(f.name))).toEqual(['APT28 (Russia)']);
    await first.digest.alerts!.tick();
    expect(fake.channelMessages).toHaveLength(1);

    await first.digest.stop();
    await first.discord.stop();
    first.dead = true;
    clock.set('2025-05-27T04:02:00Z');
    const second = await boot(fake, dir, clock);
    await second.digest.start([second.discord.poster]);
    await second.digest.alerts!.tick();
    expect(fake.channelMessages).toHaveLength(1);
  });

  it('a process killed right after Discord took the alert: the restart re-sends it with the same nonce, and the channel has one message', async () => {
    const fake = await startFake();
    const dir = tempDir();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const first = await boot(fake, dir, clock);
    await command(fake, 'follow', CH.ru, [{ name: 'name', value: 'russia' }]);
    const dying = dyingPoster(first.discord.poster, 'after-send');
    await first.digest.start([dying.poster]);
    clock.set('2025-05-27T04:01:00Z');
    await publish(first.digest.store, 'test-forest-blizzard', FOREST_BLIZZARD);
    void first.digest.alerts!.tick(); // never finishes: the process "dies" inside post()
    await dying.died;
    first.dead = true;
    await first.discord.stop();
    expect(fake.messagesIn(CH.ru)).toHaveLength(1);

    const second = await boot(fake, dir, new FakeClock('2025-05-27T04:01:20Z'));
    await second.digest.start([second.discord.poster]);
    const sends = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CH.ru}/messages`);
    expect(sends).toHaveLength(2);
    expect(new Set(sends.map((r) => r.body.nonce)).size).toBe(1);
    expect(fake.messagesIn(CH.ru).map(titleOf)).toEqual(['New claim — Russia']);
    expect((await second.digest.store.listDeliveries()).map((d) => [d.status, d.messageId])).toEqual([['posted', fake.messagesIn(CH.ru)[0]!.id]]);
  });

  it('a channel the bot lost access to is paused after 3 failures and told when it can be', async () => {
    const fake = await startFake();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const bot1 = await boot(fake, tempDir(), clock);
    await command(fake, 'follow', CH.ru, [{ name: 'name', value: 'apt28' }]);
    fake.failNext('POST', new RegExp(`^/channels/${CH.ru}/messages$`), { status: 403, code: 50001, message: 'Missing Access', times: 3 });
    await bot1.digest.start([bot1.discord.poster]);
    clock.set('2025-05-27T04:01:00Z');
    await publish(bot1.digest.store, 'test-forest-blizzard', FOREST_BLIZZARD);
    await bot1.digest.alerts!.tick();
    await clock.runUntil('2025-05-27T04:30:00Z', bot1.digest.alerts!);
    expect((await bot1.digest.store.listAlertChannels())[0]).toMatchObject({ paused: true, failures: 3, pauseNoticeSent: true, pausedReason: expect.stringMatching(/^forbidden: /) });
    expect(fake.messagesIn(CH.ru).map(titleOf)).toEqual(['Alerts paused']);
    const listed = await command(fake, 'following', CH.ru);
    expect(visible(listed.description)).toMatch(/^Alerts are paused: no permission to post/);
  });
});
