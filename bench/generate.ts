// The synthetic store: N incidents patterned on data/ (vendor-style group names with their
// aliases and Urdu spellings, operation and malware names, real accusers, real states and
// their foreign ministries as deniers, claims with sources), plus the real parties, the real
// incidents and the real alias registry. Deterministic: the same seed gives the same store.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Claim, Incident, Party, Source } from '../src/domain/schema.ts';
import { Incident as IncidentSchema, PartiesFile } from '../src/domain/schema.ts';
import { loadRegistry, type AliasRegistry } from '../src/registry/registry.ts';
import { compactKey } from '../src/search/normalize.ts';
import { DataValidationError, DEFAULT_DATA_DIR, loadCuratedDataset, type CuratedDataset } from '../src/store/curated.ts';
import { pad, Rng } from './random.ts';
import {
  ACCUSERS, ADJECTIVES, ATTACKS, COUNTRIES, DENIERS, ENGLISH_MONTHS, EXTRA_TAGS, FAMILIES, MALWARE_SUFFIXES,
  NUMBERED, PUBLISHERS, SECTORS, SYLLABLES, URDU_MONTHS, WORDS, type Pair,
} from './vocab.ts';

export const DEFAULT_SEED = 20240524;

/** The real data everything is built around. */
export interface Base {
  dataset: CuratedDataset;
  registry: AliasRegistry;
  /** Files that failed to load and were left out (other helpers may be mid-edit). */
  skipped: string[];
}

/**
 * Loads the real dataset and registry. If the dataset does not validate as a whole (someone is
 * adding an incident), loads what does validate and names what was skipped, so the benchmark
 * still runs; the bot itself would refuse to start in that state.
 */
export function loadBase(dataDir = DEFAULT_DATA_DIR): Base {
  const registry = loadRegistry();
  try {
    return { dataset: loadCuratedDataset(dataDir), registry, skipped: [] };
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
  }
  const skipped: string[] = [];
  const parties: Party[] = [];
  for (const f of readdirSync(path.join(dataDir, 'parties')).filter((x) => x.endsWith('.json')).sort()) {
    const parsed = PartiesFile.safeParse(JSON.parse(readFileSync(path.join(dataDir, 'parties', f), 'utf8')));
    if (parsed.success) parties.push(...parsed.data.parties);
    else skipped.push(`parties/${f}`);
  }
  const ids = new Set(parties.map((p) => p.id));
  const incidents: Incident[] = [];
  for (const f of readdirSync(path.join(dataDir, 'incidents')).filter((x) => x.endsWith('.json')).sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dataDir, 'incidents', f), 'utf8'));
    } catch {
      skipped.push(`incidents/${f}`);
      continue;
    }
    const parsed = IncidentSchema.safeParse(raw);
    const ok = parsed.success && parsed.data.claims.every((c) => ids.has(c.by) && c.against.every((a) => ids.has(a))) && parsed.data.claims.some((c) => c.type === 'accusation');
    if (ok) incidents.push(parsed.data);
    else skipped.push(`incidents/${f}`);
  }
  const meta = JSON.parse(readFileSync(path.join(dataDir, 'dataset.json'), 'utf8')) as CuratedDataset['meta'];
  return { dataset: { meta, parties, incidents }, registry, skipped };
}

/** A synthetic threat or criminal group (a curated party in the store). */
export interface SynthGroup {
  id: string;
  name: Pair;
  /** Other names, each with its Urdu spelling where one is written. */
  aliases: Array<{ en: string; ur?: string; vendor: string }>;
  state?: string;
}

/** What the query builder needs to know about each synthetic incident. */
export interface IncidentFacts {
  id: string;
  group: string;
  /** The incident's own names (operation, malware), English and Urdu. */
  names: Pair[];
  year: number;
  country: { en: string; ur: string };
  sector: Pair;
  attack: string;
  accuser: string;
}

export interface SyntheticStore {
  dataset: CuratedDataset;
  groups: SynthGroup[];
  facts: IncidentFacts[];
  /** Every compact key of every name in the store, for typo generation (a typo must not be another name). */
  names: Set<string>;
  /** Real incidents kept in the store. */
  realIncidents: number;
}

const slug = (s: string) => compactKey(s) && s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Builds a store of `size` incidents: the real ones plus synthetic ones, with about one
 * synthetic group per ten incidents (so a group is accused in several incidents, as APT28 is).
 */
export function generateStore(base: Base, size: number, seed = DEFAULT_SEED): SyntheticStore {
  const rng = new Rng(seed);
  const partyIds = new Set(base.dataset.parties.map((p) => p.id));
  const partyName = new Map(base.dataset.parties.map((p) => [p.id, p.name]));
  const used = new Set<string>();
  const reserve = (s: string) => {
    const k = compactKey(s);
    if (!k || used.has(k)) return false;
    used.add(k);
    return true;
  };
  // Real names are taken: a synthetic name never collides with a real one.
  for (const p of base.dataset.parties) for (const n of [p.name.en, p.name.ur, ...p.aliases.map((a) => a.name)]) reserve(n);
  for (const a of base.registry.actors) for (const n of a.names) reserve(n.name);
  for (const i of base.dataset.incidents) for (const n of [i.title.en, i.title.ur, ...i.names]) reserve(n);

  const real = base.dataset.incidents.slice(0, size);
  const synthCount = Math.max(0, size - real.length);
  const groupCount = Math.max(20, Math.round(synthCount / 10));
  const groups = makeGroups(rng.fork('groups'), groupCount, reserve);
  const groupParties: Party[] = groups.map((g) => ({
    id: g.id,
    kind: g.state ? 'threat-group' : 'criminal-group',
    name: { en: g.name[0], ur: g.name[1] },
    aliases: g.aliases.flatMap((a) => [{ name: a.en, source: a.vendor }, ...(a.ur ? [{ name: a.ur, source: a.vendor }] : [])]),
    ...(g.state && partyIds.has(g.state) ? { state: g.state } : {}),
  }));

  const accusers = ACCUSERS.filter((id) => partyIds.has(id));
  if (!accusers.length) throw new Error('none of the accusers in bench/vocab.ts is a party in data/parties');
  const ctx: IncidentContext = { rng: rng.fork('incidents'), groups, accusers, partyIds, partyName, reserve, usedIds: new Set(real.map((i) => i.id)) };
  const incidents: Incident[] = [...real];
  const facts: IncidentFacts[] = [];
  for (let n = 0; n < synthCount; n++) {
    const { incident, fact } = makeIncident(ctx, n);
    incidents.push(incident);
    facts.push(fact);
  }
  return {
    dataset: { meta: base.dataset.meta, parties: [...base.dataset.parties, ...groupParties], incidents },
    groups,
    facts,
    names: used,
    realIncidents: real.length,
  };
}

function makeGroups(rng: Rng, count: number, reserve: (s: string) => boolean): SynthGroup[] {
  const groups: SynthGroup[] = [];
  const wordName = (family: (typeof FAMILIES)[number]): Pair | undefined => {
    for (let tries = 0; tries < 8; tries++) {
      const adj = rng.pick(ADJECTIVES);
      const en = `${adj[0]} ${family.word[0]}`;
      if (reserve(en)) return [en, `${adj[1]} ${family.word[1]}`];
    }
    return undefined;
  };
  const numberedName = (): { pair: Pair; vendor: string } => {
    for (let tries = 0; ; tries++) {
      const scheme = rng.pick(NUMBERED);
      const [lo, hi] = scheme.digits;
      // Past the scheme's range when crowded (Mandiant's UNC numbers have five digits by now).
      const n = tries < 20 ? rng.int(lo, hi) : rng.int(hi + 1, hi * 10);
      const digits = scheme.pad ? pad(n, scheme.pad) : String(n);
      const en = `${scheme.prefix}${scheme.sep}${digits}`;
      if (reserve(en)) return { pair: [en, `${scheme.ur} ${digits}`], vendor: scheme.vendor };
    }
  };
  const states = [...new Set(FAMILIES.map((f) => f.state))];
  for (let i = 0; i < count; i++) {
    const state = rng.chance(0.2) ? undefined : rng.pick(states.filter((s): s is string => !!s));
    const families = FAMILIES.filter((f) => f.state === state);
    const names: Array<{ pair: Pair; vendor: string; urduWritten: boolean }> = [];
    // Two to four names from different vendors; the primary one is a word name when one is free.
    for (const family of rng.sample(families, rng.int(1, 2))) {
      const pair = wordName(family);
      if (pair) names.push({ pair, vendor: family.vendor, urduWritten: rng.chance(0.6) });
    }
    for (let k = rng.int(names.length ? 1 : 2, 2); k > 0; k--) {
      const { pair, vendor } = numberedName();
      names.push({ pair, vendor, urduWritten: rng.chance(0.3) });
    }
    const primary = names[0]!;
    const id = `${slug(primary.pair[0])}-g${i}`;
    groups.push({
      id,
      name: primary.pair,
      aliases: names.slice(1).map((n) => ({ en: n.pair[0], vendor: n.vendor, ...(n.urduWritten ? { ur: n.pair[1] } : {}) })),
      state,
    });
  }
  return groups;
}

interface IncidentContext {
  rng: Rng;
  groups: SynthGroup[];
  accusers: string[];
  partyIds: Set<string>;
  partyName: Map<string, { en: string; ur: string }>;
  reserve: (s: string) => boolean;
  usedIds: Set<string>;
}

function pseudoWord(rng: Rng): Pair {
  const syl = rng.sample(SYLLABLES, rng.chance(0.4) ? 3 : 4);
  const en = syl.map((s) => s[0]).join('');
  return [en[0]!.toUpperCase() + en.slice(1), syl.map((s) => s[1]).join('')];
}

/** A unique incident name: an operation, a compound malware name, or a made-up word. */
function incidentName(rng: Rng, reserve: (s: string) => boolean): { pair: Pair; malware: boolean } {
  for (let tries = 0; ; tries++) {
    const r = tries < 6 ? rng.next() : 1;
    if (r < 0.3) {
      const [a, b] = rng.sample(WORDS, 2) as [Pair, Pair];
      // The core ("nighthammer") is reserved too, so "NightHammer" and "Operation Night Hammer" never coexist.
      if (reserve(`${a[0]}${b[0]}`)) {
        reserve(`Operation ${a[0]} ${b[0]}`);
        return { pair: [`Operation ${a[0]} ${b[0]}`, `آپریشن ${a[1]} ${b[1]}`], malware: false };
      }
    } else if (r < 0.5) {
      const [a, b] = rng.sample(WORDS, 2) as [Pair, Pair];
      if (reserve(`${a[0]}${b[0]}`)) {
        reserve(`Operation ${a[0]} ${b[0]}`);
        return { pair: [`${a[0]}${b[0]}`, `${a[1]} ${b[1]}`], malware: true };
      }
    } else {
      const w = pseudoWord(rng);
      if (!reserve(w[0])) continue;
      if (rng.chance(0.35)) {
        const suffix = rng.pick(MALWARE_SUFFIXES);
        if (reserve(`${w[0]}${suffix[0]}`)) return { pair: [`${w[0]}${suffix[0]}`, `${w[1]} ${suffix[1]}`], malware: true };
      }
      return { pair: w, malware: rng.chance(0.5) };
    }
  }
}

function dateIn(rng: Rng, year: number, minMonth = 1): string {
  const month = rng.int(minMonth, 12);
  return `${year}-${pad(month, 2)}-${pad(rng.int(1, 28), 2)}`;
}

function makeIncident(ctx: IncidentContext, n: number): { incident: Incident; fact: IncidentFacts } {
  const { rng, partyName } = ctx;
  const name = (id: string) => partyName.get(id) ?? { en: id, ur: id };
  const group = ctx.groups[Math.floor(Math.pow(rng.next(), 1.3) * ctx.groups.length)]!; // some groups busier than others
  const main = incidentName(rng, ctx.reserve);
  const second = rng.chance(0.25) ? incidentName(rng, ctx.reserve) : undefined;
  const year = rng.int(2008, 2025);
  const country = rng.pick(COUNTRIES);
  const sector = rng.pick(SECTORS);
  const attack = rng.pick(ATTACKS);
  const victim: Pair = [`${country.en} ${sector[0]}`, `${country.ur} ${sector[1]}`];
  const g: Pair = group.name;
  const monthIx = rng.int(0, 11);

  const patterns: Array<() => Pair> = [
    () => [`${g[0]}: intrusions into ${victim[0]}`, `${g[1]}: ${victim[1]} کے نیٹ ورکس میں دراندازی`],
    () => [`${main.pair[0]}: the ${attack.en} attack on ${victim[0]}`, `${main.pair[1]}: ${victim[1]} پر ${attack.ur} حملہ`],
    () => [`The ${year} breach of ${victim[0]}`, `${year} میں ${victim[1]} کا ڈیٹا چوری`],
    () => [`${main.pair[0]} ${attack.en} attack on ${victim[0]} (${year})`, `${victim[1]} پر ${main.pair[1]} ${attack.ur} حملہ (${year})`],
    () => [`Cyber attack on ${victim[0]}, ${ENGLISH_MONTHS[monthIx]} ${year}`, `${URDU_MONTHS[monthIx]} ${year} میں ${victim[1]} پر سائبر حملہ`],
  ];
  const title = rng.pick(patterns)();

  let id = slug(`${main.pair[0]}-${year}`);
  if (ctx.usedIds.has(id)) id = `${id}-${n}`;
  ctx.usedIds.add(id);

  const accuser = rng.pick(ctx.accusers);
  const second_accuser = rng.pick(ctx.accusers.filter((a) => a !== accuser));
  const stateId = group.state && ctx.partyIds.has(group.state) ? group.state : undefined;
  const firstAttributed = dateIn(rng, Math.min(2025, year + rng.int(0, 1)));
  const later = (d: string) => {
    const y = Number(d.slice(0, 4));
    const m = Number(d.slice(5, 7));
    return m < 12 && rng.chance(0.7) ? dateIn(rng, y, m + 1) : dateIn(rng, Math.min(2026, y + 1));
  };

  const sources: Source[] = [];
  const addSource = (date: string, about: string): string => {
    const pub = rng.pick(PUBLISHERS);
    const sid = `s${sources.length + 1}`;
    const t =
      pub.language === 'ur'
        ? `${victim[1]} پر سائبر حملے کا الزام ${g[1]} پر`
        : `${name(about).en} ${rng.pick(['links', 'ties', 'attributes'])} ${victim[0]} ${attack.en} attack to ${g[0]}`;
    sources.push({ id: sid, publisher: pub.name, title: t, date, language: pub.language, ...(rng.chance(0.85) ? { url: `https://news.example.org/${date.slice(0, 4)}/${id}/${sid}` } : {}) });
    return sid;
  };

  const claims: Claim[] = [];
  const against = stateId && rng.chance(0.4) ? [group.id, stateId] : [group.id];
  const c1 = 'c1';
  claims.push({
    id: c1, type: 'accusation', date: firstAttributed, by: accuser, against, basis: rng.pick(['technical-report', 'government-statement', 'not-stated'] as const),
    summary: { en: `${name(accuser).en} attributed the attack to ${g[0]}.`, ur: `${name(accuser).ur} نے حملے کا الزام ${g[1]} پر لگایا۔` },
    sources: [addSource(firstAttributed, accuser)],
  });
  if (rng.chance(0.5)) {
    const d = later(firstAttributed);
    claims.push({
      id: 'c2', type: rng.chance(0.6) ? 'confirmation' : 'accusation', date: d, by: second_accuser, against: [group.id],
      summary: { en: `${name(second_accuser).en} backed the attribution to ${g[0]}.`, ur: `${name(second_accuser).ur} نے ${g[1]} پر الزام کی تائید کی۔` },
      sources: [addSource(d, second_accuser)],
    });
  }
  let denialEn = 'No one has publicly denied it.';
  let denialUr = 'کسی نے اس الزام کی عوامی سطح پر تردید نہیں کی۔';
  const deniers = (stateId ? DENIERS[stateId] ?? [stateId] : []).filter((d) => ctx.partyIds.has(d));
  if (deniers.length) {
    const denier = rng.pick(deniers);
    const d = later(firstAttributed);
    const r = rng.next();
    const dn = name(denier);
    if (r < 0.65) {
      claims.push({ id: 'c3', type: 'denial', date: d, by: denier, against: [], respondsTo: c1, summary: { en: `${dn.en} rejected the accusation as groundless.`, ur: `${dn.ur} نے الزام کو بے بنیاد قرار دے کر مسترد کر دیا۔` }, sources: [addSource(d, denier)] });
      denialEn = `${dn.en} denied any involvement.`;
      denialUr = `${dn.ur} نے کسی بھی تعلق کی تردید کی۔`;
    } else if (r < 0.8) {
      claims.push({ id: 'c3', type: 'declined-to-comment', date: d, by: denier, against: [], respondsTo: c1, summary: { en: `${dn.en} declined to comment.`, ur: `${dn.ur} نے تبصرہ کرنے سے انکار کیا۔` }, sources: [addSource(d, denier)] });
    } else if (r < 0.9) {
      claims.push({ id: 'c3', type: 'no-response', date: d, by: denier, against: [], summary: { en: `${dn.en} did not respond to requests for comment.`, ur: `${dn.ur} نے تبصرے کی درخواست کا جواب نہیں دیا۔` }, sources: [claims[0]!.sources[0]!] });
    }
    if (r < 0.65 && rng.chance(0.15) && ctx.partyIds.has('united-states')) {
      const d2 = later(d);
      claims.push({ id: 'c4', type: 'counter-accusation', date: d2, by: denier, against: ['united-states'], summary: { en: `${dn.en} accused the United States of hacking operations of its own.`, ur: `${dn.ur} نے الٹا امریکہ پر ہیکنگ کا الزام لگایا۔` }, sources: [addSource(d2, denier)] });
    }
  }
  if (rng.chance(0.15)) {
    const official = (['us-justice-department', 'us-treasury', 'european-union'] as const).filter((x) => ctx.partyIds.has(x));
    if (official.length) {
      const by = rng.pick(official);
      const d = later(firstAttributed);
      const indictment = by === 'us-justice-department';
      claims.push({
        id: 'c5', type: indictment ? 'indictment' : 'sanction', date: d, by, against: [group.id],
        summary: indictment
          ? { en: `${name(by).en} charged suspects linked to ${g[0]}.`, ur: `${name(by).ur} نے ${g[1]} سے منسلک ملزمان پر فرد جرم عائد کی۔` }
          : { en: `${name(by).en} imposed sanctions over the attack.`, ur: `${name(by).ur} نے حملے پر پابندیاں عائد کیں۔` },
        sources: [addSource(d, by)],
      });
    }
  }

  const names: Pair[] = [main.pair, ...(second ? [second.pair] : [])];
  const malwareEn = main.malware ? `, using malware known as ${main.pair[0]}` : '';
  const malwareUr = main.malware ? ` اور اس کے لیے ${main.pair[1]} نامی میل ویئر استعمال کیا` : '';
  const summary = {
    en: `${name(accuser).en} said a group it tracks as ${g[0]} carried out a ${attack.en} attack on ${victim[0]} in ${year}${malwareEn}. ${denialEn}`,
    ur: `${name(accuser).ur} کے مطابق ${g[1]} نامی گروپ نے ${year} میں ${victim[1]} پر ${attack.ur} حملہ کیا${malwareUr}۔ ${denialUr}`,
  };
  const victims = [{ en: victim[0], ur: victim[1] }];
  if (rng.chance(0.3)) {
    const s2 = rng.pick(SECTORS);
    victims.push({ en: `${country.en} ${s2[0]}`, ur: `${country.ur} ${s2[1]}` });
  }
  const incident: Incident = {
    id,
    title: { en: title[0], ur: title[1] },
    summary,
    occurred: { start: rng.chance(0.5) ? String(year) : `${year}-${pad(rng.int(1, 12), 2)}` },
    firstAttributed,
    victims,
    names: [...names.map((p) => p[0]), ...names.filter(() => rng.chance(0.6)).map((p) => p[1])],
    tags: [...new Set([attack.tag, ...rng.sample(EXTRA_TAGS, rng.int(0, 2))])],
    victimStates: [],
    sources,
    claims,
    notes: [],
  };
  // occurred.start is never after the first attribution.
  if (incident.occurred.start > firstAttributed.slice(0, incident.occurred.start.length)) incident.occurred.start = String(year);
  return {
    incident,
    fact: { id, group: group.id, names, year, country: { en: country.en, ur: country.ur }, sector, attack: attack.en, accuser },
  };
}
