import { describe, expect, it } from 'vitest';
import { answerLine } from '../src/adapters/console/index.ts';
import { renderTerminal } from '../src/adapters/console/render.ts';
import type { Reply } from '../src/reply/model.ts';
import { ARABIC, testBot } from './helpers.ts';

const bot = testBot();
const run = (name: string, input: Record<string, string | undefined>) => bot.run(name, input);
const allText = (r: Reply) => [r.title, r.description ?? '', ...r.fields.flatMap((f) => [f.label, ...f.lines]), ...r.suggestions.map((s) => s.label)].join('\n');

describe('incident', async () => {
  it('answers in English by default, in Urdu when asked or when the query is Urdu', async () => {
    expect((await run('incident', { query: 'volt typhoon' }))).toMatchObject({ kind: 'incident', lang: 'en' });
    expect((await run('incident', { query: 'volt typhoon', lang: 'ur' }))).toMatchObject({ kind: 'incident', lang: 'ur' });
    expect((await run('incident', { query: 'وولٹ ٹائیفون' }))).toMatchObject({ kind: 'incident', lang: 'ur', dir: 'rtl' });
    expect((await run('incident', { query: 'وولٹ ٹائیفون', lang: 'en' }))).toMatchObject({ lang: 'en' });
  });
  it('finds an incident by an actor name and lists the others it appears in', async () => {
    const reply = (await run('incident', { query: 'fancy bear' }));
    expect(reply.kind).toBe('incident');
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });
  it('gives the detail view on request', async () => {
    const short = (await run('incident', { query: 'volt typhoon' }));
    const long = (await run('incident', { query: 'volt typhoon', detail: 'true' }));
    expect(allText(long).length).toBeGreaterThan(allText(short).length);
    expect(long.sources.length).toBeGreaterThan(short.sources.length);
  });
});

describe('actor history', async () => {
  it('for a group: APT28 with its names by vendor and its incidents, newest first', async () => {
    const reply = (await run('actor', { name: 'fancy bear' }));
    expect(reply.kind).toBe('actor');
    expect(reply.title).toBe('APT28');
    const names = reply.fields.find((f) => f.label === 'Names')!.lines.join('\n');
    expect(names).toMatch(/Microsoft: .*(Forest Blizzard|STRONTIUM|Strontium)/);
    const history = reply.fields.find((f) => f.label === 'History')!.lines;
    expect(history.some((l) => l.includes('accused'))).toBe(true);
    const dates = history.filter((l) => /^\d/.test(l)).map((l) => Number(l.match(/\d{4}/)![0]));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });
  it('for a state: China, in Urdu, including its groups and its denials', async () => {
    const reply = (await run('actor', { name: 'چین', detail: 'true' })); // the whole record, not the newest few
    expect(reply).toMatchObject({ kind: 'actor', lang: 'ur', title: 'چین' });
    const history = reply.fields.find((f) => f.label === 'ریکارڈ')!.lines.join('\n');
    expect(history).toContain('وولٹ ٹائیفون');
    expect(history).toContain('تردید کی');
  });
  it('for an accuser: the FBI, as accuser', async () => {
    const reply = (await run('actor', { name: 'FBI', detail: 'true' }));
    const history = reply.fields.find((f) => f.label === 'History')!.lines.join('\n');
    expect(history).toContain('made an accusation');
    expect(history).toMatch(/Sony/);
  });
  it('an ambiguous name lists its candidates instead of picking one', async () => {
    const reply = (await run('actor', { name: 'Grizzly Steppe' }));
    expect(reply.kind).toBe('not-found');
    expect(reply.suggestions.map((s) => s.value)).toEqual(expect.arrayContaining(['apt28', 'apt29']));
  });
  it('a registry-only actor still gets its names and state', async () => {
    const reply = (await run('actor', { name: 'Turla' }));
    expect(reply.kind).toBe('actor');
    expect(reply.fields.find((f) => f.label === 'Names')!.lines.length).toBeGreaterThan(0);
  });
});

describe('week', async () => {
  it('for a fixed date lists the claims of the previous seven days', async () => {
    const reply = (await run('week', { date: '2023-05-27' }));
    const recent = reply.fields[0]!.lines.join('\n');
    expect(recent).toContain('25 May 2023');
    expect(recent).toContain('24 May 2023');
    expect(recent).toMatch(/Microsoft accused Volt Typhoon/);
  });
  it('and that week in past years, in Urdu too', async () => {
    const reply = (await run('week', { date: '2024-05-27', lang: 'ur' })); // a week with no dated claims in the data
    expect(reply.fields[0]).toEqual({ label: 'گزشتہ سات دن', lines: ['کوئی نیا الزام سامنے نہیں آیا۔'] });
    expect(reply.fields[1]!.lines.join('\n')).toContain('24 مئی 2023');
  });
  it('an empty week still says something useful', async () => {
    const reply = (await run('week', { date: '2026-11-22' }));
    expect(reply.fields.length).toBeGreaterThanOrEqual(2);
    expect(allText(reply)).not.toMatch(/undefined/);
  });
  it('rejects a bad date', async () => {
    expect((await run('week', { date: '2023-02-30' }))).toMatchObject({ kind: 'usage', ephemeral: true });
    expect((await run('week', { date: 'tomorrow' }))).toMatchObject({ kind: 'usage' });
  });
});

describe('bad input never crashes and always fits a chat message', async () => {
  const hostile: Array<[string, string]> = [
    ['empty', ''],
    ['whitespace', '   \t  '],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['10,000 Urdu characters', 'ب'.repeat(10_000)],
    ['control characters', 'volt\u0000\u0007\u001b[31m typhoon'],
    ['mixed scripts', 'volt ٹائیفون'],
    ['emoji', '🐻🐻 fancy 🐻'],
    ['only emoji', '🔥🔥🔥'],
    ['bidi override', '\u202Enoohpyt tlov\u202C'],
    ['no match', 'qqqqzzzz xxyy'],
    ['mentions', '@everyone <@123> <!channel>'],
  ];
  it.each(hostile)('%s', async (_name, text) => {
    for (const [cmd, key] of [['incident', 'query'], ['actor', 'name']] as const) {
      const reply = await run(cmd, { [key]: text });
      expect(['incident', 'actor', 'not-found', 'usage']).toContain(reply.kind);
      const rendered = renderTerminal(reply);
      expect(rendered.length).toBeLessThan(4000);
      expect(rendered).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
      expect(allText(reply)).not.toContain('a'.repeat(200));
      if (reply.kind !== 'incident' && reply.kind !== 'actor') expect(reply.ephemeral).toBe(true);
    }
  });
  it('a control-character query still finds its target', async () => {
    expect((await run('incident', { query: 'volt\u0000 typhoon\u202E' })).kind).toBe('incident');
  });
  it('a query that matches nothing says so and offers help', async () => {
    const reply = (await run('incident', { query: 'qqqqzzzz xxyy' }));
    expect(reply.title).toContain('Nothing matched');
    expect(reply.description).toBeTruthy();
  });
  it('an everyday word or a mention is not a fuzzy answer: nothing matched, with near names offered', async () => {
    // Each once landed on a name sharing a few letters (The Dukes, Hippo, the Everest gang).
    for (const query of ['the', 'hi', 'what', '@everyone', 'everyone', '@here']) {
      const reply = await run('incident', { query });
      expect(reply.title, query).toContain('Nothing matched');
    }
    const actor = await run('actor', { name: '@everyone' });
    expect(actor.kind).not.toBe('actor');
    // A real typo of a name still answers, and so does a word of a name.
    expect((await run('actor', { name: 'evrest' })).kind).toBe('actor');
    expect((await run('incident', { query: 'sony' })).kind).toBe('incident');
    expect((await run('incident', { query: 'volt typoon' })).kind).toBe('incident');
  });
  it('an unknown command lists the commands', async () => {
    const out = (await answerLine(bot, '/frobnicate now'))!;
    expect(out).toContain('There is no command');
    expect(out).toContain('/incident');
  });
  it('a bad lang gets usage', async () => {
    const reply = (await run('incident', { query: 'volt typhoon', lang: 'klingon' }));
    expect(reply).toMatchObject({ kind: 'usage', ephemeral: true });
    expect(reply.description).toContain('lang:ur');
  });
  it('help in both languages', async () => {
    expect((await run('help', {})).fields.map((f) => f.label)).toEqual(['/incident', '/actor', '/week', '/help', '/review', '/subscribe · /unsubscribe · /subscriptions · /follow · /unfollow · /following']);
    expect((await run('help', { lang: 'ur' })).description).toMatch(ARABIC);
  });
});

describe('console lines', async () => {
  it('parses options anywhere in the line', async () => {
    const out = (await answerLine(bot, '/incident lang:ur volt typhoon'))!;
    expect(out).toContain('وولٹ ٹائیفون');
  });
  it('takes a plain line as an incident query', async () => {
    expect((await answerLine(bot, 'volt typhoon'))).toContain('Microsoft');
  });
});
