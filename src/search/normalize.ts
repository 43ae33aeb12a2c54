// Search keys: one folding applied to stored names and to typed queries alike, so that
// "APT 28" = "apt28" = "APT-28" and يوكرين (Arabic keyboard) = یوکرین (Urdu keyboard).
// Keys are for matching only; replies always show the original text.
// The Urdu table follows ../shared/notes/search.md (urduhack and Lucene's Arabic/Sorani folding).

import { foldDigit, isArabicScript } from '../text/script.ts';

export { isArabicScript };

// Letter variants folded to the Urdu form a search key uses.
const LETTER_FOLDS: Record<string, string> = {
  '\u064A': '\u06CC', // ي Arabic yeh -> ی
  '\u0649': '\u06CC', // ى alef maksura -> ی
  '\u06D2': '\u06CC', // ے bari yeh -> ی (word-final spelling varies)
  '\u06D3': '\u06CC', // ۓ
  '\u0643': '\u06A9', // ك Arabic kaf -> ک
  '\u0647': '\u06C1', // ه Arabic heh -> ہ
  '\u06D5': '\u06C1', // ە
  '\u0629': '\u06C1', // ة teh marbuta -> ہ
  '\u06C3': '\u06C1', // ۃ
  '\u06C2': '\u06C1', // ۂ (heh with hamza above, when NFD leaves it composed)
  '\u0623': '\u0627', // أ -> ا
  '\u0625': '\u0627', // إ -> ا
  '\u0622': '\u0627', // آ -> ا
  '\u0671': '\u0627', // ٱ -> ا
  '\u0624': '\u0648', // ؤ -> و
  '\u0626': '\u06CC', // ئ -> ی
};

// Marks and invisible characters that carry no meaning for matching: Arabic diacritics and
// Quranic marks, the superscript alef, tatweel, zero-width and bidi controls, the BOM.
const STRIP = /[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0300-\u036F]/g;

const ASCII = /^[\x00-\x7F]*$/;
// Every character LETTER_FOLDS or foldDigit changes.
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}\u06F0-\u06F9\u0660-\u0669]`, 'g');


/**
 * Folds text into a search key: words separated by single spaces, lowercase, no diacritics,
 * Urdu letter variants unified, punctuation and symbols dropped, digits in ASCII.
 */
export function normalizeText(text: string): string {
  // Plain ASCII (most names, every English summary) needs none of the Unicode steps below:
  // the same result, without the cost, for the hundreds of thousands of texts an index holds.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  // Urdu (with Latin, digits, punctuation): every step below works character by character
  // there, so one table look-up per character gives the same result several times faster.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const mapped = FAST[text.charCodeAt(i)];
    if (mapped === undefined) return slowNormalize(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    out += mapped;
  }
  return out.replace(/ +/g, ' ').trim();
}

/** NFKD, marks stripped, letters folded, lowercase: everything but the word separation. */
function slowNormalize(text: string): string {
  // NFKC then NFD is NFKD: presentation forms folded back to letters, marks split off.
  const s = text.normalize('NFKD').replace(STRIP, '');
  return s.replace(FOLDABLE, (ch) => LETTER_FOLDS[ch] ?? foldDigit(ch)).toLowerCase();
}

// Characters below U+0700 (Latin-1, Latin Extended, Greek, Cyrillic, Arabic and Urdu) and the
// invisible marks: NFKD, stripping, folding and lowercasing each map one character on its own
// (marks that NFKD might reorder are dropped or become separators either way), so each one's
// result is computed once; anything not a letter or a digit becomes a space. Left out, so the
// text takes the slow path: everything from U+0700 up, and whatever decomposes to a Greek
// capital sigma (its lowercase depends on the letter after it).
const FAST: Array<string | undefined> = [];
for (const [from, to] of [[0, 0x06ff], [0x200b, 0x200f], [0x202a, 0x202e], [0x2066, 0x2069], [0xfeff, 0xfeff]] as const) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    if (ch.normalize('NFKD').includes('\u03A3')) continue;
    FAST[c] = slowNormalize(ch).replace(/[^\p{L}\p{N}]/gu, ' ');
  }
}

/** The key for exact-name lookup: the normalized text with all spaces removed. */
export function compactKey(text: string): string {
  return normalizeText(text).replace(/ /g, '');
}
