// English references to a party named earlier, resolved before the cue rules read a sentence:
// "The bureau said ..." after "the FBI", "the government sanctioned ..." after "Britain", "he said"
// after "Spokesman Nasser Kanaani", "Lin said" after "Lin Jian", and makers named only by a title
// whose state the article gives elsewhere ("Foreign Minister Jan Lipavsky" in a story datelined
// PRAGUE, "Russia's foreign ministry"). Each resolved reference becomes a mention of the same party,
// so the rules treat it like the name itself. Only what the text supports: a reference with no
// compatible party before it stays a plain word, and nothing is resolved forwards.
import type { Party } from '../../domain/schema.ts';
import { type Mention, tokenize, type Token } from './gazetteer.ts';

export interface ChunkMentions {
  text: string;
  mentions: Mention[];
}

type Antecedent = Pick<Mention, 'id' | 'name' | 'kind' | 'state'>;

/** Role nouns after "the": what each may refer back to. */
const ROLE_NOUNS: Record<string, (m: Antecedent, party: Party | undefined) => boolean> = {
  bureau: (m, p) => /bureau/i.test(`${m.name} ${p?.name.en ?? ''} ${aliasesOf(p)}`),
  agency: (m, p) => m.kind === 'state-agency' && !/ministry|embassy|office|department|treasury|kremlin|presidency|house/i.test(`${m.name} ${p?.name.en ?? ''}`),
  directorate: (m, p) => /directorate/i.test(`${m.name} ${p?.name.en ?? ''} ${aliasesOf(p)}`),
  centre: (m, p) => /cent(?:re|er)/i.test(`${m.name} ${p?.name.en ?? ''} ${aliasesOf(p)}`),
  center: (m, p) => /cent(?:re|er)/i.test(`${m.name} ${p?.name.en ?? ''} ${aliasesOf(p)}`),
  department: (m, p) => /department|treasury/i.test(`${m.name} ${p?.name.en ?? ''} ${aliasesOf(p)}`),
  ministry: (m, p) => /ministry|foreign office/i.test(`${m.name} ${p?.name.en ?? ''}`),
  embassy: (m, p) => /embassy/i.test(`${m.name} ${p?.name.en ?? ''}`),
  company: (m) => m.kind === 'company',
  firm: (m) => m.kind === 'company',
  group: (m) => isGroup(m),
  gang: (m) => isGroup(m),
  government: (m) => m.kind === 'state',
};

const SUBJECT_VERB = /^(?:said|says|say|told|added|stated|wrote|noted|insisted|argued|accused|accuses|blamed|blames|attributed|attributes|denied|denies|rejected|rejects|dismissed|dismisses|called|calls|described|condemned|condemns|claimed|claims|sanctioned|charged|indicted|summoned|expelled|also|later|has|had|have|is|was|on|in|publicly|formally|firmly|separately|then|responded|declined|did|would)$/i;
const TITLE_WORDS = /^(?:spokesman|spokeswoman|spokesperson|minister|secretary|director|chief|head|ambassador|president|prime|adviser|advisor|general|deputy|attorney|foreign|ministry|office|affairs|information|technology|defence|defense|interior|home|senior|official|the|of|and|for)$/i;

function aliasesOf(p: Party | undefined): string {
  return (p?.aliases ?? []).map((a) => a.name).join(' ');
}

function isGroup(m: Antecedent): boolean {
  return m.kind === 'threat-group' || m.kind === 'criminal-group' || (m.kind === 'unknown' && m.id === null && /\d|hackers|group|gang|collective/i.test(m.name));
}

/** A party that speaks as a person: a person, or a body named through its spokesperson or minister. */
function speaksAsPerson(m: Antecedent): boolean {
  if (m.kind === 'person') return true;
  if (m.kind !== 'state-agency') return false;
  // "Spokesman Nasser Kanaani", "Foreign Minister Jan Lipavsky", or a spokesperson's own name ("Mao Ning").
  return /spokes|minister|secretary|ambassador/i.test(m.name) || /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}$/u.test(m.name.trim()) && !ORG_WORD.test(m.name);
}
const ORG_WORD = /\b(?:Ministry|Office|Agency|Embassy|Department|Bureau|Directorate|Centre|Center|Service|Command|Council|Commission|Kremlin|House|Security|Intelligence|Foreign|Affairs)\b/;

/** The foreign ministry of a state, among the curated parties. */
function foreignMinistryOf(state: string, parties: Map<string, Party>): Party | undefined {
  for (const p of parties.values()) {
    if (p.kind === 'state-agency' && p.state === state && /foreign (?:affairs|office|ministry)|ministry of foreign|external affairs|department of state|state department/i.test(`${p.name.en} ${aliasesOf(p)}`)) return p;
  }
  return undefined;
}

/** The state a dateline names: "PRAGUE –", "TEHRAN -" at the start of the body. */
function datelineState(first: ChunkMentions | undefined, parties: Map<string, Party>, find: (text: string) => Mention[]): string | undefined {
  const d = /^([A-Z][A-Z .'-]{2,30}?)\s*[–—-]\s/.exec(first?.text ?? '');
  if (!d) return undefined;
  const place = d[1]!.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase());
  const capital = find(place)[0];
  if (capital?.kind === 'state') return capital.id ?? undefined;
  const city = CAPITALS[place.toLowerCase()];
  return city && parties.has(city) ? city : undefined;
}

/** Capitals the lexicon does not carry as metonyms, for datelines only. */
const CAPITALS: Record<string, string> = {
  prague: 'czechia', london: 'united-kingdom', canberra: 'australia', tirana: 'albania', berlin: 'germany', paris: 'france', ottawa: 'canada',
  tokyo: 'japan', seoul: 'south-korea', kyiv: 'ukraine', kiev: 'ukraine', brussels: 'european-union', wellington: 'new-zealand', 'the hague': 'netherlands',
};

const spanFree = (mentions: Mention[], first: number, last: number) => !mentions.some((m) => m.first < last && first < m.last);

function synthetic(tokens: Token[], first: number, last: number, text: string, from: Antecedent): Mention {
  return { first, last, start: tokens[first]!.start, end: tokens[last - 1]!.end, id: from.id, name: from.id === null ? from.name : text.slice(tokens[first]!.start, tokens[last - 1]!.end), kind: from.kind, state: from.state };
}

/**
 * Adds mentions for references in each English body sentence, in place. `chunks` are the body's
 * sentences in order, with the gazetteer's mentions; `find` is the gazetteer's lookup.
 */
export function resolveReferences(chunks: ChunkMentions[], parties: Map<string, Party>, find: (text: string) => Mention[]): void {
  const dateline = datelineState(chunks[0], parties, find);
  // The dateline is where the story was filed, never a maker: "ISLAMABAD – The military's media wing said ...".
  const place = /^[A-Z][A-Z .'-]{2,30}?\s*[–—-]\s/.exec(chunks[0]?.text ?? '');
  if (place && chunks[0]) {
    const tokens = tokenize(chunks[0].text);
    const after = tokens.findIndex((t) => t.start >= place[0].length);
    chunks[0].mentions = chunks[0].mentions.flatMap((m) => {
      if (after === -1 || m.first >= after) return [m];
      if (m.last <= after) return [];
      return [{ ...m, first: after, start: tokens[after]!.start, name: m.name.startsWith(chunks[0]!.text.slice(m.start, tokens[after]!.start)) ? m.name.slice(tokens[after]!.start - m.start) : m.name }];
    });
  }
  const surnames = new Map<string, Antecedent>();
  chunks.forEach((chunk, index) => {
    const tokens = tokenize(chunk.text);
    const added: Mention[] = [];
    const mentions = () => [...chunk.mentions, ...added].sort((a, b) => a.first - b.first);
    // Candidates, most salient first: this sentence's earlier parties (nearest first), then each
    // earlier sentence's subject (its first party) and the rest of it, nearest sentence first.
    const candidates = (before: number): Antecedent[] => {
      // In this sentence, its subject first ("Germany recalled its ambassador to Russia after the government said").
      const before_ = mentions().filter((m) => m.last <= before);
      const here = before_.length ? [before_[0]!, ...before_.slice(1).reverse()] : [];
      const earlier = chunks.slice(Math.max(0, index - 3), index).reverse().flatMap((c) => (c.mentions.length ? [c.mentions[0]!, ...c.mentions.slice(1).reverse()] : []));
      return [...here, ...earlier].filter((m) => m.kind !== 'media' && m.kind !== 'persons' && m.kind !== 'anonymous-officials');
    };
    const raw = (i: number) => tokens[i]?.raw ?? '';

    // "Russia's foreign ministry", "Pakistan's Foreign Office": the state's foreign ministry.
    for (const m of [...chunk.mentions]) {
      if (m.kind !== 'state' || !m.id) continue;
      let at = m.last;
      if (/^s$/i.test(raw(at))) at++;
      let span = /^(?:foreign|external)$/i.test(raw(at)) && /^(?:ministry|office|minister|secretary)$/i.test(raw(at + 1)) ? 2 : /^external$/i.test(raw(at)) && /^affairs$/i.test(raw(at + 1)) && /^(?:ministry|minister)$/i.test(raw(at + 2)) ? 3 : /^ministry$/i.test(raw(at)) && /^of$/i.test(raw(at + 1)) && /^foreign$/i.test(raw(at + 2)) && /^affairs$/i.test(raw(at + 3)) ? 4 : 0;
      // "Russia's foreign ministry", "the Russian foreign ministry", not "the United States, foreign ministry spokesperson ...".
      const joined = span && /^(?:['’]s)?\s+$/.test(chunk.text.slice(m.end, tokens[at]!.start));
      const fm = joined ? foreignMinistryOf(m.id, parties) : undefined;
      // "... foreign ministry spokeswoman (Maria Zakharova)": the spokesperson is the ministry.
      if (span && /^(?:spokesman|spokeswoman|spokesperson)$/i.test(raw(at + span))) span++;
      if (!fm || !spanFree(chunk.mentions.filter((x) => x !== m), m.first, at + span)) continue;
      chunk.mentions.splice(chunk.mentions.indexOf(m), 1, { ...m, last: at + span, end: tokens[at + span - 1]!.end, id: fm.id, name: chunk.text.slice(m.start, tokens[at + span - 1]!.end), kind: fm.kind, state: fm.state, demonym: false });
    }

    // "Pakistan's Foreign Office" kept as an unknown organisation of Pakistan: the state's foreign ministry, if the data has it.
    chunk.mentions.forEach((m, k) => {
      if (m.kind !== 'unknown' || m.id !== null || !m.state || !/['’]s (?:foreign (?:ministry|office)|ministry of foreign affairs)$/i.test(m.name)) return;
      const fm = foreignMinistryOf(m.state, parties);
      if (fm) chunk.mentions[k] = { ...m, id: fm.id, kind: fm.kind, state: fm.state };
    });

    // "Iran's UN mission" (the gazetteer reads "Iran's UN" as the UN): the state's mission, so the state.
    chunk.mentions.forEach((m, k) => {
      const owner = /^(.+?)['’]s\s/.exec(m.name)?.[1];
      if (m.kind !== 'international-body' || !owner || !/^\s+(?:mission|delegation|envoy|ambassador)\b/i.test(chunk.text.slice(m.end))) return;
      const state = find(owner)[0];
      if (state?.kind !== 'state' || !state.id) return;
      const last = m.last + 1;
      chunk.mentions[k] = { ...m, last, end: tokens[last - 1]!.end, name: chunk.text.slice(m.start, tokens[last - 1]!.end), id: state.id, kind: 'state', state: state.id };
    });

    // "Tehran's mission to the United Nations", "Iran's ambassador to the UN": the state speaks, not the place.
    for (let k = 0; k < chunk.mentions.length - 1; k++) {
      const m = chunk.mentions[k]!;
      const next = chunk.mentions[k + 1]!;
      if (m.kind !== 'state' || !m.id || m.first < 0) continue;
      const between = chunk.text.slice(m.end, next.start);
      // "Iran's UN mission": the body named between the possessive and the mission.
      const unMission = /^['’]s\s+$/.test(between) && next.kind === 'international-body' && /^\s+(?:mission|delegation|envoy|ambassador)\b/i.test(chunk.text.slice(next.end));
      if (unMission) {
        const last = next.last + 1;
        chunk.mentions.splice(k, 2, { ...m, last, end: tokens[last - 1]!.end, name: chunk.text.slice(m.start, tokens[last - 1]!.end), demonym: false });
        continue;
      }
      if (!/^(?:['’]s)?\s+(?:(?:permanent|deputy|acting)\s+)?(?:mission|delegation|envoy|ambassador|representative|embassy|consulate)\s+(?:to|at|in)\s+(?:the\s+)?$/i.test(between)) continue;
      chunk.mentions.splice(k, 2, { ...m, last: next.last, end: next.end, name: chunk.text.slice(m.start, next.end), demonym: false });
    }

    // "the ministry's spokeswoman", "Russia's foreign ministry spokeswoman": the body speaks through a person ("she said" next).
    chunk.mentions.forEach((m, k) => {
      if (m.kind !== 'state-agency' || m.first < 0) return;
      const at = m.last + (/^s$/i.test(raw(m.last)) ? 1 : 0);
      if (!/^(?:spokesman|spokeswoman|spokesperson)$/i.test(raw(at)) || !spanFree(chunk.mentions, at, at + 1)) return;
      chunk.mentions[k] = { ...m, last: at + 1, end: tokens[at]!.end, name: chunk.text.slice(m.start, tokens[at]!.end) };
    });

    // "Australia's top cyber agency": the state's one cyber agency, if the data has exactly one.
    for (const m of [...chunk.mentions]) {
      if (m.kind !== 'state' || !m.id || !/^s$/i.test(raw(m.last))) continue;
      let at = m.last + 1;
      if (/^(?:top|main|national|chief|lead|leading|principal)$/i.test(raw(at))) at++;
      if (!/^cyber(?:security)?$/i.test(raw(at))) continue;
      at += /^security$/i.test(raw(at + 1)) ? 2 : 1;
      if (!/^(?:agency|authority|watchdog)$/i.test(raw(at))) continue;
      const agencies = [...parties.values()].filter((p) => p.kind === 'state-agency' && p.state === m.id && /cyber|signals/i.test(`${p.name.en} ${aliasesOf(p)}`));
      if (agencies.length !== 1 || !spanFree(chunk.mentions.filter((x) => x !== m), m.first, at + 1)) continue;
      const a = agencies[0]!;
      chunk.mentions.splice(chunk.mentions.indexOf(m), 1, { ...m, last: at + 1, end: tokens[at]!.end, id: a.id, name: chunk.text.slice(m.start, tokens[at]!.end), kind: a.kind, state: a.state, demonym: false });
    }

    // "TraderTraitor, also known as the Lazarus Group": a group the curated data lacks is the curated one it is also called.
    chunk.mentions.forEach((m, k) => {
      if (m.kind !== 'threat-group' || m.id === null) return;
      const next = chunk.mentions[k + 1];
      if (next?.id && parties.has(next.id) && (next.kind === 'threat-group' || next.kind === 'criminal-group') && /^\s*,?\s*(?:also known as|a\.?k\.?a\.?|also tracked as)\s+(?:the\s+)?$/i.test(chunk.text.slice(m.end, next.start))) {
        chunk.mentions[k] = { ...m, id: next.id, kind: next.kind, state: next.state };
      }
    });

    // "Foreign Minister Jan Lipavsky", "a foreign ministry spokesman": the ministry of the state
    // the story is about (its dateline, else the subject of the sentence before).
    for (let i = 0; i < tokens.length; i++) {
      const title = /^foreign$/i.test(raw(i)) && /^minister$/i.test(raw(i + 1)) ? 2 : /^(?:the|its)$/i.test(raw(i - 1)) && /^foreign$/i.test(raw(i)) && /^(?:ministry|office)$/i.test(raw(i + 1)) && !/^(?:spokesman|spokeswoman|spokesperson|of|s)$/i.test(raw(i + 2)) ? 2 : /^foreign$/i.test(raw(i)) && /^(?:ministry|office)$/i.test(raw(i + 1)) && /^(?:spokesman|spokeswoman|spokesperson)$/i.test(raw(i + 2)) ? 3 : 0;
      if (!title) continue;
      // Owned by a state just before ("China's foreign minister") or after ("of Iran"): the gazetteer's business.
      const prev = mentions().find((m) => (m.last === i || (m.last === i - 1 && /^s$/i.test(raw(i - 1)))) && /^(?:['’]s)?\s+$/.test(chunk.text.slice(m.end, tokens[i]!.start)));
      if (prev || /^of$/i.test(raw(i + title))) continue;
      let last = i + title;
      while (last < tokens.length && last - i - title < 3 && /^\p{Lu}/u.test(raw(last)) && !/^(?:said|on)$/i.test(raw(last))) last++;
      if (/^minister$/i.test(raw(i + 1)) && last === i + title) continue; // "foreign minister" with no name: a post, not a speaker
      if (!spanFree(mentions(), i, last)) {
        // "Foreign Minister Nasser X" where the name is already a ministry's: leave it.
        continue;
      }
      // "Its foreign ministry": the subject of the sentence before, even when the story has a dateline.
      const subject = chunks[index - 1]?.mentions[0];
      if (/^its$/i.test(raw(i - 1)) && subject && (subject.kind === 'state' ? subject.id : subject.state)) {
        const fmIts = foreignMinistryOf((subject.kind === 'state' ? subject.id : subject.state)!, parties);
        if (fmIts) {
          added.push({ ...synthetic(tokens, i, last, chunk.text, fmIts.id ? { id: fmIts.id, name: '', kind: fmIts.kind, state: fmIts.state } : subject) });
          i = last - 1;
          continue;
        }
      }
      const state = dateline ?? (subject && (subject.kind === 'state' ? subject.id : subject.state)) ?? undefined;
      const fm = state ? foreignMinistryOf(state, parties) : undefined;
      if (!fm) continue;
      const from = { id: fm.id, name: chunk.text.slice(tokens[i]!.start, tokens[last - 1]!.end), kind: fm.kind, state: fm.state };
      const m = synthetic(tokens, i, last, chunk.text, from);
      added.push({ ...m, name: from.name });
      i = last - 1;
    }

    for (let i = 0; i < tokens.length; i++) {
      if (!spanFree(mentions(), i, i + 1)) continue;
      const word = raw(i);
      // "the bureau", "The government": a role noun that is not followed by a name of its own.
      const role = /^the$/i.test(word) ? ROLE_NOUNS[raw(i + 1).toLowerCase()] : undefined;
      if (role && spanFree(mentions(), i + 1, i + 2)) {
        const gap = chunk.text.slice(tokens[i + 1]!.end, tokens[i + 2]?.start ?? chunk.text.length);
        const named = /^\p{Lu}/u.test(raw(i + 2)) && !/^(?:said|on)$/i.test(raw(i + 2)) && !/[,.;]/.test(gap);
        const appositive = /^\s*,\s*$/.test(gap) && mentions().some((m) => m.first === i + 2);
        const ofWhom = /^of$/i.test(raw(i + 2));
        // "Midnight Blizzard, the group also known as ...": an appositive describes the name before it.
        const describes = mentions().some((m) => m.last === i && /^\s*,\s*$/.test(chunk.text.slice(m.end, tokens[i]!.start)));
        if (!named && !appositive && !ofWhom && !describes) {
          const from = candidates(i).find((m) => role(m, m.id ? parties.get(m.id) : undefined));
          if (from) {
            added.push(synthetic(tokens, i, i + 2, chunk.text, from));
            i++;
            continue;
          }
        }
      }
      // "he said", "she told reporters": the last party that speaks as a person.
      if (/^(?:he|she)$/i.test(word) && SUBJECT_VERB.test(raw(i + 1))) {
        const from = candidates(i).find(speaksAsPerson);
        if (from) added.push(synthetic(tokens, i, i + 1, chunk.text, from));
        continue;
      }
      // "... a cyber attack that it blamed on Tehran", "it said": the sentence's subject, else the last one's.
      if (/^it$/i.test(word) && /^(?:said|says|blamed|blames|accused|accuses|attributed|attributes|denied|denies|rejected|rejects)$/i.test(raw(i + 1))) {
        const subject = mentions().find((m) => m.last <= i && m === mentions()[0]) ?? chunks[index - 1]?.mentions[0];
        if (subject && ['state', 'state-agency', 'company', 'international-body'].includes(subject.kind)) added.push(synthetic(tokens, i, i + 1, chunk.text, subject));
        continue;
      }
      // "Lin said" after "Lin Jian": a surname of a speaker named in full earlier.
      const known = surnames.get(word);
      if (known && /^\p{Lu}/u.test(word)) added.push(synthetic(tokens, i, i + 1, chunk.text, known));
    }
    chunk.mentions.push(...added);
    chunk.mentions.sort((a, b) => a.first - b.first);
    // Names of persons and spokespeople, for their surnames later on.
    for (const m of chunk.mentions) {
      if (!speaksAsPerson(m) || m.first < 0) continue;
      const words = tokenize(m.name).map((t) => t.raw).filter((w) => /^\p{Lu}\p{Ll}{2,}$/u.test(w) && !TITLE_WORDS.test(w));
      if (words.length >= 2) for (const w of words) if (!surnames.has(w)) surnames.set(w, { id: m.id, name: m.name, kind: m.kind, state: m.state });
    }
  });
}
