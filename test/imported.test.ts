// Imported incidents (MITRE ATT&CK campaigns, scripts/import-attack.ts) and display names:
// what the data holds, how the bot shows it, and how search ranks it against curated data.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attackMonth, DEFAULT_DATA_DIR, DEFAULT_SOURCE_DIR, importAttack, IMPORTED_PARTIES_FILE, MITRE_PARTY, readCurated } from '../scripts/import-attack.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { stripBidi } from '../src/i18n/bidi.ts';
import { loadRegistry } from '../src/registry/registry.ts';
import type { Reply } from '../src/reply/model.ts';
import { actorReply } from '../src/summary/actor.ts';
import { DataValidationError, loadCuratedDataset } from '../src/store/curated.ts';
import { ARABIC, testBot } from './helpers.ts';

const bot = testBot();
const imported = [...bot.kb.incidents.values()].filter((i) => i.imported);
const curated = [...bot.kb.incidents.values()].filter((i) => !i.imported);
const run = (name: string, input: Record<string, string | undefined>) => bot.run(name, input);
const field = (r: Reply, label: string) => r.fields.find((f) => f.label === label)?.lines.join('\n') ?? '';

describe('imported incidents in the data', () => {
  it('are the files of data/imported, each marked as imported from MITRE ATT&CK', () => {
    const files = readdirSync(path.join(DEFAULT_DATA_DIR, 'imported')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    expect(imported.map((i) => `${i.id}.json`).sort()).toEqual(files.sort());
    for (const i of imported) {
      expect(i.imported).toMatchObject({ from: 'mitre-attack', id: expect.stringMatching(/^C\d{4}$/) });
      expect(i.id).toMatch(new RegExp(`^attack-${i.imported!.id.toLowerCase()}(-|$)`));
    }
  });
  it('hold one accusation each, by MITRE ATT&CK, on a technical basis, citing the campaign page', () => {
    for (const i of imported) {
      expect(i.claims, i.id).toHaveLength(1);
      const [claim] = i.claims;
      expect(claim).toMatchObject({ type: 'accusation', by: MITRE_PARTY, basis: 'technical-report' });
      expect(claim!.against.length).toBeGreaterThan(0);
      const source = i.sources.find((s) => s.id === claim!.sources[0])!;
      expect(source.publisher).toBe('MITRE ATT&CK');
      expect(source.url).toBe(`https://attack.mitre.org/campaigns/${i.imported!.id}`);
      expect(source.title).toMatch(new RegExp(`\\(${i.imported!.id}\\)$|^${i.imported!.id}$`));
      // Dated to an ATT&CK release, which comes after the report ATT&CK cites (firstAttributed).
      expect(claim!.date >= i.firstAttributed, i.id).toBe(true);
      expect(i.title.ur).toMatch(ARABIC);
      expect(i.summary.ur).toMatch(ARABIC);
    }
  });
  it('never have a news outlet as accuser', () => {
    for (const i of imported) {
      for (const c of i.claims) {
        if (['accusation', 'confirmation', 'counter-accusation'].includes(c.type)) expect(bot.kb.parties.get(c.by)?.kind, `${i.id} ${c.id}`).not.toBe('media');
      }
    }
  });
  it('MITRE ATT&CK is a party of its own, a US not-for-profit, «مائٹر اٹیک» in Urdu', () => {
    const mitre = bot.kb.parties.get(MITRE_PARTY)!;
    expect(mitre.name).toEqual({ en: 'MITRE ATT&CK', ur: 'مائٹر اٹیک' });
    expect(mitre.note?.en).toMatch(/US not-for-profit/);
  });
  it('a group gets a new party only when no curated party stands for its registry actor', () => {
    const file = JSON.parse(readFileSync(path.join(DEFAULT_DATA_DIR, 'parties', IMPORTED_PARTIES_FILE), 'utf8'));
    const created = (file.parties as Array<{ id: string; registry?: string; state?: string; note?: { en: string } }>).filter((p) => p.id !== MITRE_PARTY);
    const curatedActors = new Set(
      [...bot.kb.parties.values()].filter((p) => p.registry && !created.some((c) => c.id === p.id)).flatMap((p) => bot.kb.registry.resolve(p.registry!).map((a) => a.id)),
    );
    for (const p of created) {
      const actors = bot.kb.registry.resolve(p.registry!);
      expect(actors, p.id).toHaveLength(1);
      expect(curatedActors.has(actors[0]!.id), p.id).toBe(false);
      // A state only as ATT&CK associates it, and said so.
      if (p.state) expect(p.note?.en).toMatch(/^Associated by ATT&CK with /);
    }
    // Groups with a curated party keep it: Lazarus Group's campaign accuses the curated party.
    expect(imported.find((i) => i.imported!.id === 'C0022')?.claims[0]!.against).toEqual(['lazarus-group']);
  });
});

describe('dates of imported campaigns', () => {
  it('ATT&CK month starts at a US or European midnight round to the intended month', () => {
    expect(attackMonth('2019-01-01T06:00:00.000Z')).toBe('2019-01');
    expect(attackMonth('2023-01-31T23:00:00.000Z')).toBe('2023-02');
    expect(attackMonth('2024-06-30T22:00:00.000Z')).toBe('2024-07');
  });
});

describe('the incident card of an imported incident', () => {
  it('says "denials not yet reviewed" in English, never "no public denial on record"', async () => {
    const reply = await run('incident', { query: 'Operation Dream Job' });
    expect(reply).toMatchObject({ kind: 'incident', lang: 'en' });
    expect(reply.footer).toContain('attack-c0022-operation-dream-job');
    expect(field(reply, 'Denials and responses')).toBe('Denials not yet reviewed (imported record).');
    const all = [reply.description, ...reply.fields.flatMap((f) => f.lines)].join('\n');
    expect(all).not.toMatch(/no (public )?denial on record/i);
    expect(field(reply, 'Accused by')).toBe('MITRE ATT&CK (25 April 2023; technical report)');
  });
  it('and in Urdu', async () => {
    const reply = await run('incident', { query: 'Operation Dream Job', lang: 'ur' });
    expect(reply).toMatchObject({ kind: 'incident', lang: 'ur' });
    expect(field(reply, 'تردید اور ردعمل')).toBe('اس واقعے کی تردیدوں کا ابھی جائزہ نہیں لیا گیا (درآمد شدہ ریکارڈ)۔');
    const all = [reply.description, ...reply.fields.flatMap((f) => f.lines)].join('\n');
    expect(all).not.toContain('ریکارڈ پر کوئی عوامی تردید');
    expect(all).not.toContain('ریکارڈ پر کوئی تردید نہیں');
  });
  it('while a curated incident nobody denied still says so', async () => {
    const reply = await run('incident', { query: 'apt36-covid-lure-2020' });
    expect(reply.footer).toContain('apt36-covid-lure-2020');
    expect(field(reply, 'Denials and responses')).toBe('No public denial on record.');
  });
});

describe('search over imported incidents', () => {
  const top = (q: string) => bot.search.search(q, { kinds: ['incident'], limit: 10 });
  it.each([
    ['Operation Dream Job', 'attack-c0022-operation-dream-job'],
    ['Operation North Star', 'attack-c0022-operation-dream-job'], // an ATT&CK alias of the campaign
    ['C0017', 'attack-c0017'],
    ['APT41 DUST', 'attack-c0040-apt41-dust'],
    ['آپریشن ڈریم جاب', 'attack-c0022-operation-dream-job'],
  ])('finds %s by its campaign name', (q, id) => {
    expect(top(q)[0]).toMatchObject({ id, how: 'exact' });
  });
  it('a curated incident wins a tie with an imported one on a group name', () => {
    // Every accused group with both kinds of incidents: its name's best incident is curated.
    const groups = new Set(imported.flatMap((i) => i.claims[0]!.against));
    const both = [...groups].filter((id) => curated.some((i) => i.claims.some((c) => c.type === 'accusation' && c.against.includes(id))));
    expect(both.length).toBeGreaterThan(3);
    for (const id of both) {
      const name = bot.kb.parties.get(id)!.name.en;
      const hits = top(name);
      expect(bot.kb.incidents.get(hits[0]!.id)?.imported, `${name} -> ${hits[0]!.id}`).toBeUndefined();
      // ... and the imported ones are still offered among the exact hits.
      expect(hits.some((h) => bot.kb.incidents.get(h.id)?.imported)).toBe(true);
    }
  });
});

describe('display names of registry actors', () => {
  const registry = bot.kb.registry;
  it.each([
    ['operation-c-major', 'Transparent Tribe'], // MISP: "Operation C-Major"; ATT&CK names the group
    ['storm-1567', 'Akira'], // a Microsoft placeholder; ATT&CK names the group
    ['mustang-panda', 'Mustang Panda'], // MISP writes MUSTANG PANDA
    ['wizard-spider', 'Wizard Spider'],
    ['indrik-spider', 'Indrik Spider'],
    ['operation-wocao', 'Operation Wocao'], // no better name anywhere: kept
    ['operation-soft-cell', 'Operation Soft Cell'],
    ['storm-0558', 'Storm-0558'], // Microsoft's later name is not preferred over the placeholder the press uses
  ])('%s is shown as %s', (id, name) => {
    const actor = registry.byId.get(id)!;
    expect(actor.name).toBe(name);
    expect(actor.names[0]!.name).toBe(name);
  });
  it('an uncurated Transparent Tribe is titled Transparent Tribe, not Operation C-Major', () => {
    const dataset = { ...bot.kb.dataset, parties: bot.kb.dataset.parties.filter((p) => p.id !== 'transparent-tribe') };
    const kb = new KnowledgeBase(dataset, registry);
    const entity = kb.entityForActor('operation-c-major')!;
    expect(entity.party).toBeUndefined();
    expect(actorReply(kb, entity, 'en').title).toBe('Transparent Tribe');
    // CFR's sponsor, via MISP, shown as what it is rather than as the group's state.
    expect(actorReply(kb, entity, 'en').description).toContain('Suspected sponsor (per CFR via MISP): Pakistan');
    expect(actorReply(kb, entity, 'ur').description).toContain('پاکستان');
  });
  it('/actor finds registry-only actors under their display name', async () => {
    expect(await run('actor', { name: 'Storm-1567' })).toMatchObject({ kind: 'actor', title: 'Akira' });
    expect(await run('actor', { name: 'C-Major' })).toMatchObject({ kind: 'actor', title: 'Transparent Tribe (APT36)' });
    const lyceum = await run('actor', { name: 'HEXANE' });
    expect(lyceum.description).toContain('Suspected sponsor (per CFR via MISP): Iran');
  });
});

describe('/incident with an actor or a state', () => {
  it.each([
    ['transparent tribe', 'en'],
    ['پاکستان', 'ur'],
    ['Akira', 'en'], // registry-only, in no incident: points to /actor
  ])('%s offers incidents or points to /actor, never "nothing matched"', async (query, lang) => {
    const reply = await run('incident', { query });
    expect(reply.lang).toBe(lang);
    expect(reply.title).not.toMatch(/Nothing matched|سے کچھ نہیں ملا/);
    if (reply.kind !== 'incident') {
      expect(reply.description).toMatch(/\/actor/);
      return;
    }
    // An incident the actor (or, for a state, one of its own parties) took part in.
    const entity = bot.kb.entities.get(bot.search.search(query, { kinds: ['entity'], limit: 1 })[0]!.id)!;
    const incident = bot.kb.incidents.get(stripBidi(reply.footer!.split(' · ').at(-1)!))!;
    const ids = incident.claims.flatMap((c) => [c.by, ...c.against]);
    expect(ids.some((id) => id === entity.id || bot.kb.parties.get(id)?.state === entity.id), incident.id).toBe(true);
  });
  it('an actor known only to the registry gets the pointer to /actor', async () => {
    const reply = await run('incident', { query: 'Akira' });
    expect(reply.kind).toBe('not-found');
    expect(reply.title).toBe('“Akira” is an actor: Akira');
    expect(reply.description).toContain('/actor Akira');
  });
});

describe('the curated loader and data/imported', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const copy = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-imported-'));
    dirs.push(dir);
    cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
    return dir;
  };
  const problems = (dir: string) => {
    try {
      loadCuratedDataset(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(DataValidationError);
      return (err as Error).message;
    }
    return '';
  };
  it('rejects an imported incident among the curated ones, and an unmarked one among the imported', () => {
    const dir = copy();
    const file = readdirSync(path.join(dir, 'imported')).find((f) => f.endsWith('.json'))!;
    cpSync(path.join(dir, 'imported', file), path.join(dir, 'incidents', file));
    rmSync(path.join(dir, 'imported', file));
    expect(problems(dir)).toMatch(/an imported incident belongs in imported\//);
    const unmarked = JSON.parse(readFileSync(path.join(dir, 'incidents', file), 'utf8'));
    delete unmarked.imported;
    rmSync(path.join(dir, 'incidents', file));
    writeFileSync(path.join(dir, 'imported', file), JSON.stringify(unmarked));
    expect(problems(dir)).toMatch(/must say where it was imported from/);
  });
  it('loads a data folder without imported/', () => {
    const dir = copy();
    rmSync(path.join(dir, 'imported'), { recursive: true });
    expect(loadCuratedDataset(dir).incidents.every((i) => !i.imported)).toBe(true);
  });
});

// The ATT&CK extract lives in ../shared beside the clone; a user's clone may not have it.
const SOURCE_DIR = process.env.ILZAM_ALIASES_DIR ?? DEFAULT_SOURCE_DIR;
describe.skipIf(!existsSync(path.join(SOURCE_DIR, 'attack-campaigns.json')))('the import script', () => {
  it('gives the committed files again (re-run npm run data:import-attack if this fails)', () => {
    const result = importAttack(SOURCE_DIR, readCurated(DEFAULT_DATA_DIR), loadRegistry());
    for (const incident of result.incidents) {
      const committed = readFileSync(path.join(DEFAULT_DATA_DIR, 'imported', `${incident.id}.json`), 'utf8');
      expect(`${JSON.stringify(incident, null, 2)}\n`, incident.id).toBe(committed);
    }
    expect(`${JSON.stringify({ parties: result.parties }, null, 2)}\n`).toBe(readFileSync(path.join(DEFAULT_DATA_DIR, 'parties', IMPORTED_PARTIES_FILE), 'utf8'));
    expect(result.incidents.length).toBe(imported.length);
    // Every attributed campaign is imported or listed as skipped, with a reason.
    const attributed = JSON.parse(readFileSync(path.join(SOURCE_DIR, 'attack-campaigns.json'), 'utf8')).campaigns.filter((c: { attributed_to: string[] }) => c.attributed_to.length);
    expect(result.incidents.length + result.skipped.length).toBe(attributed.length);
    expect(result.skipped.map((s) => s.campaign)).toContain('C0024'); // SolarWinds: curated
  });
});
