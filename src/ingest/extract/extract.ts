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
  ACCUSATION_NOUN_EN, ACCUSATION_NOUN_UR, CYBER_EN, CYBER_UR, EN_HACKER_AFTER, EN_HACKER_BEFORE, EN_RULES, expand, NOT_AN_ACCUSATION_EN,
  NOT_AN_ACCUSATION_UR, OFF_TOPIC_EN, OFF_TOPIC_UR, REJECTING_EN, SPEAKER_COUNTER_EN, SPEAKER_COUNTER_UR, SPEAKER_DENIAL_EN, SPEAKER_DENIAL_UR,
  UR_HACKER_AFTER, UR_RULES, ATTACK_ACTION_EN, ATTACK_ACTION_UR, SPEAKER_WEAK_DENIAL_EN, type Rule,
} from './rules.ts';
import { DEMONYMS } from './lexicon.ts';
import { splitSentences } from './sentences.ts';
import { UrduHistory } from './coref-ur.ts';
import { normalizeText } from '../../search/normalize.ts';
import { claimDate } from './dates.ts';
import { strengthOf } from './strength.ts';
import { resolveReferences } from './coref.ts';

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

const HACKER_NOUNS = new Set(['hacker', 'hackers', 'spies', 'spy', 'agents', 'agent', 'officers', 'officer', 'operatives', 'operative', 'ہیکرز', 'ہیکر', 'جاسوسوں', 'جاسوس', 'ایجنٹس', 'اہلکاروں', 'افسران'].map((w) => normalizeText(w)));
const NEEDS_TARGET: ClaimType[] = ['accusation', 'counter-accusation', 'sanction', 'indictment', 'arrest', 'conviction', 'diplomatic-action'];
const OFFICIAL_PASSIVE: ClaimType[] = ['sanction', 'indictment', 'arrest', 'conviction'];
const ATTRIBUTIONS: ClaimType[] = ['accusation', 'counter-accusation', 'confirmation'];
const NEGATION_BEFORE_EN = /(?:^| )(?:not|never|no|neither|nor|without|whether|if|unless|declined to|refused to|stopped short of|didn t|doesn t|don t|hasn t|haven t|won t|wouldn t|isn t|aren t|wasn t|weren t|cannot|can t|yet to|failed to|avoided)(?: [^\s§]+){0,2} ?$/;
// «ذمہ دار قرار دینے سے انکار» (refused to blame), folded «سی انکار».
const NEGATION_AFTER_UR = /^(?: [^\s§]+){0,4}? (?:نہیں|نہ|بغیر|سی انکار)(?: |$)/;
/** «الزام لگانے سے انکار»: refusing to accuse is not denying an accusation. */
const REFUSED_TO_ACCUSE_UR = expand('(?:ذمہ دار|ذمے دار|الزام|الزامات)(?: [^\\s§]+){0,3} (?:دینے|لگانے|ٹھہرانے|کرنے) سے $', 'ur');
/** «… کے مطابق روسی ہیکرز نے کوئی حملہ نہیں کیا»: a reported proposition that is negated accuses nobody. */
const NEGATED_CONTENT_UR = /(?:^| )(?:نہیں|نہ)(?: |$)/;
/** Where the reported proposition's clause ends: a comma, a conjunction («اور» not inside a list of parties), a relative. */
const CLAUSE_END_UR = / (?:,|؛|;|جبکہ|تاہم|لیکن|مگر|بلکہ|کیونکہ|جس|جن|جو|اور(?! §)) /;
/** A negation in the first clause of what is reported, «نہ صرف» (not only) aside. */
const negatedProposition = (content: string) => NEGATED_CONTENT_UR.test(` ${content} `.replace(/ نہ صرف /g, ' ').split(CLAUSE_END_UR)[0]!);
const NEGATION_BEFORE_UR = /(?:^| )(?:نہ|بغیر|اگر|کیا)(?: [^\s§]+){0,2} ?$/;
const WEAK_CYBER_EN = /attack\w*|infrastructure|network\w*|data/gi;
const WEAK_CYBER_UR = /حملہ|حملے|حملوں|نیٹ ورک/g;
const ANAPHOR_EN = /\b(?:the|this|that|these|those) (?:heist|attacks?|breach|breaches|intrusions?|incident|hack|theft|outage|operation|campaign|interference|compromise)\b/i;
// «ملزمان»: the defendants of the article's case.
const ANAPHOR_UR = /(?:اس|ان|یہ|انہی|اسی) (?:حملے|حملوں|حملہ|مداخلت|واقعے|واقعہ|کارروائی|کارروائیوں|چوری|ہیکنگ)|ملزمان|ملزموں/;
const NO_GROUP_EN = /\bno (?:group|one|organi[sz]ation|actor|country|state)\b|\bnot (?:yet )?(?:been )?(?:publicly )?(?:attributed|claimed)|\bhas not been attributed|\bunattributed\b/i;
/** "Russian military intelligence officers": an agency named through a demonym, before a person noun, is persons. */
const DEMONYM_LED_EN = new RegExp(`^(?:${Object.values(DEMONYMS).flat().filter((d) => /^[A-Z]/.test(d)).join('|')}) `);
/** «چینی سائبر حملوں کا بے بنیاد بہانہ»: the party, as the doer (not the victim, «کے خلاف», «پر»), called a baseless story. */
const OWN_SIDE_DISMISSED_UR = expand('^(?: (?!(?:کے خلاف|پر|کو) )[^\\s§]+){0,4}? (?:بے بنیاد|بےبنیاد|من گھڑت|جھوٹے|پروپیگنڈا)', 'ur');
const ownSideDismissed = (skeleton: string, i: number) => {
  const at = skeleton.indexOf(`§${i}§`);
  return at >= 0 && OWN_SIDE_DISMISSED_UR.test(skeleton.slice(at + `§${i}§`.length));
};
// The speaker's words are read in the skeleton, which is folded («بے بنیاد» is «بی بنیاد» there).
const SPEAKER_DENIAL_UR_FOLDED = expand(SPEAKER_DENIAL_UR.source, 'ur');
const SPEAKER_COUNTER_UR_FOLDED = expand(SPEAKER_COUNTER_UR.source, 'ur');
const LEGAL_MAKER_UR = /justice-department|prosecutor|عدالت|استغاثہ|پراسیکیوٹر|پراسیکیوشن|جیوری/;
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
  /** Refers back to the article's attack ("the heist", «اس حملے») without a cyber word of its own. */
  anaphor: boolean;
  /** A denial only if its maker's side is accused or charged in the article ("there was no evidence that ..."). */
  weak?: boolean;
  byKind?: string;
}

export class Extractor {
  constructor(private readonly gazetteer: Gazetteer) {}

  extract(text: string, opts: ExtractOptions): ExtractedClaim[] {
    const lang = opts.lang;
    const rules = lang === 'en' ? EN_RULES : UR_RULES;
    // The headline last: the body's sentence says the same with its date and wording.
    const body = splitSentences(text, lang);
    const bodyCount = body.length;
    const chunks = [...body, ...(opts.title ? splitSentences(opts.title, lang) : [])];
    const found: Found[] = [];
    const perChunk = chunks.map((raw) => ({ text: raw, mentions: this.gazetteer.find(raw) }));
    // English only: "the bureau", "he", "Lin" and title-only makers refer back to a party named earlier in the body.
    if (lang === 'en') resolveReferences(perChunk.slice(0, bodyCount), this.gazetteer.parties, (t) => this.gazetteer.find(t));
    // «سیاحوں پر حملے»: in an Urdu article with no word that is cyber by itself, «حملہ» is not a cyber attack.
    // Websites and the internet are not cyber by themselves («ویب سائٹ پر جاری بیان»), but they make «حملہ» one.
    const weakCyberCounts = lang === 'en' || CYBER_UR.test(chunks.join(' ').replace(WEAK_CYBER_UR, ' ')) || /ویب سائٹ|ویب سائٹس|انٹرنیٹ|سافٹ ویئر/.test(chunks.join(' '));
    const history = lang === 'ur' ? new UrduHistory((state) => this.foreignMinistryOf(state)) : undefined;
    if (history && body[0]) history.dateline(body[0], (t) => this.gazetteer.find(t));
    chunks.forEach((raw, index) => {
      const named = perChunk[index]!.mentions;
      // Urdu «ادارے کے مطابق», «انہوں نے»: the party named earlier (body sentences only; the headline comes last).
      const mentions = history && index < bodyCount ? history.resolve(raw, named) : named;
      if (history && index < bodyCount) history.remember(raw, mentions);
      // A sentence that names nobody may still carry a claim by a group the next sentences name.
      if (!mentions.length && !opts.defaultBy && !(lang === 'en' && /\b(?:claim|boast)/i.test(raw))) return;
      let skeleton = buildSkeleton(raw, mentions, lang);
      // "wrote in The Wall Street Journal that ...": the outlet is where it was said, not a party to the clause.
      if (lang === 'en') skeleton = skeleton.replace(/ (in|on) (?:the )?§(\d+)§/g, (whole, prep: string, k: string) => (mentions[Number(k)]?.kind === 'media' ? ` ${prep} outlet` : whole));
      const sentence: Sentence = { text: raw, mentions, skeleton, index };
      // A group the following two body sentences name ("The group, NoName057(16), ..."), for a claim by an unnamed group.
      const groupAhead = () => perChunk.slice(index + 1, Math.min(bodyCount, index + 3)).flatMap((c) => c.mentions.map((x) => ({ x, after: c.text.slice(x.end) })))
        .find(({ x, after }) => x.kind === 'threat-group' || x.kind === 'criminal-group' || (x.kind === 'unknown' && x.id === null && (/\d|hackers|group|gang|collective/i.test(x.name) || /^\s+(?:hackers|group|gang|collective|crew)\b/i.test(after))))?.x;
      found.push(...this.fromSentence(sentence, rules, opts, found, index < bodyCount ? groupAhead : undefined, weakCyberCounts));
    });
    return this.settle(found, lang, [opts.title ?? '', text.slice(0, 1500)].join(' '), bodyCount, weakCyberCounts);
  }

  private fromSentence(s: Sentence, rules: Rule[], opts: ExtractOptions, previous?: Found[], groupAhead?: () => Mention | undefined, weakCyberCounts = true): Found[] {
    const lang = opts.lang;
    const out: Found[] = [];
    const taken = new Set<string>();
    const offTopic = (lang === 'en' ? OFF_TOPIC_EN : OFF_TOPIC_UR).test(s.text);
    // A sentence that names a known threat group is about hacking, whatever its other words.
    const namesGroup = s.mentions.some((m) => m.kind === 'threat-group');
    // "attacking a refinery with drones", «ڈرون حملے»: on an off-topic matter only a word that is cyber by itself counts.
    const hasCyber = namesGroup || (lang === 'en' ? CYBER_EN : CYBER_UR).test(offTopic || !weakCyberCounts ? s.text.replace(lang === 'en' ? WEAK_CYBER_EN : WEAK_CYBER_UR, ' ') : s.text);
    const anaphor = (lang === 'en' ? ANAPHOR_EN : ANAPHOR_UR).test(s.text);
    const accusationWord = (lang === 'en' ? ACCUSATION_NOUN_EN : ACCUSATION_NOUN_UR).test(s.text);
    const nobodyNamed = (lang === 'en' ? NO_GROUP_EN : NO_GROUP_UR).test(s.text);
    const speaker = findSpeaker(s.skeleton, lang);
    const mentions = s.mentions;
    const declined = new Set<number>();

    const emit = (type: ClaimType, byIdx: number[], againstIdx: number[], extra: { strength?: 'responsible'; hackerFrame?: boolean; defaultBy?: boolean; weak?: boolean } = {}) => {
      // A media outlet reports; it does not accuse (docs/data-model.md).
      if (ATTRIBUTIONS.includes(type) || (lang === 'en' && (type === 'denial' || type === 'counter-accusation'))) byIdx = byIdx.filter((i) => mentions[i]!.kind !== 'media');
      againstIdx = againstIdx.filter((i) => mentions[i]!.kind !== 'media');
      const byParties: Array<NamedParty & { side?: string; mention?: Mention }> = byIdx.map((i) => {
        const m = mentions[i]!;
        // «واشنگٹن: امریکی حکام نے … فرد جرم عائد کی»: officials who charge, sanction or expel act for their state; they are not anonymous sources.
        if (lang === 'ur' && m.kind === 'anonymous-officials' && m.officialsOf && (OFFICIAL_PASSIVE.includes(type) || type === 'diplomatic-action')) {
          return { id: m.officialsOf, name: m.name, side: m.officialsOf, mention: { ...m, id: m.officialsOf, kind: 'state', state: m.officialsOf, officialsOf: undefined } };
        }
        return { id: m.id, name: m.name, side: sideOf(m), mention: m };
      });
      if (!byParties.length && extra.defaultBy && OFFICIAL_PASSIVE.includes(type) && opts.defaultBy) {
        byParties.push({ id: opts.defaultBy.id, name: opts.defaultBy.name, side: opts.defaultBy.state ?? opts.defaultBy.id ?? undefined });
      }
      for (const by of byParties) {
        if (type === 'denial' && by.mention && declined.has(mentions.indexOf(by.mention))) continue;
        const against = againstIdx
          .map((i) => mentions[i]!)
          .filter((a) => !(a.id && a.id === by.id) && !(by.mention && a === by.mention))
          // In an attribution, the accuser's own side is not the accused ("UK officials said the UK ...").
          .filter((a) => !ATTRIBUTIONS.includes(type) || !by.side || sideOf(a) !== by.side || a.kind === 'threat-group' || a.kind === 'criminal-group');
        if (NEEDS_TARGET.includes(type) && !against.length) continue;
        if (type === 'claim-of-responsibility' && by.mention && !['threat-group', 'criminal-group', 'unknown'].includes(by.mention.kind)) continue;
        // "sanctioned two Iranian hackers", "expelled four Russian spies": persons, not the state.
        const named = against.map((a) => {
          const next = /^\s*(?:(?:military|intelligence|state|government|cyber|army|سرکاری|فوجی|ریاستی)\s+)?([\p{L}\p{M}]+)/iu.exec(s.text.slice(a.end))?.[1];
          const demonymLed = a.demonym || (lang === 'en' && a.kind === 'state-agency' && DEMONYM_LED_EN.test(a.name));
          // "the Russian hacker group Evil Corp": the demonym describes the group named next.
          if (lang === 'en' && a.demonym) {
            const described = mentions.find((x) => x.start > a.end && /^\s+(?:(?:hacker|hacking|cybercrime|cybercriminal|ransomware|criminal|extortion)\s+)?(?:group|gang|crew|syndicate|collective)\s+$/i.test(s.text.slice(a.end, x.start)));
            if (described) return { id: described.id, name: described.name };
            // "North Korean programmer Park Jin Hyok", "a Russian military intelligence officer, Amin Stigal": the person named.
            const person = mentions.find((x) => x.kind === 'person' && x.start > a.end && /^\s+(?:[a-z-]+\s+){0,4}?[a-z-]+,?\s+$/.test(s.text.slice(a.end, x.start)));
            if (person && OFFICIAL_PASSIVE.includes(type)) return { id: person.id, name: person.name };
          }
          const persons = (OFFICIAL_PASSIVE.includes(type) || type === 'diplomatic-action') && demonymLed && next && HACKER_NOUNS.has(normalizeText(next));
          return persons ? { id: null, name: s.text.slice(a.start, s.text.indexOf(next, a.end) + next.length) } : { id: a.id, name: a.name };
        });
        // «… امریکی ایجنسیوں نے 'چینی سائبر حملوں' کا بے بنیاد بہانہ استعمال کیا»: accusing while calling the charge against its own side baseless turns it back.
        const kind = lang === 'ur' && type === 'accusation' && by.side && mentions.some((x, i) => x !== by.mention && x.kind === 'state' && sideOf(x) === by.side && ownSideDismissed(s.skeleton, i)) ? 'counter-accusation' : type;
        const key = `${kind}|${by.id ?? by.name}|${named.map((a) => a.id ?? a.name).sort().join(',')}`;
        if (taken.has(key)) continue;
        taken.add(key);
        const claim: ExtractedClaim = {
          type: kind,
          by: { id: by.id, name: by.name },
          against: named,
          date: claimDate(s.text, lang, opts.published),
          strength: ATTRIBUTIONS.includes(type) ? (strengthOf(s.text, lang, against.map((a) => a.start)) ?? extra.strength ?? null) : null,
          evidence: s.text.length > 600 ? `${s.text.slice(0, 597)}...` : s.text,
        };
        const basis = basisOf(type, by.mention);
        if (basis) claim.basis = basis;
        if (by.mention?.kind === 'anonymous-officials') {
          claim.officialsOf = by.mention.officialsOf;
          const outlet = mentions.find((x) => x.kind === 'media');
          const reportedBy = outlet ? { id: outlet.id, name: outlet.name } : opts.outlet;
          if (reportedBy) claim.reportedBy = reportedBy;
        }
        out.push({ claim, bySide: by.side, againstSides: against.flatMap((a) => sideOf(a) ?? []), sentence: s.index, hasCyber, offTopic, accusationWord, hackerFrame: !!extra.hackerFrame, anaphor, byKind: by.mention?.kind, weak: extra.weak });
      }
    };

    // "Sandworm, a unit of Russia's GRU, was behind ...": the rules also read the sentence without
    // the appositive, and the parties named in it go with the party it describes.
    const { skeleton: plain, appositives } = withoutAppositives(s.skeleton, lang, mentions);
    for (const skeleton of plain === s.skeleton ? [s.skeleton] : [s.skeleton, plain]) {
      for (const rule of rules) {
        const re = new RegExp(rule.re.source, 'gud');
        for (const m of skeleton.matchAll(re)) {
          const g = m.groups ?? {};
          const cueAt = m.indices?.groups?.cue?.[0] ?? m.index;
          if (this.negated(skeleton, cueAt, g.cue ?? '', lang)) continue;
          // "urged Washington to withdraw the charges": after a determiner the cue is a noun, not the verb.
          if (lang === 'en' && /^(?:charges|sanctions|names|blames|links|ties|traces)$/.test(g.cue ?? '') && /(?:^| )(?:the|these|those|such|its|their|his|her|of|over|to|new|any|all|diplomatic|close|trade|economic) $/.test(skeleton.slice(Math.max(0, cueAt - 12), cueAt))) continue;
        // "ties with Iran", "links with Moscow": relations, not an attribution.
        if (lang === 'en' && /^(?:links|ties)$/.test(g.cue ?? '') && skeleton.startsWith(' with ', cueAt + g.cue!.length)) continue;
          if ((rule.type === 'accusation' || rule.type === 'claim-of-responsibility') && nobodyNamed) continue;
          // "said it was investigating whether Russia was behind the hack": an open question, not a claim.
          const againstAt = m.indices?.groups?.against?.[0];
          if (lang === 'en' && rule.type === 'accusation' && againstAt !== undefined && againstAt > cueAt && /(?:^| )(?:whether|if)(?: |$)/.test(skeleton.slice(cueAt, againstAt))) continue;
          let byIdx = placeholders(g.by);
          // "China rejects charges about hacking": the cue is what the subject rejects, not its act.
          const byEnd = m.indices?.groups?.by?.[1];
          if (rule.type !== 'denial' && byEnd !== undefined && byEnd < cueAt && rejectsFirst(skeleton.slice(byEnd, cueAt), lang)) continue;
          if (rule.type === 'denial' && this.notAnAccusation(skeleton, cueAt, lang)) continue;
          if (lang === 'ur' && rule.type === 'denial' && REFUSED_TO_ACCUSE_UR.test(skeleton.slice(Math.max(0, cueAt - 60), cueAt))) continue;
          if (lang === 'ur' && rule.type === 'accusation' && (rule.hackerFrame || /said|according|says/.test(rule.name)) && negatedProposition(skeleton.slice(cueAt + (g.cue ?? '').length))) continue;
          // "X has been sanctioned by Y" is not X sanctioning: an active rule never fires on a passive verb.
          if (lang === 'en' && byEnd !== undefined && byEnd < cueAt && !rule.name.includes('passive') && /(?:^| )(?:been|was|were|is|are|be|being) $/.test(skeleton.slice(0, cueAt))) continue;
          byIdx = byIdx.filter((i) => mentions[i]!.kind !== 'persons');
          // "... were carried out by APT31 and summoned the ambassador": a threat group takes no official action.
          if (lang === 'en' && ['sanction', 'indictment', 'arrest', 'diplomatic-action', 'takedown', 'advisory'].includes(rule.type)) byIdx = byIdx.filter((i) => !['threat-group', 'criminal-group'].includes(mentions[i]!.kind));
          // "a Chinese state-backed group it calls Storm-0558 was behind ...": an adjective does not speak.
          if (lang === 'en' && byEnd !== undefined && byEnd < cueAt && byIdx.length === 1 && mentions[byIdx[0]!]!.demonym && /^(?: s)? [^\s§,;:]+ [^\s§,;:]/.test(skeleton.slice(byEnd, cueAt)) && !/^ (?:on|in|at|has|have|had|also|later|publicly|formally|officially|firmly|was|were|is|are|will|would|did) /.test(skeleton.slice(byEnd, cueAt))) continue;
          // «... نے الزام عائد کیا کہ امریکی ایجنسیوں نے ... بے بنیاد بہانہ»: words inside an accusation are not a denial.
          if (rule.type === 'denial' && lang === 'ur' && byEnd !== undefined && insideAccusationClause(skeleton, byEnd)) continue;
          const byInContent = speaker && byIdx.length && byIdx.every((i) => i !== speaker.index && inContent(skeleton, i, speaker));
          if (!byIdx.length || ((rule.type === 'denial' || rule.type === 'counter-accusation' || (lang === 'en' && rule.type === 'statement')) && byInContent)) {
            // No subject ("Authorities arrested ...") or the subject is inside someone's quoted words: the speaker.
            byIdx = speaker ? [speaker.index] : [];
          }
          if (!byIdx.length && rule.groupAhead && groupAhead) {
            const g = groupAhead();
            if (g) {
              mentions.push({ ...g, first: -1, last: -1, start: -1, end: -1 });
              byIdx = [mentions.length - 1];
            }
          }
          if (!byIdx.length && rule.carryBy) {
            const last = [...(previous ?? []), ...out].reverse().find((f) => f.claim.type === rule.type);
            if (last) {
              const carried = mentions.length;
              mentions.push({ first: -1, last: -1, start: -1, end: -1, id: last.claim.by.id, name: last.claim.by.name, kind: 'unknown', state: last.bySide });
              byIdx = [carried];
            }
          }
          // "a gang linked to Iran's IRGC has been sanctioned": the party is a modifier, not the one sanctioned.
          if (rule.name.includes('passive') && g.against !== undefined) {
            const at = m.indices?.groups?.against?.[0] ?? 0;
            if (/(?:linked|tied|connected|affiliated|associated) (?:to|with) (?:the )?$/.test(skeleton.slice(Math.max(0, at - 40), at))) continue;
          }
          let named = [...placeholders(g.against), ...placeholders(g.against2)].filter((i) => !rule.personsOnly || ['person', 'persons', 'unknown', 'threat-group', 'criminal-group'].includes(mentions[i]!.kind));
          // "Peskov rejected US claims ...": what was claimed is about his side, the state.
          if (rule.name.startsWith('rejected-claims')) {
            named = named.map((i) => stateMention(mentions, i));
            // "dismisses WannaCry accusation": the attack's name, not an accuser.
            byIdx = byIdx.filter((i) => !['threat-group', 'criminal-group'].includes(mentions[i]!.kind));
          }
          // "two men, Zhao Guangzong and Ni Gaobin": the count describes the names that follow.
          if (lang === 'en') named = named.filter((i) => !(mentions[i]!.kind === 'persons' && new RegExp(`§${i}§ , §(\\d+)§`).test(skeleton) && mentions[Number(new RegExp(`§${i}§ , §(\\d+)§`).exec(skeleton)![1])]?.kind === 'person'));
          const againstIdx = rule.hackerFrame ? this.hackerPhrases(s, lang, new Set(byIdx)) : [...named, ...named.flatMap((i) => appositives.get(i) ?? []).filter((j) => !byIdx.includes(j) && !named.includes(j))];
          if (rule.hackerFrame && !againstIdx.length) continue;
          if (rule.type === 'declined-to-comment') for (const i of byIdx) declined.add(i);
          // «محکمہ انصاف نے X پر ہیکنگ کے الزامات عائد کیے»: a prosecutor or court laying charges indicts.
          // So does a government charging unnamed persons («سات ایرانی شہریوں پر … الزامات عائد کیے»).
          const charged = named.length > 0 && named.every((i) => mentions[i]!.kind === 'persons') && byIdx.some((i) => ['state', 'state-agency', 'anonymous-officials'].includes(mentions[i]!.kind));
          const type = lang === 'ur' && rule.type === 'accusation' && /^accuse-(?:on|head|that)$/.test(rule.name) && (charged || byIdx.some((i) => LEGAL_MAKER_UR.test(mentions[i]!.id ?? '') || LEGAL_MAKER_UR.test(mentions[i]!.name))) ? 'indictment' : rule.type;
          emit(type, byIdx, againstIdx, { strength: rule.strength, hackerFrame: rule.hackerFrame, defaultBy: true });
        }
      }
    }
    // Whatever the subject: a speaker's words that reject the accusation or turn it back, or name the attackers.
    if (speaker) {
      const content = speaker.content;
      if (!out.some((f) => f.claim.type === 'accusation' || f.claim.type === 'counter-accusation')) {
        const doers = this.hackerPhrases(s, lang, new Set([speaker.index])).filter((i) => inContent(s.skeleton, i, speaker));
        const negated = lang === 'ur' && negatedProposition(content);
        if (doers.length && !negated && !(lang === 'en' ? REJECTING_EN : /مسترد|تردید/).test(content)) emit('accusation', [speaker.index], doers, { hackerFrame: true });
      }
      if ((lang === 'en' ? SPEAKER_DENIAL_EN : SPEAKER_DENIAL_UR_FOLDED).test(content) && !(lang === 'en' ? NOT_AN_ACCUSATION_EN : NOT_AN_ACCUSATION_UR).test(content)) emit('denial', [speaker.index], []);
      else if (lang === 'en' && SPEAKER_WEAK_DENIAL_EN.test(content) && !NOT_AN_ACCUSATION_EN.test(content)) emit('denial', [speaker.index], [], { weak: true });
      if ((lang === 'en' ? SPEAKER_COUNTER_EN : SPEAKER_COUNTER_UR_FOLDED).test(content)) {
        const target = placeholders(content).find((i) => mentions[i]!.kind === 'state' && sideOf(mentions[i]!) !== sideOf(mentions[speaker.index]!));
        if (target !== undefined) emit('counter-accusation', [speaker.index], [target]);
      }
    }
    return out;
  }

  /** A state's foreign ministry or office, where the data has one. */
  private foreignMinistryOf(state: string): Pick<Mention, 'id' | 'name' | 'kind' | 'state'> | undefined {
    for (const p of this.gazetteer.parties.values()) {
      if (p.state === state && p.kind === 'state-agency' && /-foreign-(?:ministry|office)$/.test(p.id)) return { id: p.id, name: p.name.ur ?? p.name.en, kind: p.kind, state };
    }
    return undefined;
  }

  /** A rejection of an offer or a request is not a denial of an accusation. */
  private notAnAccusation(skeleton: string, cueAt: number, lang: 'en' | 'ur'): boolean {
    return lang === 'en' ? NOT_AN_ACCUSATION_EN.test(skeleton.slice(cueAt, cueAt + 40)) : NOT_AN_ACCUSATION_UR.test(skeleton.slice(Math.max(0, cueAt - 40), cueAt));
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
    const attackWords = lang === 'en' ? ATTACK_ACTION_EN.test(s.text) : ATTACK_ACTION_UR.test(s.text);
    // "Russia, China and Iran-linked hackers", «روس، چین اور ایران سے تعلق رکھنے والے ہیکرز»: the phrase after a list covers it all.
    const listEnd = new Map<number, number>();
    for (const l of s.skeleton.matchAll(/§\d+§(?: (?:,|and|&|اور|و) (?:the )?§\d+§)+/gu)) {
      const members = placeholders(l[0]);
      for (const i of members) listEnd.set(i, l.index + l[0].length);
    }
    s.mentions.forEach((m, i) => {
      if (exclude.has(i) || m.kind === 'media' || m.kind === 'persons' || m.kind === 'anonymous-officials') return;
      const marker = `§${i}§`;
      const at = s.skeleton.indexOf(marker);
      const afterAt = listEnd.get(i) ?? at + marker.length;
      const after = s.skeleton.slice(afterAt, afterAt + 80);
      const before = s.skeleton.slice(Math.max(0, at - 80), at);
      const group = m.kind === 'threat-group' || m.kind === 'criminal-group' || (m.kind === 'unknown' && m.id === null && /\d/.test(m.name));
      const phrase = lang === 'en' ? EN_HACKER_AFTER.test(after) || EN_HACKER_BEFORE.test(before) : UR_HACKER_AFTER.test(after);
      if (phrase || (group && attackWords)) out.push(i);
    });
    return out;
  }

  /** Article-level checks: topic guards for denials and reversal of accusations into counter-accusations. */
  private settle(found: Found[], lang: 'en' | 'ur', lead: string, titleFrom: number, weakCyberCounts = true): ExtractedClaim[] {
    const articleCyber = weakCyberCounts && (lang === 'en' ? CYBER_EN : CYBER_UR).test(lead);
    const accused = new Map<string, Set<string>>(); // accused side -> accuser sides
    for (const f of found) {
      if (f.claim.type !== 'accusation' || !f.bySide) continue;
      for (const a of f.againstSides) accused.set(a, (accused.get(a) ?? new Set()).add(f.bySide));
    }
    // Sides an official action (charges, sanctions) was taken against: their denial answers it.
    const actedAgainst = new Set(found.filter((f) => OFFICIAL_PASSIVE.includes(f.claim.type) || f.claim.type === 'diplomatic-action').flatMap((f) => f.againstSides));
    const claims: ExtractedClaim[] = [];
    const seen = new Set<string>();
    // "The Treasury sanctioned Iranian hackers over cyber attacks" is a sanction, not also an accusation.
    // An advisory is different: what it says about the actor is its issuer's attribution.
    const actionSentences = new Set(found.filter((f) => OFFICIAL_PASSIVE.includes(f.claim.type) || f.claim.type === 'takedown').map((f) => f.sentence));
    // The headline restates the lead: a headline claim that the body makes too (same type, same maker) is dropped.
    const bodyKeys = new Set(found.filter((f) => f.sentence < titleFrom).flatMap((f) => [`${f.claim.type}|${f.claim.by.id ?? f.claim.by.name}`, `${f.claim.type}|side:${f.bySide}`]));
    for (const f of found) {
      const c = f.claim;
      if (f.sentence >= titleFrom && (bodyKeys.has(`${c.type}|${c.by.id ?? c.by.name}`) || (f.bySide && bodyKeys.has(`${c.type}|side:${f.bySide}`)))) continue;
      if (f.hackerFrame && actionSentences.has(f.sentence)) continue;
      if (c.type === 'confirmation' && !f.hasCyber && !articleCyber) continue;
      // "Tom Bossert wrote that North Korea was directly responsible": no cyber word, but in a cyber story
      // that already has someone else accusing the same side, it is the same matter.
      const sameMatter = c.type === 'accusation' && articleCyber && !f.offTopic && /\b(?:responsible|behind|to blame|culprits?|perpetrators?|attributed|blamed)\b/i.test(c.evidence) && found.some((x) => x !== f && x.claim.type === 'accusation' && x.hasCyber && x.claim.by.id !== c.by.id && x.againstSides.some((a) => f.againstSides.includes(a)));
      // "China called the allegations baseless and accused Washington of hypocrisy": the accused side answering, in a cyber story.
      const turnsBack = c.type === 'accusation' && f.bySide !== undefined && f.againstSides.some((a) => accused.get(f.bySide!)?.has(a));
      const answering = lang === 'en' && (c.type === 'counter-accusation' || turnsBack) && articleCyber && !f.offTopic && f.bySide !== undefined && accused.has(f.bySide);
      if (['accusation', 'counter-accusation', 'claim-of-responsibility', 'statement'].includes(c.type) && !f.hasCyber && !(f.anaphor && articleCyber && !f.offTopic) && !sameMatter && !answering) continue;
      // "The UK government has attributed ..., Oliver Dowden told parliament": the minister relays his government's claim.
      if (ATTRIBUTIONS.includes(c.type) && f.byKind === 'person' && f.bySide && found.some((x) => x !== f && x.sentence === f.sentence && x.claim.type === c.type && x.byKind !== 'person' && x.bySide === f.bySide && x.againstSides.join() === f.againstSides.join())) continue;
      // «الٹا امریکا پر الزام لگایا»: said in so many words to be a counter-accusation, it is not also an accusation.
      if (c.type === 'accusation' && found.some((x) => x.claim.type === 'counter-accusation' && x.sentence === f.sentence && x.claim.by.id === c.by.id && x.claim.by.name === c.by.name && x.againstSides.some((a) => f.againstSides.includes(a)))) continue;
      if (['sanction', 'indictment', 'arrest', 'conviction', 'advisory', 'takedown', 'diplomatic-action'].includes(c.type) && !f.hasCyber && !articleCyber) continue;
      // "condemned the accusations", "condemned India's spying": the denial or accusation is what was said, not a statement too.
      // (English only: «… ذمہ دار قرار دیتے ہوئے … انعام کا اعلان» is an accusation and a statement in one Urdu sentence.)
      if (lang === 'en' && c.type === 'statement' && found.some((x) => x.sentence === f.sentence && (x.claim.type === 'accusation' || x.claim.type === 'denial') && x.claim.by.id === c.by.id && x.claim.by.name === c.by.name)) continue;
      if (c.type === 'denial') {
        // Without a cyber word of its own, a denial must be about an accusation this article reports
        // against the same side (or that side denies on a cyber matter elsewhere in the article).
        const side = f.bySide;
        const onTheAccusation = side !== undefined && (accused.has(side) || actedAgainst.has(side) || found.some((x) => x !== f && x.claim.type === 'denial' && x.bySide === side && x.hasCyber && !x.offTopic));
        if (!(f.hasCyber && !f.offTopic) && !(f.accusationWord && onTheAccusation && !f.offTopic && articleCyber)) continue;
        // "There was no evidence that ...": a denial from the side accused or charged, not from a bystander.
        if (f.weak && !(side !== undefined && (accused.has(side) || actedAgainst.has(side)))) continue;
      }
      // Turning the charge back: the accused side accuses its accuser. When both sides accuse each
      // other, the counter is the side that also denies; failing that, the one that comes later.
      if (c.type === 'accusation' && f.bySide && accused.get(f.bySide) && f.againstSides.some((a) => accused.get(f.bySide!)!.has(a))) {
        const other = f.againstSides.find((a) => accused.get(f.bySide!)!.has(a))!;
        const denies = (side: string) => found.some((x) => x.claim.type === 'denial' && x.bySide === side);
        const mine = denies(f.bySide);
        const theirs = denies(other);
        const firstOther = found.find((x) => x.claim.type === 'accusation' && x.bySide === other && x.againstSides.includes(f.bySide!));
        if ((mine && !theirs) || (mine === theirs && firstOther && firstOther.sentence < f.sentence)) c.type = 'counter-accusation';
      }
      const key = `${c.type}|${c.by.id ?? c.by.name}|${c.against.map((a) => a.id ?? a.name).sort().join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      claims.push(c);
    }
    return claims;
  }
}

interface Speaker {
  index: number;
  /** The skeleton of what the speaker says. */
  content: string;
  contentStart: number;
  contentEnd: number;
}

const SAY_EN = '(?:said|says|say|told(?: \\S+){1,2}?|added|stated|wrote|noted|insisted|argued)';
const TRAILING_EN = new RegExp(`, (?:the )?(?:\\S+ ){0,3}?§(\\d+)§(?: s)?(?: [^\\s§,;:]+){0,4}? ${SAY_EN}(?: (?:on|in|at|during|after) [^,]*)?(?: ,.*)?$`, 'u');
// "..., said the FBI", not "..., said Russia had never engaged in ..." (the party is the subject of what is said).
const TRAILING_INVERTED_EN = /, (?:said|says|added|according to) (?:the )?§(\d+)§(?! (?:s )?(?:had|has|have|was|were|is|are|would|will|could|did|does|never|not|may|might|must|should|can)\b)/u;
// "In New Delhi, Minister X told parliament that ...": a place before the speaker is not the speaker.
const LEADING_EN = new RegExp(`^(?:[^§]*? )?(?:(?:in|from|at) §\\d+§ , (?:[^§]*? )?)?§(\\d+)§(?: s)?(?: , (?:\\S+ ){1,12}?,)?(?: [^\\s§,;:]+){0,8}? ${SAY_EN}(?: (?:on|in|at) \\S+)?(?: that)? `, 'u');
const SAYING_EN = /^(?:the )?§(\d+)§(?: s)? [^§]*?, (?:saying|adding|insisting|arguing|stressing)(?: that)? /u;
const LEADING_UR = [
  // «X نے صحافیوں سے گفتگو میں کہا کہ»: an adverbial of up to six words before the verb of saying.
  expand('§(\\d+)§ {TN}نے (?:[^\\s§]+ ){0,6}?(?:کہا|بتایا|دعویٰ کیا) (?:\\S+ ){0,2}?کہ ', 'ur'),
  expand('§(\\d+)§(?: حکومت)?{TTL} (?:کا|کی) (?:کہنا|موقف|الزام) (?:ہے|تھا) (?:کہ )?', 'ur'),
  expand('§(\\d+)§ کے مطابق ', 'ur'),
];

/** Who speaks in a sentence ("..., the FBI said", "Lin said the US is ...", «X نے کہا کہ ...») and what they say. */
function findSpeaker(skeleton: string, lang: 'en' | 'ur'): Speaker | undefined {
  if (lang === 'en') {
    const t = TRAILING_EN.exec(skeleton) ?? TRAILING_INVERTED_EN.exec(skeleton);
    if (t) return { index: Number(t[1]), content: skeleton.slice(0, t.index), contentStart: 0, contentEnd: t.index };
    // "X dismissed the claims as baseless, saying Tehran had no involvement": X speaks the participle clause.
    const p = SAYING_EN.exec(skeleton);
    if (p) return { index: Number(p[1]), content: skeleton.slice(p.index + p[0].length), contentStart: p.index + p[0].length, contentEnd: skeleton.length };
    const l = LEADING_EN.exec(skeleton);
    if (l) return { index: Number(l[1]), content: skeleton.slice(l.index + l[0].length), contentStart: l.index + l[0].length, contentEnd: skeleton.length };
    return undefined;
  }
  for (const re of LEADING_UR) {
    const l = re.exec(skeleton);
    if (l) return { index: Number(l[1]), content: skeleton.slice(l.index + l[0].length), contentStart: l.index + l[0].length, contentEnd: skeleton.length };
  }
  return undefined;
}

function inContent(skeleton: string, index: number, speaker: Speaker): boolean {
  const at = skeleton.indexOf(`§${index}§`);
  return at >= speaker.contentStart && at < speaker.contentEnd;
}

/**
 * Between the subject and the cue, a verb of rejecting whose clause is still open ("China rejects
 * charges about hacking"). In Urdu a participle or a conjunction closes it: «الزامات مسترد کرتے
 * ہوئے الٹا امریکا پر الزام لگایا» rejects, and then accuses.
 */
function rejectsFirst(between: string, lang: 'en' | 'ur'): boolean {
  // "rejected the allegations as baseless and accused India of ...": the coordination closes the rejection.
  if (lang === 'en') return REJECTING_EN.test(between) && !/ (?:and|but|,) (?:also |then |later |instead )?$/.test(between);
  const at = Math.max(between.lastIndexOf('مسترد'), between.lastIndexOf('تردید'));
  if (at === -1) return false;
  return !/(?:^| )(?:ہویی|ہوی|کر کی|کرکی|بعد|اور|بلکہ|,|،)(?: |$)/.test(between.slice(at));
}

/** ", a unit of §2§ military intelligence ," after a party: the appositive, cut out, and the groups and states it names. */
function withoutAppositives(skeleton: string, lang: 'en' | 'ur', mentions: Mention[]): { skeleton: string; appositives: Map<number, number[]> } {
  const appositives = new Map<number, number[]>();
  if (lang !== 'en') return { skeleton, appositives };
  const out = skeleton.replace(/§(\d+)§ , ((?:a|an|the) [^,;:]{1,90}?) (,|$)/gu, (whole, k: string, inner: string, end: string) => {
    if (!/\b(?:unit|arm|part|group|gang|actor|hackers|team|branch|division|crew|collective|agency|service)\b/.test(inner)) return whole;
    const named = placeholders(inner).filter((i) => ['state', 'state-agency', 'threat-group', 'criminal-group'].includes(mentions[i]!.kind) && !mentions[i]!.officialsOf);
    appositives.set(Number(k), named);
    return `§${k}§${end === ',' ? '' : ''}`;
  });
  // "sanctioned X, which it described as a front company, and two men": the relative clause cut out too.
  const relativeless = out
    .replace(/ , (?:which|who|whom|whose) [^,;:]*?(?= ,|$)/gu, '')
    // "two men , Zhao and Ni": the count is an appositive head; the names are the parties.
    .replace(/§(\d+)§ , (?=§(\d+)§)/gu, (whole, k: string, n: string) => (mentions[Number(k)]?.kind === 'persons' && mentions[Number(n)]?.kind === 'person' ? '' : whole));
  return { skeleton: relativeless.replace(/ +/g, ' ').trim(), appositives };
}

/** Urdu: the position lies in the «کہ» clause of an accusation («الزام عائد کیا گیا ہے کہ ...»). */
function insideAccusationClause(skeleton: string, at: number): boolean {
  const ke = skeleton.lastIndexOf(' کہ ', at);
  if (ke === -1) return false;
  return /الزام/.test(skeleton.slice(0, ke));
}

/** The state a party belongs to, as a mention (added to the sentence's list when it is not there). */
function stateMention(mentions: Mention[], i: number): number {
  const m = mentions[i]!;
  const state = m.kind === 'state' ? undefined : m.state;
  if (!state || m.kind === 'threat-group' || m.kind === 'criminal-group') return i;
  const there = mentions.findIndex((x) => x.kind === 'state' && x.id === state);
  if (there !== -1) return there;
  mentions.push({ first: -1, last: -1, start: m.start, end: m.end, id: state, name: state, kind: 'state', state });
  return mentions.length - 1;
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
