// A consonant skeleton shared by Latin and Urdu script, so that an English name typed in Urdu
// letters with no curated Urdu alias (سولر ونڈز) can still find SolarWinds. Vowels and the
// letters Urdu uses as vowels (ا و ی ے ہ ھ ع) are dropped on both sides; sounds Urdu spells
// with several letters are merged. Short skeletons collide, so this only proposes candidates.
import { normalizeText } from './normalize.ts';

const URDU_CONSONANTS: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ٹ': 't', 'ط': 't', 'ث': 's', 'ج': 'j', 'چ': 'c', 'خ': 'k',
  'د': 'd', 'ڈ': 'd', 'ذ': 's', 'ر': 'r', 'ڑ': 'r', 'ز': 's', 'ژ': 's', 'س': 's', 'ش': 'x',
  'ص': 's', 'ض': 's', 'ظ': 's', 'غ': 'g', 'ف': 'f', 'ق': 'k', 'ک': 'k', 'گ': 'g', 'ل': 'l',
  'م': 'm', 'ن': 'n', 'ں': 'n',
};

// Latin spellings first folded to one letter per sound, in this order.
const LATIN_DIGRAPHS: Array<[RegExp, string]> = [
  [/x/g, 'ks'], // before "sh" becomes x
  [/[ts]ion/g, 'xn'], // "equation" is said (and written in Urdu) with sh: ایکویشن
  [/ph/g, 'f'],
  [/sh/g, 'x'],
  [/ch/g, 'c'],
  [/th/g, 't'],
  [/kh/g, 'k'],
  [/gh/g, 'g'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/q/g, 'k'],
  [/z/g, 's'],
];

function collapse(skeleton: string): string {
  return skeleton.replace(/(.)\1+/g, '$1');
}

/** The skeleton of a name in Latin letters; '' when it has none. */
export function latinSkeleton(text: string): string {
  let s = normalizeText(text).replace(/[^a-z]/g, '');
  for (const [re, to] of LATIN_DIGRAPHS) s = s.replace(re, to);
  return collapse(s.replace(/[aeiouwyvh]/g, ''));
}

/** The skeleton of a name in Urdu script; '' when it has none. */
export function urduSkeleton(text: string): string {
  let out = '';
  for (const ch of normalizeText(text)) out += URDU_CONSONANTS[ch] ?? '';
  return collapse(out);
}

/** Skeletons shorter than this match too many names to be worth proposing. */
export const MIN_SKELETON = 3;
