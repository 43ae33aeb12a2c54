// The query set: what people type into /incident and into its autocomplete, in classes, each
// query with the incident(s) it should find. Built from the synthetic store with its own seed.
import type { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { incidentDoc } from '../src/knowledge/search-docs.ts';
import { wordsOf } from '../src/search/engine.ts';
import { compactKey } from '../src/search/normalize.ts';
import type { IncidentFacts, SyntheticStore } from './generate.ts';
import { Rng } from './random.ts';

export const QUERY_CLASSES = ['exact', 'typo', 'alias', 'urdu', 'urdu-arabic-kbd', 'descriptive', 'real', 'broad'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

/**
 * What counts as the right answer. `ids`: one of these incidents. `accusing`: any incident
 * that accuses this group (a group's name finds all its incidents equally). `words`: any
 * incident whose indexed words contain all of these (a descriptive query can fit several).
 */
export interface Expect {
  ids?: string[];
  /** A title typed in full: any incident with that same title (generic titles repeat at scale). */
  title?: string;
  accusing?: string;
  words?: string[];
}

export interface BenchQuery {
  cls: QueryClass;
  q: string;
  /** Absent only for 'broad' queries, which are there for latency (a state, a word). */
  expect?: Expect;
}

export interface SuggestQuery {
  kind: 'incident' | 'actor';
  typed: string;
  /** On the last keystroke of a name: what should be among the choices. */
  expect?: Expect & { entity?: string };
}

export interface QuerySet {
  incident: BenchQuery[];
  suggest: SuggestQuery[];
}

export const DEFAULT_COUNTS: Record<QueryClass, number> = {
  exact: 60,
  typo: 100,
  alias: 40,
  urdu: 40,
  'urdu-arabic-kbd': 30,
  descriptive: 40,
  real: 30,
  broad: 12,
};

/** Real queries against the real incidents (from test/search.test.ts and the dataset). */
const REAL: Array<[string, string]> = [
  ['Volt Typhoon', 'volt-typhoon'],
  ['volt typhon', 'volt-typhoon'],
  ['وولٹ ٹائیفون', 'volt-typhoon'],
  ['وولٹ ٹائيفون', 'volt-typhoon'],
  ['solarwind', 'solarwinds-2020'],
  ['sunburst', 'solarwinds-2020'],
  ['wanacry', 'wannacry-2017'],
  ['WannaCry', 'wannacry-2017'],
  ['notpetia', 'notpetya-2017'],
  ['NotPetya', 'notpetya-2017'],
  ['sony hack 2014', 'sony-pictures-2014'],
  ['biden putin ransomware', 'kaseya-revil-2021'],
  ['2020 election hackers', 'us-election-2020-hacking-warning'],
  ['north korea bank theft', 'bangladesh-bank-2016'],
  ['russia ukraine power grid', 'ukraine-power-grid-2015'],
  ['stuxnet', 'stuxnet-2010'],
  ['سٹکس نیٹ', 'stuxnet-2010'],
  ['shamoon', 'shamoon-saudi-aramco-2012'],
  ['colonial pipeline', 'colonial-pipeline-2021'],
  ['dnc hack', 'dnc-hack-2016'],
  ['Cloud Hopper', 'cloud-hopper-apt10-2018'],
  ['operation aurora', 'operation-aurora-2010'],
  ['bundestag hack', 'bundestag-2015'],
  ['proxylogon', 'exchange-hafnium-2021'],
  ['salt typhoon', 'salt-typhoon-2024'],
  ['KA-SAT', 'viasat-ka-sat-2022'],
  ['acid rain', 'viasat-ka-sat-2022'],
  ['نوٹ پیٹیا', 'notpetya-2017'],
  ['وانا كرائي', 'wannacry-2017'],
  ['electoral commission hack', 'uk-electoral-commission-2024'],
];

const BROAD = ['china', 'Russia', 'ransomware', 'microsoft', 'چین', 'روس', 'espionage', 'FBI', 'hackers', 'attack', 'iran hackers', 'north korea'];

/** Urdu typed on an Arabic keyboard: Arabic yeh, kaf and heh for the Urdu letters. */
export function arabicKeyboard(text: string): string {
  return text.replace(/ی/g, 'ي').replace(/ک/g, 'ك').replace(/ہ/g, 'ه').replace(/ے/g, 'ي');
}

const NEIGHBOURS: Record<string, string> = {
  a: 'qsz', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k', m: 'n',
  n: 'bm', o: 'ip', p: 'o', q: 'wa', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'xa',
};

/** One typing slip at a random position after the first letter: swap, drop, double, or hit a neighbour key. */
function slip(rng: Rng, word: string): string {
  const i = rng.int(1, word.length - 1);
  const ch = word[i]!.toLowerCase();
  switch (rng.int(0, 3)) {
    case 0:
      return i < word.length - 1 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default: {
      const near = NEIGHBOURS[ch];
      return near ? word.slice(0, i) + rng.pick([...near]) + word.slice(i + 1) : word.slice(0, i) + word.slice(i + 1);
    }
  }
}

/** Every string one edit (delete, swap, replace, insert) away from `key`. */
function oneEditAway(key: string): string[] {
  const letters = [...new Set([...'abcdefghijklmnopqrstuvwxyz0123456789', ...key])];
  const out: string[] = [];
  for (let i = 0; i <= key.length; i++) {
    if (i < key.length) out.push(key.slice(0, i) + key.slice(i + 1));
    if (i + 1 < key.length) out.push(key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2));
    for (const c of letters) {
      if (i < key.length) out.push(key.slice(0, i) + c + key.slice(i + 1));
      out.push(key.slice(0, i) + c + key.slice(i));
    }
  }
  return out;
}

/**
 * A 1- or 2-edit typo of a Latin name, in its letters only (not its digits), whose nearest
 * name is still the one meant: it is not itself another name, and no other name is one edit
 * from it (a typo closer to, or as close to, another name cannot be told apart by anyone).
 * Undefined when no such typo is found.
 */
export function typoOf(rng: Rng, name: string, edits: number, taken: Set<string>): string | undefined {
  for (let tries = 0; tries < 12; tries++) {
    const words = name.toLowerCase().split(' ');
    const editable = words.map((w, i) => (/^[a-z]{4,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
    if (!editable.length) return undefined;
    for (let e = 0; e < edits; e++) {
      const i = rng.pick(editable);
      words[i] = slip(rng, words[i]!);
    }
    const out = words.join(' ');
    const key = compactKey(out);
    const own = compactKey(name);
    if (key && key !== own && !taken.has(key) && !oneEditAway(key).some((k) => k !== own && taken.has(k))) return out;
  }
  return undefined;
}

/** Case and spacing as people type them: "apt 123", "storm0123", "Crimson typhoon". */
function asTyped(rng: Rng, name: string): string {
  const r = rng.next();
  if (r < 0.4) return name.toLowerCase();
  if (r < 0.6) return name.replace(/-/g, ' ').replace(/([A-Za-z])(\d)/, '$1 $2').toLowerCase();
  if (r < 0.75) return name.replace(/[- ]/g, '').toLowerCase();
  return name;
}

export function buildQueries(store: SyntheticStore, kb: KnowledgeBase, seed: number, counts: Record<QueryClass, number> = DEFAULT_COUNTS): QuerySet {
  const rng = new Rng(seed ^ 0x51ed);
  const facts = store.facts;
  const groupsById = new Map(store.groups.map((g) => [g.id, g]));
  const incident: BenchQuery[] = [];
  const fact = () => rng.pick(facts);
  const latin = (f: IncidentFacts) => f.names.map((p) => p[0]);

  if (facts.length) {
    for (let i = 0; i < counts.exact; i++) {
      const f = fact();
      const r = rng.next();
      if (r < 0.7) incident.push({ cls: 'exact', q: asTyped(rng, rng.pick(latin(f))), expect: { ids: [f.id] } });
      else if (r < 0.85) {
        const title = kb.incidents.get(f.id)!.title.en;
        incident.push({ cls: 'exact', q: title, expect: { ids: [f.id], title } });
      }
      else {
        const g = groupsById.get(f.group)!;
        incident.push({ cls: 'exact', q: asTyped(rng, g.name[0]), expect: { accusing: g.id } });
      }
    }
    let guard = 0;
    while (incident.filter((q) => q.cls === 'typo').length < counts.typo && guard++ < counts.typo * 20) {
      const f = fact();
      const edits = rng.chance(0.5) ? 1 : 2;
      if (rng.chance(0.75)) {
        const name = rng.pick(latin(f));
        const q = typoOf(rng, name, edits, store.names);
        if (q) incident.push({ cls: 'typo', q, expect: { ids: [f.id] } });
      } else {
        const g = groupsById.get(f.group)!;
        const wordNames = [g.name[0], ...g.aliases.map((a) => a.en)].filter((n) => !/\d/.test(n));
        if (!wordNames.length) continue;
        const q = typoOf(rng, rng.pick(wordNames), edits, store.names);
        if (q) incident.push({ cls: 'typo', q, expect: { accusing: g.id } });
      }
    }
    for (let i = 0; i < counts.alias; i++) {
      const f = fact();
      const g = groupsById.get(f.group)!;
      if (!g.aliases.length) {
        i--;
        continue;
      }
      incident.push({ cls: 'alias', q: asTyped(rng, rng.pick(g.aliases).en), expect: { accusing: g.id } });
    }
    const urduQueries = (n: number, cls: 'urdu' | 'urdu-arabic-kbd') => {
      for (let made = 0, tries = 0; made < n && tries < n * 20; tries++) {
        const f = fact();
        const inc = kb.incidents.get(f.id)!;
        const g = groupsById.get(f.group)!;
        const r = rng.next();
        let q: string;
        let expect: Expect;
        if (r < 0.45) {
          // An Urdu name of the incident that the store actually has (in its names or title).
          const names = f.names.map((p) => p[1]).filter((ur) => inc.names.includes(ur) || inc.title.ur.includes(ur));
          if (!names.length) continue;
          q = rng.pick(names);
          expect = { ids: [f.id] };
        } else if (r < 0.75) {
          q = g.name[1];
          expect = { accusing: g.id };
        } else if (r < 0.9) {
          const urAliases = g.aliases.filter((a) => a.ur).map((a) => a.ur!);
          if (!urAliases.length) continue;
          q = rng.pick(urAliases);
          expect = { accusing: g.id };
        } else {
          q = inc.title.ur;
          expect = { ids: [f.id], title: q };
        }
        if (cls === 'urdu-arabic-kbd') {
          const typed = arabicKeyboard(q);
          if (typed === q) continue;
          q = typed;
        }
        incident.push({ cls, q, expect });
        made++;
      }
    };
    urduQueries(counts.urdu, 'urdu');
    urduQueries(counts['urdu-arabic-kbd'], 'urdu-arabic-kbd');
    for (let i = 0; i < counts.descriptive; i++) {
      const f = fact();
      const g = groupsById.get(f.group)!;
      const sectorWord = f.sector[0].split(' ')[0]!;
      const forms: string[][] = [
        [f.country.en, sectorWord, f.attack, String(f.year)],
        [g.name[0], f.country.en, String(f.year)],
        [kb.partyName(f.accuser, 'en'), g.name[0], sectorWord],
        [f.country.en, sectorWord, g.name[0]],
        [f.country.ur, f.sector[1].split(' ')[0]!, String(f.year)],
      ];
      const words = rng.pick(forms).join(' ');
      incident.push({ cls: 'descriptive', q: words.toLowerCase(), expect: { ids: [f.id], words: [...new Set(wordsOf(words))] } });
    }
  }
  const real = REAL.filter(([, id]) => kb.incidents.has(id));
  for (let i = 0; i < Math.min(counts.real, real.length); i++) incident.push({ cls: 'real', q: real[i]![0], expect: { ids: [real[i]![1]] } });
  for (let i = 0; i < Math.min(counts.broad, BROAD.length); i++) incident.push({ cls: 'broad', q: BROAD[i]! });

  // Autocomplete: every keystroke of a name being typed, as Discord sends them.
  const suggest: SuggestQuery[] = [];
  const typing = (kind: SuggestQuery['kind'], name: string, expect: SuggestQuery['expect']) => {
    const chars = [...name];
    for (let n = 1; n <= Math.min(chars.length, 14); n++) suggest.push({ kind, typed: chars.slice(0, n).join(''), ...(n === chars.length || n === 14 ? { expect } : {}) });
  };
  for (let i = 0; i < 40 && facts.length; i++) {
    const f = fact();
    const g = groupsById.get(f.group)!;
    const r = rng.next();
    if (r < 0.45) typing('incident', rng.pick(latin(f)), { ids: [f.id] });
    else if (r < 0.6) typing('incident', g.name[0], { accusing: g.id });
    else if (r < 0.75) typing('incident', f.names[0]![1], { ids: [f.id] });
    else if (r < 0.9) typing('actor', g.name[0], { entity: g.id });
    else typing('actor', g.name[1], { entity: g.id });
  }
  for (const name of ['volt typhoon', 'fancy bear', 'وولٹ ٹائیفون']) typing(name === 'fancy bear' ? 'actor' : 'incident', name, undefined);
  return { incident, suggest };
}

/** Whether `incidentId` is a right answer for `expect`. */
export function accepts(kb: KnowledgeBase, expect: Expect, incidentId: string | undefined): boolean {
  if (!incidentId) return false;
  if (expect.ids?.includes(incidentId)) return true;
  const inc = kb.incidents.get(incidentId);
  if (!inc) return false;
  if (expect.title) {
    const key = compactKey(expect.title);
    if (compactKey(inc.title.en) === key || compactKey(inc.title.ur) === key) return true;
  }
  if (expect.accusing) {
    return inc.claims.some((c) => (c.type === 'accusation' || c.type === 'confirmation') && c.against.includes(expect.accusing!));
  }
  if (expect.words) {
    const doc = incidentDoc(kb, inc);
    const have = new Set([...doc.names, ...(doc.words ?? [])].flatMap((x) => wordsOf(x.text)));
    return expect.words.every((w) => have.has(w));
  }
  return false;
}
