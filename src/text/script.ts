// Which script a text is written in, and Urdu digits: the smallest facts about text that the
// search keys, the language choice and the option parsers all need.

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** True when the text contains Arabic-script letters (Urdu, or Urdu typed on an Arabic keyboard). */
export function isArabicScript(text: string): boolean {
  return ARABIC_SCRIPT.test(text);
}

/** Extended Arabic-Indic (Urdu, U+06F0-06F9) and Arabic-Indic (U+0660-0669) digits, as typed on Urdu and Arabic keyboards. */
export const EASTERN_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;

/** One Urdu or Arabic digit as its ASCII digit; any other character unchanged. */
export function foldDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  return ch;
}

/** Every Urdu or Arabic digit in the text as ASCII ("۰۹:۳۰" gives "09:30"). */
export function asciiDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, foldDigit);
}
