// /week [lang] [date]: "This week in attribution" for the seven days up to today (in the
// configured zone) or up to a given date, with the same week in past years from the archive.
import type { Command } from '../src/core/command.ts';
import { cleanText, echo } from '../src/text/clean.ts';
import { usageReply } from '../src/knowledge/lookup.ts';
import { localDay } from '../src/i18n/time.ts';
import { weekDigest, weekReply } from '../src/summary/week.ts';
import { inLanguage, LANG_OPTION } from './shared.ts';

export function parseDay(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}

export const week: Command = {
  name: 'week',
  description: { en: 'This week in attribution: new claims, and this week in past years', ur: 'اس ہفتے کے سائبر الزامات، اور گزشتہ برسوں میں یہی ہفتہ' },
  example: '/week',
  options: [
    LANG_OPTION,
    { name: 'date', kind: 'date', description: { en: 'Show the week ending on this day (YYYY-MM-DD)', ur: 'اس تاریخ پر ختم ہونے والا ہفتہ (YYYY-MM-DD)' } },
  ],
  run(input, ctx) {
    return inLanguage(input.lang, undefined, ctx, (lang) => {
      const given = cleanText(input.date);
      const day = given ? parseDay(given) : localDay(ctx.now, ctx.timeZone);
      if (!day) {
        return usageReply(
          lang,
          lang === 'ur' ? `تاریخ “${echo(given)}” درست نہیں` : `“${echo(given)}” is not a date`,
          lang === 'ur' ? 'تاریخ اس طرح لکھیں: date:2024-05-24' : 'Write the date as YYYY-MM-DD, for example date:2024-05-24',
        );
      }
      return weekReply(ctx.kb, weekDigest(ctx.kb, day), lang);
    });
  },
};
