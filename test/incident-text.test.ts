// Incidents with their long text off the heap (src/knowledge/incident-text.ts): a slim record
// reads its summaries, quotes, sources and notes from the store on access, and reads as the
// full record in every way code can see it; a bot that slims its records answers the same.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandRegistry } from '../commands/index.ts';
import { Bot } from '../src/core/bot.ts';
import { fileTextSource, IncidentTextCache, isSlim, offsetTextSource, slimIncident } from '../src/knowledge/incident-text.ts';
import { openKnowledgeBase } from '../src/knowledge/open.ts';
import { applyPublished } from '../src/review/publisher.ts';
import { testBot } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ilzam-text-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('slim incidents', async () => {
  const { kb, incidentFiles } = await openKnowledgeBase();
  const fullIncidents = [...kb.incidents.values()];

  it('read as the full record: same fields, same order, same values, spread and JSON alike', () => {
    const cache = new IncidentTextCache(fileTextSource(incidentFiles), 8);
    for (const incident of fullIncidents) {
      const slim = slimIncident(incident, cache);
      expect(isSlim(slim)).toBe(true);
      expect(JSON.stringify(slim)).toBe(JSON.stringify(incident));
      expect({ ...slim, claims: slim.claims.map((c) => ({ ...c })) }).toEqual(incident);
      expect(Object.keys(slim)).toEqual(Object.keys(incident));
    }
  });

  it('know each incident’s file by its id, the imported ones in their own folder', () => {
    for (const incident of fullIncidents) {
      const file = incidentFiles.get(incident.id)!;
      expect(existsSync(file), incident.id).toBe(true);
      expect(path.basename(path.dirname(file))).toBe(incident.imported ? 'imported' : 'incidents');
    }
    expect(fullIncidents.some((i) => i.imported)).toBe(true);
    expect(incidentFiles.get('no-such-incident')).toBeUndefined();
  });

  it('keep no text of their own: it is read through the cache, the recent ones once', () => {
    const cache = new IncidentTextCache(fileTextSource(incidentFiles), 2);
    const [a, b, c] = fullIncidents.map((i) => slimIncident(i, cache));
    expect(cache.reads).toBe(0);
    expect(a!.summary).toEqual(fullIncidents[0]!.summary);
    expect(a!.claims[0]!.summary).toEqual(fullIncidents[0]!.claims[0]!.summary);
    expect(a!.sources).toEqual(fullIncidents[0]!.sources);
    expect(cache.reads).toBe(1);
    void b!.summary;
    void c!.summary; // a is evicted (capacity 2)
    void a!.summary;
    expect(cache.reads).toBe(4);
  });

  it('read from one file by byte offsets as well', () => {
    const file = path.join(tmp, 'incidents.jsonl');
    const spans = new Map<string, { start: number; length: number }>();
    let text = '';
    for (const incident of fullIncidents) {
      const line = JSON.stringify(incident);
      spans.set(incident.id, { start: Buffer.byteLength(text), length: Buffer.byteLength(line) });
      text += `${line}\n`;
    }
    writeFileSync(file, text);
    const cache = new IncidentTextCache(offsetTextSource(file, spans));
    for (const incident of fullIncidents) expect(JSON.stringify(slimIncident(incident, cache))).toBe(JSON.stringify(incident));
  });

  it('say so clearly when the stored record lost a claim under a running bot', () => {
    const incident = fullIncidents[0]!;
    const file = path.join(tmp, `${incident.id}.json`);
    writeFileSync(file, readFileSync(incidentFiles.get(incident.id)!, 'utf8'));
    const slim = slimIncident(incident, new IncidentTextCache(fileTextSource(new Map([[incident.id, file]]))));
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.claims[0].id = 'renamed';
    writeFileSync(file, JSON.stringify(stored));
    expect(() => slim.claims[0]!.summary).toThrow(/no longer in the stored record/);
  });
});

describe('a bot whose records are slim', async () => {
  const bot = await Bot.open({ defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry());
  const whole = testBot();

  it('holds slim records, and its entities’ claim lists point at them', () => {
    expect([...bot.kb.incidents.values()].every(isSlim)).toBe(true);
    expect([...whole.kb.incidents.values()].some(isSlim)).toBe(false);
    const refs = bot.kb.claimsByEntity.get('china')!;
    expect(refs.map((r) => `${r.incident.id}/${r.claim.id}`)).toEqual(whole.kb.claimsByEntity.get('china')!.map((r) => `${r.incident.id}/${r.claim.id}`));
    // Records are made from the table's columns on each access (src/knowledge/incident-table.ts): equal, not identical.
    expect(refs.every((r) => JSON.stringify(bot.kb.incidents.get(r.incident.id)) === JSON.stringify(r.incident) && r.incident.claims.includes(r.claim))).toBe(true);
  });

  it('holds them in columns that read back as the whole records: fields, order, values, claim lists and the dataset', () => {
    const slim = [...bot.kb.incidents.values()];
    const full = [...whole.kb.incidents.values()];
    expect(slim.map((i) => i.id)).toEqual(full.map((i) => i.id));
    expect(bot.kb.incidents.size).toBe(whole.kb.incidents.size);
    slim.forEach((incident, n) => {
      expect(Object.keys(incident)).toEqual(Object.keys(full[n]!));
      expect(incident.claims.map((c) => Object.keys(c))).toEqual(full[n]!.claims.map((c) => Object.keys(c)));
      expect(JSON.stringify(incident)).toBe(JSON.stringify(full[n]));
      expect(JSON.stringify(bot.kb.incidents.get(incident.id))).toBe(JSON.stringify(full[n]));
    });
    for (const id of whole.kb.entities.keys()) {
      const ids = (kb: typeof bot.kb) => kb.claimsByEntity.get(id)?.map((r) => `${r.incident.id}/${r.claim.id}/${r.claim.type}/${r.claim.date}`);
      expect(ids(bot.kb), id).toEqual(ids(whole.kb));
    }
    expect(bot.kb.dataset.incidents.map((i) => i.id)).toEqual(whole.kb.dataset.incidents.map((i) => i.id));
    expect(JSON.stringify(bot.kb.dataset.incidents)).toBe(JSON.stringify(whole.kb.dataset.incidents));
    const newest = (n: number) => [...whole.kb.incidents.values()].sort((a, b) => b.firstAttributed.localeCompare(a.firstAttributed)).slice(0, n).map((i) => i.id);
    for (const n of [0, 1, 5, 25, full.length + 3]) {
      expect(bot.kb.incidents.newest(n).map((i) => i.id), `newest ${n}`).toEqual(newest(n));
      expect(whole.kb.incidents.newest(n).map((i) => i.id), `newest ${n}, whole`).toEqual(newest(n));
    }
    // A record's claims are made on their first read, once: the list is the record's from then on.
    const one = bot.kb.incidents.get('volt-typhoon')!;
    expect(one.claims).toBe(one.claims);
    expect(Object.keys(one)).toEqual(Object.keys(whole.kb.incidents.get('volt-typhoon')!));
    expect(bot.kb.incidents.get('no-such-incident')).toBeUndefined();
    expect(bot.kb.incidents.has('volt-typhoon')).toBe(true);
  });

  it('answers as the bot with whole records does, in both languages', async () => {
    const now = new Date('2026-06-01T09:00:00Z');
    for (const [command, input] of [
      ['incident', { query: 'volt typhoon' }],
      ['incident', { query: 'sony pictures 2014', lang: 'ur' }],
      ['incident', { query: 'notpetya', detail: 'true' }],
      ['actor', { name: 'apt28' }],
      ['actor', { name: 'lazarus', lang: 'ur' }],
      ['week', { date: '2024-03-10' }],
    ] as const) {
      expect(await bot.run(command, { ...input }, undefined, { now })).toEqual(await whole.run(command, { ...input }, undefined, { now }));
    }
  });

  it('takes a published record that adds claims to a slim incident: old claims read from the file, new ones held', async () => {
    const other = await Bot.open({ defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry());
    const before = whole.kb.incidents.get('volt-typhoon')!;
    const claim = { ...before.claims[0]!, id: 'published-claim', summary: { en: 'A published claim.', ur: 'ایک شائع شدہ دعویٰ۔' } };
    const record = { seq: 1, incidentId: 'volt-typhoon', publishedAt: '2026-06-01T00:00:00Z', data: { mode: 'add', id: 'volt-typhoon', sources: [], claims: [claim] } };
    const after = applyPublished(other.kb, other.search, record as never)!;
    expect(isSlim(after)).toBe(false);
    expect(after.claims.map((c) => c.summary)).toEqual([...before.claims.map((c) => c.summary), claim.summary]);
    expect(after.sources).toEqual(before.sources);
    expect(other.kb.claimsByEntity.get(claim.by)!.some((r) => r.claim.id === 'published-claim' && r.incident === after)).toBe(true);
  });
});

