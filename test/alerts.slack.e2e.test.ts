// Follows and instant alerts on Slack, end to end: the real Bolt app (startSlack, Socket Mode)
// against the local Slack fake, follows made through the real slash commands, a claim published
// through the storage as the review flow publishes it, and the real dispatcher and state store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDigest, type Digest } from '../src/app/digest.ts';
import { startSlack, type RunningSlack } from '../src/adapters/slack/index.ts';
import type { SlackReplyPayload } from '../src/adapters/slack/render.ts';
import { publish, testIncident } from './alerts-harness.ts';
import { dyingPoster, FakeClock } from './digest-harness.ts';
import { blockKitViolations, SlackFake, textsOf, type PostedMessage } from './fakes/slack-fake.ts';
import { testBot } from './helpers.ts';

const BOT_TOKEN = 'xoxb-1111-2222-e2eAlertsBotToken';
const APP_TOKEN = 'xapp-1-A0FAKE-3333-e2eAlertsAppToken';
const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';

const bot = testBot();

interface Process {
  digest: Digest;
  slack: RunningSlack;
  logs: string[];
  dead?: boolean;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function startFake(): Promise<SlackFake> {
  const fake = await SlackFake.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, pingIntervalMs: 0 });
  fake.users.set(ADMIN, { is_admin: true });
  cleanup.push(() => fake.close());
  return fake;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-alerts-slack-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function boot(fake: SlackFake, dir: string, clock: FakeClock): Promise<Process> {
  const logs: string[] = [];
  const digest = await openDigest(bot.kb, { timeZone: 'Asia/Karachi', stateDir: dir }, { clock, log: (level, line) => logs.push(`${level}: ${line}`), alertTuning: { pollMs: 3_600_000, spacingMs: 0 } });
  const config = { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0, admins: [] };
  const slack = await startSlack(bot.withServices({ subscriptions: digest.service, follows: digest.follows }), config, { logSink: (_level, line) => logs.push(line) });
  await fake.waitForSocket();
  const process: Process = { digest, slack, logs };
  cleanup.push(async () => {
    if (!process.dead) await digest.stop();
    await slack.stop();
  });
  return process;
}

async function command(fake: SlackFake, slash: string, text: string, channel: string, user = ADMIN): Promise<SlackReplyPayload> {
  const { responseUrl } = fake.sendSlashCommand({ command: slash, text, channel_id: channel, user_id: user });
  const answer = await fake.waitForResponse(responseUrl.split('/').at(-1)!);
  const payload = answer.body as unknown as SlackReplyPayload;
  expect(payload.response_type, `${slash} ${text} answers only the asker`).toBe('ephemeral');
  expect(blockKitViolations(payload)).toEqual([]);
  return payload;
}

const visible = (payload: { text?: unknown; blocks?: unknown }) =>
  textsOf(payload)
    .join('\n')
    .replace(/[\u200F\u2066-\u2069]/g, '')
    .replace(/&amp;/g, '&');
const headerOf = (message: PostedMessage | SlackReplyPayload) => visible({ blocks: [message.blocks![0]] });

const FOREST_BLIZZARD = testIncident('test-forest-blizzard', [{ id: 'c1', by: 'microsoft', against: ['forest-blizzard'] }]);

describe('follows and instant alerts on Slack', () => {
  it('declares /ilzam-follow, /ilzam-unfollow and /ilzam-following in manifest.json, for admins', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../manifest.json'), 'utf8'));
    const commands = manifest.features.slash_commands as { command: string; description: string }[];
    for (const name of ['follow', 'unfollow', 'following']) {
      expect(commands.find((c) => c.command === `/ilzam-${name}`)?.description, name).toMatch(/^Admins: /);
    }
  });

  it('a channel follows APT28 by its Urdu name; a claim about Forest Blizzard is published; one alert arrives, in Urdu, and none in the channel following China; a restart does not send it again', async () => {
    const fake = await startFake();
    const dir = tempDir();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const first = await boot(fake, dir, clock);

    expect(visible(await command(fake, '/ilzam-follow', 'apt28', 'C0UR', MEMBER))).toContain('Only admins can use /ilzam-follow');
    expect(visible(await command(fake, '/ilzam-follow', 'اے پی ٹی 28', 'C0UR'))).toContain('اے پی ٹی 28 (روس) کو فالو کر لیا گیا');
    expect(visible(await command(fake, '/ilzam', 'follow China', 'C0CN'))).toMatch(/Following China[\s\S]*Also covers \d+ groups attributed to China/);
    expect(visible(await command(fake, '/ilzam-follow', 'qqqzzzxx', 'C0CN'))).toContain('Nothing matched “qqqzzzxx”');
    await first.digest.start([first.slack.poster]);
    expect(fake.callsOf('chat.postMessage')).toEqual([]);

    clock.set('2025-05-27T04:01:00Z');
    await publish(first.digest.store, 'test-forest-blizzard', FOREST_BLIZZARD);
    await first.digest.alerts!.tick();
    const [alert] = fake.messagesIn('C0UR');
    expect(fake.messagesIn('C0UR')).toHaveLength(1);
    expect(blockKitViolations(alert!)).toEqual([]);
    expect(headerOf(alert!)).toBe('نیا دعویٰ — اے پی ٹی 28 (روس)');
    expect(visible(alert!)).toContain('مائیکروسافٹ نے اے پی ٹی 28 (روس) پر الزام عائد کیا');
    expect(visible(alert!)).toContain('Test Wire');
    expect(fake.messagesIn('C0CN')).toEqual([]);
    expect(visible(await command(fake, '/ilzam-following', 'lang:ur', 'C0UR'))).toContain('اے پی ٹی 28 (روس)');

    await first.digest.stop();
    await first.slack.stop();
    first.dead = true;
    clock.set('2025-05-27T04:02:00Z');
    const second = await boot(fake, dir, clock);
    await second.digest.start([second.slack.poster]);
    await second.digest.alerts!.tick();
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);

    expect(visible(await command(fake, '/ilzam-unfollow', 'Fancy Bear', 'C0UR'))).toContain('Unfollowed APT28 (Russia)');
  });

  it('a process killed right after Slack took the alert: the restart does not post it again, and records it unconfirmed', async () => {
    const fake = await startFake();
    const dir = tempDir();
    const clock = new FakeClock('2025-05-27T04:00:00Z');
    const first = await boot(fake, dir, clock);
    await command(fake, '/ilzam-follow', 'russia', 'C0RU');
    const dying = dyingPoster(first.slack.poster, 'after-send');
    await first.digest.start([dying.poster]);
    clock.set('2025-05-27T04:01:00Z');
    await publish(first.digest.store, 'test-forest-blizzard', FOREST_BLIZZARD);
    void first.digest.alerts!.tick();
    await dying.died;
    first.dead = true;
    await first.slack.stop();

    const second = await boot(fake, dir, new FakeClock('2025-05-27T04:01:20Z'));
    await second.digest.start([second.slack.poster]);
    await second.digest.alerts!.tick();
    // Slack has no idempotency key: an alert that may have gone out is never sent again…
    expect(fake.messagesIn('C0RU').map(headerOf)).toEqual(['New claim — Russia']);
    // …and the gap is recorded and logged, not silent.
    expect((await second.digest.store.listDeliveries()).map((d) => d.status)).toEqual(['unconfirmed']);
    expect(second.logs.join('\n')).toMatch(/slack channel C0RU: an alert was interrupted by a restart/);
  });
});
