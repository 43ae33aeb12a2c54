// Which of our two languages a text is in: Urdu (Arabic script with the letters Urdu has and
// Arabic and Persian lack or rarely use: ٹ ڈ ڑ ں ے ھ) or English (Latin script with common
// English function words). Anything else is neither, and the pipeline skips it with that reason.
const ARABIC_LETTER = /[\u0600-\u06FF]/g;
const URDU_ONLY = /[\u0679\u0688\u0691\u06BA\u06D2\u06BE]/g; // ٹ ڈ ڑ ں ے ھ
const LATIN_LETTER = /[A-Za-z]/g;
const ENGLISH_WORDS = /\b(the|and|of|to|in|that|said|was|is|for|with|on|by|has|have|it)\b/gi;

export type Detected = 'en' | 'ur' | undefined;

export function detectLanguage(text: string): Detected {
  const sample = text.slice(0, 20_000);
  const arabic = sample.match(ARABIC_LETTER)?.length ?? 0;
  const latin = sample.match(LATIN_LETTER)?.length ?? 0;
  if (arabic + latin < 20) return undefined;
  if (arabic > latin) {
    const urdu = sample.match(URDU_ONLY)?.length ?? 0;
    // Urdu prose has several of these letters per hundred; Arabic and Persian almost none.
    return urdu / arabic >= 0.02 ? 'ur' : undefined;
  }
  const words = sample.match(/[A-Za-z]+/g)?.length ?? 0;
  const english = sample.match(ENGLISH_WORDS)?.length ?? 0;
  return words >= 5 && english / words >= 0.08 ? 'en' : undefined;
}
