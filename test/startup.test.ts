// Start-up mistakes, through the real entry point (node --import tsx src/main.ts, what npm
// start runs) and through startSlack / startPlatforms against the local fakes: every platform
// variable is checked for its shape with a one-line error that never quotes a secret; a Slack
// app token mistake fails fast instead of retrying for ever; a platform that cannot connect
// in time fails alone, and the others and the daily digest run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSlack } from '../src/adapters/slack/index.ts';
import { startPlatforms, type AppConfig } from '../src/app/platforms.ts';
import { configureLogging, resetLogging } from '../src/log/logger.ts';
import { DiscordFake } from './fakes/discord-fake.ts';
import { SlackFake } from './fakes/slack-fake.ts';
import { FakeClock } from './digest-harness.ts';
import { testBot } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '..');
const DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-tests-only-0123456789abcd';
const BOT_TOKEN = 'xoxb-1111-2222-startupBotTokenValue';
const APP_TOKEN = 'xapp-1-A0FAKE-3333-startupAppTokenValue';
const SLACK_SIGNING_SECRET = 'startup-signing-secret-5f0c9a1b';
const PASSWORD = 'PASSW0RDinURL';
const STACK = /\n\s+at /;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-startup-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** Every variable the bot reads, empty: whatever the developer's shell or .env has, only the test's count. */
const BLANK = Object.fromEntries(
  ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'DISCORD_REVIEWER_ROLES', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL', 'SLACK_DIGEST_ADMINS', 'SLACK_REVIEWERS', 'PORT', 'DEFAULT_LANG', 'DIGEST_TZ'].map((k) => [k, '']),
);

interface Run {
  code: number | null;
  err: string;
  out: string;
}

/** npm start with these variables; with `until`, it is stopped (SIGTERM) once stderr matches. */
function npmStart(vars: Record<string, string>, until?: RegExp): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ILZAM_STATE_DIR: stateDir, ...BLANK, ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  let stopped = false;
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
    if (!stopped && until?.test(err)) {
      stopped = true; // once: a second SIGTERM is the operator insisting, and ends it at once
      child.kill('SIGTERM');
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, err, out });
    }),
  );
}

/** Runs the cases a few at a time: each is a process of its own. */
async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

describe('every platform variable is checked at start, with one line that says what to fix', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a bot token as SLACK_APP_TOKEN', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: BOT_TOKEN }, /^SLACK_APP_TOKEN must be an app-level token \(xapp-…\) for Socket Mode, not a bot token \(xoxb-…\)$/],
    ['an app token as SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET }, /^SLACK_BOT_TOKEN must be a bot token \(xoxb-…\), not an app-level token \(xapp-…\)$/],
    ['a user token as SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'xoxp-1-2-3-userTokenValue', SLACK_SIGNING_SECRET }, /^SLACK_BOT_TOKEN must be a bot token \(xoxb-…\), not a user token \(xoxp-…\)$/],
    ['a quoted SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: `"${BOT_TOKEN}"`, SLACK_SIGNING_SECRET }, /^SLACK_BOT_TOKEN has quotes around it; remove them$/],
    ['a space inside SLACK_APP_TOKEN', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: `${APP_TOKEN} x` }, /^SLACK_APP_TOKEN has a space or other character a token cannot have$/],
    ['SLACK_APP_TOKEN without SLACK_BOT_TOKEN', { SLACK_APP_TOKEN: APP_TOKEN }, /^SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is empty; Slack needs both \(or neither\)$/],
    ['a short SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'abc' }, /^SLACK_SIGNING_SECRET must be the signing secret from the app’s Basic Information page$/],
    ['neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN: BOT_TOKEN }, /^Slack needs SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET \(HTTP mode\)$/],
    ['PORT not a number', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET, PORT: 'eighty' }, /^PORT must be a port number, not "eighty"$/],
    ['a password in SLACK_API_URL', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL: `http://user:${PASSWORD}@127.0.0.1:9/api/` }, /^SLACK_API_URL must not hold a user name or password \(the Web API client cannot send them\)$/],
    ['SLACK_API_URL not a URL', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL: 'slack.com/api' }, /^SLACK_API_URL must be an http\(s\) URL such as https:\/\/slack\.com\/api\/$/],
    ['a name in SLACK_DIGEST_ADMINS', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_DIGEST_ADMINS: 'U0ADMIN, bob' }, /^SLACK_DIGEST_ADMINS: "bob" is not a Slack user id \(U… or W…\)$/],
    ['a name in SLACK_REVIEWERS', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_REVIEWERS: '@alice' }, /^SLACK_REVIEWERS: "@alice" is not a Slack user id \(U… or W…\)$/],
    ['a malformed DISCORD_TOKEN', { DISCORD_TOKEN: 'not-a-token' }, /^DISCORD_TOKEN does not look like a Discord bot token \(three dot-separated parts, from the Bot page of the Developer Portal\)$/],
    ['a quoted DISCORD_TOKEN', { DISCORD_TOKEN: `'${DISCORD_TOKEN}'` }, /^DISCORD_TOKEN has quotes around it; remove them$/],
    ['DISCORD_APPLICATION_ID not a number', { DISCORD_TOKEN, DISCORD_APPLICATION_ID: 'ilzam' }, /^DISCORD_APPLICATION_ID must be the application’s numeric id$/],
    ['DISCORD_GUILD_ID not a number', { DISCORD_TOKEN, DISCORD_GUILD_ID: 'my server' }, /^DISCORD_GUILD_ID must be a server’s numeric id$/],
    ['a password in DISCORD_API_URL', { DISCORD_TOKEN, DISCORD_API_URL: `https://bot:${PASSWORD}@discord.example/api` }, /^DISCORD_API_URL must not hold a user name or password$/],
    ['DISCORD_API_URL not http(s)', { DISCORD_TOKEN, DISCORD_API_URL: 'ftp://discord.example/api' }, /^DISCORD_API_URL must be an http\(s\) URL such as https:\/\/discord\.com\/api$/],
    ['a name in DISCORD_REVIEWER_ROLES', { DISCORD_TOKEN, DISCORD_REVIEWER_ROLES: '1200000000000000001,moderators' }, /^DISCORD_REVIEWER_ROLES: "moderators" is not a role id \(a number\)$/],
    ['DEFAULT_LANG with an escape sequence', { DEFAULT_LANG: 'fr\u001b]0;owned\u0007' }, /^DEFAULT_LANG must be "en" or "ur", not "fr ?\]0;owned"$/],
    ['DIGEST_TZ not a zone', { DIGEST_TZ: 'Mars/Olympus' }, /^DIGEST_TZ "Mars\/Olympus" is not a time zone \(use an IANA name like Asia\/Karachi\)$/],
  ];

  it('refuses each mistake with exit 1 and one line, quoting no secret', async () => {
    const runs = await inBatches(cases, 4, ([, vars]) => npmStart(vars));
    runs.forEach(({ code, err, out }, i) => {
      const [name, vars, message] = cases[i]!;
      expect(code, name).toBe(1);
      expect(out, name).toBe('');
      const lines = err.trimEnd().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0]!.replace(/^\[ilzam\] fatal: cannot start: /, ''), name).toMatch(message);
      expect(err, name).not.toMatch(STACK);
      for (const secret of [BOT_TOKEN, APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN, PASSWORD, 'startupBotTokenValue', 'GfAkE1', '\u001b']) {
        if (Object.values(vars).some((v) => v.includes(secret)) || secret === '\u001b') expect(err, `${name}: ${JSON.stringify(secret)}`).not.toContain(secret);
      }
    });
  }, 300_000);
});

describe('log lines never carry credentials', () => {
  it('the Slack logger (Bolt’s, the Web API client’s, Socket Mode’s) and the Discord log mask URL credentials, tokens and the configured secrets', async () => {
    const { createSlackLogger } = await import('../src/adapters/slack/log.ts');
    const { makeLog } = await import('../src/adapters/discord/log.ts');
    const lines: string[] = [];
    const slack = createSlackLogger([BOT_TOKEN, SLACK_SIGNING_SECRET], (_level, line) => lines.push(line));
    // What @slack/web-api prints when a request to SLACK_API_URL fails, and other shapes.
    slack.warn(`http request failed Request cannot be constructed from a URL that includes credentials: http://user:${PASSWORD}@127.0.0.1:9/api/auth.test`);
    slack.error('token', BOT_TOKEN, 'secret', SLACK_SIGNING_SECRET, 'other token xoxb-9-9-anotherTokenValue', new Error(`GET https://bot:${PASSWORD}@slack.example/x failed`));
    const discord = makeLog((line) => lines.push(line), [DISCORD_TOKEN]);
    discord(`request to https://bot:${PASSWORD}@discord.example/api/v10/gateway failed`, new Error(`token ${DISCORD_TOKEN}`));
    const all = lines.join('\n');
    for (const secret of [PASSWORD, BOT_TOKEN, SLACK_SIGNING_SECRET, 'anotherTokenValue', DISCORD_TOKEN, 'GfAkE1']) expect(all).not.toContain(secret);
    expect(all).toContain('http://[redacted]@127.0.0.1:9/api/auth.test');
  });
});

/** A server that takes connections and never answers: a platform that hangs. */
async function blackHole(): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}/api`;
}

describe('Slack Socket Mode start errors fail startSlack, within a time limit', () => {
  const bot = testBot();
  /** startSlack's promise, or a rejection saying it hung: never waits for ever. */
  const bounded = <T>(promise: Promise<T>, ms = 20_000): Promise<T> =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('startSlack did not settle: it is retrying for ever')), ms).unref())]);

  async function fake(options: ConstructorParameters<typeof Object>[0] = {}): Promise<SlackFake> {
    const f = await SlackFake.start({ botToken: BOT_TOKEN, pingIntervalMs: 0, ...(options as object) });
    cleanup.push(() => f.close());
    return f;
  }

  it('a bot token given as the app token (not_allowed_token_type) fails at once, with Slack’s code, and opens no socket', async () => {
    const f = await fake();
    const logs: string[] = [];
    const started = startSlack(bot, { botToken: BOT_TOKEN, appToken: BOT_TOKEN, apiUrl: f.apiUrl, port: 0, admins: [] }, { logSink: (_l, line) => logs.push(line) });
    await expect(bounded(started)).rejects.toThrow(/^Slack did not accept SLACK_APP_TOKEN \(not_allowed_token_type\): it must be an app-level token \(xapp-…\) with the connections:write scope$/);
    expect(f.connections).toBe(0);
    expect(logs.join('\n')).not.toContain('startupBotTokenValue');
  });

  it('an app token without connections:write (missing_scope), or revoked, fails at once', async () => {
    for (const error of ['missing_scope', 'token_revoked']) {
      const f = await fake({ appToken: APP_TOKEN });
      f.failApi('apps.connections.open', error, { times: 1000 });
      const started = startSlack(bot, { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: f.apiUrl, port: 0, admins: [] }, { logSink: () => undefined });
      await expect(bounded(started), error).rejects.toThrow(new RegExp(`\\(${error}\\)`));
      expect(f.connections, error).toBe(0);
    }
  });

  it('a socket that never becomes ready fails after the connect time limit, and is closed', async () => {
    const f = await fake({ appToken: APP_TOKEN, hello: false });
    const started = startSlack(bot, { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: f.apiUrl, port: 0, admins: [] }, { logSink: () => undefined, connectTimeoutMs: 1500 });
    await expect(bounded(started)).rejects.toThrow(/^Slack Socket Mode did not connect within 2 s$/);
    await f.waitForSocketClosed();
  });
});

describe('a platform that cannot connect in time fails alone; the others and the digest run', () => {
  const bot = testBot();

  async function run(hanging: 'discord' | 'slack') {
    const discord = await DiscordFake.start({ token: DISCORD_TOKEN });
    const slack = await SlackFake.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, pingIntervalMs: 0 });
    cleanup.push(() => discord.close(), () => slack.close());
    const hole = await blackHole();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-startup-digest-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const config: AppConfig = {
      defaultLang: 'en',
      timeZone: 'Asia/Karachi',
      stateDir: dir,
      platforms: {
        discord: { token: DISCORD_TOKEN, apiUrl: hanging === 'discord' ? hole : discord.apiUrl },
        slack: { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: hanging === 'slack' ? `${hole}/` : slack.apiUrl, port: 0, admins: [] },
      },
    };
    const clock = new FakeClock('2025-05-26T20:00:00Z');
    const logs: string[] = [];
    // The app's own lines, as the process's logger writes them for a terminal.
    const errors: string[] = [];
    configureLogging({ LOG_FORMAT: 'text' }, { destination: { write: (chunk: string) => void errors.push(...chunk.split('\n').filter(Boolean)) } });
    cleanup.push(() => resetLogging());
    const running = await startPlatforms(bot, config, {
      clock,
      handleSignals: false,
      startTimeoutMs: 3000,
      log: (level, line) => logs.push(`${level}: ${line}`),
      platformOptions: { discord: { logger: (line: string) => logs.push(line) }, slack: { logSink: (_level: string, line: string) => logs.push(line) } },
    });
    cleanup.push(() => running.stop());
    return { running, errors, discord, slack, clock };
  }

  it('Slack hangs: Discord runs, the scheduler starts and posts on Discord', async () => {
    const { running, errors, discord, clock } = await run('slack');
    expect(running.platforms.map((p) => p.name)).toEqual(['discord']);
    expect(errors).toContainEqual('[ilzam] slack error: did not connect within 3 s');
    expect(errors).toContainEqual('[ilzam] daily digest: running for discord');
    expect(running.scheduler.nextWakeAt).toBeDefined();
    await running.digest.store.addSubscription({ platform: 'discord', channel: '1200000000000000301', language: 'en', time: '09:00', zone: 'Asia/Karachi', createdBy: 'U1' });
    running.scheduler.replan();
    await clock.runUntil('2025-05-27T04:00:00Z', running.scheduler);
    expect(discord.messagesIn('1200000000000000301')).toHaveLength(1);
  });

  it('Discord hangs: Slack runs, and the scheduler starts', async () => {
    const { running, errors } = await run('discord');
    expect(running.platforms.map((p) => p.name)).toEqual(['slack']);
    expect(errors).toContainEqual('[ilzam] discord error: did not connect within 3 s');
    expect(errors).toContainEqual('[ilzam] daily digest: running for slack');
    expect(running.scheduler.nextWakeAt).toBeDefined();
  });
});

describe('through npm start: a Slack that refuses its app token beside a working Discord', () => {
  it('Discord runs and the digest starts; Slack fails alone with one line; SIGTERM stops it with exit 0', async () => {
    const discord = await DiscordFake.start({ token: DISCORD_TOKEN });
    const slack = await SlackFake.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, pingIntervalMs: 0 });
    cleanup.push(() => discord.close(), () => slack.close());
    slack.failApi('apps.connections.open', 'not_allowed_token_type', { times: 1000 });
    const { code, err, out } = await npmStart(
      { DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl },
      /daily digest: running for discord/,
    );
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/^\[ilzam\] slack error: Slack did not accept SLACK_APP_TOKEN \(not_allowed_token_type\): it must be an app-level token \(xapp-…\) with the connections:write scope$/m);
    expect(err).toMatch(/^\[ilzam\] discord: connected$/m);
    expect(err).not.toMatch(STACK);
    for (const secret of [BOT_TOKEN, APP_TOKEN, DISCORD_TOKEN, 'startupAppTokenValue', 'GfAkE1']) expect(err).not.toContain(secret);
  }, 180_000);
});
