// Search keys: one folding applied to stored names and to typed queries alike, so that
// "APT 28" = "apt28" = "APT-28" and يوكرين (Arabic keyboard) = یوکرین (Urdu keyboard).
// Keys are for matching only; replies always show the original text.
// The Urdu table follows ../shared/notes/search.md (urduhack and Lucene's Arabic/Sorani folding).

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** True when the text contains Arabic-script letters (Urdu, or Urdu typed on an Arabic keyboard). */
export function isArabicScript(text: string): boolean {
  return ARABIC_SCRIPT.test(text);
}

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

// Extended Arabic-Indic (Urdu) and Arabic-Indic digits -> ASCII.
function foldDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  return ch;
}

/**
 * Folds text into a search key: words separated by single spaces, lowercase, no diacritics,
 * Urdu letter variants unified, punctuation and symbols dropped, digits in ASCII.
 */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC').normalize('NFD').replace(STRIP, '');
  let out = '';
  for (const ch of s) out += LETTER_FOLDS[ch] ?? foldDigit(ch);
  s = out.toLowerCase();
  // Anything that is not a letter or a digit separates words (hyphens, dots, quotes, emoji, ‘’).
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return s;
}

/** The key for exact-name lookup: the normalized text with all spaces removed. */
export function compactKey(text: string): string {
  return normalizeText(text).replace(/ /g, '');
}
