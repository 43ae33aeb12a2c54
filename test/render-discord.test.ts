// The Discord renderer on its own: escaping of stored text, Urdu layout, and trimming to
// Discord's limits, including replies far larger than any real one.
import { describe, expect, it } from 'vitest';
import { embedLength } from 'discord.js';
import {
  CONTENT_MAX,
  DESCRIPTION_MAX,
  EMBED_TOTAL_MAX,
  FIELD_NAME_MAX,
  FIELD_VALUE_MAX,
  FIELDS_MAX,
  FOOTER_MAX,
  renderDiscord,
  TITLE_MAX,
  type DiscordReplyPayload,
} from '../src/adapters/discord/render.ts';
import type { Reply } from '../src/reply/model.ts';
import { messageProblems } from './fakes/discord-fake.ts';
import { testBot } from './helpers.ts';

function reply(parts: Partial<Reply> = {}): Reply {
  return { kind: 'incident', lang: 'en', dir: 'ltr', title: 'T', fields: [], sources: [], suggestions: [], ephemeral: false, ...parts };
}

function expectWithinLimits(payload: DiscordReplyPayload): void {
  expect(payload.allowedMentions).toEqual({ parse: [] });
  expect((payload.content ?? '').length).toBeLessThanOrEqual(CONTENT_MAX);
  expect(payload.embeds).toHaveLength(1);
  const e = payload.embeds[0]!;
  expect(e.title!.length).toBeGreaterThan(0);
  expect(e.title!.length).toBeLessThanOrEqual(TITLE_MAX);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(DESCRIPTION_MAX);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(FIELDS_MAX);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(FIELD_NAME_MAX);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(FIELD_VALUE_MAX);
  }
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(FOOTER_MAX);
  expect(embedLength(e)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
  expect(messageProblems({ content: payload.content, embeds: payload.embeds })).toEqual([]);
}

const lines = (n: number, width: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i} ${'x'.repeat(width)}`);

describe('renderDiscord', () => {
  it('exports the limits', () => {
    expect([CONTENT_MAX, TITLE_MAX, DESCRIPTION_MAX, FIELDS_MAX, FIELD_NAME_MAX, FIELD_VALUE_MAX, FOOTER_MAX, EMBED_TOTAL_MAX]).toEqual([
      2000, 256, 4096, 25, 256, 1024, 2048, 6000,
    ]);
  });

  it('escapes markdown in stored text so nothing formats and no link is injected', () => {
    const out = renderDiscord(
      reply({
        title: '**bold** _it_ `code` ~~s~~ ||spoiler|| > quote',
        description: '# heading\n- item\n1. item\n[click](https://evil.example)',
        fields: [{ label: 'A|B', lines: ['(paren) [x](y)'] }],
      }),
    ).embeds[0]!;
    expect(out.title).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\> quote');
    expect(out.description).toBe('\\# heading\n\\- item\n1\\. item\n\\[click\\]\\(https://evil.example\\)');
    expect(out.fields![0]).toMatchObject({ name: 'A\\|B', value: '\\(paren\\) \\[x\\]\\(y\\)' });
  });

  it('breaks mentions in stored text, and sets allowedMentions on every payload', () => {
    const payload = renderDiscord(reply({ title: '@everyone @here <@123> <@!4> <@&5> <#6> </cmd:7>', footer: '@everyone' }));
    const e = payload.embeds[0]!;
    expect(e.title).not.toMatch(/@(everyone|here)|<[@#/]/);
    expect(e.title).toContain('@\u200Beveryone');
    expect(e.footer!.text).toBe('@\u200Beveryone');
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('links sources only to http(s) URLs, encoded so they cannot end the link early', () => {
    const value = renderDiscord(
      reply({
        sources: [
          { publisher: 'P', title: 'T1', date: '1 May 2023', url: 'https://example.com/a_(b) c' },
          { publisher: 'P', title: 'T2', date: '', url: 'javascript:alert(1)' },
          { publisher: 'P', title: 'T3](https://evil.example', date: '' },
        ],
      }),
    ).embeds[0]!.fields![0]!.value;
    expect(value).toContain('1. [T1](https://example.com/a_%28b%29%20c) — P, 1 May 2023');
    expect(value).toContain('2. T2 — P');
    expect(value).not.toContain('javascript:');
    expect(value).toContain('3. T3\\]\\(https://evil.example — P');
  });

  it('lays out Urdu right to left: a mark on every line, stored bidi controls removed', () => {
    const e = renderDiscord(
      reply({
        lang: 'ur',
        dir: 'rtl',
        title: 'وولٹ ٹائیفون\u202E',
        description: 'پہلی سطر\nMicrosoft نے کہا',
        fields: [{ label: 'الزام', lines: ['مائیکروسافٹ (24 مئی 2023)', 'CISA'] }],
        sources: [{ publisher: 'ناشر', title: 'عنوان', date: '24 مئی 2023', url: 'https://example.com' }],
        footer: 'الزام ڈیٹا سیٹ',
      }),
    ).embeds[0]!;
    const all = [e.title!, e.description!, e.footer!.text, ...e.fields!.flatMap((f) => [f.name, f.value])];
    for (const text of all) for (const line of text.split('\n')) expect(line.startsWith('\u200F'), JSON.stringify(line)).toBe(true);
    expect(all.join('')).not.toMatch(/[\u202A-\u202E]/);
    expect(e.description).toContain('\u2066Microsoft\u2069');
  });

  it('trims an oversized reply from its least important parts, keeping the core', () => {
    const payload = renderDiscord(
      reply({
        description: 'summary',
        fields: [
          { label: 'Accused', lines: ['Volt Typhoon (China)'] },
          { label: 'Accused by', lines: ['Microsoft'] },
          { label: 'Denied', lines: ['Chinese Ministry of Foreign Affairs'] },
          { label: 'Timeline', lines: lines(120, 90) },
        ],
        sources: Array.from({ length: 30 }, (_, i) => ({ publisher: `P${i}`, title: `Title ${i}`, date: '2023', url: `https://example.com/${i}` })),
        suggestions: Array.from({ length: 10 }, (_, i) => ({ label: `S${i}`, value: `s-${i}` })),
        footer: 'ilzam dataset reviewed 1 May 2025',
      }),
    );
    expectWithinLimits(payload);
    const e = payload.embeds[0]!;
    const names = e.fields!.map((f) => f.name);
    expect(names.slice(0, 4)).toEqual(['Accused', 'Accused by', 'Denied', 'Timeline']);
    expect(names).toContain('Sources');
    expect(names).not.toContain('Did you mean');
    expect(e.fields!.find((f) => f.name === 'Denied')!.value).toBe('Chinese Ministry of Foreign Affairs');
    expect(e.description).toBe('summary');
    expect(e.footer!.text).toBe('ilzam dataset reviewed 1 May 2025');
    // The timeline lost its tail (the marker counts what is left out), not its start.
    const timeline = e.fields!.filter((f) => f.name.startsWith('Timeline')).map((f) => f.value).join('\n');
    expect(timeline.startsWith('• line 0 ')).toBe(true);
    expect(timeline).toMatch(/… \d+ more$/);
    const shown = timeline.split('\n').filter((l) => l.startsWith('• line')).length;
    expect(Number(/(\d+) more$/.exec(timeline)![1])).toBe(120 - shown);
  });

  it('a long field continues in further fields rather than being cut at 1,024', () => {
    const e = renderDiscord(reply({ fields: [{ label: 'Timeline', lines: lines(20, 90) }] })).embeds[0]!;
    expect(e.fields!.map((f) => f.name)).toEqual(['Timeline', 'Timeline (continued)', 'Timeline (continued)']);
    expect(e.fields!.map((f) => f.value).join('\n').split('\n')).toHaveLength(20);
  });

  it('fits absurd replies too, without throwing', () => {
    const huge = reply({
      title: 'T'.repeat(10_000),
      description: 'D'.repeat(50_000),
      fields: Array.from({ length: 60 }, (_, i) => ({ label: 'L'.repeat(1000), lines: [`${i}`.repeat(5000), ...lines(50, 200)] })),
      sources: Array.from({ length: 100 }, () => ({ publisher: 'p'.repeat(5000), title: 't'.repeat(5000), date: 'd', url: `https://e.com/${'u'.repeat(5000)}` })),
      suggestions: Array.from({ length: 100 }, () => ({ label: 's'.repeat(500), value: 'v'.repeat(500) })),
      suggestionsLabel: 'S'.repeat(1000),
      footer: 'F'.repeat(10_000),
    });
    expectWithinLimits(renderDiscord(huge));
    expectWithinLimits(renderDiscord({ ...huge, lang: 'ur', dir: 'rtl' }));
    expectWithinLimits(renderDiscord(reply({ title: '', fields: [{ label: '', lines: [] }, { label: 'x', lines: [''] }] })));
  });

  it('fits randomly shaped replies (seeded)', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['a', ' ', '\n', '*', '[', ')', '@everyone', '<@1>', 'ا', '\u202E', '\\', '😀', 'x'.repeat(50)];
    const text = (max: number) => Array.from({ length: rand(max) }, () => alphabet[rand(alphabet.length)]).join('');
    for (let i = 0; i < 200; i++) {
      const r = reply({
        lang: i % 2 ? 'ur' : 'en',
        dir: i % 2 ? 'rtl' : 'ltr',
        title: text(80),
        description: rand(3) ? text(600) : undefined,
        fields: Array.from({ length: rand(30) }, () => ({ label: text(40), lines: Array.from({ length: rand(40) }, () => text(60)) })),
        sources: Array.from({ length: rand(20) }, () => ({ publisher: text(20), title: text(40), date: text(5), url: rand(2) ? `https://e.com/${text(20)}` : undefined })),
        suggestions: Array.from({ length: rand(30) }, () => ({ label: text(20), value: text(10) })),
        footer: rand(2) ? text(200) : undefined,
      });
      expectWithinLimits(renderDiscord(r));
    }
  });

  it('renders every real command reply within limits', async () => {
    const bot = testBot();
    const asks: [string, Record<string, string>][] = [
      ['incident', { query: 'volt typhoon', detail: 'true' }],
      ['incident', { query: 'volt typhoon', detail: 'true', lang: 'ur' }],
      ['actor', { name: 'china', detail: 'true' }],
      ['actor', { name: 'apt28', detail: 'true', lang: 'ur' }],
      ['week', { date: '2023-05-26' }],
      ['help', { lang: 'ur' }],
    ];
    for (const [name, input] of asks) expectWithinLimits(renderDiscord(await bot.run(name, input)));
  });
});
