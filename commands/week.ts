// /week [lang] [date]: "This week in attribution" for the seven days up to today (in the
// configured zone) or up to a given date, with the same week in past years from the archive.
import type { Command } from '../src/core/command.ts';
import { say } from '../src/i18n/lang.ts';
import { localDay, parseDay } from '../src/i18n/time.ts';
import { usageReply } from '../src/reply/common.ts';
import { weekClaims, weekReply } from '../src/summary/week.ts';
import { cleanText, echo } from '../src/text/clean.ts';
import { LANG_OPTION } from './shared.ts';
import { embed } from '../src/i18n/bidi.ts';

export const week: Command = {
  name: 'week',
  description: { en: 'This week in attribution: new claims, and this week in past years', ur: 'سات دن کے نئے سائبر الزامات اور گزشتہ برسوں میں یہی ہفتہ' },
  examples: { en: ['', 'date:2023-05-24'], ur: ['lang:ur', 'date:2023-05-24 lang:ur'] },
  options: [
    LANG_OPTION,
    { name: 'date', kind: 'date', description: { en: 'Show the week ending on this day (YYYY-MM-DD)', ur: 'اس تاریخ پر ختم ہونے والا ہفتہ (YYYY-MM-DD)' } },
  ],
  run(input, ctx) {
    const lang = ctx.lang;
    const given = cleanText(input.date);
    const day = given ? parseDay(given) : localDay(ctx.now, ctx.timeZone);
    if (!day) {
      return usageReply(
        lang,
        say(lang, { en: `“${embed(echo(given), 'en')}” is not a date`, ur: `تاریخ ’${embed(echo(given), 'ur')}‘ درست نہیں` }),
        say(lang, { en: 'Write the date as YYYY-MM-DD, for example date:2024-05-24', ur: `تاریخ اس طرح لکھیں: ${embed('date:2024-05-24', 'ur')}` }),
      );
    }
    return weekReply(ctx.kb, weekClaims(ctx.kb, day), lang);
  },
};
