// The daily digest on Slack, end to end: the real Bolt app (startSlack, Socket Mode) against the
// local Slack fake, subscriptions made through the real slash commands, and the real scheduler
// and state store, with a clock the test moves by hand.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDigest, type Digest } from '../src/app/digest.ts';
import { parseSubscribeText } from '../commands/subscribe.ts';
import { resolveSlashCommand } from '../src/adapters/slack/commands.ts';
import { startSlack, type RunningSlack } from '../src/adapters/slack/index.ts';
import type { SlackReplyPayload } from '../src/adapters/slack/render.ts';
import { openStateStore } from '../src/store/file-storage.ts';
import { dyingPoster, FakeClock } from './digest-harness.ts';
import { blockKitViolations, SlackFake, textsOf, type PostedMessage } from './fakes/slack-fake.ts';
import { testBot } from './helpers.ts';

const BOT_TOKEN = 'xoxb-1111-2222-e2eDigestBotToken';
const APP_TOKEN = 'xapp-1-A0FAKE-3333-e2eDigestAppToken';
const ADMIN = 'U0ADMIN';
const OWNER = 'U0OWNER';
const LISTED = 'U0LISTED'; // in SLACK_DIGEST_ADMINS
const MEMBER = 'U0MEMBER';

const bot = testBot();

interface Process {
  digest: Digest;
  slack: RunningSlack;
  logs: string[];
  /** Killed mid-post: its scheduler never finishes, so it is never stopped, only abandoned. */
  dead?: boolean;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function startFake(): Promise<SlackFake> {
  const fake = await SlackFake.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, pingIntervalMs: 0 });
  fake.users.set(ADMIN, { is_admin: true });
  fake.users.set(OWNER, { is_owner: true });
  cleanup.push(() => fake.close());
  return fake;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-digest-slack-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function boot(fake: SlackFake, dir: string, clock: FakeClock): Promise<Process> {
  const logs: string[] = [];
  const digest = await openDigest(bot.kb, { timeZone: 'Asia/Karachi', stateDir: dir }, { clock, log: (level, line) => logs.push(`${level}: ${line}`) });
  const config = { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0, admins: [LISTED] };
  const slack = await startSlack(bot.withServices({ subscriptions: digest.service }), config, { logSink: (_level, line) => logs.push(line) });
  await fake.waitForSocket();
  const process: Process = { digest, slack, logs };
  cleanup.push(async () => {
    if (!process.dead) await digest.stop();
    await slack.stop();
  });
  return process;
}

/** Runs a slash command over the socket; resolves with the answer posted to its response_url. */
async function command(fake: SlackFake, slash: string, text: string, channel: string, user = ADMIN, team?: string): Promise<SlackReplyPayload> {
  const { responseUrl } = fake.sendSlashCommand({ command: slash, text, channel_id: channel, user_id: user, team_id: team });
  const answer = await fake.waitForResponse(responseUrl.split('/').at(-1)!);
  const payload = answer.body as unknown as SlackReplyPayload;
  expect(payload.response_type, `${slash} ${text} answers only the asker`).toBe('ephemeral');
  expect(blockKitViolations(payload)).toEqual([]);
  return payload;
}

/** Text as a reader sees it: without bidi marks and Slack's escapes. */
const visible = (payload: { text?: unknown; blocks?: unknown }) =>
  textsOf(payload)
    .join('\n')
    .replace(/[\u200F\u2066-\u2069]/g, '')
    .replace(/&amp;/g, '&');
const headerOf = (message: PostedMessage | SlackReplyPayload) => visible({ blocks: [message.blocks![0]] });

const subscriptionOf = (digest: Digest, channel: string) => digest.store.read().subscriptions.find((s) => s.channel === channel)!;
const rowsOf = (digest: Digest, channel: string) => digest.store.read().posts.filter((p) => p.subscriptionId === subscriptionOf(digest, channel).id);

describe('the daily digest on Slack', () => {
  it('declares the commands and the users:read scope in manifest.json', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../manifest.json'), 'utf8'));
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(expect.arrayContaining(['/ilzam-subscribe', '/ilzam-unsubscribe', '/ilzam-subscriptions']));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read']));
  });

  it('reads the command and its options as typed', () => {
    const resolve = (slash: string, text: string) => {
      const r = resolveSlashCommand(bot.commands, slash, text);
      return { command: r.command?.name, text: r.text };
    };
    expect(resolve('/ilzam-subscribe', 'ur 9')).toEqual({ command: 'subscribe', text: 'ur 9' });
    expect(resolve('/ilzam', 'subscriptions lang:ur')).toEqual({ command: 'subscriptions', text: 'lang:ur' });
    expect(resolve('/subscribe', '')).toEqual({ command: 'subscribe', text: '' });
    expect(resolve('/ilzam', 'volt typhoon')).toEqual({ command: 'incident', text: 'volt typhoon' });
    expect(resolve('/ilzam-incident', 'subscribe')).toEqual({ command: 'incident', text: 'subscribe' });
    expect(parseSubscribeText('lang:ur time:21:30 zone:Europe/London')).toEqual({ lang: 'ur', time: '21:30', zone: 'Europe/London' });
    expect(parseSubscribeText('اردو ۰۹:۳۰ America/New York')).toEqual({ lang: 'اردو', time: '۰۹:۳۰', zone: 'America/New York' });
    expect(parseSubscribeText('zone:America/New York en')).toEqual({ lang: 'en', zone: 'America/New York' });
    expect(parseSubscribeText('')).toEqual({});
  });

  it('a subscription made with the slash command posts once at its local time and again the next day, in its language', async () => {
    const fake = await startFake();
    const clock = new FakeClock('2025-05-26T20:00:00Z'); // 27 May, 01:00 in Karachi
    const bot1 = await boot(fake, tempDir(), clock);

    const ur = await command(fake, '/ilzam-subscribe', 'lang:ur', 'C0UR');
    expect(visible(ur)).toContain('روزانہ خلاصے کی رکنیت شروع');
    expect(visible(ur)).toContain('روزانہ 09:00 (Asia/Karachi)، اردو میں');
    // Through the umbrella command, by someone on the configured admin list.
    const en = await command(fake, '/ilzam', 'subscribe en 18:30 Europe/London', 'C0EN', LISTED);
    expect(visible(en)).toContain('every day at 18:30 (Europe/London), in English. The next one is on 27 May 2025.');
    expect(fake.callsOf('users.info').map((c) => c.params.user)).toEqual([ADMIN]); // the list needs no lookup
    expect(subscriptionOf(bot1.digest, 'C0EN')).toMatchObject({ platform: 'slack', workspace: 'T0FAKE', createdBy: LISTED });

    const scheduler = await bot1.digest.start([bot1.slack.poster]);
    await clock.runUntil('2025-05-27T03:59:59Z', scheduler);
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
    await clock.runUntil('2025-05-27T04:00:00Z', scheduler);
    const [first] = fake.messagesIn('C0UR');
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(fake.callsOf('chat.postMessage')[0]!.token).toBe(BOT_TOKEN);
    expect(blockKitViolations(first!)).toEqual([]);
    expect(headerOf(first!)).toBe('سائبر الزامات کا ہفتہ وار جائزہ: 21 تا 27 مئی 2025');
    expect(visible(first!)).toContain('24 مئی 2023'); // that week's anniversaries

    await clock.runUntil('2025-05-27T17:30:00Z', scheduler); // 18:30 in London
    expect(fake.messagesIn('C0EN').map(headerOf)).toEqual(['This week in attribution: 27 May 2025']);
    expect(visible(fake.messagesIn('C0EN')[0]!)).toContain('24 May 2023: Microsoft accused Volt Typhoon');

    await scheduler.tick();
    await clock.runUntil('2025-05-28T17:30:00Z', scheduler);
    expect(fake.messagesIn('C0UR').map(headerOf)).toEqual(['سائبر الزامات کا ہفتہ وار جائزہ: 21 تا 27 مئی 2025', 'سائبر الزامات کا ہفتہ وار جائزہ: 22 تا 28 مئی 2025']);
    expect(fake.messagesIn('C0EN').map(headerOf)).toEqual(['This week in attribution: 27 May 2025', 'This week in attribution: 28 May 2025']);
    expect(rowsOf(bot1.digest, 'C0UR').map((r) => [r.date, r.status, r.messageId])).toEqual(fake.messagesIn('C0UR').map((m, i) => [`2025-05-2${7 + i}`, 'posted', m.ts]));
  });

  it('answers a non-admin, bad input, a duplicate and an empty unsubscribe clearly and only to the asker', async () => {
    const fake = await startFake();
    const bot1 = await boot(fake, tempDir(), new FakeClock('2025-05-26T20:00:00Z'));

    for (const slash of ['/ilzam-subscribe', '/ilzam-unsubscribe', '/ilzam-subscriptions']) {
      const refused = visible(await command(fake, slash, '', 'C0ONE', MEMBER));
      expect(refused, slash).toContain(`Only admins can use ${slash}`);
      expect(refused, slash).toContain('workspace admins');
    }
    expect(visible(await command(fake, '/ilzam-subscribe', 'lang:ur', 'C0ONE', MEMBER))).toContain('/ilzam-subscribe صرف منتظمین استعمال کر سکتے ہیں');
    // Without users:read, nobody but the listed admins gets in, and the log says why.
    fake.failApi('users.info', 'missing_scope');
    expect(visible(await command(fake, '/ilzam-subscribe', '', 'C0ONE', ADMIN))).toContain('Only admins');
    expect(bot1.logs.join('\n')).toMatch(/users\.info for U0ADMIN failed \(missing_scope\).*add the users:read scope/);
    expect(bot1.digest.store.read().subscriptions).toEqual([]);

    expect(visible(await command(fake, '/ilzam-subscribe', 'time:25:99', 'C0ONE'))).toMatch(/“25:99” is not a time\n.*24-hour time from 00:00 to 23:59/);
    expect(visible(await command(fake, '/ilzam-subscribe', '9am', 'C0ONE'))).toContain('“9am” is not a time');
    expect(visible(await command(fake, '/ilzam-subscribe', 'Mars/Base', 'C0ONE'))).toMatch(/“Mars\/Base” is not a time zone\n.*zone:Asia\/Karachi/);
    expect(visible(await command(fake, '/ilzam-subscribe', 'lang:klingon', 'C0ONE'))).toContain('Unknown language “klingon”');
    for (const word of ['constructor', '__proto__', 'toString']) {
      expect(visible(await command(fake, '/ilzam-subscribe', `lang:${word}`, 'C0ONE'))).toContain(`Unknown language “${word}”`);
    }
    expect(visible(await command(fake, '/ilzam-subscribe', 'zone:__proto__', 'C0ONE'))).toContain('“__proto__” is not a time zone');
    expect(visible(await command(fake, '/ilzam-unsubscribe', '', 'C0ONE'))).toMatch(/This channel has no daily digest to stop\n.*Run \/ilzam-subscribe to start one/);
    expect(bot1.digest.store.read().subscriptions).toEqual([]);

    expect(visible(await command(fake, '/ilzam-subscribe', '07:15', 'C0ONE', OWNER))).toContain('Subscribed to the daily digest');
    expect(visible(await command(fake, '/ilzam-subscribe', '08:00', 'C0ONE'))).toContain(
      'It is posted every day at 07:15 (Asia/Karachi), in English. To change that, run /ilzam-unsubscribe and then /ilzam-subscribe again.',
    );
    await command(fake, '/ilzam', 'subscribe ur', 'C0TWO');
    const list = visible(await command(fake, '/ilzam-subscriptions', '', 'C0THREE'));
    expect(list).toContain('Daily digest in this workspace');
    expect(list).toMatch(/C0ONE[\s\S]*every day at 07:15 \(Asia\/Karachi\), in English[\s\S]*C0TWO[\s\S]*in Urdu/);
    expect(visible(await command(fake, '/ilzam', 'unsubscribe', 'C0ONE'))).toContain('Unsubscribed');
    expect(bot1.digest.store.read().subscriptions.map((s) => s.channel)).toEqual(['C0TWO']);
  });

  it('in a Slack Connect channel, an admin of the other team can neither stop nor take over this team’s digest', async () => {
    const fake = await startFake();
    const bot1 = await boot(fake, tempDir(), new FakeClock('2025-05-26T20:00:00Z'));
    expect(visible(await command(fake, '/ilzam-subscribe', '07:15', 'C0SHARED', OWNER))).toContain('Subscribed to the daily digest');
    // The other team's owner, in the same channel (an owner there: users.info says so).
    for (const [slash, text] of [['/ilzam-unsubscribe', ''], ['/ilzam', 'unsubscribe'], ['/ilzam-subscribe', '09:00']] as const) {
      const refused = visible(await command(fake, slash, text, 'C0SHARED', OWNER, 'T0OTHER'));
      expect(refused, `${slash} ${text}`).toContain('This channel’s daily digest belongs to another workspace');
      expect(refused, `${slash} ${text}`).toContain('only its admins can change or stop it');
    }
    expect(bot1.digest.store.read().subscriptions).toEqual([expect.objectContaining({ channel: 'C0SHARED', workspace: 'T0FAKE', time: '07:15' })]);
    expect(visible(await command(fake, '/ilzam-unsubscribe', 'lang:ur', 'C0SHARED', OWNER, 'T0OTHER'))).toContain('کسی دوسرے ورک اسپیس');
    // This team's own admin still can.
    expect(visible(await command(fake, '/ilzam-unsubscribe', '', 'C0SHARED', ADMIN))).toContain('Unsubscribed');
    expect(bot1.digest.store.read().subscriptions).toEqual([]);
  });

  it('keeps all of 100 subscriptions made at once through the slash command, and one of two racing for a channel', async () => {
    const fake = await startFake();
    const dir = tempDir();
    const bot1 = await boot(fake, dir, new FakeClock('2025-05-26T20:00:00Z'));
    const channels = Array.from({ length: 100 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    const answers = await Promise.all([
      ...channels.map((channel, i) => command(fake, '/ilzam-subscribe', `${i % 2 ? 'en' : 'ur'} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, channel)),
      command(fake, '/ilzam-subscribe', '', 'C000'),
    ]);
    const titles = answers.map(headerOf);
    expect(titles.filter((t) => /Subscribed to the daily digest|روزانہ خلاصے کی رکنیت شروع/.test(t))).toHaveLength(100);
    expect(titles.filter((t) => /already gets the daily digest|پہلے ہی روزانہ خلاصہ/.test(t))).toHaveLength(1);
    await bot1.digest.store.flush();
    const reopened = await openStateStore({ dir });
    expect(reopened.listSubscriptions('slack').map((s) => s.channel).sort()).toEqual(channels);
    expect(reopened.listSubscriptions().find((s) => s.channel === 'C037')).toMatchObject({ time: '13:37', language: 'en', workspace: 'T0FAKE' });
  });

  it('a channel that is gone or that the bot is not in is recorded, paused after 3 days and told where possible; the others keep posting', async () => {
    const fake = await startFake();
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const bot1 = await boot(fake, tempDir(), clock);
    for (const channel of ['C0GONE', 'C0OUT', 'C0BACK', 'C0BUSY', 'C0OK']) await command(fake, '/ilzam-subscribe', '', channel);
    fake.failChannel('C0GONE', 'channel_not_found');
    fake.failChannel('C0OUT', 'not_in_channel');
    fake.failChannel('C0BACK', 'not_in_channel', { times: 3 }); // invited back just before the pause notice
    fake.failChannel('C0BUSY', 'ratelimited', { times: 1, retryAfter: 1 });

    const scheduler = await bot1.digest.start([bot1.slack.poster]);
    await clock.runUntil('2025-05-27T05:00:00Z', scheduler);
    // The rate limit was waited out and the post retried the same day: one message.
    expect(fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0BUSY').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messagesIn('C0BUSY')).toHaveLength(1);
    expect(rowsOf(bot1.digest, 'C0GONE')).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'failed', error: 'slack: channel_not_found' })]);
    expect(subscriptionOf(bot1.digest, 'C0OUT')).toMatchObject({ failures: 1, paused: false });

    await clock.runUntil('2025-05-31T05:00:00Z', scheduler);
    expect(subscriptionOf(bot1.digest, 'C0GONE')).toMatchObject({ paused: true, failures: 3, pauseNoticeSent: false, pausedReason: 'gone: slack: channel_not_found' });
    expect(subscriptionOf(bot1.digest, 'C0OUT')).toMatchObject({ paused: true, failures: 3, pauseNoticeSent: false, pausedReason: 'forbidden: slack: not_in_channel' });
    expect(subscriptionOf(bot1.digest, 'C0BACK')).toMatchObject({ paused: true, pauseNoticeSent: true });
    expect(fake.messagesIn('C0BACK').map(headerOf)).toEqual(['Daily digest paused']);
    expect(visible(fake.messagesIn('C0BACK')[0]!)).toMatch(/3 times in a row \(no permission to post\).* run \/ilzam-subscribe to resume it/);
    expect(fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0GONE')).toHaveLength(4); // 3 days and the notice attempt
    expect(fake.messagesIn('C0OK')).toHaveLength(5);
    expect(fake.messagesIn('C0BUSY')).toHaveLength(5);

    const list = visible(await command(fake, '/ilzam-subscriptions', '', 'C0OK'));
    expect(list).toMatch(/C0GONE[\s\S]*paused: channel not found/);
    expect(list).toMatch(/C0OUT[\s\S]*paused: no permission to post/);
    expect(visible(await command(fake, '/ilzam-subscribe', '', 'C0BACK'))).toContain('Daily digest resumed');
  });

  it('a restart between the claim and the confirmation neither doubles the post nor skips the day silently', async () => {
    for (const when of ['before-send', 'after-send'] as const) {
      const fake = await startFake();
      const dir = tempDir();
      const clock1 = new FakeClock('2025-05-26T20:00:00Z');
      const first = await boot(fake, dir, clock1);
      await command(fake, '/ilzam-subscribe', '', 'C0ONE');
      clock1.set('2025-05-27T04:00:00Z');
      const dying = dyingPoster(first.slack.poster, when);
      void first.digest.start([dying.poster]);
      await dying.died;
      first.dead = true;
      await first.slack.stop();

      const clock2 = new FakeClock('2025-05-27T04:00:20Z');
      const second = await boot(fake, dir, clock2);
      const scheduler = await second.digest.start([second.slack.poster]);
      // Slack has no idempotency key: a post that may have gone out is never sent again…
      expect(fake.messagesIn('C0ONE'), when).toHaveLength(when === 'after-send' ? 1 : 0);
      // …and the day is recorded, logged and shown, not skipped in silence.
      expect(rowsOf(second.digest, 'C0ONE'), when).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'unconfirmed' })]);
      expect(second.logs.join('\n'), when).toMatch(/slack channel C0ONE \(2025-05-27\): a post was interrupted by a restart/);
      expect(visible(await command(fake, '/ilzam-subscriptions', '', 'C0ONE')), when).toContain('27 May 2025: interrupted by a restart, may not have been posted');

      await clock2.runUntil('2025-05-28T04:00:00Z', scheduler);
      expect(fake.messagesIn('C0ONE').map(headerOf).at(-1), when).toBe('This week in attribution: 28 May 2025');
      for (const undo of cleanup.splice(0).reverse()) await undo();
    }
  });
});
