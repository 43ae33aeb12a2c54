// What the reviewer starts from, made from the structured fields: a claim's paraphrase in
// both languages, and a new incident's title and summary. Party names come from the parties
// (Urdu in the oblique case before «نے» and «پر»); nothing is taken from the article's prose,
// so nothing can be copied or invented. Every text here is a prefill: reviewers edit it.
import type { Claim, Party } from '../domain/schema.ts';
import { formatDate } from '../i18n/dates.ts';
import type { Lang } from '../i18n/lang.ts';

type Names = (id: string, lang: Lang, oblique?: boolean) => string;

/** "a, b and c" / «ا، ب اور ج». */
export function joinNames(names: string[], lang: Lang): string {
  if (names.length <= 1) return names[0] ?? '';
  const and = lang === 'ur' ? ' اور ' : ' and ';
  const comma = lang === 'ur' ? '، ' : ', ';
  return `${names.slice(0, -1).join(comma)}${and}${names.at(-1)}`;
}

/** A party's name in a language; in Urdu, the oblique form when one is recorded. */
export function partyNamer(parties: ReadonlyMap<string, Party>): Names {
  return (id, lang, oblique = false) => {
    const p = parties.get(id);
    if (!p) return id;
    return lang === 'ur' && oblique ? (p.urOblique ?? p.name.ur) : p.name[lang];
  };
}

const EN: Record<Claim['type'], (by: string, against: string) => string> = {
  accusation: (by, a) => `${by} attributed the attack to ${a}.`,
  confirmation: (by, a) => `${by} backed the attribution to ${a}.`,
  'counter-accusation': (by, a) => `${by} turned the charge on ${a}.`,
  denial: (by) => `${by} denied involvement.`,
  'claim-of-responsibility': (by) => `${by} claimed responsibility for the attack.`,
  'tacit-acknowledgement': (by) => `${by} appeared to acknowledge involvement without saying so outright.`,
  'no-response': (by) => `${by} did not respond to a request for comment.`,
  'declined-to-comment': (by) => `${by} declined to comment.`,
  sanction: (by, a) => `${by} imposed sanctions on ${a}.`,
  indictment: (by, a) => `${by} brought charges against ${a}.`,
  arrest: (by, a) => `${by} announced the arrest of ${a}.`,
  conviction: (by, a) => `${by} announced a conviction of ${a}.`,
  advisory: (by, a) => (a ? `${by} issued a security advisory about ${a}.` : `${by} issued a security advisory.`),
  takedown: (by, a) => (a ? `${by} took down infrastructure used by ${a}.` : `${by} took down the infrastructure used in the attack.`),
  'diplomatic-action': (by, a) => (a ? `${by} took diplomatic action against ${a}.` : `${by} took diplomatic action.`),
  statement: (by) => `${by} made a statement on the matter.`,
};

const UR: Record<Claim['type'], (by: string, against: string) => string> = {
  accusation: (by, a) => `${by} نے حملے کا الزام ${a} پر عائد کیا۔`,
  confirmation: (by, a) => `${by} نے ${a} پر عائد الزام کی تائید کی۔`,
  'counter-accusation': (by, a) => `${by} نے الٹا ${a} پر الزام لگایا۔`,
  denial: (by) => `${by} نے ملوث ہونے کی تردید کی۔`,
  'claim-of-responsibility': (by) => `${by} نے حملے کی ذمہ داری قبول کی۔`,
  'tacit-acknowledgement': (by) => `${by} نے واضح طور پر کہے بغیر ملوث ہونے کا اشارہ دیا۔`,
  'no-response': (by) => `${by} نے تبصرے کی درخواست کا جواب نہیں دیا۔`,
  'declined-to-comment': (by) => `${by} نے تبصرے سے انکار کیا۔`,
  sanction: (by, a) => `${by} نے ${a} پر پابندیاں عائد کیں۔`,
  indictment: (by, a) => `${by} نے ${a} پر فرد جرم عائد کی۔`,
  arrest: (by, a) => `${by} نے ${a} کی گرفتاری کا اعلان کیا۔`,
  conviction: (by, a) => `${by} نے ${a} کو سزا سنائے جانے کا اعلان کیا۔`,
  advisory: (by, a) => (a ? `${by} نے ${a} کے بارے میں سکیورٹی ایڈوائزری جاری کی۔` : `${by} نے سکیورٹی ایڈوائزری جاری کی۔`),
  takedown: (by, a) => (a ? `${by} نے ${a} کے زیر استعمال نیٹ ورک کے خلاف کارروائی کی۔` : `${by} نے حملے میں استعمال ہونے والے نیٹ ورک کے خلاف کارروائی کی۔`),
  'diplomatic-action': (by, a) => (a ? `${by} نے ${a} کے خلاف سفارتی اقدام کیا۔` : `${by} نے سفارتی اقدام کیا۔`),
  statement: (by) => `${by} نے اس معاملے پر بیان دیا۔`,
};

/** A claim's paraphrase in both languages, from its type and parties. */
export function claimSummary(claim: Pick<Claim, 'type' | 'by' | 'against'>, names: Names): { en: string; ur: string } {
  return {
    en: EN[claim.type](names(claim.by, 'en'), joinNames(claim.against.map((id) => names(id, 'en')), 'en')),
    ur: UR[claim.type](names(claim.by, 'ur', true), joinNames(claim.against.map((id) => names(id, 'ur', true)), 'ur')),
  };
}

/** A new incident's title and summary from its first accusation (or claim of responsibility). */
export function incidentPrefill(lead: Pick<Claim, 'type' | 'by' | 'against' | 'date'>, names: Names): { title: { en: string; ur: string }; summary: { en: string; ur: string } } {
  const when = { en: formatDate(lead.date, 'en'), ur: formatDate(lead.date, 'ur') };
  const accused = { en: joinNames(lead.against.map((id) => names(id, 'en')), 'en'), ur: joinNames(lead.against.map((id) => names(id, 'ur', true)), 'ur') };
  if (lead.type === 'claim-of-responsibility' || !lead.against.length) {
    return {
      title: { en: `Cyber attack claimed by ${names(lead.by, 'en')} (${when.en})`, ur: `${names(lead.by, 'ur', true)} کی جانب سے سائبر حملے کا دعویٰ (${when.ur})` },
      summary: {
        en: `${names(lead.by, 'en')} claimed a cyber attack in ${when.en}. No government has attributed it on the record so far.`,
        ur: `${names(lead.by, 'ur', true)} نے ${when.ur} میں ایک سائبر حملے کی ذمہ داری قبول کی۔ اب تک کسی حکومت نے باضابطہ طور پر اس کا الزام کسی پر عائد نہیں کیا۔`,
      },
    };
  }
  return {
    title: { en: `Cyber attack attributed to ${accused.en} (${when.en})`, ur: `${accused.ur} سے منسوب سائبر حملہ (${when.ur})` },
    summary: {
      en: `In ${when.en}, ${names(lead.by, 'en')} attributed a cyber attack to ${accused.en}.`,
      ur: `${when.ur} میں ${names(lead.by, 'ur', true)} نے ایک سائبر حملے کا الزام ${accused.ur} پر عائد کیا۔`,
    },
  };
}
