// Claims from an article's text, in English or Urdu, offline and deterministic: sentences →
// parties (gazetteer) → skeleton → cue rules (rules.ts) → checks → claims. What it will not do:
// guess. A party it cannot resolve keeps its name with id null; a date or strength the article
// does not give stays null; a sentence that only names a state accuses nobody; a denial needs
// a denial cue on a cyber matter (never silence, never a denial about drones); a negated cue
// ("did not attribute", «الزام عائد نہیں کیا») yields nothing.
import type { AttributionBasis, ClaimType, Strength } from '../../domain/schema.ts';
import type { ExtractedClaim, NamedParty } from '../model.ts';
import { type Gazetteer, type Mention, tokenize } from './gazetteer.ts';
import {
  ACCUSATION_NOUN_EN, ACCUSATION_NOUN_UR, CYBER_EN, CYBER_UR, EN_HACKER_AFTER, EN_HACKER_BEFORE, EN_RULES, OFF_TOPIC_EN, OFF_TOPIC_UR,
  UR_HACKER_AFTER, UR_RULES, type Rule,
} from './rules.ts';
import { splitSentences } from './sentences.ts';
import { normalizeText } from '../../search/normalize.ts';
import { claimDate } from './dates.ts';
import { strengthOf } from './strength.ts';

export interface ExtractOptions {
  lang: 'en' | 'ur';
  title?: string;
  /** YYYY-MM-DD: the article's date, for claim dates and "on Tuesday". */
  published?: string;
  /** Who speaks when a sentence of an official release has no subject ("Two men were charged"). */
  defaultBy?: NamedParty & { state?: string };
  /** The outlet, for claims by anonymous officials the sentence does not attribute to one. */
  outlet?: NamedParty;
}

const HACKER_NOUNS = new Set(['hacker', 'hackers', 'ہیکرز', 'ہیکر'].map((w) => normalizeText(w)));
const NEEDS_TARGET: ClaimType[] = ['accusation', 'counter-accusation', 'confirmation', 'sanction', 'indictment', 'arrest', 'conviction', 'diplomatic-action'];
const OFFICIAL_PASSIVE: ClaimType[] = ['sanction', 'indictment', 'arrest', 'conviction'];
const ATTRIBUTIONS: ClaimType[] = ['accusation', 'counter-accusation', 'confirmation'];
const NEGATION_BEFORE_EN = /(?:^| )(?:not|never|no|neither|nor|without|whether|if|unless|declined to|refused to|stopped short of|didn t|doesn t|don t|hasn t|haven t|won t|wouldn t|isn t|aren t|wasn t|weren t|cannot|can t|yet to|failed to|avoided)(?: [^\s§]+){0,2} ?$/;
const NEGATION_AFTER_UR = /^(?: [^\s§]+){0,4}? (?:نہیں|نہ|بغیر)(?: |$)/;
const NEGATION_BEFORE_UR = /(?:^| )(?:نہ|بغیر|اگر|کیا)(?: [^\s§]+){0,2} ?$/;
const NO_GROUP_EN = /\bno (?:group|one|organi[sz]ation|actor|country|state)\b|\bnot (?:yet )?(?:been )?(?:publicly )?(?:attributed|claimed)|\bhas not been attributed|\bunattributed\b/i;
const NO_GROUP_UR = /کسی (?:\S+ ){0,2}?نے (?:\S+ ){0,6}?(?:نہیں|نہ)|نام نہیں لیا|منسوب نہیں/;

interface Sentence {
  text: string;
  mentions: Mention[];
  skeleton: string;
  index: number;
}

function foldedToken(raw: string, norm: string, lang: 'en' | 'ur'): string {
  return lang === 'en' ? raw.toLowerCase() : norm || raw;
}

/** The sentence with parties as §k§ placeholders, words lowercased or folded, clause punctuation kept. */
export function buildSkeleton(text: string, mentions: Mention[], lang: 'en' | 'ur'): string {
  const tokens = tokenize(text);
  const parts: string[] = [];
  let prevEnd = 0;
  let k = 0;
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    const gap = text.slice(prevEnd, t.start);
    if (/[,،]/.test(gap)) parts.push(',');
    else if (/;/.test(gap)) parts.push(';');
    else if (/:/.test(gap)) parts.push(':');
    else if (gap === '-' || gap === '–') parts.push('-');
    const m = mentions[k];
    if (m && m.first === i) {
      parts.push(`§${k}§`);
      prevEnd = tokens[m.last - 1]!.end;
      i = m.last;
      k++;
      continue;
    }
    parts.push(foldedToken(t.raw, t.norm, lang));
    prevEnd = t.end;
    i++;
  }
  return parts.join(' ');
}

const placeholders = (s: string | undefined) => [...(s ?? '').matchAll(/§(\d+)§/g)].map((m) => Number(m[1]));

/** The party ids of one side: a party and its state are one side ("China's MFA" answers for China). */
function sideOf(m: Pick<Mention, 'id' | 'state' | 'officialsOf'>): string | undefined {
  return m.officialsOf ?? m.state ?? m.id ?? undefined;
}

interface Found {
  claim: ExtractedClaim;
  bySide?: string;
  againstSides: string[];
  sentence: number;
  hasCyber: boolean;
  offTopic: boolean;
  accusationWord: boolean;
  hackerFrame: boolean;
}

export class Extractor {
  constructor(private readonly gazetteer: Gazetteer) {}

  extract(text: string, opts: ExtractOptions): ExtractedClaim[] {
    const lang = opts.lang;
    const rules = lang === 'en' ? EN_RULES : UR_RULES;
    // The headline last: the body's sentence says the same with its date and wording.
    const chunks = [...splitSentences(text, lang), ...(opts.title ? splitSentences(opts.title, lang) : [])];
    const found: Found[] = [];
    chunks.forEach((raw, index) => {
      const mentions = this.gazetteer.find(raw);
      if (!mentions.length && !opts.defaultBy) return;
      const sentence: Sentence = { text: raw, mentions, skeleton: buildSkeleton(raw, mentions, lang), index };
      found.push(...this.fromSentence(sentence, rules, opts));
    });
    return this.settle(found, lang, [opts.title ?? '', text.slice(0, 1500)].join(' '));
  }

  private fromSentence(s: Sentence, rules: Rule[], opts: ExtractOptions): Found[] {
    const lang = opts.lang;
    const out: Found[] = [];
    const taken = new Set<string>();
    const hasCyber = (lang === 'en' ? CYBER_EN : CYBER_UR).test(s.text);
    const offTopic = (lang === 'en' ? OFF_TOPIC_EN : OFF_TOPIC_UR).test(s.text);
    const accusationWord = (lang === 'en' ? ACCUSATION_NOUN_EN : ACCUSATION_NOUN_UR).test(s.text);
    const nobodyNamed = (lang === 'en' ? NO_GROUP_EN : NO_GROUP_UR).test(s.text);
    for (const rule of rules) {
      const re = new RegExp(rule.re.source, 'gud');
      for (const m of s.skeleton.matchAll(re)) {
        const g = m.groups ?? {};
        const cueAt = m.indices?.groups?.cue?.[0] ?? m.index;
        if (this.negated(s.skeleton, cueAt, g.cue ?? '', lang)) continue;
        if ((rule.type === 'accusation' || rule.type === 'claim-of-responsibility') && nobodyNamed) continue;
        let byIdx = placeholders(g.by);
        let againstIdx = rule.hackerFrame ? this.hackerPhrases(s, lang, new Set(byIdx)) : placeholders(g.against);
        if (rule.hackerFrame && !againstIdx.length) continue;
        const mentions = s.mentions;
        // A media outlet reports; it does not accuse (docs/data-model.md).
        if (ATTRIBUTIONS.includes(rule.type)) byIdx = byIdx.filter((i) => mentions[i]!.kind !== 'media');
        againstIdx = againstIdx.filter((i) => mentions[i]!.kind !== 'media');
        const byParties: Array<NamedParty & { side?: string; mention?: Mention }> = byIdx.map((i) => ({ id: mentions[i]!.id, name: mentions[i]!.name, side: sideOf(mentions[i]!), mention: mentions[i]! }));
        if (!byParties.length) {
          if (OFFICIAL_PASSIVE.includes(rule.type) && opts.defaultBy) byParties.push({ id: opts.defaultBy.id, name: opts.defaultBy.name, side: opts.defaultBy.state ?? opts.defaultBy.id ?? undefined });
          else continue;
        }
        for (const by of byParties) {
          const against = againstIdx
            .map((i) => mentions[i]!)
            .filter((a) => !(a.id && a.id === by.id) && !(by.mention && a === by.mention))
            // In an attribution, the accuser's own side is not the accused ("UK officials said the UK ...").
            .filter((a) => !ATTRIBUTIONS.includes(rule.type) || !by.side || sideOf(a) !== by.side || a.kind === 'threat-group' || a.kind === 'criminal-group');
          if (NEEDS_TARGET.includes(rule.type) && !against.length) continue;
          // "sanctioned two Iranian hackers": persons, not the state of Iran.
          const named = against.map((a) => {
            const next = /^\s*([\p{L}\p{M}]+)/u.exec(s.text.slice(a.end))?.[1];
            const persons = OFFICIAL_PASSIVE.includes(rule.type) && a.demonym && next && HACKER_NOUNS.has(normalizeText(next));
            return persons ? { id: null, name: `${a.name} ${next}` } : { id: a.id, name: a.name };
          });
          if (rule.type === 'claim-of-responsibility' && by.mention && !['threat-group', 'criminal-group', 'unknown'].includes(by.mention.kind)) continue;
          const key = `${rule.type}|${by.id ?? by.name}|${against.map((a) => a.id ?? a.name).sort().join(',')}`;
          if (taken.has(key)) continue;
          taken.add(key);
          const claim: ExtractedClaim = {
            type: rule.type,
            by: { id: by.id, name: by.name },
            against: named,
            date: claimDate(s.text, lang, opts.published),
            strength: ATTRIBUTIONS.includes(rule.type) ? (strengthOf(s.text, lang, against.map((a) => a.start)) ?? rule.strength ?? null) : null,
            evidence: s.text.length > 600 ? `${s.text.slice(0, 597)}...` : s.text,
          };
          const basis = basisOf(rule.type, by.mention);
          if (basis) claim.basis = basis;
          if (by.mention?.kind === 'anonymous-officials') {
            claim.officialsOf = by.mention.officialsOf;
            const outlet = mentions.find((x) => x.kind === 'media');
            const reportedBy = outlet ? { id: outlet.id, name: outlet.name } : opts.outlet;
            if (reportedBy) claim.reportedBy = reportedBy;
          }
          out.push({ claim, bySide: by.side, againstSides: against.flatMap((a) => sideOf(a) ?? []), sentence: s.index, hasCyber, offTopic, accusationWord, hackerFrame: !!rule.hackerFrame });
        }
      }
    }
    return out;
  }

  private negated(skeleton: string, cueAt: number, cue: string, lang: 'en' | 'ur'): boolean {
    const before = skeleton.slice(Math.max(0, cueAt - 40), cueAt);
    if (lang === 'en') return NEGATION_BEFORE_EN.test(before);
    const after = skeleton.slice(cueAt + cue.length, cueAt + cue.length + 40);
    return NEGATION_AFTER_UR.test(after) || NEGATION_BEFORE_UR.test(before);
  }

  /** Parties that a hacker phrase names as the doers: "Chinese state hackers", "a group linked to Iran", "APT28". */
  private hackerPhrases(s: Sentence, lang: 'en' | 'ur', exclude: Set<number>): number[] {
    const out: number[] = [];
    const attackWords = lang === 'en' ? CYBER_EN.test(s.text) : CYBER_UR.test(s.text);
    s.mentions.forEach((m, i) => {
      if (exclude.has(i) || m.kind === 'media' || m.kind === 'persons' || m.kind === 'anonymous-officials') return;
      const marker = `§${i}§`;
      const at = s.skeleton.indexOf(marker);
      const after = s.skeleton.slice(at + marker.length, at + marker.length + 80);
      const before = s.skeleton.slice(Math.max(0, at - 80), at);
      const group = m.kind === 'threat-group' || m.kind === 'criminal-group' || (m.kind === 'unknown' && m.id === null && /\d/.test(m.name));
      const phrase = lang === 'en' ? EN_HACKER_AFTER.test(after) || EN_HACKER_BEFORE.test(before) : UR_HACKER_AFTER.test(after);
      if (phrase || (group && attackWords)) out.push(i);
    });
    return out;
  }

  /** Article-level checks: topic guards for denials and reversal of accusations into counter-accusations. */
  private settle(found: Found[], lang: 'en' | 'ur', lead: string): ExtractedClaim[] {
    const articleCyber = (lang === 'en' ? CYBER_EN : CYBER_UR).test(lead);
    const accused = new Map<string, Set<string>>(); // accused side -> accuser sides
    for (const f of found) {
      if (f.claim.type !== 'accusation' || !f.bySide) continue;
      for (const a of f.againstSides) accused.set(a, (accused.get(a) ?? new Set()).add(f.bySide));
    }
    const claims: ExtractedClaim[] = [];
    const seen = new Set<string>();
    // "The Treasury sanctioned Iranian hackers over cyber attacks" is a sanction, not also an accusation.
    const actionSentences = new Set(found.filter((f) => OFFICIAL_PASSIVE.includes(f.claim.type) || f.claim.type === 'advisory' || f.claim.type === 'takedown').map((f) => f.sentence));
    for (const f of found) {
      const c = f.claim;
      if (f.hackerFrame && actionSentences.has(f.sentence)) continue;
      if (['accusation', 'counter-accusation', 'claim-of-responsibility', 'statement'].includes(c.type) && !f.hasCyber) continue;
      if (['sanction', 'indictment', 'arrest', 'conviction', 'advisory', 'takedown', 'diplomatic-action'].includes(c.type) && !f.hasCyber && !articleCyber) continue;
      if (c.type === 'denial') {
        const onTheAccusation = f.bySide !== undefined && accused.has(f.bySide);
        if (!(f.hasCyber && !f.offTopic) && !(f.accusationWord && onTheAccusation && !f.offTopic && articleCyber)) continue;
      }
      // Turning the charge back: the accused side accuses its accuser.
      if (c.type === 'accusation' && f.bySide && accused.get(f.bySide) && f.againstSides.some((a) => accused.get(f.bySide!)!.has(a))) c.type = 'counter-accusation';
      const key = `${c.type}|${c.by.id ?? c.by.name}|${c.against.map((a) => a.id ?? a.name).sort().join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      claims.push(c);
    }
    return claims;
  }
}

function basisOf(type: ClaimType, by: Mention | undefined): AttributionBasis | undefined {
  if (type === 'claim-of-responsibility') return 'self-claimed';
  if (!by) return undefined;
  if (by.kind === 'anonymous-officials') return 'anonymous-officials';
  if (['sanction', 'indictment', 'arrest', 'conviction'].includes(type)) return 'legal-action';
  if (!ATTRIBUTIONS.includes(type)) return undefined;
  if (by.kind === 'company') return 'technical-report';
  if (['state', 'state-agency', 'international-body', 'person'].includes(by.kind)) return 'government-statement';
  return undefined;
}

export type { Strength };
