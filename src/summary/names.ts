// Parties as a sentence names them: in the reply's language, marked as one field for right-to-
// left layout (src/i18n/bidi.ts), in the oblique case before an Urdu postposition, with their
// state where it helps («وولٹ ٹائیفون (چین)») and without it where the name already says it
// («چینی وزارت خارجہ»، not «چینی وزارت خارجہ (چین)»).
import type { Claim, Party } from '../domain/schema.ts';
import { embed } from '../i18n/bidi.ts';
import type { Lang } from '../i18n/lang.ts';
import { obliqueOf } from '../i18n/urdu-grammar.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';

/** Direct: the name standing alone. Oblique: before نے، پر، کو، کی، کے، سے (Urdu only; English has no case here). */
export type NameCase = 'direct' | 'oblique';

function nameIn(party: Party, lang: Lang, form: NameCase): string {
  if (lang === 'ur' && form === 'oblique') return obliqueOf(party.name.ur, party.urOblique);
  return party.name[lang];
}

// English running text puts "the" before most agencies and a few states ("the White House",
// "the United States"), not before an acronym ("FBI", "CISA"; but "the US Treasury
// Department") or a possessive ("Iran's Mission to the United Nations").
const THE_STATES: ReadonlySet<string> = new Set(['United States', 'United Kingdom', 'Netherlands', 'United Arab Emirates', 'Czech Republic', 'Philippines']);
const ACRONYM = /^[A-Z][A-Za-z]*[A-Z][A-Za-z]*$/;
const ADJECTIVE_ACRONYMS: ReadonlySet<string> = new Set(['US', 'UK', 'EU']);

function takesThe(party: Party): boolean {
  const name = party.name.en;
  if (party.kind === 'state') return THE_STATES.has(name);
  if (party.kind !== 'state-agency' && party.kind !== 'international-body') return false;
  const first = name.split(' ')[0]!;
  if (/^the$/i.test(first)) return false;
  if (ACRONYM.test(first) && !ADJECTIVE_ACRONYMS.has(first)) return false;
  return !(/'s$/.test(first) && first !== "People's");
}

/** A party's name, marked for the line it goes into. An unknown id is shown as it is. */
export function partyName(kb: KnowledgeBase, id: string, lang: Lang, form: NameCase = 'direct'): string {
  const party = kb.parties.get(id);
  return embed(party ? nameIn(party, lang, form) : id, lang);
}

/** Kinds whose name already says whose they are: an agency, unnamed officials of a state. */
const STATE_IN_NAME: ReadonlySet<Party['kind']> = new Set(['state', 'state-agency', 'anonymous-officials']);

/** The state to show after a party's name, or undefined when the name needs none. */
function stateShown(kb: KnowledgeBase, party: Party, lang: Lang): Party | undefined {
  if (!party.state || STATE_IN_NAME.has(party.kind)) return undefined;
  const state = kb.parties.get(party.state);
  if (!state) return undefined;
  // «روسی تحقیقی ادارہ …», "Russian hackers": the name holds the state («روس» in «روسی», "Russi" in "Russian").
  const stem = state.name[lang].replace(/[aہا]$/u, '');
  return party.name[lang].includes(stem) ? undefined : state;
}

/** "Volt Typhoon (China)": a party with its state where the name does not already say it. */
export function partyLabel(kb: KnowledgeBase, id: string, lang: Lang, form: NameCase = 'direct', inSentence = false): string {
  const party = kb.parties.get(id);
  if (!party) return embed(id, lang);
  const state = stateShown(kb, party, lang);
  const name = inSentence ? sentenceName(kb, id, lang, form) : embed(nameIn(party, lang, form), lang);
  return state ? `${name} (${embed(state.name[lang], lang)})` : name;
}

/**
 * A party in an English sentence, with "the" where English wants it ("The White House backed
 * …", "… counter-accused the United States"); in Urdu, partyName in the given case.
 */
export function sentenceName(kb: KnowledgeBase, id: string, lang: Lang, form: NameCase, subject = false): string {
  const name = partyName(kb, id, lang, form);
  const party = kb.parties.get(id);
  if (lang !== 'en' || !party || !takesThe(party)) return name;
  return `${subject ? 'The' : 'the'} ${name}`;
}

/** True for officials who spoke without being named; their words come through an outlet. */
export function isAnonymous(kb: KnowledgeBase, id: string): boolean {
  return kb.parties.get(id)?.kind === 'anonymous-officials';
}

/**
 * Who made a claim, for a list: "US officials (unnamed), as reported by The Washington Post"
 * / «نامعلوم امریکی حکام، بحوالہ واشنگٹن پوسٹ». Anyone else is just their name.
 */
export function claimantLabel(kb: KnowledgeBase, claim: Claim, lang: Lang): string {
  const who = partyName(kb, claim.by, lang);
  if (!claim.reportedBy) return who;
  const outlet = partyName(kb, claim.reportedBy, lang);
  return lang === 'ur' ? `${who}، بحوالہ ${outlet}` : `${who}, as reported by ${outlet}`;
}
