// Finds the parties a sentence names, in either script: curated parties (names, aliases, Urdu
// oblique forms), the ingester's extra names (lexicon.ts), and the alias registry's vendor
// names for threat groups. Words are compared through the search folding (normalize.ts), so
// Urdu typed on an Arabic keyboard matches. The longest name wins at each position. A name
// several registry actors share stays unresolved (id null), as does an organisation or group
// the data does not know: the name is kept as written, nothing is guessed.
import type { Party, PartyKind } from '../../domain/schema.ts';
import type { AliasRegistry } from '../../registry/registry.ts';
import { isArabicScript, normalizeText } from '../../search/normalize.ts';
import { DEMONYMS, EXTRA_ALIASES, GROUP_NOUNS, KNOWN_UNRESOLVED, MEDIA_NOUNS, NUMBER_WORDS, ORG_NOUNS_EN, ORG_NOUNS_UR, PERSON_NOUNS_EN, PERSON_NOUNS_UR } from './lexicon.ts';

export interface Token {
  raw: string;
  norm: string;
  start: number;
  end: number;
}

export type MentionKind = PartyKind | 'unknown' | 'persons';

export interface Mention {
  /** Token range [first, last). */
  first: number;
  last: number;
  start: number;
  end: number;
  id: string | null;
  /** As written. */
  name: string;
  kind: MentionKind;
  /** The state the party belongs to (itself for a state), for "which side" checks. */
  state?: string;
  demonym?: boolean;
  /** Unnamed officials of this state ("US officials", «امریکی حکام»). */
  officialsOf?: string;
}

// "U.S." and "U.K." are one token each; otherwise runs of letters, marks and digits.
const TOKEN = /U\.S\.|U\.K\.|[\p{L}\p{M}\p{N}]+/gu;

/**
 * The trie's key for a token: the search key with ھ (do-chashmi he) folded to ہ, because
 * «بھارت» is also typed «بهارت» (Arabic heh, which the search key folds to ہ). For names only:
 * the sentence skeleton keeps the search key.
 */
export function nameKey(norm: string): string {
  return norm.replace(/\u06BE/g, '\u06C1');
}

/** Urdu letter names, for acronyms written out in Urdu: "APT 38" is «اے پی ٹی 38», "GRU" «جی آر یو». */
const URDU_LETTERS: Record<string, string> = {
  A: 'اے', B: 'بی', C: 'سی', D: 'ڈی', E: 'ای', F: 'ایف', G: 'جی', H: 'ایچ', I: 'آئی', J: 'جے', K: 'کے', L: 'ایل', M: 'ایم',
  N: 'این', O: 'او', P: 'پی', Q: 'کیو', R: 'آر', S: 'ایس', T: 'ٹی', U: 'یو', V: 'وی', W: 'ڈبلیو', X: 'ایکس', Y: 'وائی', Z: 'زیڈ',
};

/** "APT38" → «اے پی ٹی 38»; only for acronyms of two to five capitals, with or without a number. */
export function urduSpelling(name: string): string | undefined {
  const m = /^([A-Z]{2,5})[\s-]?(\d{0,5})$/.exec(name.trim());
  if (!m) return undefined;
  const letters = [...m[1]!].map((c) => URDU_LETTERS[c]!).join(' ');
  return m[2] ? `${letters} ${m[2]}` : letters;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0] === 'U.S.' ? 'US' : m[0] === 'U.K.' ? 'UK' : m[0];
    tokens.push({ raw, norm: normalizeText(raw).replace(/ /g, ''), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

interface Entry {
  id: string | null;
  kind: MentionKind;
  state?: string;
  demonym?: boolean;
  /** Raw tokens that must match exactly (short capitals like US, UK, GRU: "us" is a pronoun). */
  exact?: string[];
  /** A single ordinary-looking word from the registry: only with a group noun next to it. */
  needsGroupNoun?: boolean;
  /** For an acronym spelled out in Urdu letters, the Latin name («اے پی ٹی 38» is APT38). */
  latin?: string;
  priority: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entry?: Entry;
}

// The lexicon's extra names win over a party's own: they are deliberate ("Mao Ning" speaks for
// the foreign ministry, even though she is a party of her own in some incidents).
const PRIORITY = { lexicon: 5, party: 4, extra: 3, demonym: 3, unresolved: 2, registry: 1 };

export class Gazetteer {
  private readonly root: TrieNode = { next: new Map() };
  readonly parties = new Map<string, Party>();

  constructor(parties: readonly Party[], registry?: AliasRegistry) {
    for (const p of parties) this.parties.set(p.id, p);
    const stateOf = (p: Party) => (p.kind === 'state' ? p.id : p.state);
    for (const p of parties) {
      const names = [p.name.en, p.name.ur, ...(p.urOblique ? [p.urOblique] : []), ...p.aliases.map((a) => a.name)];
      for (const n of names) this.add(n, { id: p.id, kind: p.kind, state: stateOf(p), priority: PRIORITY.party });
      for (const n of EXTRA_ALIASES[p.id] ?? []) this.add(n, { id: p.id, kind: p.kind, state: stateOf(p), priority: PRIORITY.lexicon });
      // «ہاربن پولیس» is also written «ہاربن کی پولیس».
      for (const n of names) {
        const police = /^(\S+) (پولیس)$/.exec(n);
        if (police) this.add(`${police[1]} کی ${police[2]}`, { id: p.id, kind: p.kind, state: stateOf(p), priority: PRIORITY.extra });
      }
      for (const n of names) {
        const ur = urduSpelling(n);
        if (ur) this.add(ur, { id: p.id, kind: p.kind, state: stateOf(p), priority: PRIORITY.registry });
      }
      // "Chinese Embassy in The Hague" is also "China's embassy in The Hague" and "the Embassy of China in ...".
      for (const n of names) {
        const e = /^(\S+(?: \S+)?) Embassy in (.+)$/i.exec(n);
        const state = e ? Object.entries(DEMONYMS).find(([, forms]) => forms[0]!.toLowerCase() === e[1]!.toLowerCase())?.[0] : undefined;
        const stateName = state ? parties.find((x) => x.id === state)?.name.en : undefined;
        if (e && stateName) for (const v of [`${stateName}'s embassy in ${e[2]}`, `Embassy of ${stateName} in ${e[2]}`]) this.add(v, { id: p.id, kind: p.kind, state: stateOf(p), priority: PRIORITY.extra });
      }
    }
    for (const [id, names] of Object.entries(DEMONYMS)) {
      for (const n of names) this.add(n, { id, kind: 'state', state: id, demonym: true, priority: PRIORITY.demonym });
      // "the Japanese government", «جاپانی حکومت», «حکومتِ جاپان»: the state itself, not its people.
      const state = parties.find((p) => p.id === id);
      for (const n of names) this.add(isArabicScript(n) ? `${n} حکومت` : `${n} government`, { id, kind: 'state', state: id, priority: PRIORITY.extra });
      if (state?.name.ur) this.add(`حکومت ${state.name.ur}`, { id, kind: 'state', state: id, priority: PRIORITY.extra });
    }
    // «پاکستانی وزارت خارجہ», «جرمنی کی وزارت خارجہ», «چین کے دفتر خارجہ»: a state's foreign ministry, where the data has one.
    for (const p of parties) {
      if (p.kind !== 'state-agency' || !p.state || !/-foreign-(?:ministry|office)$/.test(p.id)) continue;
      const state = parties.find((x) => x.id === p.state);
      const adjectives = (DEMONYMS[p.state] ?? []).filter(isArabicScript);
      const forms = [...adjectives.flatMap((d) => [`${d} وزارت خارجہ`, `${d} دفتر خارجہ`]), ...(state?.name.ur ? [`${state.name.ur} کی وزارت خارجہ`, `${state.name.ur} کے دفتر خارجہ`] : [])];
      for (const n of forms) this.add(n, { id: p.id, kind: p.kind, state: p.state, priority: PRIORITY.extra });
    }
    for (const n of KNOWN_UNRESOLVED) this.add(n, { id: null, kind: 'company', priority: PRIORITY.unresolved });
    if (registry) {
      const curatedByActor = new Map<string, Party>();
      for (const p of parties) {
        const hit = p.registry ? registry.resolve(p.registry) : [];
        if (hit.length === 1) curatedByActor.set(hit[0]!.id, p);
      }
      for (const actor of registry.actors) {
        const party = curatedByActor.get(actor.id);
        for (const { name } of actor.names) {
          const latin = !isArabicScript(name);
          const plainWord = latin && /^[A-Za-z][a-z]*$/.test(name);
          const found = registry.resolve(name);
          const id = found.length === 1 ? (party?.id ?? actor.id) : null; // shared by several actors: unresolved
          this.add(name, { id, kind: party?.kind ?? actor.kind, state: party?.state, needsGroupNoun: plainWord, priority: PRIORITY.registry });
          const ur = latin ? urduSpelling(name) : undefined;
          // Unresolved, it keeps the Latin name: the registry and the reviewer know "APT38", not «اے پی ٹی 38».
          if (ur) this.add(ur, { id, kind: party?.kind ?? actor.kind, state: party?.state, latin: id === null ? name : undefined, priority: PRIORITY.registry });
        }
      }
    }
  }

  private add(name: string, entry: Entry): void {
    // Urdu nouns ending in ہ take ے before a postposition («سفارت خانہ» → «سفارت خانے نے»).
    if (isArabicScript(name) && /ہ$/.test(name) && !entry.demonym) this.addOne(name.replace(/ہ$/, 'ے'), entry);
    this.addOne(name, entry);
  }

  private addOne(name: string, entry: Entry): void {
    const tokens = tokenize(name);
    if (!tokens.length || tokens.every((t) => /^\d+$/.test(t.norm))) return; // "360" alone is not a name
    // Short all-capital Latin names must match in capitals: US, UK, GRU, NSA.
    const exact = tokens.length <= 2 && tokens.every((t) => /^[A-Z]{1,5}$/.test(t.raw)) ? tokens.map((t) => t.raw) : undefined;
    const keys = [tokens.map((t) => nameKey(t.norm))];
    // "APT28" is also written "APT 28" and "APT-28".
    const joined = tokens.length === 1 ? /^([a-z]+)(\d+)$/.exec(tokens[0]!.norm) : null;
    if (joined) keys.push([joined[1]!, joined[2]!]);
    for (const key of keys) {
      let node = this.root;
      for (const k of key) {
        let child = node.next.get(k);
        if (!child) node.next.set(k, (child = { next: new Map() }));
        node = child;
      }
      const old = node.entry;
      const mine = { ...entry, exact: key.length === tokens.length ? exact : undefined };
      if (!old || mine.priority > old.priority) node.entry = mine;
      else if (mine.priority === old.priority && old.id !== mine.id && old.kind !== 'state') node.entry = { ...old, id: null }; // two parties, one name
    }
  }

  /** The parties a sentence names, left to right, longest match first, adjusted for context. */
  find(text: string, tokens: Token[] = tokenize(text)): Mention[] {
    const mentions: Mention[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.longest(tokens, i, text);
      if (hit) {
        mentions.push(hit);
        i = hit.last;
        continue;
      }
      const people = numberedPeople(tokens, i);
      if (people) {
        mentions.push({ ...people, start: tokens[people.first]!.start, end: tokens[people.last - 1]!.end, id: null, name: text.slice(tokens[people.first]!.start, tokens[people.last - 1]!.end), kind: 'persons' });
        i = people.last;
        continue;
      }
      const unknown = unknownName(tokens, i, text);
      if (unknown) {
        mentions.push({ ...unknown, start: tokens[unknown.first]!.start, end: tokens[unknown.last - 1]!.end, id: null, name: text.slice(tokens[unknown.first]!.start, tokens[unknown.last - 1]!.end), kind: 'unknown' });
        i = unknown.last;
        continue;
      }
      i++;
    }
    return sameAs(text, this.adjust(text, tokens, mentions));
  }

  private longest(tokens: Token[], i: number, text: string): Mention | undefined {
    let node: TrieNode | undefined = this.root;
    let best: { entry: Entry; last: number } | undefined;
    for (let j = i; j < tokens.length && node; j++) {
      node = node.next.get(nameKey(tokens[j]!.norm));
      const e = node?.entry;
      if (!e) continue;
      const raws = tokens.slice(i, j + 1).map((t) => t.raw);
      if (e.exact && raws.join(' ') !== e.exact.join(' ')) continue;
      // Latin names are capitalised in news copy: "china" or "sony" in lower case is a word.
      if (!isArabicScript(raws[0]!) && !/^[\p{Lu}\d]/u.test(raws[0]!)) continue;
      if (e.needsGroupNoun && !groupNounNear(tokens, i, j, text)) continue;
      best = { entry: e, last: j + 1 };
    }
    if (!best) return undefined;
    const { entry, last } = best;
    return {
      first: i,
      last,
      start: tokens[i]!.start,
      end: tokens[last - 1]!.end,
      id: entry.id,
      name: entry.latin ?? '',
      kind: entry.kind,
      state: entry.state,
      demonym: entry.demonym,
    };
  }

  /** Names as written; demonyms of people and unnamed officials; "Ministry spokesperson X" as the ministry. */
  private adjust(text: string, tokens: Token[], mentions: Mention[]): Mention[] {
    const out: Mention[] = [];
    for (let k = 0; k < mentions.length; k++) {
      const m = { ...mentions[k]! };
      m.name ||= text.slice(m.start, m.end);
      const after = (n: number) => tokens[m.last + n]?.raw ?? '';
      if (m.kind === 'state' && m.id) {
        // "pro-Russian hackers", «روس نواز ہیکرز» are not Russia.
        const before = text.slice(Math.max(0, m.start - 5), m.start).toLowerCase();
        if (/(pro|anti)-\s*$/.test(before) || /^(نواز|حامی|مخالف)$/.test(after(0))) continue;
        // "a US Senate panel", «امریکی اخبار»: an organisation of that state, not the state speaking.
        if (ORG_NOUNS_EN.test(after(0)) || ORG_NOUNS_UR.test(after(0)) || (m.demonym && ORG_NOUNS_EN.test(after(1)) && /^(federal|state|national)$/i.test(after(0)))) {
          const last = m.last + (ORG_NOUNS_EN.test(after(0)) || ORG_NOUNS_UR.test(after(0)) ? 1 : 2);
          const nounLast = /^(senate|think|congressional|parliamentary)$/i.test(tokens[last - 1]!.raw) && tokens[last] ? last + 1 : last;
          out.push({ ...m, last: nounLast, end: tokens[nounLast - 1]!.end, id: null, name: text.slice(m.start, tokens[nounLast - 1]!.end), kind: MEDIA_NOUNS.test(tokens[last - 1]!.raw) ? 'media' : 'unknown', demonym: false });
          continue;
        }
        // "Iranian nationals" were charged, not Iran; «ایرانی شہری»; "Russian intelligence officers".
        const modifier = (n: number) => /^(intelligence|military|security|government|انٹیلی|جنس|فوجی|خفیہ|سکیورٹی)$/i.test(after(n));
        const personNoun = [0, 1, 2].find((n) => (PERSON_NOUNS_EN.test(after(n)) || PERSON_NOUNS_UR.test(after(n))) && [...Array(n).keys()].every(modifier));
        const officials = [0, 1, 2].find((n) => /^(officials|حکام|عہدیداروں|عہدیدار)$/i.test(after(n)));
        const between = (n: number) => tokens.slice(m.last, m.last + n).every((t) => /^(intelligence|security|government|administration|national|defen[cs]e|military|law|enforcement|cyber|senior|former|s|انٹیلی|جنس|سکیورٹی|سیکیورٹی|حکومتی|سرکاری|اعلیٰ|دفاعی)$/i.test(t.raw));
        if (officials !== undefined && between(officials) && (mentions[k + 1]?.first ?? Infinity) >= m.last + officials + 1) {
          const last = m.last + officials + 1;
          out.push({ ...m, last, end: tokens[last - 1]!.end, id: null, name: text.slice(m.start, tokens[last - 1]!.end), kind: 'anonymous-officials', officialsOf: m.id, demonym: false });
          continue;
        }
        if (m.demonym && personNoun !== undefined) {
          const last = m.last + personNoun + 1;
          // "the North Korean firm Chosun Expo": a descriptor of the name that follows, not a party of its own.
          if (mentions[k + 1]?.first === last) continue;
          out.push({ ...m, last, end: tokens[last - 1]!.end, id: null, name: text.slice(m.start, tokens[last - 1]!.end), kind: 'persons' });
          continue;
        }
      }
      // «روسی خفیہ ادارے کے چھ افسران», «جی آر یو کے سات اہلکاروں»: a number of a state's or an agency's officers are persons.
      if ((m.kind === 'state' || m.kind === 'state-agency') && isArabicScript(m.name)) {
        let j = m.last;
        while (j < m.last + 3 && /^(خفیہ|فوجی|انٹیلی|جنس|سکیورٹی|ادارے|ادارہ|ایجنسی|فوج|ملٹری|سرکاری)$/.test(tokens[j]?.raw ?? '')) j++;
        if (/^(کے|کی)$/.test(tokens[j]?.raw ?? '') && NUMBER_WORDS.test(tokens[j + 1]?.raw ?? '') && PERSON_NOUNS_UR.test(tokens[j + 2]?.raw ?? '') && (mentions[k + 1]?.first ?? Infinity) > j + 2) {
          out.push({ ...m, last: j + 3, end: tokens[j + 2]!.end, id: null, name: text.slice(m.start, tokens[j + 2]!.end), kind: 'persons', demonym: false });
          continue;
        }
      }
      // «پانچ روسی فوجی انٹیلی جنس افسران»: a number of an agency's officers are persons, not the agency.
      if (m.kind === 'state-agency' && isArabicScript(m.name) && NUMBER_WORDS.test(tokens[m.first - 1]?.raw ?? '') && PERSON_NOUNS_UR.test(after(0)) && (mentions[k + 1]?.first ?? Infinity) > m.last) {
        out.push({ ...m, first: m.first - 1, start: tokens[m.first - 1]!.start, last: m.last + 1, end: tokens[m.last]!.end, id: null, name: text.slice(tokens[m.first - 1]!.start, tokens[m.last]!.end), kind: 'persons' });
        continue;
      }
      const next = mentions[k + 1];
      // «برطانوی نیشنل سائبر سکیورٹی سینٹر», "US National Security Agency": the state names its own agency;
      // «روسی ملٹری انٹیلی جنس جی آر یو»: the same party twice, in apposition.
      if (next && next.first === m.last && ((m.kind === 'state' && next.state === m.id && next.kind !== 'state') || (m.id !== null && next.id === m.id))) {
        mentions[k + 1] = { ...next, first: m.first, start: m.start, name: text.slice(m.start, next.end) };
        continue;
      }
      // "Russia's GRU", "the UK's NCSC", «برطانیہ کے نیشنل سائبر سکیورٹی سینٹر», "the Treasury's OFAC":
      // the possessor names the head, which is the party.
      const genitive = /^(s|کے|کی|کا)$/i.test(tokens[m.last]?.raw ?? '');
      if (next && genitive && next.first === m.last + 1 && ((m.kind === 'state' && next.kind !== 'state' && (next.state === m.id || !isArabicScript(next.name))) || (m.id !== null && next.id === m.id))) {
        mentions[k + 1] = { ...next, first: m.first, start: m.start, name: text.slice(m.start, next.end), state: next.state ?? (m.kind === 'state' && next.id === null ? (m.id ?? undefined) : undefined) };
        continue;
      }
      // "Russian President Vladimir Putin", «روسی صدر ولادیمیر پوتن»: the person, not the state.
      if (next && m.kind === 'state' && next.kind === 'person' && next.id !== null) {
        const gap = tokens.slice(m.last, next.first).map((t) => t.raw);
        if (gap.length >= 1 && gap.length <= 3 && gap.every((w) => /^(president|prime|minister|premier|leader|chancellor|king|صدر|وزیراعظم|وزیر|اعظم|رہنما|سربراہ|مملکت)$/i.test(w)) && !/ترجمان|spokes/i.test(gap.join(' '))) {
          mentions[k + 1] = { ...next, first: m.first, start: m.start };
          continue;
        }
      }
      // "Chinese Foreign Ministry spokesperson Mao Ning": one speaker, the ministry.
      if (next && m.kind !== 'person' && (next.kind === 'person' || (next.id !== null && next.id === m.id))) {
        const gap = tokens.slice(m.last, next.first).map((t) => t.raw);
        if (gap.length >= 1 && gap.length <= 3 && gap.every((w) => /^(spokesman|spokeswoman|spokesperson|spokespeople|chief|head|director|minister|secretary|ترجمان|کے|کی|سربراہ)$/i.test(w))) {
          out.push({ ...m, last: next.last, end: next.end, name: text.slice(m.start, next.end) });
          k++;
          continue;
        }
      }
      out.push(m);
    }
    return out;
  }
}

/**
 * A single ordinary-looking word names a group only with a group noun beside it: "Kimsuky
 * hackers", "the Trickbot cybercrime gang", or in an appositive: "Lazarus, the North Korean hacking group".
 */
function groupNounNear(tokens: Token[], i: number, j: number, text: string): boolean {
  if (GROUP_NOUNS.test(tokens[j + 1]?.raw ?? '') || GROUP_NOUNS.test(tokens[i - 1]?.raw ?? '')) return true;
  if (/^(cybercrime|cybercriminal|criminal|hacker|extortion)$/i.test(tokens[j + 1]?.raw ?? '') && GROUP_NOUNS.test(tokens[j + 2]?.raw ?? '')) return true;
  const next = tokens[j + 1];
  if (next && /^\s*,\s*$/.test(text.slice(tokens[j]!.end, next.start)) && /^(the|a|an)$/i.test(next.raw)) {
    for (let k = j + 2; k < Math.min(tokens.length, j + 7); k++) {
      if (/[,.;]/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) break;
      if (/^(group|gang|hackers|collective|crew)$/i.test(tokens[k]!.raw)) return true;
    }
  }
  return false;
}

/**
 * A group name the data cannot resolve alone, followed in the same clause by "also known as X"
 * ("Midnight Blizzard, the Russian state-sponsored group also known as APT29"): it is X.
 */
function sameAs(text: string, mentions: Mention[]): Mention[] {
  for (let a = 0; a < mentions.length; a++) {
    const m = mentions[a]!;
    if (m.id !== null || !['threat-group', 'criminal-group', 'unknown'].includes(m.kind)) continue;
    for (let b = a + 1; b < mentions.length; b++) {
      const between = text.slice(m.end, mentions[b]!.start);
      if (/[.;]/.test(between) || between.length > 90) break;
      if (/(?:also known as|a\.?k\.?a\.?|also tracked as|tracked as|also called|کے نام سے بھی)\s*$/i.test(between) && mentions[b]!.id !== null) {
        mentions[a] = { ...m, id: mentions[b]!.id, kind: mentions[b]!.kind, state: mentions[b]!.state };
        break;
      }
    }
  }
  return mentions;
}

const ORG_HEAD = /^(Establishment|Agency|Centre|Center|Service|Bureau|Directorate|Command|Office|Ministry|Department|Council|Police|Authority|Commission|Institute|Team)$/;
const ACTOR_CODE = /^(UNC|TA|APT|DEV|TAG|FIN|UAC|TEMP|Storm|STORM)\d+$/;
const CODE_PREFIX = /^(UNC|TA|APT|DEV|TAG|FIN|UAC|Storm|STORM|Earth|Water|Void)$/;
const SENTENCE_WORDS = /^(The|A|An|On|In|At|But|And|Its|It|This|That|These|Those|He|She|They|We|Our|Their|His|Her|Last|On|After|Before|When|While|According|Officials?|Researchers?|Security|Cyber|State|Government|Hackers?|Russian|Chinese|Iranian|North|South)$/;

/** "four men", "12 Chinese nationals" is not this: a number and a person noun, with no state word in between. */
function numberedPeople(tokens: Token[], i: number): { first: number; last: number } | undefined {
  if (!NUMBER_WORDS.test(tokens[i]!.raw)) return undefined;
  const noun = tokens[i + 1]?.raw ?? '';
  if (/^(men|women|people|individuals|persons|suspects|defendants|hackers)$/i.test(noun) || /^(افراد|ملزمان|ملزموں|ہیکرز)$/.test(noun)) return { first: i, last: i + 2 };
  return undefined;
}

/** A name the data does not know, where the sentence shows it is a name: an actor code, "a group called X", "X hackers". */
function unknownName(tokens: Token[], i: number, text = ''): { first: number; last: number } | undefined {
  const t = tokens[i]!;
  // «ہیکر گروپ 'سلور فاکس'»: a quoted name right after a group noun.
  if (isArabicScript(t.raw) && /^(گروپ|گروہ|گینگ)$/.test(tokens[i - 1]?.raw ?? '') && /['‘“"]/.test(text.slice(tokens[i - 1]!.end, t.start))) {
    for (let j = i; j < Math.min(tokens.length, i + 4); j++) {
      if (/^\s*['’”"]/.test(text.slice(tokens[j]!.end, tokens[j]!.end + 2))) return { first: i, last: j + 1 };
    }
  }
  // «نیو ورلڈ ہیکرز نامی گروپ»: up to four words before «نامی» (named), after a clause break or sentence start.
  if (isArabicScript(t.raw)) {
    for (let n = 4; n >= 1; n--) {
      if (tokens[i + n]?.raw !== 'نامی') continue;
      const words = tokens.slice(i, i + n).map((x) => x.raw);
      if (words.some((w) => /^(نے|کے|کی|کا|کو|پر|میں|سے|اور|ایک|اس|یہ|وہ|جس|جو)$/.test(w))) continue;
      return { first: i, last: i + n };
    }
    // «نیویارک کی ایک عدالت», «ورجینیا کی وفاقی عدالت»: a court the data lacks, named by its place.
    if (/^(کی|کے)$/.test(tokens[i + 1]?.raw ?? '') && !/^(نے|کے|کی|کا|کو|پر|میں|سے|اور|ایک|اس|یہ|وہ|جس|جو|ان)$/.test(t.raw)) {
      let court = i + 2;
      while (court < i + 4 && /^(ایک|وفاقی|ضلعی|مقامی|خصوصی|فوجداری)$/.test(tokens[court]?.raw ?? '')) court++;
      if (tokens[court]?.raw === 'عدالت') return { first: i, last: court + 1 };
    }
    return undefined;
  }
  if (ACTOR_CODE.test(t.raw)) return { first: i, last: i + 1 };
  if (CODE_PREFIX.test(t.raw) && /^\d{2,5}$/.test(tokens[i + 1]?.raw ?? '') && tokens[i + 1]!.start - t.end <= 1) return { first: i, last: i + 2 };
  const prev = tokens.slice(Math.max(0, i - 2), i).map((x) => x.raw.toLowerCase()).join(' ');
  const capitalised = (k: number) => /^\p{Lu}[\p{L}\p{N}]*$/u.test(tokens[k]?.raw ?? '') && !SENTENCE_WORDS.test(tokens[k]!.raw);
  if (!capitalised(i)) return undefined;
  let last = i + 1;
  while (last < tokens.length && last - i < 4 && capitalised(last)) last++;
  if (/(dubbed|called|named|itself)$/.test(prev) || /known as$|tracked as$/.test(prev)) return { first: i, last };
  // "Canada's Communications Security Establishment", "Japan's National Police Agency": an
  // organisation the data lacks, named by a capitalised run that ends in an organisation's head noun.
  let end = i + 1;
  const upper = (k: number) => /^\p{Lu}[\p{L}\p{N}]*$/u.test(tokens[k]?.raw ?? '');
  while (end < tokens.length && end - i < 7 && (upper(end) || (/^(of|for|and|on)$/.test(tokens[end]!.raw) && upper(end + 1)))) end++;
  if (end - i >= 2 && ORG_HEAD.test(tokens[end - 1]!.raw) && /^(s|the)$/i.test(tokens[i - 1]?.raw ?? '')) return { first: i, last: end };
  if (GROUP_NOUNS.test(tokens[last]?.raw ?? '') && /^(group|gang|hackers|collective|crew)$/i.test(tokens[last]!.raw)) return { first: i, last };
  // "the Trickbot cybercrime gang", "the Rhysida ransomware group".
  if (/^(cybercrime|cybercriminal|criminal|ransomware|hacking|hacker|extortion)$/i.test(tokens[last]?.raw ?? '') && /^(group|gang|collective|crew|syndicate)$/i.test(tokens[last + 1]?.raw ?? '')) return { first: i, last };
  return undefined;
}
