// Reading the time and zone options of /subscribe. Lenient in form, strict in value: "9",
// "9:00", "09.00", "0900" and "۰۹:۰۰" (Urdu digits) all mean 09:00, but "25:99", "9am" or
// "24:00" are refused with an example, never guessed at.
import { cleanText } from '../text/clean.ts';
import { isValidTimeZone } from '../i18n/time.ts';
import { asciiDigits } from '../text/script.ts';

/** A 24-hour time as HH:MM, or undefined if the text is not one. */
export function parseTime(raw: string): string | undefined {
  const text = asciiDigits(cleanText(raw, 20)).replace(/\s+/g, '');
  const m = /^(\d{1,2})(?:[:.٫](\d{2}))?$/.exec(text) ?? /^(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** An IANA zone in its canonical spelling ("asia/karachi" gives Asia/Karachi), or undefined. */
export function parseZone(raw: string): string | undefined {
  const text = cleanText(raw, 64).replace(/\s+/g, '_');
  if (!text || !isValidTimeZone(text)) return undefined;
  return new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
}
