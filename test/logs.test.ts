// Structured logs (src/log): one logger for the process, on stderr, text for a terminal or one
// JSON object per line (LOG_FORMAT=json), and no secret in either — masked by field name (pino's
// redact) and by value (the environment's secrets, URL credentials, token shapes), so a token
// echoed inside an error message or URL never reaches the output. Checked on the logger itself,
// on the platform libraries' loggers routed into it, and on npm start against the local fakes:
// a Slack that rejects with an error quoting the tokens, and a database that is down at start.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeLog } from '../src/adapters/discord/log.ts';
import { createSlackLogger } from '../src/adapters/slack/log.ts';
import { configureLogging, createLogger, logFor, readLogSettings, resetLogging, textLine } from '../src/log/logger.ts';
import { secretsOf } from '../src/log/redact.ts';
import { DiscordFake } from './fakes/discord-fake.ts';
import { SlackFake } from './fakes/slack-fake.ts';

const root = path.resolve(import.meta.dirname, '..');
const DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-logs-test-0123456789abcd';
const BOT_TOKEN = 'xoxb-1111-2222-logsBotTokenValue';
const APP_TOKEN = 'xapp-1-A0FAKE-3333-logsAppTokenValue';
const SIGNING_SECRET = 'logs-signing-secret-7d1e2f';
const DB_PASSWORD = 'Pg-Passw0rd-in-url';
/** Every secret, and the parts of them that must not appear either. */
const SECRETS = [DISCORD_TOKEN, BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, DB_PASSWORD, 'logsBotTokenValue', 'logsAppTokenValue', 'GfAkE1', 'fake-token-for-logs-test'];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-logs-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** Lines written to a logger's destination, as text. */
function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) } };
}

function json(lines: string[]): Record<string, unknown>[] {
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

function expectNoSecret(text: string, secrets: readonly string[] = SECRETS): void {
  for (const secret of secrets) expect(text, secret).not.toContain(secret);
}

describe('the logger', () => {
  it('writes one JSON object per line with level, time and msg, masking secret fields and secret values anywhere', () => {
    const out = capture();
    const log = createLogger({ format: 'json', level: 'info' }, { secrets: [SIGNING_SECRET], destination: out.destination });
    log.info({ token: 'short', config: { botToken: 'any-value', db: { password: 'pw' } }, headers: { authorization: 'Bearer abc' } }, 'plain fields');
    log.warn({ url: `postgres://ilzam:${DB_PASSWORD}@db.example:5432/ilzam`, note: `signed with ${SIGNING_SECRET}` }, `request to https://u:${DB_PASSWORD}@api.example/x failed`);
    const cause = new Error(`inner: ${BOT_TOKEN}`);
    log.error({ err: Object.assign(new Error(`POST https://discord.com/api/v10/interactions/1200/aW50ZXJhY3Rpb246dG9rZW4/callback with ${DISCORD_TOKEN}`), { code: 'E_TEST', cause }) }, 'reply failed');
    log.error(new Error(`Slack said no to ${APP_TOKEN}`));
    log.debug('not at info');
    const entries = json(out.lines);
    expect(entries).toHaveLength(4);
    for (const e of entries) {
      expect(typeof e.level).toBe('number');
      expect(typeof e.time).toBe('number');
      expect(typeof e.msg).toBe('string');
    }
    expect(entries[0]).toMatchObject({ level: 30, token: '[redacted]', config: { botToken: '[redacted]', db: { password: '[redacted]' } }, headers: { authorization: '[redacted]' } });
    expect(entries[1]).toMatchObject({ level: 40, url: 'postgres://[redacted]@db.example:5432/ilzam', note: 'signed with [redacted]', msg: 'request to https://[redacted]@api.example/x failed' });
    expect(entries[2]).toMatchObject({ level: 50, msg: 'reply failed', err: { type: 'Error', code: 'E_TEST', message: expect.stringContaining('/interactions/1200/[redacted]/callback'), cause: { message: 'inner: [redacted]' } } });
    expect((entries[2]!.err as { stack: string }).stack).toMatch(/^Error: POST .*\n\s+at /);
    expect(entries[3]).toMatchObject({ level: 50, msg: 'Slack said no to [redacted]', err: { type: 'Error' } });
    expectNoSecret(out.lines.join('\n'));
    expect(out.lines.join('\n')).not.toContain('aW50ZXJhY3Rpb246dG9rZW4');
  });

  it('in text mode writes "[ilzam] component level: message", with nothing a terminal would act on', () => {
    const out = capture();
    const log = createLogger({ format: 'text', level: 'debug' }, { secrets: [SIGNING_SECRET], destination: out.destination });
    log.info({ component: 'discord' }, 'connected');
    log.info('daily digest: running for discord');
    log.warn({ component: 'digest' }, 'paused \u001b]0;owned\u0007 channel');
    log.error({ err: new Error(`bad ${SIGNING_SECRET}`) }, 'cannot start');
    log.debug({ component: 'slack', extra: 1 }, 'detail');
    expect(out.lines.slice(0, 4)).toEqual(['[ilzam] discord: connected', '[ilzam] daily digest: running for discord', '[ilzam] digest warn: paused ]0;owned channel', '[ilzam] error: cannot start: Error: bad [redacted]']);
    expect(out.lines).toContain('[ilzam] slack debug: detail {"extra":1}');
    expect(textLine('not json\n')).toBe('not json\n');
  });

  it('reads LOG_FORMAT and LOG_LEVEL, and names a value it does not know', () => {
    expect(readLogSettings({})).toEqual({ format: 'text', level: 'info' });
    expect(readLogSettings({ LOG_FORMAT: ' JSON ', LOG_LEVEL: 'Debug' })).toEqual({ format: 'json', level: 'debug' });
    expect(() => readLogSettings({ LOG_FORMAT: 'pretty' })).toThrow(/^LOG_FORMAT must be "json" or "text", not "pretty"$/);
    expect(() => readLogSettings({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "loud"$/);
  });

  it('takes the secrets from the environment: variables named like one, and passwords in URLs', () => {
    const secrets = secretsOf({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PGPASSWORD: 'hunter2-pg', DATABASE_URL: `postgres://ilzam:${DB_PASSWORD}@db:5432/x`, DIGEST_TZ: 'Asia/Karachi', SHORT_TOKEN: 'abc' });
    expect(secrets).toEqual(expect.arrayContaining([BOT_TOKEN, SIGNING_SECRET, 'hunter2-pg', DB_PASSWORD]));
    expect(secrets).not.toContain('Asia/Karachi');
    expect(secrets).not.toContain('abc');
  });
});

describe('the platform libraries log through it', () => {
  afterEach(() => resetLogging());

  it('Bolt’s logger goes to the process logger by level, named, redacted, and keeps LOG_LEVEL when Bolt sets INFO', () => {
    const out = capture();
    configureLogging({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }, { destination: out.destination });
    const slack = createSlackLogger([BOT_TOKEN, SIGNING_SECRET]);
    slack.setName('bolt-app');
    slack.setLevel('info' as never); // what Bolt's App does to any logger it is given
    slack.debug('socket frame', { token: BOT_TOKEN });
    slack.error('auth failed for', BOT_TOKEN, new Error(`signing secret ${SIGNING_SECRET} did not match`));
    const entries = json(out.lines);
    expect(entries.map((e) => [e.level, e.component])).toEqual([
      [20, 'slack:bolt-app'],
      [50, 'slack:bolt-app'],
    ]);
    expect(entries[1]!.msg).toBe('auth failed for [redacted] signing secret [redacted] did not match');
    expectNoSecret(out.lines.join('\n'));
  });

  it('the Discord adapter’s log goes to the process logger: info, warn, error with a one-line error, debug only when asked', () => {
    const out = capture();
    configureLogging({ LOG_FORMAT: 'json' }, { destination: out.destination });
    const log = makeLog(undefined, [DISCORD_TOKEN]);
    log('connected as ilzam#0001');
    log.warn('rate limited on POST /channels/:id/messages, retrying in 500 ms');
    log('replying to /incident failed', new Error(`request to https://discord.com/api/v10/webhooks/1100/${'x'.repeat(40)}/messages/@original with ${DISCORD_TOKEN}`));
    log.debug(`[WS => Shard 0] token ${DISCORD_TOKEN}`);
    expect(log.debugEnabled()).toBe(false);
    const entries = json(out.lines);
    expect(entries.map((e) => [e.level, e.component])).toEqual([
      [30, 'discord'],
      [40, 'discord'],
      [50, 'discord'],
    ]);
    expect(entries[2]!.msg).toMatch(/^replying to \/incident failed: Error: request to .*\/webhooks\/1100\/\[(token|redacted)\]\/messages\/@original with \[(token|redacted)\]$/);
    expect(out.lines.join('\n')).not.toContain('xxxxxxxx');
    expectNoSecret(out.lines.join('\n'));
  });

  it('the app’s own lines and a component’s lines follow a logger configured later', () => {
    const first = capture();
    configureLogging({ LOG_FORMAT: 'text' }, { destination: first.destination });
    const storage = logFor('storage');
    storage.warn('a database connection was lost');
    const second = capture();
    configureLogging({ LOG_FORMAT: 'json', LOG_LEVEL: 'error' }, { destination: second.destination });
    storage.warn('not at error level');
    storage.error('still failing');
    expect(first.lines).toEqual(['[ilzam] storage warn: a database connection was lost']);
    expect(json(second.lines)).toEqual([expect.objectContaining({ level: 50, component: 'storage', msg: 'still failing' })]);
  });
});

interface Run {
  code: number | null;
  err: string;
  out: string;
}

/** Every variable the bot reads, empty: whatever the developer's shell or .env has, only the test's count. */
const BLANK = Object.fromEntries(
  ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL', 'PORT', 'DEFAULT_LANG', 'DIGEST_TZ', 'DATABASE_URL', 'DATABASE_SCHEMA', 'LOG_FORMAT', 'LOG_LEVEL', 'HEALTH_PORT', 'INGEST'].map((k) => [k, '']),
);

/** npm start with these variables; with `until`, it is stopped (SIGTERM) once stderr matches; `input` is piped to the console bot. */
function npmStart(vars: Record<string, string>, until?: RegExp, input?: string): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ILZAM_STATE_DIR: stateDir, ...BLANK, ...vars },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  let err = '';
  let out = '';
  let stopped = false;
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
    if (!stopped && until?.test(err)) {
      stopped = true;
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

/** Every line of stderr as JSON with pino's level, time and msg; fails on any line that is not. */
function jsonLines(stderr: string): { level: number; time: number; msg: string; component?: string; [k: string]: unknown }[] {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines.length).toBeGreaterThan(0);
  return lines.map((line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`a stderr line is not JSON: ${line.slice(0, 200)}`);
    }
    expect(entry).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
    return entry as ReturnType<typeof jsonLines>[number];
  });
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm start with LOG_FORMAT=json', () => {
  it('a Slack that rejects with an error quoting the tokens beside a working Discord: every stderr line is JSON, no secret anywhere, debug lines of discord.js and Bolt included', async () => {
    const discord = await DiscordFake.start({ token: DISCORD_TOKEN });
    const slack = await SlackFake.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, pingIntervalMs: 0 });
    cleanup.push(() => discord.close(), () => slack.close());
    // An error text that echoes what was sent: both tokens and the signing secret.
    slack.failApi('apps.connections.open', `invalid_auth for ${APP_TOKEN} (bot ${BOT_TOKEN}, secret ${SIGNING_SECRET})`, { times: 1000 });
    const { code, err, out } = await npmStart(
      { LOG_FORMAT: 'json', LOG_LEVEL: 'debug', DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl },
      /daily digest: running for discord/,
    );
    expect(code).toBe(0);
    expect(out).toBe('');
    const entries = jsonLines(err);
    expectNoSecret(err);
    const slackFailure = entries.find((e) => e.component === 'slack' && e.level === 50);
    expect(slackFailure?.msg).toMatch(/^Slack did not accept SLACK_APP_TOKEN \(invalid_auth for \[redacted\] \(bot \[redacted\], secret \[redacted\]\)\)/);
    expect(entries).toContainEqual(expect.objectContaining({ level: 30, component: 'discord', msg: 'connected' }));
    expect(entries).toContainEqual(expect.objectContaining({ level: 30, msg: 'daily digest: running for discord' }));
    expect(entries).toContainEqual(expect.objectContaining({ level: 30, msg: 'SIGTERM: shutting down' }));
    // LOG_LEVEL=debug lets discord.js's and the Slack clients' own debug lines through, redacted like the rest.
    expect(entries.some((e) => e.level === 20 && e.component === 'discord')).toBe(true);
    expect(entries.some((e) => e.level === 20 && String(e.component).startsWith('slack'))).toBe(true);
  }, 180_000);

  it('a database down at start: retries with a growing wait, names the host and never the password, then exits 1 with one clear line; no platform logs in', async () => {
    const discord = await DiscordFake.start({ token: DISCORD_TOKEN });
    cleanup.push(() => discord.close());
    const port = await closedPort();
    const { code, err, out } = await npmStart({
      LOG_FORMAT: 'json',
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_URL: `postgres://ilzam:${DB_PASSWORD}@127.0.0.1:${port}/ilzam`,
      DATABASE_CONNECT_ATTEMPTS: '3',
      DATABASE_CONNECT_DELAY_MS: '50',
    });
    expect(code).toBe(1);
    expect(out).toBe('');
    const entries = jsonLines(err);
    expectNoSecret(err);
    const retries = entries.filter((e) => e.component === 'storage');
    expect(retries.map((e) => [e.level, e.msg])).toEqual([
      [40, `PostgreSQL at postgres://127.0.0.1:${port}/ilzam is not reachable (ECONNREFUSED); attempt 1 of 3, trying again in 50 ms`],
      [40, `PostgreSQL at postgres://127.0.0.1:${port}/ilzam is not reachable (ECONNREFUSED); attempt 2 of 3, trying again in 100 ms`],
    ]);
    expect(entries.at(-1)).toMatchObject({ level: 60, msg: `cannot start: cannot reach PostgreSQL at postgres://127.0.0.1:${port}/ilzam (ECONNREFUSED)` });
    expect(entries.filter((e) => e.level === 60)).toHaveLength(1);
    expect(err).not.toMatch(/\\n\s+at /); // an expected failure: no stack
    expect(discord.connections).toBe(0);
  }, 60_000);

  it('the console bot keeps stdout for its answers: logs, here of a database down at start, go to stderr only', async () => {
    const port = await closedPort();
    const down = await npmStart({ LOG_FORMAT: 'json', DATABASE_URL: `postgres://ilzam:${DB_PASSWORD}@127.0.0.1:${port}/ilzam`, DATABASE_CONNECT_ATTEMPTS: '2', DATABASE_CONNECT_DELAY_MS: '10' }, undefined, '/incident volt typhoon\n');
    expect(down.code).toBe(1);
    expect(down.out).toBe('');
    expect(jsonLines(down.err).map((e) => e.level)).toEqual([40, 60]);
    expectNoSecret(down.err);
    const answered = await npmStart({ LOG_FORMAT: 'json' }, undefined, '/incident volt typhoon\n');
    expect(answered.code).toBe(0);
    expect(answered.out).toContain('Volt Typhoon');
    expect(answered.out).not.toMatch(/"level":/);
    expect(answered.err).toBe('');
  }, 60_000);

  it('the same in text mode reads as lines for a person; a LOG_LEVEL it does not know stops start-up with one line', async () => {
    const port = await closedPort();
    const down = await npmStart({ DISCORD_TOKEN, DATABASE_URL: `postgres://ilzam:${DB_PASSWORD}@127.0.0.1:${port}/ilzam`, DATABASE_CONNECT_ATTEMPTS: '2', DATABASE_CONNECT_DELAY_MS: '10' });
    expect(down.code).toBe(1);
    expect(down.err.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^\[ilzam\] starting: /),
      `[ilzam] storage warn: PostgreSQL at postgres://127.0.0.1:${port}/ilzam is not reachable (ECONNREFUSED); attempt 1 of 2, trying again in 10 ms`,
      `[ilzam] fatal: cannot start: cannot reach PostgreSQL at postgres://127.0.0.1:${port}/ilzam (ECONNREFUSED)`,
    ]);
    expectNoSecret(down.err);
    const badLevel = await npmStart({ LOG_LEVEL: 'chatty' });
    expect(badLevel.code).toBe(1);
    expect(badLevel.err).toBe('[ilzam] fatal: cannot start: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "chatty"\n');
    const badCount = await npmStart({ DATABASE_URL: `postgres://ilzam:${DB_PASSWORD}@127.0.0.1:${port}/ilzam`, DATABASE_CONNECT_ATTEMPTS: 'forever' });
    expect(badCount.err).toBe('[ilzam] fatal: cannot start: DATABASE_CONNECT_ATTEMPTS must be a whole number from 1 to 100, not "forever"\n');
  }, 60_000);
});
