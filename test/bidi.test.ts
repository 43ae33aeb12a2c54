// Tests that can see direction: every Urdu incident card, a wide sample of actor cards, week
// replies for several dates, help and the digest's answers, rendered for Discord and for Slack
// and laid out with the Unicode Bidirectional Algorithm the way each client lays them out
// (Discord: each line by its first strong character; Slack: every line left to right). Each
// line must read: words and numbers whole and in order, English titles and publishers whole,
// commands with their slash in front, dates day-month-year, brackets facing their content, no
// arrows, list markers where the reader expects them.
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../src/adapters/discord/render.ts';
import { DISCORD_WORDS } from '../src/adapters/discord/commands.ts';
import { renderSlack } from '../src/adapters/slack/render.ts';
import { slackCommandName, SLACK_WORDS } from '../src/adapters/slack/commands.ts';
import { Bot } from '../src/core/bot.ts';
import type { Caller } from '../src/core/command.ts';
import { alreadySubscribedReply, badTimeReply, badZoneReply, listReply, nothingToUnsubscribeReply, pauseNotice, subscribedReply } from '../src/digest/texts.ts';
import { isolateLooseLatin, rtlLine } from '../src/i18n/bidi.ts';
import type { Reply } from '../src/reply/model.ts';
import { actorReply } from '../src/summary/actor.ts';
import { incidentReply } from '../src/summary/incident.ts';
import { weekClaims, weekReply } from '../src/summary/week.ts';
import { layOut, readingProblems, type LineExpectations, type Paragraph } from './bidi-visual.ts';
import { testBot } from './helpers.ts';

const bot = testBot();
const kb = bot.kb;

/** Discord's markdown as the client draws it: links by their text, code without backticks, escapes gone. */
function discordVisible(line: string): string {
  return line
    .replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\((?:https?:[^)\s]+)\)/gu, '$1')
    .replace(/`([^`]*)`/gu, '$1')
    .replace(/\\(.)/gu, '$1');
}

/** Slack's mrkdwn as the client draws it: links by their label, bold without asterisks, entities decoded. */
function slackVisible(line: string): string {
  return line
    .replace(/<[^|>]*\|([^>]*)>/gu, '$1')
    .replace(/^([\u200F]?)\*(.*)\*$/u, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function discordLines(reply: Reply): string[] {
  const e = renderDiscord(reply).embeds[0]!;
  const parts = [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? ''];
  return parts.flatMap((p) => p.split('\n')).filter((l) => l.trim()).map(discordVisible);
}

function slackLines(reply: Reply): string[] {
  const out: string[] = [];
  for (const block of renderSlack(reply).blocks as any[]) {
    if (block.type === 'header') out.push(block.text.text);
    if (block.type === 'section') {
      if (block.text) out.push(block.text.text);
      for (const f of block.fields ?? []) out.push(f.text);
    }
    if (block.type === 'context') for (const el of block.elements) out.push(el.text);
  }
  return out.flatMap((p) => p.split('\n')).filter((l) => l.trim()).map(slackVisible);
}

const PLATFORMS: { name: string; lines: (r: Reply) => string[]; paragraph: Paragraph; marker: LineExpectations['marker'] }[] = [
  { name: 'Discord', lines: discordLines, paragraph: 'first-strong', marker: 'reading-start' },
  { name: 'Slack', lines: slackLines, paragraph: 'ltr', marker: 'left' },
];

/** Every problem of every line of a reply on a platform, each naming the line. */
function problemsOf(reply: Reply, platform: (typeof PLATFORMS)[number], fields: string[] = []): string[] {
  const problems: string[] = [];
  for (const line of platform.lines(reply)) {
    const laid = layOut(line, platform.paragraph);
    for (const p of readingProblems(laid, { fields, marker: platform.marker, paragraph: platform.paragraph })) problems.push(`${p}\n    in ${JSON.stringify(line)}`);
  }
  return problems;
}

/** The Latin fields of an incident card that must stay whole: source titles and publishers. */
function sourceFields(reply: Reply): string[] {
  return reply.sources.flatMap((s) => [s.title, s.publisher]).filter((f) => /[A-Za-z]/.test(f) && !/[\u0600-\u06FF]/.test(f) && f.length < 190);
}

describe.each(PLATFORMS)('right to left on $name', (platform) => {
  const incidents = [...kb.incidents.values()];
  it.each(incidents.map((i) => [i.id, i] as const))('incident card %s reads right (short and detail)', (_id, incident) => {
    for (const detail of [false, true]) {
      const reply = incidentReply(kb, incident, 'ur', detail);
      expect(problemsOf(reply, platform, sourceFields(reply))).toEqual([]);
    }
  });

  it('every English incident card reads left to right, Urdu sources whole inside it', () => {
    for (const incident of kb.incidents.values()) {
      const reply = incidentReply(kb, incident, 'en', true);
      expect(problemsOf(reply, platform, sourceFields(reply)), incident.id).toEqual([]);
    }
  });

  // Every curated party, and every 25th actor known only to the registry (English names only).
  const entities = [...kb.entities.values()].filter((e, i) => e.party || i % 25 === 0);
  it(`${entities.length} actor cards read right, every alias whole`, () => {
    for (const entity of entities) {
      for (const lang of ['ur', 'en'] as const) {
        const reply = actorReply(kb, entity, lang, lang === 'ur');
        const aliases = entity.aliases.map((a) => a.name).filter((n) => /[A-Za-z]/.test(n));
        expect(problemsOf(reply, platform, aliases), `${entity.id} (${lang})`).toEqual([]);
      }
    }
  });

  const DAYS = ['2024-12-19', '2023-05-27', '2021-07-09', '2017-12-21', '2020-09-11', '2014-12-20', '2026-01-05', '2019-08-01', '2025-01-02', '2022-09-10'];
  it.each(DAYS)('week reply for %s reads right', (day) => {
    for (const lang of ['ur', 'en'] as const) {
      expect(problemsOf(weekReply(kb, weekClaims(kb, day), lang), platform)).toEqual([]);
    }
  });
});

/** A caller as each platform describes it: the command names differ ("/incident", "/ilzam-incident"). */
function callerFor(platform: string): Caller {
  const slack = platform === 'Slack';
  return {
    platform: slack ? 'slack' : 'discord',
    workspace: 'W1',
    channel: 'C1',
    user: 'U1',
    isAdmin: true,
    commandName: (name) => (slack ? slackCommandName(name, 'prefixed') : `/${name}`),
    words: slack ? SLACK_WORDS : DISCORD_WORDS,
  };
}

describe.each(PLATFORMS)('commands keep their slash on $name', (platform) => {
  const caller = callerFor(platform.name);
  const names = bot.commands.list().map((c) => caller.commandName(c.name));

  it('help, usage and not-found replies in Urdu', async () => {
    const asks: [string, Record<string, string>][] = [
      ['help', { lang: 'ur' }],
      ['incident', { query: '', lang: 'ur' }],
      ['actor', { name: '', lang: 'ur' }],
      ['incident', { query: 'xyzzyqq', lang: 'ur' }],
      ['incident', { query: 'چین' }],
      ['incident', { query: 'china', lang: 'ur' }],
      ['week', { date: '2024-13-45', lang: 'ur' }],
      ['actor', { name: 'APT28', lang: 'ur' }],
    ];
    for (const [name, input] of asks) {
      const reply = await bot.run(name, input, caller);
      expect(problemsOf(reply, platform, names), `${name} ${JSON.stringify(input)}`).toEqual([]);
    }
    // An unknown command, from the kernel's own template (marked by the renderers' safety net).
    const urduBot = new Bot(bot.kb, bot.search, { defaultLang: 'ur', timeZone: 'Asia/Karachi' }, bot.commands);
    expect(problemsOf(urduBot.unknownCommand('frobnicate', caller), platform, [...names, '/frobnicate'])).toEqual([]);
  });

  it('the digest’s answers in Urdu', () => {
    const namer = caller.commandName;
    const sub = { id: 's1', platform: caller.platform, channel: 'C1', workspace: 'W1', language: 'ur' as const, time: '21:30', zone: 'Europe/London', createdBy: 'U1', createdAt: '2025-05-27T00:00:00.000Z', paused: false, failures: 0 };
    const replies = [
      subscribedReply(sub as any, '2025-05-28', false, 'ur'),
      alreadySubscribedReply(sub as any, 'ur', namer),
      nothingToUnsubscribeReply('ur', namer),
      listReply([], [], { en: 'server', ur: 'سرور' }, 'ur', namer),
      listReply([sub as any], [], { en: 'server', ur: 'سرور' }, 'ur', namer),
      pauseNotice(sub as any, 3, 'gone: 404', namer),
      badTimeReply('25:99', 'ur'),
      badZoneReply('Mars/Olympus', 'ur'),
    ];
    for (const reply of replies) expect(problemsOf(reply, platform, [...names, 'Europe/London', 'zone:Asia/Karachi', 'time:21:30']), reply.title).toEqual([]);
  });
});

describe('the checks themselves', () => {
  // The checks must be able to fail: each of these lines is one the review found broken.
  const broken = (line: string, paragraph: Paragraph = 'first-strong', fields: string[] = []) => readingProblems(layOut(line, paragraph), { fields, marker: 'reading-start', paragraph });

  it('see the slash drawn after the command when the isolate starts at the letter (H2)', () => {
    expect(broken('\u200F/incident وولٹ ٹائیفون')).not.toEqual([]);
    expect(broken('\u200F\u2066/incident\u2069 وولٹ ٹائیفون')).toEqual([]);
  });

  it('see an English title broken into reversed chunks by word-run isolation (H6)', () => {
    const title = 'Colonial Pipeline aims to be "substantially" back online by end of week';
    const wordRuns = '\u200F1. \u2066Colonial Pipeline aims to be\u2069 "\u2066substantially\u2069" \u2066back online by end of week\u2069، 10 مئی 2021';
    expect(broken(wordRuns, 'first-strong', [title])).not.toEqual([]);
    expect(broken(`\u200F1. \u2066${title}\u2069، 10 مئی 2021`, 'first-strong', [title])).toEqual([]);
  });

  it('see an arrow, and brackets turned against their content', () => {
    expect(broken('\u200Fچینی وزارت دفاع → امریکہ (20 فروری 2013)')).not.toEqual([]);
    expect(broken('\u200F\u2066Microsoft\u2069 (24 مئی 2023)')).toEqual([]);
    // "(x" left to right with the closing bracket pulled into the right-to-left run.
    expect(broken('\u200F\u2066Microsoft (x\u2069) وولٹ')).not.toEqual([]);
  });

  it('see an Urdu line that Slack would show with its bullet glued to the end', () => {
    const rtlBullet = readingProblems(layOut('\u200F• 22 اکتوبر 2020: بیان', 'ltr'), { marker: 'left', paragraph: 'ltr' });
    expect(rtlBullet).not.toEqual([]);
    expect(readingProblems(layOut('• \u200F22 اکتوبر 2020: بیان', 'ltr'), { marker: 'left', paragraph: 'ltr' })).toEqual([]);
  });

  it('isolate a loose Latin title whole, from the slash of a command, keeping the sentence’s brackets outside', () => {
    expect(isolateLooseLatin('دیکھیں /week lang:ur یہاں')).toBe('دیکھیں \u2066/week lang:ur\u2069 یہاں');
    expect(isolateLooseLatin('ناشر (Reuters (via Daily Maverick)) نے')).toBe('ناشر (\u2066Reuters (via Daily Maverick)\u2069) نے');
    expect(rtlLine('Microsoft: Forest Blizzard, STRONTIUM')).toBe('\u200F\u2066Microsoft: Forest Blizzard, STRONTIUM\u2069');
    // A number joined by a hyphen in Urdu prose («ہدایت نامہ 24-02») would show as 02-24.
    expect(isolateLooseLatin('ہدایت نامہ 24-02 جاری کیا')).toBe('ہدایت نامہ \u206624-02\u2069 جاری کیا');
    expect(broken('\u200Fہدایت نامہ 24-02 جاری کیا')).not.toEqual([]);
    expect(broken(rtlLine('ہدایت نامہ 24-02 جاری کیا'))).toEqual([]);
  });
});
