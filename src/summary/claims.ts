// What a claim says, as a sentence in either language, and the facts about an incident that
// decide how a claim is read: who the accused side is, whether a denial comes from it, whether
// the attribution is contested. Urdu sentences are built in Urdu word order («X نے Y پر الزام
// عائد کیا»), with the oblique case before every postposition and lists joined with «، … اور»;
// no arrow or other symbol carries meaning, so nothing can point the wrong way right to left.
import type { AttributionBasis, Claim, ClaimType, Incident, Strength } from '../domain/schema.ts';
import type { Lang, Texts } from '../i18n/lang.ts';
import { andList } from '../i18n/labels.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { isAnonymous, partyLabel, sentenceName, type NameCase } from './names.ts';

/** Claims that put the attack on someone. */
export const ACCUSING: readonly ClaimType[] = ['accusation', 'confirmation'];

/**
 * The type a claim is shown as. An accusation whose maker is among its own targets is the
 * maker's claim of responsibility (older records stored «Cutting Sword of Justice accused
 * Cutting Sword of Justice»): it is shown as such, never as the group accusing itself.
 */
export function shownType(claim: Claim): ClaimType {
  if (ACCUSING.includes(claim.type) && claim.against.includes(claim.by)) return 'claim-of-responsibility';
  return claim.type;
}

function isAccusing(claim: Claim): boolean {
  return ACCUSING.includes(shownType(claim));
}

/** The accused of an incident: every target of an accusation or confirmation. */
function accusedSet(incident: Incident): Set<string> {
  return new Set(incident.claims.filter(isAccusing).flatMap((c) => c.against));
}

/** The accused to list, leaving out a state already shown with one of its groups. */
export function accusedIds(kb: KnowledgeBase, incident: Incident): string[] {
  const ids = [...accusedSet(incident)];
  const statesShown = new Set(ids.map((id) => kb.parties.get(id)?.state).filter(Boolean));
  return ids.filter((id) => !(kb.parties.get(id)?.kind === 'state' && statesShown.has(id)));
}

/** The accused side: the accused and their states. A denial counts only from this side. */
export function accusedSide(kb: KnowledgeBase, incident: Incident): Set<string> {
  const side = accusedSet(incident);
  for (const id of [...side]) {
    const state = kb.parties.get(id)?.state;
    if (state) side.add(state);
  }
  return side;
}

/** True when the party, or the state it belongs to, is on the accused side. */
export function onAccusedSide(kb: KnowledgeBase, side: Set<string>, id: string): boolean {
  const state = kb.parties.get(id)?.state;
  return side.has(id) || (state !== undefined && side.has(state));
}

/**
 * Contested: the accused side denied the attribution or turned it back on the accuser. A denial
 * by someone nobody accused (the Kremlin, when only a criminal group was named) does not make
 * the attribution contested; it is shown among the other statements.
 */
export function isContested(kb: KnowledgeBase, incident: Incident): boolean {
  const side = accusedSide(kb, incident);
  return incident.claims.some((c) => (c.type === 'denial' || c.type === 'counter-accusation') && onAccusedSide(kb, side, c.by));
}

/**
 * The targets a sentence names, joined with «، … اور» / ", … and": a state left out when one of
 * its groups is named, and a state said once after the names it belongs to ("Park Jin Hyok and
 * Lazarus Group (North Korea)", not "(North Korea)" after each).
 */
function targets(kb: KnowledgeBase, claim: Claim, lang: Lang, form: NameCase): string {
  const ids = claim.against.filter((id) => id !== claim.by);
  const statesShown = new Set(ids.map((id) => kb.parties.get(id)?.state).filter(Boolean));
  const shown = ids.filter((id) => !(kb.parties.get(id)?.kind === 'state' && statesShown.has(id)));
  const labels = shown.map((id) => partyLabel(kb, id, lang, form, true));
  const names = shown.map((id) => sentenceName(kb, id, lang, form));
  const states = new Set(labels.map((label, i) => stateNote(label, names[i]!)));
  if (shown.length > 1 && states.size === 1) {
    const [note] = states;
    if (note) return `${andList(names, lang)} ${note}`;
  }
  return andList(labels, lang);
}

/** What partyLabel added after the name: " (China)" → "(China)", or "" when nothing. */
function stateNote(label: string, name: string): string {
  return label.startsWith(name) ? label.slice(name.length).trim() : '';
}

const BASIS: Record<AttributionBasis, Texts | undefined> = {
  'technical-report': { en: 'technical report', ur: 'تکنیکی رپورٹ' },
  'government-statement': { en: 'government statement', ur: 'سرکاری بیان' },
  'legal-action': { en: 'legal action', ur: 'قانونی کارروائی' },
  // Said by the name of the accuser ("US officials (unnamed), as reported by …").
  'anonymous-officials': undefined,
  'self-claimed': { en: 'own claim', ur: 'اپنا دعویٰ' },
  'not-stated': { en: 'basis not stated', ur: 'بنیاد نہیں بتائی گئی' },
};

/** The accuser's own word for how sure it is, quoted: “likely” / ’غالباً‘. */
const STRENGTH: Record<Strength, Texts> = {
  responsible: { en: 'responsible', ur: 'ذمہ دار' },
  'almost-certain': { en: 'almost certainly', ur: 'تقریباً یقینی' },
  'highly-likely': { en: 'highly likely', ur: 'قوی امکان' },
  likely: { en: 'likely', ur: 'غالباً' },
  linked: { en: 'linked', ur: 'منسلک' },
  suspected: { en: 'suspected', ur: 'مشتبہ' },
};

/**
 * What an accusation rests on and how strongly it was put, in a few words: "technical report;
 * “likely”" / «تکنیکی رپورٹ؛ ’غالباً‘». Empty when the record says neither.
 */
export function basisNote(kb: KnowledgeBase, claim: Claim, lang: Lang): string {
  const parts: string[] = [];
  const basis = claim.basis && !isAnonymous(kb, claim.by) ? BASIS[claim.basis]?.[lang] : undefined;
  if (basis) parts.push(basis);
  if (claim.strength) parts.push(lang === 'ur' ? `’${STRENGTH[claim.strength].ur}‘` : `“${STRENGTH[claim.strength].en}”`);
  return parts.join(lang === 'ur' ? '؛ ' : '; ');
}

/** The subject of a sentence, with the outlet for unnamed officials. */
function subject(kb: KnowledgeBase, claim: Claim, lang: Lang): { who: string; lead: string; aside: string } {
  const who = sentenceName(kb, claim.by, lang, lang === 'ur' ? 'oblique' : 'direct', true);
  if (!claim.reportedBy) return { who, lead: '', aside: '' };
  const outlet = sentenceName(kb, claim.reportedBy, lang, 'oblique');
  // «واشنگٹن پوسٹ کے مطابق نامعلوم امریکی حکام نے …» / "US officials (unnamed), as reported by The Washington Post, …"
  return lang === 'ur' ? { who, lead: `${outlet} کے مطابق `, aside: '' } : { who, lead: '', aside: `, as reported by ${outlet},` };
}

/**
 * One claim as a sentence without its date: "Microsoft accused Volt Typhoon (China)" /
 * «مائیکروسافٹ نے وولٹ ٹائیفون (چین) پر الزام عائد کیا». Every claim type has one.
 */
export function claimSentence(kb: KnowledgeBase, incident: Incident, claim: Claim, lang: Lang): string {
  const { who, lead, aside } = subject(kb, claim, lang);
  const whom = targets(kb, claim, lang, lang === 'ur' ? 'oblique' : 'direct');
  const en = (verb: string) => `${who}${aside} ${verb}`;
  const ur = (predicate: string) => `${lead}${who} نے ${predicate}`;
  const say = (english: string, urdu: string) => (lang === 'ur' ? ur(urdu) : en(english));
  const type = shownType(claim);
  switch (type) {
    case 'accusation':
      return whom ? say(`accused ${whom}`, `${whom} پر الزام عائد کیا`) : say('made an accusation', 'الزام عائد کیا');
    case 'confirmation':
      return whom ? say(`backed the accusation against ${whom}`, `${whom} پر عائد الزام کی تائید کی`) : say('backed the accusation', 'الزام کی تائید کی');
    case 'claim-of-responsibility':
      return say('claimed responsibility for the attack', 'حملے کی ذمہ داری قبول کی');
    case 'tacit-acknowledgement':
      return say('implied involvement without claiming it', 'ذمہ داری قبول کیے بغیر ملوث ہونے کا اشارہ دیا');
    case 'denial':
      return denialSentence(kb, incident, claim, lang, say);
    case 'counter-accusation':
      return whom ? say(`counter-accused ${whom}`, `الٹا ${whom} پر الزام لگایا`) : say('made a counter-accusation', 'جوابی الزام لگایا');
    case 'no-response':
      return say('did not respond', 'جواب نہیں دیا');
    case 'declined-to-comment':
      return say('declined to comment', 'تبصرے سے انکار کیا');
    case 'sanction':
      return whom ? say(`imposed sanctions on ${whom}`, `${whom} پر پابندیاں عائد کیں`) : say('imposed sanctions', 'پابندیاں عائد کیں');
    case 'indictment':
      return whom ? say(`brought charges against ${whom}`, `${whom} پر فرد جرم عائد کی`) : say('brought charges', 'فرد جرم عائد کی');
    case 'arrest':
      return whom ? say(`arrested ${whom}`, `${whom} کو گرفتار کیا`) : say('made arrests', 'گرفتاریاں کیں');
    case 'conviction':
      return whom ? say(`announced the conviction of ${whom}`, `${whom} کو مجرم قرار دیے جانے کا اعلان کیا`) : say('announced a conviction', 'سزا سنائے جانے کا اعلان کیا');
    case 'advisory':
      return whom ? say(`issued a security advisory naming ${whom}`, `${whom} کے بارے میں سکیورٹی ایڈوائزری جاری کی`) : say('issued a security advisory', 'سکیورٹی ایڈوائزری جاری کی');
    case 'takedown':
      return whom ? say(`took down infrastructure used by ${whom}`, `${whom} کے زیر استعمال نیٹ ورک کو ناکارہ بنایا`) : say('took down the attackers’ infrastructure', 'حملہ آوروں کا نیٹ ورک ناکارہ بنایا');
    case 'diplomatic-action':
      return whom ? say(`took diplomatic action against ${whom}`, `${whom} کے خلاف سفارتی قدم اٹھایا`) : say('took diplomatic action', 'سفارتی قدم اٹھایا');
    case 'statement':
      return whom ? say(`made a statement about ${whom}`, `${whom} کے بارے میں بیان دیا`) : say('made a statement', 'بیان دیا');
  }
}

/**
 * A denial says what was denied. From an accused party: its involvement; from the state or an
 * agency of the accused: the accusation; from anyone else: whose involvement it rejects («دمتری
 * پیسکوف نے روس کے ملوث ہونے کی تردید کی»), the claim's targets or else the speaker's state.
 */
function denialSentence(kb: KnowledgeBase, incident: Incident, claim: Claim, lang: Lang, say: (en: string, ur: string) => string): string {
  const accused = accusedSet(incident);
  if (accused.has(claim.by)) return say('denied involvement', 'ملوث ہونے کی تردید کی');
  if (onAccusedSide(kb, accusedSide(kb, incident), claim.by)) return say('denied the accusation', 'الزام کی تردید کی');
  const about = claim.against.length ? claim.against : [kb.parties.get(claim.by)?.state].filter((s): s is string => s !== undefined);
  if (!about.length) return say('denied involvement', 'ملوث ہونے کی تردید کی');
  const names = andList(about.map((id) => sentenceName(kb, id, lang, lang === 'ur' ? 'oblique' : 'direct')), lang);
  const were = about.length > 1 ? 'were' : 'was';
  return say(`denied that ${names} ${were} involved`, `${names} کے ملوث ہونے کی تردید کی`);
}

/** The basis note in brackets after a sentence or a name, or nothing. */
export function withBasis(text: string, kb: KnowledgeBase, claim: Claim, lang: Lang): string {
  const note = isAccusing(claim) ? basisNote(kb, claim, lang) : '';
  return note ? `${text} (${note})` : text;
}
