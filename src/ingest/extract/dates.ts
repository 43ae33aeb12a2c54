// The date of a claim, from its sentence where it says when ("on Tuesday", "on 14 October
// 2024", «منگل کو», «14 اکتوبر 2024 کو»), else the article's date. Weekdays are read as the
// last such day on or before the article's date. Without an article date and a full date in
// the sentence, the date stays null: nothing is guessed.
const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTHS_UR = ['جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر', 'نومبر', 'دسمبر'];
const DAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAYS_UR = ['اتوار', 'پیر', 'منگل', 'بدھ', 'جمعرات', 'جمعہ', 'ہفتہ'];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function valid(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function claimDate(sentence: string, lang: 'en' | 'ur', published?: string): string | null {
  const pub = published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : undefined;
  const pubTime = pub ? Date.parse(`${pub}T00:00:00Z`) : undefined;
  const s = sentence.replace(/[\u06F0-\u06F9]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
  const months = lang === 'en' ? MONTHS_EN : MONTHS_UR;
  const monthRe = months.map((m) => (lang === 'en' ? `${m.slice(0, 3)}[a-z]*\\.?` : m)).join('|');
  // "on 14 October 2024", "on October 14, 2024", «14 اکتوبر 2024 کو»; a date without "on"/«کو»
  // may be when the attack happened, not when the claim was made.
  const explicit =
    lang === 'en'
      ? new RegExp(`\\bon (?:(\\d{1,2}) (${monthRe})(?:,? (\\d{4}))?|(${monthRe}) (\\d{1,2})(?:,? (\\d{4}))?)\\b`, 'i').exec(s)
      : new RegExp(`(\\d{1,2}) (${monthRe})(?: (\\d{4}))? (?:کو)`).exec(s);
  if (explicit) {
    const [day, monthWord, year] = lang === 'en' && explicit[4] ? [explicit[5], explicit[4], explicit[6]] : [explicit[1], explicit[2], explicit[3]];
    const month = months.findIndex((m) => (lang === 'en' ? monthWord!.toLowerCase().startsWith(m.slice(0, 3)) : monthWord === m)) + 1;
    let y = year ? Number(year) : pub ? Number(pub.slice(0, 4)) : undefined;
    if (y !== undefined && !year && pub && iso(y, month, Number(day)) > pub) y -= 1; // "on 30 December" in a January article
    if (y !== undefined && month > 0 && valid(y, month, Number(day))) {
      const d = iso(y, month, Number(day));
      if (!pub || d <= pub) return d;
    }
  }
  if (pubTime !== undefined) {
    const days = lang === 'en' ? DAYS_EN : DAYS_UR;
    const dayRe = lang === 'en' ? new RegExp(`\\bon (${days.join('|')})\\b`, 'i') : new RegExp(`(${days.join('|')}) (?:کو|کے روز|کے دن)`);
    const w = dayRe.exec(s);
    if (w) {
      const wanted = days.indexOf(lang === 'en' ? w[1]!.toLowerCase() : w[1]!);
      const pubDay = new Date(pubTime).getUTCDay();
      const back = (pubDay - wanted + 7) % 7;
      return new Date(pubTime - back * 86_400_000).toISOString().slice(0, 10);
    }
  }
  return pub ?? null;
}
