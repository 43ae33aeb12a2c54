// The spelling sheet: one spelling for each word the Urdu press writes several ways, so one bot
// does not write «میل ویئر» in one card and «مالویئر» in the next. docs/urdu-style.md explains
// each choice. `npm run data:check` runs the sheet over every Urdu text of the dataset and
// every Urdu string of the bot's own templates; it matches whole words (and word pairs), never
// parts of words.
import { asciiDigits } from '../text/script.ts';

export interface SpellingRule {
  /** The variants the sheet does not use: a word, or two words separated by a space. */
  variants: readonly string[];
  /** The sheet's form. */
  use: string;
}

export const SPELLING_SHEET: readonly SpellingRule[] = [
  { variants: ['میل ویئر', 'میلویئر', 'مال ویئر', 'مالوئیر', 'میل وئیر', 'مالوئر'], use: 'مالویئر' },
  { variants: ['رینسمویئر', 'رینسم وئیر', 'رینسم ویر', 'رینسموئیر', 'رینسم‌ویئر', 'رینسم وئر'], use: 'رینسم ویئر' },
  { variants: ['سیکیورٹی', 'سیکورٹی', 'سکیوریٹی', 'سیکیوریٹی', 'سکیورٹي'], use: 'سکیورٹی' },
  { variants: ['گذشتہ'], use: 'گزشتہ' },
  { variants: ['انھوں'], use: 'انہوں' },
  { variants: ['انھیں'], use: 'انہیں' },
  { variants: ['انھی'], use: 'انہی' },
  { variants: ['جنھوں'], use: 'جنہوں' },
  { variants: ['جنھیں'], use: 'جنہیں' },
  { variants: ['تمھیں'], use: 'تمہیں' },
  { variants: ['ہیکر گروپ', 'ہیکرز گروپ', 'ہیکر گروہ'], use: 'ہیکنگ گروپ' },
  { variants: ['ریاستی سرپرستی یافتہ'], use: 'ریاستی سرپرستی میں' },
];

/**
 * English s+t at the start of a word is written with an alef (اسٹیٹ، اسٹارم، اسٹکس نیٹ). A few
 * words start with س and ٹ and a vowel between them that the script does not write: "city"
 * and "citizen" are سٹی and سٹیزن, not an s+t cluster.
 */
const LEADING_ST = /^سٹ/u;
const NOT_ST_CLUSTER: ReadonlySet<string> = new Set(['سٹی', 'سٹیز', 'سٹیزن', 'سٹیزنز']);

/** Arabic letter forms typed instead of the Urdu ones (ي ك ه for ی ک ہ). */
const ARABIC_FORMS: Record<string, string> = { '\u064A': 'ی', '\u0643': 'ک', '\u0647': 'ہ' };

export interface SpellingProblem {
  found: string;
  use: string;
}

// Letters, marks and the zero-width joiners belong to a word; anything else ends it.
const WORD = /[\p{L}\p{M}\u200C\u200D]+/gu;
const ARABIC_WORD = /[\u0600-\u06FF]/u;

/** The Urdu words of a text, with whether each is followed directly (only a space) by the next. */
function words(text: string): { word: string; joined: boolean }[] {
  const out: { word: string; joined: boolean }[] = [];
  let previousEnd = -1;
  for (const m of text.matchAll(WORD)) {
    const joined = previousEnd >= 0 && /^ +$/u.test(text.slice(previousEnd, m.index));
    out.push({ word: m[0], joined });
    previousEnd = m.index + m[0].length;
  }
  return out;
}

const BY_VARIANT: ReadonlyMap<string, string> = new Map(SPELLING_SHEET.flatMap((r) => r.variants.map((v) => [v, r.use] as const)));

/**
 * Where an Urdu text departs from the sheet: a variant word or word pair, a leading سٹ, an
 * Arabic letter form, an Eastern digit, «ء» after a year, or English double quotes (the sheet
 * quotes with ’…‘).
 */
export function spellingProblems(text: string): SpellingProblem[] {
  const problems: SpellingProblem[] = [];
  const list = words(text);
  list.forEach(({ word }, i) => {
    if (!ARABIC_WORD.test(word)) return;
    const pair = list[i + 1]?.joined ? `${word} ${list[i + 1]!.word}` : undefined;
    const pairUse = pair ? BY_VARIANT.get(pair) : undefined;
    if (pairUse) problems.push({ found: pair!, use: pairUse });
    const use = BY_VARIANT.get(word);
    if (use) problems.push({ found: word, use });
    if (LEADING_ST.test(word) && !NOT_ST_CLUSTER.has(word)) problems.push({ found: word, use: `ا${word}` });
    const arabic = [...word].filter((ch) => ch in ARABIC_FORMS);
    if (arabic.length) problems.push({ found: word, use: [...word].map((ch) => ARABIC_FORMS[ch] ?? ch).join('') });
  });
  for (const m of text.matchAll(/[\u06F0-\u06F9\u0660-\u0669]+/gu)) problems.push({ found: m[0], use: asciiDigits(m[0]) });
  for (const m of text.matchAll(/\d+ ?ء/gu)) problems.push({ found: m[0], use: m[0].replace(/ ?ء$/u, '') });
  for (const m of text.matchAll(/[“”"]/gu)) problems.push({ found: m[0], use: '’…‘' });
  return problems;
}
