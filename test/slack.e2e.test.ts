// End to end with the real Bolt app, started through startSlack, against the local Slack fake:
// HTTP mode (signed slash-command POSTs to the running receiver; answers through response_url)
// and Socket Mode (envelopes over the fake's WebSocket; acks back over it). Everything waits on
// events from the fake, never on fixed sleeps.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../src/adapters/slack/index.ts';
import type { SlackConfig } from '../src/adapters/slack/config.ts';
import { commandRegistry } from '../commands/index.ts';
import { loadKnowledgeBase } from '../src/knowledge/load.ts';
import { Bot } from '../src/core/bot.ts';
import type { SlackReplyPayload } from '../src/adapters/slack/render.ts';
import type { Reply } from '../src/reply/model.ts';
import { blockKitViolations, SlackFake, slashCommandPayload, textsOf } from './fakes/slack-fake.ts';

const BOT_TOKEN = 'xoxb-1111-2222-e2eBotTokenValue';
const APP_TOKEN = 'xapp-1-A0FAKE-3333-e2eAppTokenValue';
const SIGNING_SECRET = 'e2e-signing-secret-5f0c9a1b';
const RLM = '\u200F';

// The adapter is under test, not the dataset (which other work keeps changing): the bot loads
// the dataset meta, the core parties and the Volt Typhoon incident, copied to a temp folder.
const repoData = path.resolve(import.meta.dirname, '../data');
let dataDir: string;
let bot: Bot;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ilzam-slack-'));
  mkdirSync(path.join(dataDir, 'parties'));
  mkdirSync(path.join(dataDir, 'incidents'));
  copyFileSync(path.join(repoData, 'dataset.json'), path.join(dataDir, 'dataset.json'));
  copyFileSync(path.join(repoData, 'parties/core.json'), path.join(dataDir, 'parties/core.json'));
  copyFileSync(path.join(repoData, 'incidents/volt-typhoon.json'), path.join(dataDir, 'incidents/volt-typhoon.json'));
  bot = Bot.fromKnowledge(loadKnowledgeBase({ dataDir }), { defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry());
});

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// --- Checks on what the fake received ---------------------------------------------------------

type Block = { type: string; text?: { type: string; text: string }; fields?: { text: string }[]; elements?: { type: string; text: string }[] };

/** Slack's limits, asserted number by number on a received payload. */
function expectWithinSlackLimits(payload: { text?: unknown; blocks?: unknown }): void {
  expect(blockKitViolations(payload)).toEqual([]);
  const blocks = (payload.blocks ?? []) as Block[];
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(String(payload.text ?? '').length).toBeLessThanOrEqual(40_000);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'section' && b.fields) {
      expect(b.fields.length).toBeLessThanOrEqual(10);
      for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (b.type === 'context') {
      expect(b.elements!.length).toBeLessThanOrEqual(10);
      for (const e of b.elements!) expect(e.text.length).toBeLessThanOrEqual(3000);
    }
  }
}

/** No mention, link or entity that Slack would act on, other than our own http(s) links. */
function expectInert(payload: { text?: unknown; blocks?: unknown }): void {
  for (const text of textsOf(payload)) {
    expect(text).not.toMatch(/<[!@#]/);
    expect(text).not.toMatch(/<(?!https?:\/\/)/);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    // Bidi embeddings and overrides never pass through (our own marks are RLM and isolates).
    expect(text).not.toMatch(/[\u202A-\u202E]/);
  }
}

function blockTexts(payload: SlackReplyPayload, type: string): string[] {
  return (payload.blocks as Block[])
    .filter((b) => b.type === type)
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)])
    .filter((t): t is string => typeof t === 'string');
}

function headerOf(payload: SlackReplyPayload): string {
  const first = payload.blocks[0] as Block;
  expect(first.type).toBe('header');
  return first.text!.text;
}

const HOSTILE_INPUTS: [string, string][] = [
  ['10,000 characters', 'a'.repeat(10_000)],
  ['10,000 characters of words', 'volt typhoon '.repeat(770)],
  ['10,000 Urdu characters', `lang:ur ${'وولٹ ٹائیفون '.repeat(770)}`],
  ['bidi overrides and isolates', '\u202Evolt\u202C \u2067typhoon\u2069 \u200F\u200E\u202Bx\u202A'],
  ['& < > in bulk', '&<>'.repeat(3000)],
  ['markdown and quotes', '*bold* _italic_ ~strike~ `code` ```block``` > quote <https://evil.test|click>'],
  ['mentions', '<!channel> <!here> <!everyone> <@U123> <#C123> <!subteam^S1> @channel @here'],
  ['control characters', 'volt\u0000\u0007\u001b[31m typhoon\r\n\t\u2028lang:ur'],
  ['an unknown language', 'volt typhoon lang:<!channel>'],
  ['emoji and combining marks', '🔥'.repeat(500) + 'Z̸̢̛͍a̷͕͝l̶̗̇g̵͖̈́o̴̱͝'.repeat(200)],
];

function readManifest(): { features: { slash_commands: { command: string; description: string; usage_hint?: string }[] }; oauth_config: { scopes: { bot: string[] } }; settings: { socket_mode_enabled: boolean } } {
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../manifest.json'), 'utf8'));
}

// --- HTTP mode ---------------------------------------------------------------------------------

describe('Slack in HTTP mode', () => {
  let fake: SlackFake;
  let slack: RunningSlack;
  const logs: string[] = [];

  beforeAll(async () => {
    fake = await SlackFake.start({ botToken: BOT_TOKEN });
    const config: SlackConfig = { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, admins: [] };
    slack = await startSlack(bot, config, { logSink: (_level, line) => logs.push(line) });
  });

  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
  });

  interface SendOptions {
    secret?: string;
    timestamp?: number;
    signature?: string;
    unsigned?: boolean;
    responseUrl?: string;
  }

  /** POSTs a slash command to the running receiver, signed as Slack signs it. */
  async function send(command: string, text: string, opts: SendOptions = {}) {
    const id = randomUUID();
    const body = new URLSearchParams(slashCommandPayload({ command, text, response_url: opts.responseUrl ?? fake.responseUrl(id) })).toString();
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = opts.signature ?? `v0=${createHmac('sha256', opts.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (!opts.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = signature;
    }
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${slack.port}/slack/events`, { method: 'POST', headers, body });
    return { status: res.status, ackBody: await res.text(), id, ackMs: performance.now() - started };
  }

  /** A valid command: acked with an empty 200, then answered on its response_url. */
  async function ask(command: string, text: string): Promise<SlackReplyPayload> {
    const sent = await send(command, text);
    expect(sent.status).toBe(200);
    expect(sent.ackBody).toBe('');
    expect(sent.ackMs).toBeLessThan(3000);
    const posted = await fake.waitForResponse(sent.id);
    return posted.body as unknown as SlackReplyPayload;
  }

  it('listens on the port it was given (0: any free one) and checked the bot token with the fake', () => {
    expect(slack.mode).toBe('http');
    expect(slack.port).toBeGreaterThan(0);
    const authTest = fake.callsOf('auth.test');
    expect(authTest.length).toBeGreaterThanOrEqual(1);
    expect(authTest[0]!.token).toBe(BOT_TOKEN);
  });

  it('answers /ilzam-incident volt typhoon with a header, accused and denied sections, and linked sources', async () => {
    const payload = await ask('/ilzam-incident', 'volt typhoon');
    expect(payload.response_type).toBe('in_channel');
    expect(headerOf(payload)).toMatch(/^Volt Typhoon/);
    const sections = blockTexts(payload, 'section');
    const accusedBy = sections.find((t) => t.startsWith('*Accused by*'));
    const denied = sections.find((t) => t.startsWith('*Denials and responses*'));
    expect(sections.find((t) => t.startsWith('*Accused*'))).toMatch(/Volt Typhoon \(China\)/);
    expect(accusedBy).toMatch(/Microsoft/);
    expect(denied).toMatch(/Chinese Ministry of Foreign Affairs/);
    const sources = blockTexts(payload, 'context').join('\n');
    expect(sources).toMatch(/^\*Sources\*/);
    expect(sources).toMatch(/<https:\/\/www\.microsoft\.com\/[^|>]+\|Microsoft Threat Intelligence: “Volt Typhoon targets[^>]*>/);
    expect(sources).toMatch(/<https:\/\/www\.cisa\.gov\/[^|>]+\|CISA/);
    expect(payload.text).toMatch(/^Volt Typhoon/);
    expectWithinSlackLimits(payload);
    expectInert(payload);
  });

  it('answers every command in manifest.json, and /ilzam with a subcommand or a bare query', async () => {
    const manifest = readManifest();
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write']));
    for (const { command, usage_hint } of manifest.features.slash_commands) {
      expect(command).toMatch(/^\/ilzam/);
      expect(usage_hint).toBeTruthy();
      const payload = await ask(command, '');
      expect(headerOf(payload)).not.toMatch(/no command/i);
      expectWithinSlackLimits(payload);
    }
    const viaUmbrella = await ask('/ilzam', 'incident volt typhoon');
    expect(headerOf(viaUmbrella)).toMatch(/^Volt Typhoon/);
    const bareQuery = await ask('/ilzam', 'volt typhoon');
    expect(headerOf(bareQuery)).toMatch(/^Volt Typhoon/);
    const actor = await ask('/ilzam-actor', 'volt typhoon');
    expect(actor.response_type).toBe('in_channel');
    expectWithinSlackLimits(actor);
  });

  it('sends help and usage only to the asker, naming the Slack commands rather than /incident', async () => {
    const help = await ask('/ilzam-help', '');
    expect(help.response_type).toBe('ephemeral');
    const helpText = textsOf(help).join('\n');
    expect(helpText).toContain('/ilzam-incident volt typhoon');
    expect(helpText).not.toMatch(/(^|\s)\/incident\b/m);
    const umbrellaHelp = await ask('/ilzam', '');
    expect(textsOf(umbrellaHelp).join('\n')).toContain('/ilzam incident volt typhoon');
    const usage = await ask('/ilzam-incident', '   ');
    expect(usage.response_type).toBe('ephemeral');
    expect(textsOf(usage).join('\n')).toContain('/ilzam-incident volt typhoon');
    const notFound = await ask('/ilzam-incident', 'qqqq zzzz xxxx');
    expect(notFound.response_type).toBe('ephemeral');
  });

  it('refuses a wrong signature, a missing one, and a stale timestamp with 401, and answers none of them', async () => {
    const wrongSecret = await send('/ilzam-incident', 'volt typhoon', { secret: 'not-the-secret' });
    const garbled = await send('/ilzam-incident', 'volt typhoon', { signature: 'v0=deadbeef' });
    const unsigned = await send('/ilzam-incident', 'volt typhoon', { unsigned: true });
    const staleTs = Math.floor(Date.now() / 1000) - 10 * 60;
    const stale = await send('/ilzam-incident', 'volt typhoon', { timestamp: staleTs });
    for (const refused of [wrongSecret, garbled, unsigned, stale]) expect(refused.status).toBe(401);
    // A valid command sent afterwards is answered; by then none of the refused ones has been.
    await ask('/ilzam-incident', 'volt typhoon');
    const refusedIds = new Set<string>([wrongSecret, garbled, unsigned, stale].map((r) => r.id));
    expect(fake.responses.filter((r) => refusedIds.has(r.id))).toEqual([]);
  });

  /** A signed slash-command request, built once so it can be sent again as captured. */
  function signed(text: string, timestamp = Math.floor(Date.now() / 1000)) {
    const id = randomUUID();
    const body = new URLSearchParams(slashCommandPayload({ command: '/ilzam-incident', text, response_url: fake.responseUrl(id) })).toString();
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
    return { id, post: async () => (await fetch(`http://127.0.0.1:${slack.port}/slack/events`, { method: 'POST', headers, body })).status };
  }

  it('refuses a validly signed request dated more than five minutes ahead of the server’s clock, and answers none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hour = signed('volt typhoon', now + 3600);
    const year = signed('volt typhoon', now + 365 * 86400);
    const early = signed('volt typhoon', now + 240); // four minutes ahead: a clock a little off is fine
    expect(await hour.post()).toBe(401);
    expect(await year.post()).toBe(401);
    expect(await early.post()).toBe(200);
    await fake.waitForResponse(early.id);
    expect(fake.responses.filter((r) => r.id === hour.id || r.id === year.id)).toEqual([]);
    expect(logs.some((l) => /refused a request dated \d+ s ahead of this server’s clock/.test(l))).toBe(true);
  });

  it('refuses a captured request sent again (a replay), and answers the first one once', async () => {
    const captured = signed('volt typhoon');
    expect(await captured.post()).toBe(200);
    await fake.waitForResponse(captured.id);
    expect(await captured.post()).toBe(401);
    // A later command is still answered, and the replay never was.
    await ask('/ilzam-incident', 'volt typhoon');
    expect(fake.responses.filter((r) => r.id === captured.id)).toHaveLength(1);
    expect(logs.some((l) => /refused a request already received/.test(l))).toBe(true);
  });

  it('still answers Slack’s ssl_check without a signature', async () => {
    const res = await fetch(`http://127.0.0.1:${slack.port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=x' });
    expect(res.status).toBe(200);
  });

  it('answers in Urdu for lang:ur, each Urdu line opening right to left and each English one left to right', async () => {
    const payload = await ask('/ilzam-incident', 'lang:ur volt typhoon');
    expect(payload.response_type).toBe('in_channel');
    expect(headerOf(payload)).toBe('وولٹ ٹائیفون: امریکہ کے اہم بنیادی ڈھانچے میں مبینہ دراندازی');
    const sections = blockTexts(payload, 'section');
    expect(sections.join('\n')).toContain('مائیکروسافٹ');
    expect(sections.join('\n')).toContain('چینی وزارت خارجہ');
    // Slack lays every line out left to right: an Urdu line (after its list marker) starts with
    // an Urdu letter or an RLM; a line whose words are Latin gets no mark (test/bidi.test.ts
    // checks what the reader then sees).
    for (const text of [...sections, ...blockTexts(payload, 'context')]) {
      for (const line of text.split('\n')) {
        const body = line.replace(/^(?:• |\d+\. |\*)/u, '');
        if (/^<https:[^|]*\|\u2066/u.test(body)) expect(body, line).not.toContain(RLM);
        else expect(body, line).toMatch(/^[\u200F\u0600-\u06FF]/u);
      }
    }
    // English titles inside an Urdu reply are isolated whole, so they keep their own order.
    expect(blockTexts(payload, 'context').join('\n')).toContain('\u2066Microsoft Threat Intelligence\u2069');
    expectWithinSlackLimits(payload);
    expectInert(payload);
  });

  it('answers in Urdu for a query in Urdu script', async () => {
    const payload = await ask('/ilzam-incident', 'وولٹ ٹائیفون');
    expect(headerOf(payload)).toContain('وولٹ ٹائیفون');
    expect(blockTexts(payload, 'section').join('\n')).toContain('تردید');
    expectWithinSlackLimits(payload);
  });

  it('escapes <!channel> and <@U123> typed in a query, so they come back as text and never ping', async () => {
    const payload = await ask('/ilzam-incident', '<!channel> <@U123> & *friends*');
    const all = JSON.stringify(payload);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U123>');
    expect(headerOf(payload)).toContain('&lt;!channel&gt; &lt;@U123&gt; &amp;');
    expect(payload.text).toContain('&lt;!channel&gt; &lt;@U123&gt; &amp; ∗friends∗');
    expectInert(payload);
  });

  it('reads an option value named like a member of Object.prototype as an unknown language, never an apology', async () => {
    const cases: [string, string, RegExp][] = [
      ['/ilzam-incident', 'volt typhoon lang:constructor', /^Unknown language “constructor”/],
      ['/ilzam-incident', 'volt typhoon lang:__proto__', /^Unknown language “__proto__”/],
      ['/ilzam-week', 'lang:toString', /^Unknown language “toString”/],
      ['/ilzam', 'incident volt typhoon lang:hasOwnProperty', /^Unknown language “hasOwnProperty”/],
      ['/ilzam-help', 'lang:valueOf', /^Unknown language “valueOf”/],
      ['/ilzam-incident', 'volt typhoon detail:toString', /^Volt Typhoon/],
      ['/ilzam-incident', 'volt typhoon __proto__:x', /^Volt Typhoon|Nothing matched/],
      ['/ilzam', 'constructor', /.+/], // a fuzzy search like any word
      ['/ilzam', '__proto__ volt', /.+/],
      ['/ilzam-toString', '', /There is no command/],
    ];
    for (const [command, text, header] of cases) {
      const payload = await ask(command, text);
      const all = textsOf(payload).join('\n');
      expect(headerOf(payload), `${command} ${text}`).toMatch(header);
      expect(all, `${command} ${text}`).not.toMatch(/something went wrong/);
      expectWithinSlackLimits(payload);
    }
  });

  it('unescapes the command text once on the way in: AT&T is searched as “AT&T” and shown once escaped', async () => {
    // Slack sends &, < and > in a slash command's text as entities.
    const payload = await ask('/ilzam-incident', 'AT&amp;T');
    const all = textsOf(payload).join('\n');
    expect(headerOf(payload)).toContain('“AT&amp;T”');
    expect(all).not.toContain('&amp;amp;');
    const tags = await ask('/ilzam-incident', '&lt;b&gt;volt&lt;/b&gt; typhoon');
    expect(textsOf(tags).join('\n')).not.toMatch(/&amp;(lt|gt);/);
    expectInert(payload);
  });

  it.each(HOSTILE_INPUTS)('keeps a hostile query (%s) within Slack limits and inert', async (_name, text) => {
    for (const command of ['/ilzam-incident', '/ilzam-actor', '/ilzam']) {
      const payload = await ask(command, text);
      expectWithinSlackLimits(payload);
      expectInert(payload);
    }
  });

  it('keeps hostile stored data within the limits when posting to a channel through the Web API', async () => {
    const huge = (s: string) => s.repeat(Math.ceil(10_000 / s.length));
    const reply: Reply = {
      kind: 'incident',
      lang: 'en',
      dir: 'ltr',
      title: huge('<!channel> Title & *more* '),
      description: Array.from({ length: 200 }, (_, i) => `line ${i} <@U999> ${'x'.repeat(100)}`).join('\n'),
      fields: Array.from({ length: 80 }, (_, i) => ({
        label: `Field ${i} <!here>`,
        lines: i % 2 ? [huge('long line & <b> ')] : Array.from({ length: 40 }, (_, j) => `item ${j} ~strike~ \`code\``),
      })),
      sources: Array.from({ length: 60 }, (_, i) => ({
        publisher: `Publisher ${i} <!everyone>`,
        title: huge('Title | with > pipes '),
        date: '1 January 2024',
        url: i % 3 === 0 ? 'javascript:alert(1)' : `https://example.test/${i}?a=1&b=<2>|x`,
      })),
      suggestions: Array.from({ length: 30 }, (_, i) => ({ label: `Suggestion ${i} <@U1>`, value: `id-${i}` })),
      suggestionsLabel: 'Also matching',
      footer: huge('footer <!channel> '),
      ephemeral: false,
    };
    // The fake refuses over-limit blocks with invalid_blocks, as Slack does.
    expect(await slack.poster.post('C0FAKE', reply)).toMatchObject({ messageId: expect.any(String) });
    const posted = fake.messages.at(-1)!;
    expectWithinSlackLimits(posted);
    expectInert(posted);
    const json = JSON.stringify(posted.blocks);
    expect(json).not.toContain('javascript:');
    expect(json).toContain('<https://example.test/1?a=1&amp;b=%3C2%3E%7Cx|');
    // Cut to 50 blocks: the header, the description, the sources and the first fields stay,
    // and "…" marks where the rest of the fields were.
    expect(posted.blocks!.length).toBe(50);
    expect(json).toContain('*Sources*');
    expect(json).toContain('*Field 0 &lt;!here&gt;*');
    expect(json).toContain('{"type":"plain_text","text":"…","emoji":false}');
  });

  it('classifies Web API errors (channel_not_found, not_in_channel, ratelimited) for the scheduler, without crashing', async () => {
    const reply = await bot.run('incident', { query: 'volt typhoon' });
    fake.failApi('chat.postMessage', 'channel_not_found');
    await expect(slack.poster.post('C0GONE', reply)).rejects.toMatchObject({ name: 'PostError', kind: 'gone' });
    fake.failApi('chat.postMessage', 'not_in_channel');
    await expect(slack.poster.post('C0PRIVATE', reply)).rejects.toMatchObject({ kind: 'forbidden' });
    // Rate limited: HTTP 429 with Retry-After 1; the poster does not retry (the scheduler waits it out) and says how long.
    const before = fake.callsOf('chat.postMessage').length;
    fake.failApi('chat.postMessage', 'ratelimited', { retryAfter: 1 });
    await expect(slack.poster.post('C0BUSY', reply)).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 1000 });
    const calls = fake.callsOf('chat.postMessage').slice(before);
    expect(calls.map((c) => c.status)).toEqual([429]);
    // And the app still answers.
    expect(headerOf(await ask('/ilzam-incident', 'volt typhoon'))).toMatch(/^Volt Typhoon/);
  });

  it('survives a response_url that refuses the answer (expired, rate limited)', async () => {
    fake.failResponseUrl(404);
    const expired = await send('/ilzam-incident', 'volt typhoon');
    expect(expired.status).toBe(200);
    expect((await fake.waitForResponse(expired.id)).status).toBe(404);
    fake.failResponseUrl(429, { retryAfter: 1 });
    const limited = await send('/ilzam-incident', 'volt typhoon');
    expect((await fake.waitForResponse(limited.id)).status).toBe(429);
    expect(headerOf(await ask('/ilzam-incident', 'volt typhoon'))).toMatch(/^Volt Typhoon/);
    expect(logs.some((l) => l.includes('could not answer /ilzam-incident: http_404'))).toBe(true);
  });

  it('logs why a response_url post failed (the network error), not a bare TypeError', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const before = logs.length;
    const sent = await send('/ilzam-incident', 'volt typhoon', { responseUrl: `http://127.0.0.1:${closed}/response/gone` });
    expect(sent.status).toBe(200);
    const deadline = Date.now() + 20_000;
    while (!logs.slice(before).some((l) => l.includes('could not answer')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const line = logs.slice(before).find((l) => l.includes('could not answer'));
    expect(line).toMatch(new RegExp(`could not answer /ilzam-incident: request_failed \\(ECONNREFUSED\\): connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}$`));
    expect(line).not.toMatch(/TypeError/);
  });

  it('never logs a token or the signing secret', () => {
    expect(logs.length).toBeGreaterThan(0);
    const all = logs.join('\n');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'e2eBotTokenValue']) expect(all).not.toContain(secret);
  });

  it('stops cleanly: the port closes, and stopping twice is harmless', async () => {
    const port = slack.port!;
    await slack.stop();
    await slack.stop();
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '' })).rejects.toThrow();
  });
});

// --- Socket Mode -------------------------------------------------------------------------------

describe('Slack in Socket Mode', () => {
  let fake: SlackFake;
  let slack: RunningSlack;
  const logs: string[] = [];

  beforeAll(async () => {
    fake = await SlackFake.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    const config: SlackConfig = { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0, admins: [] };
    slack = await startSlack(bot, config, { logSink: (_level, line) => logs.push(line) });
  });

  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
  });

  /** A slash command over the socket: its ack comes back over the socket, then the answer. */
  async function askOverSocket(command: string, text: string) {
    const { envelopeId, responseUrl } = fake.sendSlashCommand({ command, text });
    const ack = await fake.waitForAck(envelopeId);
    const answer = await fake.waitForResponse(responseUrl.split('/').at(-1)!);
    return { ack, answer, payload: answer.body as unknown as SlackReplyPayload };
  }

  it('opens the socket with the app token through apps.connections.open on the fake', async () => {
    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeUndefined();
    await fake.waitForSocket();
    // Two: the token is checked once before Socket Mode starts (a refusal fails at once), then the socket's own.
    const open = fake.callsOf('apps.connections.open');
    expect(open).toHaveLength(2);
    expect(open.map((c) => c.token)).toEqual([APP_TOKEN, APP_TOKEN]);
    expect(fake.callsOf('auth.test')[0]!.token).toBe(BOT_TOKEN);
  });

  it('acks a slash command over the socket first, then answers on response_url', async () => {
    const { ack, answer, payload } = await askOverSocket('/ilzam-incident', 'volt typhoon');
    expect(ack.payload ?? {}).toEqual({});
    expect(ack.receivedAt).toBeLessThanOrEqual(answer.receivedAt);
    expect(payload.response_type).toBe('in_channel');
    expect(headerOf(payload)).toMatch(/^Volt Typhoon/);
    const sections = blockTexts(payload, 'section').join('\n');
    expect(sections).toContain('Microsoft');
    expect(sections).toContain('Chinese Ministry of Foreign Affairs');
    expect(blockTexts(payload, 'context').join('\n')).toMatch(/<https:\/\/www\.microsoft\.com\//);
    expectWithinSlackLimits(payload);
  });

  it('answers in Urdu over the socket', async () => {
    const { payload } = await askOverSocket('/ilzam', 'incident وولٹ ٹائیفون');
    expect(headerOf(payload)).toMatch(/^[\u0600-\u06FF]/u);
    expect(headerOf(payload)).toContain('وولٹ ٹائیفون');
    expectWithinSlackLimits(payload);
  });

  it('keeps hostile queries within limits and inert over the socket too', async () => {
    for (const [, text] of HOSTILE_INPUTS) {
      const { payload } = await askOverSocket('/ilzam-incident', text);
      expectWithinSlackLimits(payload);
      expectInert(payload);
    }
  });

  it('unpaired surrogates (JSON can carry them) and terminal controls in the text never come back', async () => {
    for (const [command, text] of [
      ['/ilzam-incident', '\uD800volt\uDFFF zzqq \u001b]0;x\u0007'],
      ['/ilzam-week', 'date:2024-01-0\uD83D'],
      ['/ilzam', '\uDC00nosuch'],
      ['/ilzam-incident', 'volt lang:\uDBFFur'],
    ]) {
      const { payload } = await askOverSocket(command!, text!);
      const all = textsOf(payload).join('\n');
      expect(all, text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(all, text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
      expectWithinSlackLimits(payload);
    }
  });

  it('never logs a token', () => {
    const all = logs.join('\n');
    for (const secret of [BOT_TOKEN, APP_TOKEN, 'e2eAppTokenValue', 'e2eBotTokenValue']) expect(all).not.toContain(secret);
  });

  it('stops cleanly: the socket closes', async () => {
    await slack.stop();
    await fake.waitForSocketClosed();
  });
});

// --- Start-up failures -------------------------------------------------------------------------

describe('Slack start-up', () => {
  it('refuses a bad bot token with Slack’s error code, without echoing the token', async () => {
    const fake = await SlackFake.start({ botToken: BOT_TOKEN });
    try {
      const wrong = 'xoxb-9999-wrongTokenValue';
      const logs: string[] = [];
      const started = startSlack(bot, { botToken: wrong, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, admins: [] }, { logSink: (_l, line) => logs.push(line) });
      await expect(started).rejects.toThrow(/invalid_auth/);
      await started.catch((err: Error) => expect(err.message).not.toContain('wrongTokenValue'));
      expect(logs.join('\n')).not.toContain('wrongTokenValue');
    } finally {
      await fake.close();
    }
  });

  it('refuses a bad app token in Socket Mode with Slack’s error code, without echoing it', async () => {
    const fake = await SlackFake.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    try {
      const wrong = 'xapp-1-A0FAKE-9999-wrongAppTokenValue';
      const logs: string[] = [];
      const started = startSlack(bot, { botToken: BOT_TOKEN, appToken: wrong, apiUrl: fake.apiUrl, port: 0, admins: [] }, { logSink: (_l, line) => logs.push(line) });
      await expect(started).rejects.toThrow(/invalid_auth/);
      expect(fake.connections).toBe(0);
      expect(logs.join('\n')).not.toContain('wrongAppTokenValue');
    } finally {
      await fake.close();
    }
  });
});
