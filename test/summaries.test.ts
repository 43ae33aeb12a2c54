import { describe, expect, it } from 'vitest';
import { ClaimType } from '../src/domain/schema.ts';
import { renderTerminal } from '../src/adapters/console/render.ts';
import { incidentReply, SHORT_BODY_TARGET } from '../src/summary/incident.ts';
import { claimLine } from '../src/summary/week.ts';
import { ARABIC, testBot } from './helpers.ts';

const bot = testBot();
const incidents = [...bot.kb.incidents.values()];

function textOf(reply: ReturnType<typeof incidentReply>): string {
  return [reply.title, reply.description ?? '', ...reply.fields.flatMap((f) => [f.label, ...f.lines]), reply.footer ?? ''].join('\n');
}

describe.each(['en', 'ur'] as const)('every incident summarised in %s', (lang) => {
  it.each(incidents.map((i) => [i.id, i] as const))('%s', (_id, incident) => {
    for (const detail of [false, true]) {
      const reply = incidentReply(bot.kb, incident, lang, detail);
      const text = textOf(reply);
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
      const labels = reply.fields.map((f) => f.label);
      // Who accused and who was accused, or who claimed it; and who denied.
      expect(labels.length).toBeGreaterThanOrEqual(incident.claims.some((c) => c.type === 'accusation') ? 3 : 2);
      for (const f of reply.fields) {
        expect(f.lines.length).toBeGreaterThan(0);
        for (const line of f.lines) expect(line.trim()).not.toBe('');
      }
      expect(reply.sources.length).toBeGreaterThan(0);
      expect(reply.dir).toBe(lang === 'ur' ? 'rtl' : 'ltr');
      if (lang === 'ur') {
        // Urdu output is Urdu: the title, every label and the status line are in Urdu script.
        expect(reply.title).toMatch(ARABIC);
        for (const l of labels) expect(l).toMatch(ARABIC);
        expect(reply.description).toMatch(ARABIC);
      }
      if (!detail) {
        const body = reply.fields.reduce((n, f) => n + f.label.length + f.lines.join('\n').length, 0);
        expect(body, `${incident.id} short body`).toBeLessThanOrEqual(SHORT_BODY_TARGET);
      }
      expect(renderTerminal(reply)).toContain(reply.title);
    }
  });
});

describe('the Volt Typhoon summary', () => {
  const incident = bot.kb.incidents.get('volt-typhoon')!;
  it('names Microsoft as accuser, China as accused, the Chinese foreign ministry as denying', () => {
    const reply = incidentReply(bot.kb, incident, 'en');
    const field = (label: string) => reply.fields.find((f) => f.label === label)?.lines.join('\n') ?? '';
    expect(field('Accused')).toContain('Volt Typhoon (China)');
    expect(field('Accused by')).toContain('Microsoft (24 May 2023; technical report)');
    expect(field('Denials and responses')).toContain('25 May 2023: The Chinese Ministry of Foreign Affairs denied the accusation');
    expect(field('Counter-accusations')).toContain('United States');
    expect(reply.sources[0]!.publisher).toContain('Microsoft');
  });
  it('in Urdu, with Urdu dates', () => {
    const reply = incidentReply(bot.kb, incident, 'ur');
    const text = textOf(reply);
    expect(text).toContain('وولٹ ٹائیفون');
    expect(text).toContain('24 مئی 2023');
    expect(text).toContain('چینی وزارت خارجہ');
  });
  it('says when no denial is on record', () => {
    // Kaseya: the Kremlin made a statement but denied nothing.
    const silent = bot.kb.incidents.get('kaseya-revil-2021')!;
    expect(silent.claims.some((c) => c.type === 'denial')).toBe(false);
    const reply = incidentReply(bot.kb, silent, 'en');
    expect(reply.fields.find((f) => f.label === 'Denials and responses')!.lines[0]).toBe('No public denial on record.');
  });
});

describe('a weekly-digest line for every claim type', () => {
  // The digest must render every type the schema allows, with and without an accused party,
  // and never leave a verb hanging without its object ("sanctions on", «پابندیاں عائد کیں:»).
  const incident = bot.kb.incidents.get('sony-pictures-2014')!;
  it.each(ClaimType.options)('%s', (type) => {
    for (const against of [[], ['north-korea']]) {
      const claim = { ...incident.claims[0]!, type, against };
      for (const lang of ['en', 'ur'] as const) {
        const line = claimLine(bot.kb, { incident, claim }, lang);
        const action = line.slice(0, line.lastIndexOf(' ('));
        expect(action).not.toMatch(/undefined|null|\[object/);
        expect(action, line).not.toMatch(/(\bagainst|\bon|\bof|:)$/);
        if (lang === 'ur') expect(action).toMatch(ARABIC);
      }
    }
  });
});
