// How strongly the accuser put it (the Strength scale in src/domain/schema.ts), from the
// words of the sentence. Hedges win over "responsible" ("likely responsible" is likely); a
// link phrase just before the accused ("hackers linked to Iran") is `linked`. No wording, no
// strength: null, never a default.
import type { Strength } from '../../domain/schema.ts';

const EN: Array<[Strength, RegExp]> = [
  ['almost-certain', /\balmost certain(ly)?\b|\bhigh confidence\b|\bnear(ly)? certain\b/i],
  ['highly-likely', /\bhighly likely\b|\bvery likely\b|\bhighly probable\b/i],
  ['likely', /\blikely\b|\bprobabl[ey]\b|\bassess(es|ed)?\b|\bmoderate confidence\b/i],
  ['suspected', /\bsuspect(ed|s)?\b|\bbelieved to\b|\bbelieves?\b|\blow confidence\b|\bpossibly\b|\bmay have\b|\bmight have\b|\bcould (have|be)\b/i],
];
const EN_LINK = /(linked|tied|connected|associated|affiliated|aligned)( to| with)?\s+(the\s+)?(\S+\s+){0,2}$|-linked\s*$/i;
const EN_RESPONSIBLE = /\bresponsible\b|\bcarried out\b|\bformally attributed\b|\bwas behind\b|\bwere behind\b|\bbehind the\b|\bconducted\b|\bperpetrated\b|\borchestrated\b|\bculprits?\b|\bperpetrators?\b/i;
const EN_LINK_ANYWHERE = /\b(linked to|tied to|associated with|connected to|affiliated with|links? (the \S+ )?to)\b|-linked\b/i;

const UR: Array<[Strength, RegExp]> = [
  ['almost-certain', /تقریباً یقینی|تقریبا یقینی|پورا یقین|مکمل یقین/],
  ['highly-likely', /قوی امکان|زیادہ امکان/],
  ['likely', /ممکنہ طور پر|غالباً|غالبا|امکان/],
  ['suspected', /مشتبہ|شبہ|شبے|مشکوک|شک/],
];
const UR_LINK = /منسلک|سے جڑے|سے وابستہ|سے تعلق/;
const UR_RESPONSIBLE = /ذمہ دار|ذمے دار|باضابطہ طور پر|کارروائی کی|پیچھے/;

export function strengthOf(sentence: string, lang: 'en' | 'ur', againstStarts: number[]): Strength | null {
  if (lang === 'en') {
    for (const [strength, re] of EN) if (re.test(sentence)) return strength;
    if (againstStarts.some((at) => EN_LINK.test(sentence.slice(Math.max(0, at - 40), at)))) return 'linked';
    if (againstStarts.some((at) => /^\S*-linked\b/i.test(sentence.slice(at).replace(/^[\p{L}\p{N}.]+/u, (w) => w)))) return 'linked';
    if (EN_RESPONSIBLE.test(sentence)) return 'responsible';
    if (EN_LINK_ANYWHERE.test(sentence)) return 'linked';
    return null;
  }
  for (const [strength, re] of UR) if (re.test(sentence)) return strength;
  if (UR_LINK.test(sentence)) return 'linked';
  if (UR_RESPONSIBLE.test(sentence)) return 'responsible';
  return null;
}
