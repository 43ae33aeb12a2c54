// npm start's wiring of the daily digest: startPlatforms opens the state store, hands the
// SubscriptionService to both adapters, starts the scheduler with both posters, and stops it
// all cleanly. Both real clients run against the local fakes, with a clock moved by hand.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlatforms, type AppConfig, type RunningPlatforms } from '../src/app/platforms.ts';
import { StateDirError } from '../src/store/file-storage.ts';
import { FakeClock } from './digest-harness.ts';
import { DiscordFake } from './fakes/discord-fake.ts';
import { SlackFake } from './fakes/slack-fake.ts';
import { testBot } from './helpers.ts';

const DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-tests-only-0123456789abcd';
const SLACK_BOT_TOKEN = 'xoxb-1111-2222-e2eWiringBotToken';
const SLACK_APP_TOKEN = 'xapp-1-A0FAKE-3333-e2eWiringAppToken';
const DISCORD_CHANNEL = '1200000000000000201';
const SLACK_CHANNEL = 'C0WIRED';
const root = path.resolve(import.meta.dirname, '..');
const bot = testBot();

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-digest-wiring-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function fakes() {
  const discord = await DiscordFake.start({ token: DISCORD_TOKEN });
  const slack = await SlackFake.start({ botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN, pingIntervalMs: 0 });
  slack.users.set('U0ADMIN', { is_admin: true });
  cleanup.push(() => discord.close(), () => slack.close());
  return { discord, slack };
}

function configFor(f: Awaited<ReturnType<typeof fakes>>, stateDir: string): AppConfig {
  return {
    defaultLang: 'en',
    timeZone: 'Asia/Karachi',
    stateDir,
    platforms: {
      discord: { token: DISCORD_TOKEN, apiUrl: f.discord.apiUrl },
      slack: { botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN, apiUrl: f.slack.apiUrl, port: 0, admins: [] },
    },
  };
}

async function start(config: AppConfig, clock: FakeClock, logs: string[]): Promise<RunningPlatforms> {
  const running = await startPlatforms(bot, config, {
    clock,
    handleSignals: false,
    log: (level, line) => logs.push(`${level}: ${line}`),
    platformOptions: {
      discord: { deferAfterMs: 10_000, logger: (line: string) => logs.push(line) },
      slack: { logSink: (_level: string, line: string) => logs.push(line) },
    },
  });
  cleanup.push(() => running.stop());
  return running;
}

describe('npm start with Discord and Slack: the daily digest wired in', () => {
  it('takes subscriptions on both platforms, posts on schedule, and survives a stop and a restart without doubling or skipping', async () => {
    const f = await fakes();
    const config = configFor(f, tempDir());
    const logs: string[] = [];
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const first = await start(config, clock, logs);
    expect(first.platforms.map((p) => p.name)).toEqual(['discord', 'slack']);

    const sent = f.discord.slashCommand('subscribe', [{ name: 'lang', value: 'ur' }], { channel_id: DISCORD_CHANNEL, channel: { id: DISCORD_CHANNEL, type: 0, guild_id: f.discord.guildId, name: 'digest' }, member: f.discord.member('32') });
    expect((await f.discord.callbackFor(sent)).body.data.embeds[0].title).toContain('روزانہ خلاصے کی رکنیت شروع');
    const { responseUrl } = f.slack.sendSlashCommand({ command: '/ilzam-subscribe', text: '', channel_id: SLACK_CHANNEL, user_id: 'U0ADMIN' });
    expect(JSON.stringify((await f.slack.waitForResponse(responseUrl.split('/').at(-1)!)).body)).toContain('Subscribed to the daily digest');

    await clock.runUntil('2025-05-27T04:00:00Z', first.scheduler);
    expect(f.discord.messagesIn(DISCORD_CHANNEL)).toHaveLength(1);
    expect(f.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(1);

    // Stop: the scheduler's timer is gone, both clients disconnect, the state is on disk.
    await first.stop();
    expect(first.scheduler.nextWakeAt).toBeUndefined();
    await f.discord.waitForNoConnections();
    await f.slack.waitForSocketClosed();

    // Back the same day: nothing is sent twice.
    const clock2 = new FakeClock('2025-05-27T06:00:00Z');
    const second = await start(config, clock2, logs);
    expect(f.discord.messagesIn(DISCORD_CHANNEL)).toHaveLength(1);
    expect(f.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(1);
    await clock2.runUntil('2025-05-28T04:00:00Z', second.scheduler);
    expect(f.discord.messagesIn(DISCORD_CHANNEL)).toHaveLength(2);
    expect(f.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(2);
    await second.stop();

    // Down for all of 29 May and for the slot of the 30th: the 30th is caught up on start, the
    // 29th cannot be posted any more and is recorded as missed.
    const clock3 = new FakeClock('2025-05-30T06:00:00Z');
    const third = await start(config, clock3, logs);
    expect(f.discord.messagesIn(DISCORD_CHANNEL).map((m) => m.body.embeds[0].title)).toEqual([
      expect.stringContaining('27 مئی 2025'),
      expect.stringContaining('28 مئی 2025'),
      expect.stringContaining('30 مئی 2025'),
    ]);
    expect(f.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(3);
    const missed = third.digest.store.read().posts.filter((p) => p.date === '2025-05-29');
    expect(missed.map((p) => [p.status, p.error])).toEqual([
      ['failed', expect.stringMatching(/^missed/)],
      ['failed', expect.stringMatching(/^missed/)],
    ]);
    expect(logs.some((l) => /catching up/.test(l))).toBe(true);
  });

  it('a state directory that cannot be used stops start-up with a clear error, before any client logs in', async () => {
    const f = await fakes();
    const file = path.join(tempDir(), 'not-a-directory');
    writeFileSync(file, '');
    const config = configFor(f, path.join(file, 'state'));
    await expect(startPlatforms(bot, config, { handleSignals: false })).rejects.toThrow(StateDirError);
    expect(f.discord.identifies).toEqual([]);
    expect(f.slack.callsOf('auth.test')).toEqual([]);

    // The same through npm start: one line that says what to fix, no stack, exit code 1.
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: DISCORD_TOKEN, DISCORD_API_URL: f.discord.apiUrl, SLACK_BOT_TOKEN: '', ILZAM_STATE_DIR: path.join(file, 'state') },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\[ilzam\] fatal: cannot start: State directory .*not-a-directory\/state cannot be created \(ENOTDIR\)\. Point ILZAM_STATE_DIR at a writable directory\.$/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('GfAkE1');
    expect(f.discord.identifies).toEqual([]);
  });
});
