// Splits article text into sentences: English on . ! ? (not after an abbreviation or an
// initial), Urdu on ۔ ؟ ! and the Latin full stop some sites use; every line break ends one.
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen col lt sgt rep sen gov st jr sr inc ltd co corp no vs etc jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e a.m p.m u.s u.k u.n approx dept est fig'.split(' '),
);

export function splitSentences(text: string, lang: 'en' | 'ur'): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (lang === 'ur') {
      for (const s of trimmed.split(/(?<=[۔؟!?])\s*|(?<=\.)\s+(?=[\u0600-\u06FF])/)) if (s.trim()) out.push(s.trim());
      continue;
    }
    let startAt = 0;
    const boundary = /[.!?]["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])/g;
    for (const m of trimmed.matchAll(boundary)) {
      const before = trimmed.slice(startAt, m.index + 1);
      const lastWord = /([A-Za-z.]+)\.$/.exec(before)?.[1]?.toLowerCase() ?? '';
      // "U.S." and "Oct." end a word, not the sentence; nor does a single capital initial ("John F. Kennedy").
      if (ABBREVIATIONS.has(lastWord.replace(/\.$/, '')) || /^[a-z]$/.test(lastWord) || /^([a-z]\.)+[a-z]?$/.test(lastWord)) continue;
      out.push(trimmed.slice(startAt, m.index + m[0].length).trim());
      startAt = m.index + m[0].length;
    }
    const rest = trimmed.slice(startAt).trim();
    if (rest) out.push(rest);
  }
  return out;
}
