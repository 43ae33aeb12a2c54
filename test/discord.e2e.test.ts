// End to end with the real discord.js client: startDiscord() logs in to a fake Discord on
// 127.0.0.1 (REST and gateway, pointed at through DISCORD_API_URL), the fake injects slash
// commands and autocomplete, and the tests read what the client sent back.
import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import { deployCommands } from '../src/adapters/discord/deploy.ts';
import { startDiscord, type RunningDiscord } from '../src/adapters/discord/index.ts';
import type { Bot } from '../src/core/bot.ts';
import { DiscordFake, LIMITS, choiceProblems, embedTotal, messageProblems, type FakeOption, type RecordedRequest } from './fakes/discord-fake.ts';
import { ARABIC, testBot } from './helpers.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Shaped like a real bot token, so a leak would be caught by the log check below.
const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-tests-only-0123456789abcd';
const EPHEMERAL = 64;
const RLM = '\u200F';

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

function embedOf(callback: RecordedRequest): Embed {
  expect(callback.body.type).toBe(4);
  expect(callback.body.data.embeds).toHaveLength(1);
  return callback.body.data.embeds[0];
}

function field(embed: Embed, name: string): string {
  const found = embed.fields?.find((f) => f.name === name || f.name === `${RLM}${name}`);
  expect(found, `field "${name}" in ${JSON.stringify(embed.fields?.map((f) => f.name))}`).toBeDefined();
  return found!.value;
}

/** Every text the user would see in the message. */
function texts(data: { content?: string; embeds?: Embed[] }): string[] {
  return [
    data.content ?? '',
    ...(data.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ];
}

/** The checks every message must pass, with the limits asserted as numbers. */
function expectSafeMessage(data: { content?: string; embeds?: Embed[]; allowed_mentions?: { parse: string[] } }): void {
  expect(data.allowed_mentions).toEqual({ parse: [] });
  expect(messageProblems(data)).toEqual([]);
  expect((data.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  for (const e of data.embeds ?? []) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(embedTotal(e)).toBeLessThanOrEqual(LIMITS.total);
  }
  for (const text of texts(data)) {
    expect(text).not.toMatch(/@(everyone|here)/i);
    expect(text).not.toMatch(/<[@#]/);
    expect(text).not.toMatch(/[\u202A-\u202E]/);
  }
}

describe('Discord adapter (discord.js against a fake Discord)', () => {
  let fake: DiscordFake;
  let discord: RunningDiscord;
  const logs = new LogSink();

  async function ask(name: string, options: FakeOption[] = []) {
    const sent = fake.slashCommand(name, options);
    const callback = await fake.callbackFor(sent);
    expectSafeMessage(callback.body.data);
    return { sent, callback, data: callback.body.data };
  }

  async function suggest(name: string, options: FakeOption[]) {
    const started = performance.now();
    const sent = fake.autocomplete(name, options);
    const callback = await fake.callbackFor(sent);
    expect(callback.body.type).toBe(8);
    expect(choiceProblems(callback.body.data.choices)).toEqual([]);
    return { choices: callback.body.data.choices as { name: string; value: string }[], ms: callback.at - started };
  }

  beforeAll(async () => {
    fake = await DiscordFake.start({ token: TOKEN });
    discord = await startDiscord(testBot(), { token: TOKEN, apiUrl: fake.apiUrl }, { logger: logs.logger });
  });

  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
  });

  it('logs in through DISCORD_API_URL: gateway URL from /gateway/bot, IDENTIFY with the token', async () => {
    const gateway = await fake.waitFor((r) => r.path === '/gateway/bot');
    expect(gateway.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect((await fake.waitForIdentify()).token).toBe(TOKEN);
    expect(discord.name).toBe('discord');
    expect(discord.client.isReady()).toBe(true);
    expect(discord.client.user?.id).toBe(fake.botUserId);
  });

  it('/incident volt typhoon: an embed with the accused, the accusers, the denial and the sources', async () => {
    const { callback, data } = await ask('incident', [{ name: 'query', value: 'volt typhoon' }]);
    expect(callback.headers.authorization).toBeUndefined();
    expect(data.flags ?? 0).toBe(0);
    const embed = embedOf(callback);
    expect(embed.title).toContain('Volt Typhoon');
    expect(field(embed, 'Accused')).toContain('Volt Typhoon');
    expect(field(embed, 'Accused by')).toContain('Microsoft');
    expect(field(embed, 'Denials and responses')).toContain('Chinese Ministry of Foreign Affairs');
    const sources = field(embed, 'Sources');
    expect(sources).toMatch(/\]\(https:\/\/www\.microsoft\.com\/[^)\s]+\)/);
    expect(sources).toContain('(https://www.cisa.gov/');
    expect(embed.footer?.text).toMatch(/dataset reviewed .*\d{4}/);
    expect(data.allowed_mentions.parse).toEqual([]);
  });

  it('lang: ur (the اردو choice) answers in Urdu, every line marked right to left', async () => {
    const { callback } = await ask('incident', [
      { name: 'query', value: 'volt typhoon' },
      { name: 'lang', value: 'ur' },
    ]);
    const embed = embedOf(callback);
    expect(embed.title).toMatch(ARABIC);
    expect(embed.title?.startsWith(RLM)).toBe(true);
    expect(field(embed, 'جن پر الزام ہے')).toContain('وولٹ ٹائیفون');
    expect(field(embed, 'الزام عائد کرنے والے')).toContain('مائیکروسافٹ');
    expect(field(embed, 'تردید اور ردعمل')).toContain('چینی وزارت خارجہ');
    for (const f of embed.fields ?? []) for (const line of f.value.split('\n')) expect(line.startsWith(RLM), line).toBe(true);
    expect(embed.footer?.text).toMatch(ARABIC);
  });

  it('autocomplete offers at most 25 relevant choices, quickly', async () => {
    const volt = await suggest('incident', [{ name: 'query', value: 'volt', focused: true }]);
    expect(volt.choices.length).toBeGreaterThan(0);
    expect(volt.choices.length).toBeLessThanOrEqual(25);
    expect(volt.choices[0]).toMatchObject({ value: 'volt-typhoon' });
    expect(volt.choices[0]!.name).toContain('Volt Typhoon');
    expect(volt.ms).toBeLessThan(2500);

    const fancy = await suggest('actor', [{ name: 'name', value: 'fancy', focused: true }]);
    expect(fancy.choices.map((c) => c.value)).toContain('apt28');
    expect(fancy.choices.find((c) => c.value === 'apt28')!.name).toContain('APT28');

    // Before anything is typed: a full list, still within the limit.
    const empty = await suggest('incident', [{ name: 'query', value: '', focused: true }]);
    expect(empty.choices.length).toBeGreaterThan(0);
    expect(empty.choices.length).toBeLessThanOrEqual(25);

    // The lang option already chosen shapes the labels.
    const urdu = await suggest('actor', [
      { name: 'lang', value: 'ur' },
      { name: 'name', value: 'fancy', focused: true },
    ]);
    expect(urdu.choices.find((c) => c.value === 'apt28')!.name).toMatch(ARABIC);
  });

  it('a picked choice (the id) answers the same incident', async () => {
    const { callback } = await ask('incident', [{ name: 'query', value: 'volt-typhoon' }]);
    expect(embedOf(callback).title).toContain('Volt Typhoon');
  });

  it('a query that matches nothing gets a friendly, private reply', async () => {
    const { callback, data } = await ask('incident', [{ name: 'query', value: 'qwxzv plorgh' }]);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const embed = embedOf(callback);
    expect(embed.title).toContain('Nothing matched');
    expect(embed.description).toMatch(/Try another name/);
  });

  it('/actor, /week, /help and an unknown command all answer', async () => {
    expect(embedOf((await ask('actor', [{ name: 'name', value: 'fancy bear' }])).callback).title).toContain('APT28');
    expect(embedOf((await ask('week', [{ name: 'date', value: '2023-05-26' }])).callback).title).toBeTruthy();
    expect(embedOf((await ask('help', [{ name: 'lang', value: 'ur' }])).callback).title).toMatch(ARABIC);
    const unknown = await ask('nosuch');
    expect(unknown.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  describe('hostile input: each answered within every limit, pinging nobody', () => {
    const cases: [string, string, FakeOption[]][] = [
      ['a 10,000-character query', 'incident', [{ name: 'query', value: 'A'.repeat(10_000) }]],
      ['a 10,000-character query of mentions', 'actor', [{ name: 'name', value: '@everyone <@123> '.repeat(600) }]],
      ['@everyone', 'incident', [{ name: 'query', value: '@everyone' }]],
      ['@here and a user mention', 'incident', [{ name: 'query', value: '@here <@123> <@!456>' }]],
      ['role and channel mentions', 'actor', [{ name: 'name', value: '<@&789> <#1011> ping' }]],
      ['bidi controls', 'incident', [{ name: 'query', value: '\u202Evolt typhoon\u202C\u2066' }]],
      ['an unknown option', 'incident', [{ name: 'query', value: 'volt typhoon' }, { name: 'bogus', value: 'x' }]],
      ['an option of the wrong type', 'incident', [{ name: 'query', type: 4, value: 42 }]],
      ['no options at all', 'incident', []],
      ['an unknown language', 'incident', [{ name: 'query', value: 'volt typhoon' }, { name: 'lang', value: 'klingon' }]],
      ['a bad date', 'week', [{ name: 'date', value: '2023-02-30' }]],
      ['markdown injection', 'incident', [{ name: 'query', value: '[click](https://evil.example) **bold** ||spoiler|| `code` # head > quote' }]],
      ['the detail view in Urdu', 'incident', [{ name: 'query', value: 'volt typhoon' }, { name: 'lang', value: 'ur' }, { name: 'detail', value: true }]],
    ];
    it.each(cases)('%s', async (_label, name, options) => {
      const { data } = await ask(name, options);
      expect(data.embeds.length).toBe(1);
      const all = texts(data).join('\n');
      expect(all).not.toContain('](https://evil.example)');
      expect(all).not.toContain('**bold**');
      expect(all).not.toContain('||spoiler||');
    });

    it('bidi controls are stripped and the query still understood', async () => {
      const { callback } = await ask('incident', [{ name: 'query', value: '\u202Evolt typhoon' }]);
      expect(embedOf(callback).title).toContain('Volt Typhoon');
      expect(texts(callback.body.data).join('')).not.toMatch(/\u202E/);
    });

    it('unpaired surrogates (JSON can carry them) and terminal controls never come back', async () => {
      for (const [name, option, value] of [
        ['incident', 'query', '\uD800volt\uDFFF zzqq \u001b]0;x\u0007'],
        ['actor', 'name', 'apt\uDC0028 \u009b31m'],
        ['week', 'date', '2024-01-0\uD83D'],
        ['incident', 'lang', '\uDBFFur'],
      ] as const) {
        const { data } = await ask(name, name === 'incident' && option === 'lang' ? [{ name: 'query', value: 'volt' }, { name: option, value }] : [{ name: option, value }]);
        const all = texts(data).join('\n');
        expect(all, value).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(all, value).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
      }
    });

    it('markdown in a query is escaped, not rendered', async () => {
      const { callback } = await ask('incident', [{ name: 'query', value: '[click](https://evil.example) **bold**' }]);
      expect(embedOf(callback).title).toContain('\\[click\\]\\(https://evil.example\\) \\*\\*bold\\*\\*');
    });

    it('an autocomplete of hostile text answers within limits', async () => {
      for (const value of ['@everyone', 'A'.repeat(10_000), '\u202E<@123>', '']) {
        const { choices } = await suggest('actor', [{ name: 'name', value, focused: true }]);
        expect(choices.length).toBeLessThanOrEqual(25);
      }
      const unknownOption = await suggest('incident', [{ name: 'bogus', value: 'volt', focused: true }]);
      expect(unknownOption.choices).toEqual([]);
    });
  });

  describe('Discord failing', () => {
    const callbackRoute = /^\/interactions\/\d+\/[^/]+\/callback$/;

    it('a 500 on the callback is retried and the answer arrives', async () => {
      fake.failNext('POST', callbackRoute, { status: 500, times: 1 });
      const { sent } = await ask('help');
      expect(fake.callbackAttempts(sent.id).map((r) => r.status)).toEqual([500, 204]);
    });

    it('a 429 with retry-after is waited out, then the answer arrives', async () => {
      fake.failNext('POST', callbackRoute, { status: 429, times: 1, retryAfter: 0.2 });
      const { sent } = await ask('incident', [{ name: 'query', value: 'volt typhoon' }]);
      const attempts = fake.callbackAttempts(sent.id);
      expect(attempts.map((r) => r.status)).toEqual([429, 204]);
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(150);
    });

    it('a message Discord refuses (400) is replaced by a private apology', async () => {
      fake.failNext('POST', callbackRoute, { status: 400, times: 1 });
      const sent = fake.slashCommand('incident', [{ name: 'query', value: 'volt typhoon' }]);
      const apology = await fake.callbackFor(sent);
      expect(fake.callbackAttempts(sent.id).map((r) => r.status)).toEqual([400, 204]);
      expectSafeMessage(apology.body.data);
      expect(apology.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(embedOf(apology).title).toMatch(/Sorry/);
    });

    it('a callback that keeps failing is logged (without tokens), and the bot keeps answering', async () => {
      // discord.js tries 1 + 3 times, then gives up; the adapter logs it and carries on.
      fake.failNext('POST', callbackRoute, { status: 500, times: 4 });
      const failed = fake.slashCommand('incident', [{ name: 'query', value: 'volt typhoon' }]);
      const logged = await logs.waitFor(new RegExp(`replying to /incident failed: .*/interactions/${failed.id}/`));
      expect(fake.callbackAttempts(failed.id).map((r) => r.status)).toEqual([500, 500, 500, 500]);
      expect(logged).toMatch(/: 500 /);
      expect(logged).toContain(`/interactions/${failed.id}/[token]/callback`);
      expect(logged).not.toContain(failed.token);
      const next = await ask('incident', [{ name: 'query', value: 'volt typhoon' }]);
      expect(embedOf(next.callback).title).toContain('Volt Typhoon');
      expect(discord.client.isReady()).toBe(true);
    });
  });

  it('the gateway dropping the connection: the client resumes and keeps answering', async () => {
    const resumed = fake.resumes.length;
    fake.dropConnections(4000);
    await fake.waitForGateway(() => fake.resumes.length > resumed, 15_000, 'RESUME');
    await logs.waitFor(/gateway connection resumed/);
    const { callback } = await ask('incident', [{ name: 'query', value: 'volt typhoon' }]);
    expect(embedOf(callback).title).toContain('Volt Typhoon');
    expect(fake.identifies).toHaveLength(1);
  });

  it('never logs a bot or interaction token', () => {
    const interactionTokens = fake.requests.map((r) => /^\/interactions\/\d+\/([^/]+)\//.exec(r.path)?.[1]).filter(Boolean) as string[];
    expect(interactionTokens.length).toBeGreaterThan(0);
    for (const line of logs.lines) {
      expect(line).not.toContain(TOKEN);
      for (const token of interactionTokens) expect(line).not.toContain(token);
    }
  });
});

describe('Discord adapter under load: 300 interactions at once', () => {
  let fake: DiscordFake;
  let discord: RunningDiscord;
  const logs = new LogSink();

  beforeAll(async () => {
    let answered = 0;
    // Discord refuses a first answer after 3 s, and so does this fake. The 3 s are counted in
    // work done, not on the clock, so the load on the test machine cannot decide the result:
    // past 100 answers of 20 ms (2 s of work), a first answer is too late.
    fake = await DiscordFake.start({ token: TOKEN, tooLate: () => answered > 100 });
    const bot = testBot();
    // Each answer costs 20 ms of CPU, as a heavy search does: synchronous work that blocks the
    // event loop, so 300 of them take 6 s, twice Discord's window.
    const heavy = Object.create(bot) as Bot;
    heavy.run = (...args: Parameters<Bot['run']>) => {
      const until = performance.now() + 20;
      while (performance.now() < until);
      answered++;
      return bot.run(...args);
    };
    discord = await startDiscord(heavy, { token: TOKEN, apiUrl: fake.apiUrl }, { logger: logs.logger });
  });

  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
  });

  it('every one gets its first answer inside Discord’s window (deferred when many are under way), and every deferred one its edit', async () => {
    const queries = ['volt typhoon', 'sony hack 2014', 'qwxzv plorgh', 'fancy bear', 'wannacry'];
    const sent = Array.from({ length: 300 }, (_, i) => fake.slashCommand('incident', [{ name: 'query', value: queries[i % queries.length]! }]));
    const firsts = await Promise.all(
      sent.map((s) => fake.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${s.id}/`), 120_000, `a first answer to ${s.id}`)),
    );
    expect(firsts.filter((r) => r.status >= 300).map((r) => r.status)).toEqual([]); // none too late (404 Unknown interaction)
    const deferred = sent.filter((_, i) => firsts[i]!.body.type === 5);
    expect(deferred.length).toBeGreaterThan(0);
    expect(firsts.every((r) => r.body.type === 4 || r.body.type === 5)).toBe(true);
    // Each deferred answer arrives as an edit of the placeholder (or, for a private answer to a
    // public placeholder, as a follow-up).
    await Promise.all(
      deferred.map((s) =>
        fake.waitFor(
          (r) => r.status === 200 && ((r.method === 'PATCH' && r.path.endsWith(`/${s.token}/messages/@original`)) || (r.method === 'POST' && r.path.endsWith(`/${s.token}`))),
          120_000,
          `the answer to deferred ${s.id}`,
        ),
      ),
    );
    expect(logs.lines.filter((l) => /failed/.test(l))).toEqual([]);
  }, 240_000);
});

describe('Discord adapter: deferring, stopping, a bad token', () => {
  let fake: DiscordFake;
  let discord: RunningDiscord;
  const logs = new LogSink();

  beforeAll(async () => {
    fake = await DiscordFake.start({ token: TOKEN });
    const bot = testBot();
    // A bot whose answers take 300 ms, to drive the deferral path.
    const slow = Object.create(bot) as Bot;
    slow.run = (...args: Parameters<Bot['run']>) => new Promise((resolve) => setTimeout(() => resolve(bot.run(...args)), 300));
    discord = await startDiscord(slow, { token: TOKEN, apiUrl: `${fake.apiUrl}/v10/` }, { deferAfterMs: 50, logger: logs.logger });
  });

  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
  });

  it('defers a slow answer, then edits the deferred reply with the embed', async () => {
    const sent = fake.slashCommand('incident', [{ name: 'query', value: 'volt typhoon' }]);
    const deferred = await fake.callbackFor(sent);
    expect(deferred.body.type).toBe(5);
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`);
    expect(edit.status).toBe(200);
    expectSafeMessage(edit.body);
    expect(edit.body.embeds[0].title).toContain('Volt Typhoon');
  });

  it('a slow private answer replaces the public placeholder with a private follow-up', async () => {
    const sent = fake.slashCommand('incident', [{ name: 'query', value: 'qwxzv plorgh' }]);
    expect((await fake.callbackFor(sent)).body.type).toBe(5);
    await fake.waitFor((r) => r.method === 'DELETE' && r.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`);
    const followUp = await fake.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${sent.token}`);
    expectSafeMessage(followUp.body);
    expect(followUp.body.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('stop() waits for the answer in flight, then closes the gateway connection', async () => {
    const sent = fake.slashCommand('help');
    await fake.callbackFor(sent); // the deferral: the answer is still being worked out
    await discord.stop();
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(sent.token))).toBe(true);
    await fake.waitForNoConnections();
    expect(fake.connections).toBe(0);
    expect(logs.some(/disconnected/)).toBe(true);
  });

  it('a wrong token fails start-up with a message that does not contain it', async () => {
    const wrong = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.WrOnG1.wrong-token-wrong-token-wrong-token-00';
    const quiet: string[] = [];
    const failure = await startDiscord(testBot(), { token: wrong, apiUrl: fake.apiUrl }, { logger: (l) => quiet.push(l) }).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toMatch(/login failed/i);
    expect(failure!.message).not.toContain(wrong);
    for (const line of quiet) expect(line).not.toContain(wrong);
  });
});

describe('npm run deploy:discord (against the fake)', () => {
  let fake: DiscordFake;

  beforeAll(async () => {
    fake = await DiscordFake.start({ token: TOKEN });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('registers to one guild when a guild id is given', async () => {
    const result = await deployCommands(COMMANDS, { token: TOKEN, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl });
    expect(result).toMatchObject({ scope: 'guild', applicationId: fake.applicationId, names: ['incident', 'actor', 'week', 'help', 'subscribe', 'unsubscribe', 'subscriptions', 'follow', 'unfollow', 'following', 'review'] });
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    const incident = fake.commands.guilds.get(fake.guildId)!.find((c) => c.name === 'incident');
    expect(incident.options.map((o: any) => [o.name, o.type, o.required])).toEqual([
      ['query', 3, true],
      ['lang', 3, false],
      ['detail', 5, false],
    ]);
    expect(incident.options[0].autocomplete).toBe(true);
    expect(incident.options[1].choices).toEqual([
      { name: 'English', value: 'en' },
      { name: 'اردو', value: 'ur' },
    ]);
    for (const command of fake.commands.guilds.get(fake.guildId)!) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const o of command.options) expect(o.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('registers globally without a guild id, fetching the application id when not given', async () => {
    const result = await deployCommands(COMMANDS, { token: TOKEN, apiUrl: fake.apiUrl });
    expect(result).toMatchObject({ scope: 'global', applicationId: fake.applicationId });
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/applications/@me')).toBe(true);
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/commands`)).toBe(true);
    expect(fake.commands.global.map((c) => c.name)).toEqual(['incident', 'actor', 'week', 'help', 'subscribe', 'unsubscribe', 'subscriptions', 'follow', 'unfollow', 'following', 'review']);
  });

  it('falls back to /oauth2/applications/@me', async () => {
    fake.failNext('GET', /^\/applications\/@me$/, { status: 404, times: 1 });
    const result = await deployCommands(COMMANDS, { token: TOKEN, apiUrl: fake.apiUrl });
    expect(result.applicationId).toBe(fake.applicationId);
    expect(fake.requests.some((r) => r.path === '/oauth2/applications/@me')).toBe(true);
  });

  it('the script reads the environment, reports, and keeps the token out of its output', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ilzam-deploy-')); // no .env here
    try {
      const run = (env: Record<string, string>, args: string[] = []) =>
        promisify(execFile)(path.join(REPO, 'node_modules/.bin/tsx'), [path.join(REPO, 'scripts/deploy-discord.ts'), ...args], {
          cwd,
          env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, ...env },
        });
      const guild = await run({ DISCORD_GUILD_ID: fake.guildId, DISCORD_APPLICATION_ID: fake.applicationId });
      expect(guild.stdout).toContain(`guild ${fake.guildId}`);
      expect(guild.stdout).toContain('/incident, /actor, /week, /help');
      const global = await run({});
      expect(global.stdout).toMatch(/global/);
      const clear = await run({ DISCORD_GUILD_ID: fake.guildId }, ['--clear']);
      expect(clear.stdout).toContain(`Removed every command`);
      expect(fake.commands.guilds.get(fake.guildId)).toEqual([]);
      const failed = await run({ DISCORD_TOKEN: 'MTEwMDAwMDAwMDAwMDAwMDAwMg.WrOnG1.wrong-token-wrong-token-wrong-token-00' }).catch((err: { code: number; stdout: string; stderr: string }) => err);
      expect(failed).toMatchObject({ code: 1 });
      expect((failed as { stderr: string }).stderr).toMatch(/deploy:discord failed: 401/);
      for (const out of [guild.stdout, guild.stderr, global.stdout, global.stderr, (failed as { stderr: string }).stderr]) expect(out).not.toContain('GfAkE1');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 90_000); // five child processes: slow on a loaded 2-core machine
});

/** Collects the adapter's log lines; waitFor() resolves when a matching line arrives. */
class LogSink {
  readonly lines: string[] = [];
  private readonly emitter = new EventEmitter();
  readonly logger = (line: string) => {
    this.lines.push(line);
    this.emitter.emit('line', line);
  };

  some(re: RegExp): boolean {
    return this.lines.some((l) => re.test(l));
  }

  waitFor(re: RegExp, timeoutMs = 10_000): Promise<string> {
    const found = this.lines.find((l) => re.test(l));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onLine = (line: string) => {
        if (!re.test(line)) return;
        clearTimeout(timer);
        this.emitter.off('line', onLine);
        resolve(line);
      };
      const timer = setTimeout(() => {
        this.emitter.off('line', onLine);
        reject(new Error(`no log line like ${re}`));
      }, timeoutMs);
      this.emitter.on('line', onLine);
    });
  }
}
