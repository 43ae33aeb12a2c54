// /subscribe [lang] [time] [zone]: post "This week in attribution" in this channel every day.
// Admins only, in a channel. Slack passes the options as free text, so "lang:ur time:21:30
// zone:Europe/London" and the shorter "ur 21:30 Europe/London" both work.
import type { Command, CommandInput } from '../src/core/command.ts';
import { tryParseLang } from '../src/i18n/lang.ts';
import { digestOffReply, digestRequest } from './digest-shared.ts';
import { LANG_OPTION } from './shared.ts';

const NAMED = /^(lang|time|zone)[:=](.*)$/i;
const STARTS_WITH_DIGIT = /^[\d\u06F0-\u06F9\u0660-\u0669]/;

/**
 * lang:, time: and zone: anywhere; a bare language word is the language, a bare word starting
 * with a digit the time, and the other words the zone ("America/New York" has a space). The
 * values are checked by the service, which answers a bad one with an example.
 */
export function parseSubscribeText(text: string): CommandInput {
  const options: CommandInput = {};
  const zoneWords: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const named = NAMED.exec(word);
    if (named) options[named[1]!.toLowerCase()] = named[2];
    else if (options.lang === undefined && tryParseLang(word)) options.lang = word;
    else if (options.time === undefined && STARTS_WITH_DIGIT.test(word)) options.time = word;
    else zoneWords.push(word);
  }
  if (zoneWords.length) options.zone = [options.zone, ...zoneWords].filter(Boolean).join(' ');
  return options;
}

export const subscribe: Command = {
  name: 'subscribe',
  description: { en: 'Post “This week in attribution” in this channel every day', ur: 'اس چینل میں روزانہ ’اس ہفتے کے سائبر الزامات‘ پوسٹ کریں' },
  examples: { en: ['', 'lang:ur time:21:30 zone:Europe/London'], ur: ['lang:ur', 'lang:ur time:21:30 zone:Asia/Karachi'] },
  options: [
    { ...LANG_OPTION, description: { en: 'Post (and answer) in English or Urdu', ur: 'پوسٹ (اور جواب) انگریزی یا اردو میں' } },
    { name: 'time', kind: 'time', maxLength: 10, description: { en: 'Time of day, 24-hour, e.g. 09:00 (the default) or 21:30', ur: 'دن کا وقت، 24 گھنٹے کے حساب سے، مثلاً 09:00 یا 21:30' } },
    { name: 'zone', kind: 'zone', maxLength: 64, autocomplete: 'zone', description: { en: 'Time zone, e.g. Asia/Karachi (default: the bot’s DIGEST_TZ)', ur: 'ٹائم زون، مثلاً Asia/Karachi' } },
  ],
  access: 'admin',
  where: 'channel',
  private: true,
  parseText: parseSubscribeText,
  run(input, ctx) {
    const service = ctx.services.subscriptions;
    if (!service) return digestOffReply(ctx);
    // The registry decided the answer language from lang:, so it is also the post's language.
    const language = input.lang?.trim() ? ctx.lang : undefined;
    return service.subscribe(digestRequest(ctx), { language, time: input.time, zone: input.zone });
  },
};
