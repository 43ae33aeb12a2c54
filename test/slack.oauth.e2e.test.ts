// Public distribution end to end: the real Bolt app in HTTP mode with its OAuth support, started
// through startSlack with ilzam's file storage, against the local Slack fake. Two workspaces
// install the app through /slack/install and /slack/oauth_redirect (the state cookie and the
// redirect as a browser would carry them); each one's signed commands, admin checks and digest
// posts then run with its own bot token, as the Authorization header the fake saw shows. A
// forged state is refused and stores nothing; app_uninstalled removes a workspace's
// installation and pauses its subscription, and only that workspace stops being answered.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../src/adapters/slack/index.ts';
import { readSlackConfig, type SlackConfig } from '../src/adapters/slack/config.ts';
import type { SlackReplyPayload } from '../src/adapters/slack/render.ts';
import { openDigest, type Digest } from '../src/app/digest.ts';
import { SlackFake, slashCommandPayload, type FakeTeam } from './fakes/slack-fake.ts';
import { testBot } from './helpers.ts';

const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'e2eClientSecret0c1d2e3f4a5b6c7d';
const STATE_SECRET = 'e2eStateSecret-9f8e7d6c5b4a39281706';
const SIGNING_SECRET = 'e2e-oauth-signing-secret-77aa';
const STATE_COOKIE = 'slack-app-oauth-state';

const TEAM_A: FakeTeam = { id: 'T0AAAA', name: 'Workspace A' };
const TEAM_B: FakeTeam = { id: 'T0BBBB', name: 'Workspace B' };
const ADMIN_A = 'U0ADMINA';
const ADMIN_B = 'U0ADMINB';

const bot = testBot();
let fake: SlackFake;
let slack: RunningSlack;
let digest: Digest;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  fake = await SlackFake.start({ oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
  fake.users.set(ADMIN_A, { is_admin: true });
  fake.users.set(ADMIN_B, { is_owner: true });
  dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-slack-oauth-'));
  digest = await openDigest(bot.kb, { timeZone: 'Asia/Karachi', stateDir: dir }, { log: (level, line) => logs.push(`${level}: ${line}`) });
  // The configuration as the environment gives it, so the reader is part of what is tested.
  const config: SlackConfig = {
    ...readSlackConfig({ SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' })!,
  };
  slack = await startSlack(bot.withServices({ subscriptions: digest.service, follows: digest.follows }), config, { storage: digest.store, logSink: (_level, line) => logs.push(line) });
});

afterAll(async () => {
  await slack?.stop();
  await digest?.stop();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${slack.port}`;

/** GET /slack/install as a browser: the redirect to Slack's consent page and the state cookie it sets. */
async function startInstall(): Promise<{ location: URL; state: string }> {
  const res = await fetch(`${base()}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  const cookie = res.headers.get('set-cookie') ?? '';
  const state = new RegExp(`${STATE_COOKIE}=([^;]+)`).exec(cookie)?.[1];
  expect(state).toBeTruthy();
  expect(cookie).toMatch(/HttpOnly/i);
  return { location, state: state! };
}

/** Slack's redirect back after approval, with the cookie the browser holds. */
async function redirectBack(query: Record<string, string | undefined>, cookieState?: string): Promise<{ status: number; html: string }> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(`${base()}/slack/oauth_redirect?${params}`, { headers: cookieState === undefined ? {} : { cookie: `${STATE_COOKIE}=${cookieState}` }, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

async function install(team: FakeTeam): Promise<string> {
  const { location, state } = await startInstall();
  expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(location.searchParams.get('scope')?.split(',')).toEqual(['commands', 'chat:write', 'users:read']);
  expect(location.searchParams.get('state')).toBe(state);
  const done = await redirectBack({ code: fake.grantCode(team), state }, state);
  expect(done.status).toBe(200);
  expect(done.html).toContain('ilzam is installed');
  expect(done.html).toContain(team.name);
  const token = fake.tokenOf(team.id);
  expect(token).toMatch(/^xoxb-/);
  expect(done.html).not.toContain(token);
  return token!;
}

function sign(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}` };
}

/** A signed slash command from a workspace; resolves when Bolt has acked it. */
async function sendCommand(team: string, command: string, text: string, channel: string, user: string): Promise<{ id: string; status: number }> {
  const id = randomUUID();
  const body = new URLSearchParams(slashCommandPayload({ command, text, response_url: fake.responseUrl(id), channel_id: channel, user_id: user, team_id: team })).toString();
  const res = await fetch(`${base()}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
  await res.text();
  return { id, status: res.status };
}

async function ask(team: string, command: string, text: string, channel: string, user: string): Promise<SlackReplyPayload> {
  const sent = await sendCommand(team, command, text, channel, user);
  expect(sent.status).toBe(200);
  return (await fake.waitForResponse(sent.id)).body as unknown as SlackReplyPayload;
}

/** A signed Events API callback, as Slack sends app_uninstalled and tokens_revoked. */
async function sendEvent(team: string, event: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: team,
    api_app_id: 'A0FAKE',
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: team, user_id: `U${team}BOT`, is_bot: true, is_enterprise_install: false }],
  });
  const res = await fetch(`${base()}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(body) }, body });
  await res.text();
  return res.status;
}

/** Polls a condition the app reaches asynchronously (an event's listener runs after the ack). */
async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const headerOf = (payload: SlackReplyPayload) => (payload.blocks[0] as { text?: { text: string } }).text?.text ?? '';
const tokensOf = (method: string, from = 0) => fake.callsOf(method).slice(from).map((c) => c.token);

describe('Slack public distribution (OAuth, many workspaces)', () => {
  let tokenA: string;
  let tokenB: string;

  it('starts in HTTP mode with the install paths and no bot token of its own', () => {
    expect(slack.mode).toBe('http');
    expect(fake.callsOf('auth.test')).toEqual([]);
    expect(logs.some((l) => l.includes(`installs at :${slack.port}/slack/install`))).toBe(true);
  });

  it('installs into two workspaces through /slack/install and /slack/oauth_redirect, each with its own token', async () => {
    tokenA = await install(TEAM_A);
    tokenB = await install(TEAM_B);
    expect(tokenA).not.toBe(tokenB);
    const exchanges = fake.callsOf('oauth.v2.access');
    expect(exchanges).toHaveLength(2);
    for (const call of exchanges) expect(call.params).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(await digest.store.fetchInstallation(TEAM_A.id)).toMatchObject({ team: { id: TEAM_A.id }, bot: { token: tokenA, userId: `U${TEAM_A.id}BOT`, id: `B${TEAM_A.id}` } });
    expect(await digest.store.fetchInstallation(TEAM_B.id)).toMatchObject({ team: { id: TEAM_B.id }, bot: { token: tokenB } });
  });

  it('refuses a forged or mismatched state with a friendly page, and stores nothing', async () => {
    const intruder: FakeTeam = { id: 'T0EVIL', name: 'Intruder' };
    const before = fake.callsOf('oauth.v2.access').length;
    const { state } = await startInstall();
    // Tampered: the signature no longer matches (the cookie and the query agree, so only the signature check can refuse it).
    const [head, payload, signature] = state.split('.');
    const tampered = `${head}.${payload}.${signature!.slice(0, -4)}${signature!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const attempts = [
      { name: 'no cookie', query: { code: fake.grantCode(intruder), state }, cookie: undefined },
      { name: 'another browser’s state', query: { code: fake.grantCode(intruder), state }, cookie: (await startInstall()).state },
      { name: 'a tampered state', query: { code: fake.grantCode(intruder), state: tampered }, cookie: tampered },
      { name: 'no state at all', query: { code: fake.grantCode(intruder) }, cookie: undefined },
    ];
    for (const attempt of attempts) {
      const res = await redirectBack(attempt.query, attempt.cookie);
      expect(res.status, attempt.name).toBe(400);
      expect(res.html, attempt.name).toContain('This install link is not valid');
      expect(res.html, attempt.name).toContain('href="/slack/install"');
      expect(res.html).not.toMatch(/slack_oauth_|Error:/);
    }
    // The code was never exchanged, and no installation exists for the intruder.
    expect(fake.callsOf('oauth.v2.access').length).toBe(before);
    expect(await digest.store.fetchInstallation(intruder.id)).toBeUndefined();
  });

  it('answers signed commands from both workspaces, checking admins with each workspace’s own token', async () => {
    expect(headerOf(await ask(TEAM_A.id, '/ilzam-incident', 'volt typhoon', 'C0CHANA', 'U0MEMBERA'))).toMatch(/^Volt Typhoon/);
    expect(headerOf(await ask(TEAM_B.id, '/ilzam-incident', 'volt typhoon', 'C0CHANB', 'U0MEMBERB'))).toMatch(/^Volt Typhoon/);
    const from = fake.callsOf('users.info').length;
    const subA = await ask(TEAM_A.id, '/ilzam-subscribe', 'en', 'C0CHANA', ADMIN_A);
    const subB = await ask(TEAM_B.id, '/ilzam-subscribe', 'en', 'C0CHANB', ADMIN_B);
    expect(JSON.stringify(subA)).toContain('every day at 09:00');
    expect(JSON.stringify(subB)).toContain('every day at 09:00');
    expect(fake.callsOf('users.info').slice(from).map((c) => [c.params.user, c.token])).toEqual([
      [ADMIN_A, tokenA],
      [ADMIN_B, tokenB],
    ]);
    const subs = digest.store.listSubscriptions('slack');
    expect(subs.map((s) => [s.channel, s.workspace])).toEqual([
      ['C0CHANA', TEAM_A.id],
      ['C0CHANB', TEAM_B.id],
    ]);
  });

  it('posts the digest to each channel with the token of the workspace that subscribed', async () => {
    const reply = await bot.run('incident', { query: 'volt typhoon' });
    const from = fake.callsOf('chat.postMessage').length;
    await slack.poster.post('C0CHANA', reply);
    await slack.poster.post('C0CHANB', reply);
    expect(fake.callsOf('chat.postMessage').slice(from).map((c) => [c.params.channel, c.token, c.response.ok])).toEqual([
      ['C0CHANA', tokenA, true],
      ['C0CHANB', tokenB, true],
    ]);
    // A channel nobody subscribed or followed from has no workspace to post as.
    await expect(slack.poster.post('C0NOBODY', reply)).rejects.toMatchObject({ name: 'PostError', kind: 'gone' });
  });

  it('after app_uninstalled in A: its installation is gone, its subscription paused with the reason, its commands ignored; B still works', async () => {
    fake.revokeTeam(TEAM_A.id); // Slack revokes the tokens when the app is removed
    expect(await sendEvent(TEAM_A.id, { type: 'app_uninstalled' })).toBe(200);
    await eventually('the installation to be removed', async () => (await digest.store.fetchInstallation(TEAM_A.id)) === undefined);
    await eventually('the subscription to be paused', () => digest.store.listSubscriptions('slack').find((s) => s.channel === 'C0CHANA')?.paused === true);
    const subA = digest.store.listSubscriptions('slack').find((s) => s.channel === 'C0CHANA')!;
    expect(subA.pausedReason).toMatch(/uninstalled from this Slack workspace/);
    expect(digest.store.listSubscriptions('slack').find((s) => s.channel === 'C0CHANB')?.paused).toBe(false);

    // A command from A is acked and ignored, logged once, without crashing.
    const logsBefore = logs.length;
    const ignored = await sendCommand(TEAM_A.id, '/ilzam-incident', 'volt typhoon', 'C0CHANA', 'U0MEMBERA');
    expect(ignored.status).toBe(200);
    await eventually('the not-installed line', () => logs.slice(logsBefore).some((l) => l.includes(`ignored a request from Slack workspace ${TEAM_A.id}`)));
    const again = await sendCommand(TEAM_A.id, '/ilzam-subscribe', '', 'C0CHANA', ADMIN_A);
    expect(again.status).toBe(200);
    // B, asked after A's two, is answered, with admin checks on B's token.
    const usersFrom = fake.callsOf('users.info').length;
    expect(JSON.stringify(await ask(TEAM_B.id, '/ilzam-subscriptions', '', 'C0CHANB', ADMIN_B))).toContain('C0CHANB');
    expect(headerOf(await ask(TEAM_B.id, '/ilzam-incident', 'volt typhoon', 'C0CHANB', 'U0MEMBERB'))).toMatch(/^Volt Typhoon/);
    expect(tokensOf('users.info', usersFrom)).toEqual([tokenB]);
    expect(fake.responses.some((r) => r.id === ignored.id || r.id === again.id)).toBe(false);
    expect(logs.slice(logsBefore).filter((l) => l.includes(`workspace ${TEAM_A.id}`))).toHaveLength(1);
    expect(logs.slice(logsBefore).filter((l) => /unhandled error|Authorization of incoming event/.test(l))).toEqual([]);

    // The digest for A's channel fails as the channel's fault, with a reason; B's still posts with B's token.
    const reply = await bot.run('incident', { query: 'volt typhoon' });
    const postsFrom = fake.callsOf('chat.postMessage').length;
    await expect(slack.poster.post('C0CHANA', reply)).rejects.toMatchObject({ kind: 'gone', message: expect.stringContaining(`not installed in workspace ${TEAM_A.id}`) });
    await slack.poster.post('C0CHANB', reply);
    expect(tokensOf('chat.postMessage', postsFrom)).toEqual([tokenB]);
  });

  it('tokens_revoked for the bot removes the installation too', async () => {
    const teamC: FakeTeam = { id: 'T0CCCC', name: 'Workspace C' };
    await install(teamC);
    expect(await digest.store.fetchInstallation(teamC.id)).toBeDefined();
    fake.revokeTeam(teamC.id);
    expect(await sendEvent(teamC.id, { type: 'tokens_revoked', tokens: { bot: [`U${teamC.id}BOT`] } })).toBe(200);
    await eventually('the installation to be removed', async () => (await digest.store.fetchInstallation(teamC.id)) === undefined);
  });

  it('installs again after an uninstall, and answers that workspace again', async () => {
    const newA = await install(TEAM_A);
    expect(newA).not.toBe(tokenA);
    expect(headerOf(await ask(TEAM_A.id, '/ilzam-incident', 'volt typhoon', 'C0CHANA', 'U0MEMBERA'))).toMatch(/^Volt Typhoon/);
  });

  it('never logs a token or a secret', () => {
    const all = logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [CLIENT_SECRET, STATE_SECRET, SIGNING_SECRET, tokenA, tokenB]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/xoxb-[A-Za-z0-9]/);
  });
});

describe('Slack public distribution settings', () => {
  const env = { SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, SLACK_SIGNING_SECRET: SIGNING_SECRET };

  it('reads the three OAuth variables and the signing secret, and keeps the token mode as it was', () => {
    expect(readSlackConfig(env)).toMatchObject({ oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET }, signingSecret: SIGNING_SECRET, port: 3000 });
    const tokenMode = readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: SIGNING_SECRET });
    expect(tokenMode).toMatchObject({ botToken: 'xoxb-1-2-abc', signingSecret: SIGNING_SECRET });
    expect(tokenMode?.oauth).toBeUndefined();
    expect(readSlackConfig({ ...env, SLACK_REDIRECT_URI: 'https://bot.example.org/slack/oauth_redirect' })?.oauth?.redirectUri).toBe('https://bot.example.org/slack/oauth_redirect');
  });

  it('refuses half a configuration, a mix of both modes, and Socket Mode, naming the variable and never the value', () => {
    const error = (extra: Record<string, string | undefined>) => {
      try {
        readSlackConfig({ ...env, ...extra });
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(error({ SLACK_STATE_SECRET: undefined })).toMatch(/SLACK_STATE_SECRET is not set/);
    expect(error({ SLACK_CLIENT_SECRET: undefined, SLACK_STATE_SECRET: undefined })).toMatch(/SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are not set/);
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' })).toMatch(/not both/);
    expect(error({ SLACK_APP_TOKEN: 'xapp-1-abc' })).toMatch(/HTTP mode/);
    expect(error({ SLACK_SIGNING_SECRET: undefined })).toMatch(/needs SLACK_SIGNING_SECRET/);
    expect(error({ SLACK_STATE_SECRET: 'short' })).toMatch(/at least 16/);
    expect(error({ SLACK_REDIRECT_URI: 'https://bot.example.org/callback' })).toMatch(/must end in \/slack\/oauth_redirect/);
    for (const message of [error({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }), error({ SLACK_STATE_SECRET: 'short' })]) {
      for (const secret of [CLIENT_SECRET, 'short', 'xoxb-1-2-abc']) expect(message).not.toContain(secret);
    }
  });
});
