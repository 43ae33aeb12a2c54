// /subscribe [lang] [time] [zone] [only]: post "This week in attribution" in this channel every
// day, or with only:, just the claims about some actors and states ("only:APT28, Pakistan").
// Admins only, in a channel. Slack passes the options as free text, so "lang:ur time:21:30
// zone:Europe/London" and the shorter "ur 21:30 Europe/London" both work; only: takes the rest
// of the line up to the next named option, so its names may have spaces.
import type { Command, CommandInput } from '../src/core/command.ts';
import { say, tryParseLang } from '../src/i18n/lang.ts';
import { MAX_FILTER_NAMES, resolveFilter } from '../src/knowledge/follow-targets.ts';
import { ambiguousReply, notFoundReply } from '../src/knowledge/lookup.ts';
import { usageReply } from '../src/reply/common.ts';
import { cleanText } from '../src/text/clean.ts';
import { digestOffReply, digestRequest } from './digest-shared.ts';
import { LANG_OPTION } from './shared.ts';

const NAMED = /^(lang|time|zone|only)[:=](.*)$/i;
const STARTS_WITH_DIGIT = /^[\d\u06F0-\u06F9\u0660-\u0669]/;

/**
 * lang:, time: and zone: anywhere; a bare language word is the language, a bare word starting
 * with a digit the time, and the other words the zone ("America/New York" has a space). The
 * values are checked by the service, which answers a bad one with an example.
 */
export function parseSubscribeText(text: string): CommandInput {
  const options: CommandInput = {};
  const zoneWords: string[] = [];
  let inOnly = false;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const named = NAMED.exec(word);
    if (named) {
      const name = named[1]!.toLowerCase();
      options[name] = named[2];
      inOnly = name === 'only';
    } else if (inOnly) options.only = [options.only, word].filter(Boolean).join(' ');
    else if (options.lang === undefined && tryParseLang(word)) options.lang = word;
    else if (options.time === undefined && STARTS_WITH_DIGIT.test(word)) options.time = word;
    else zoneWords.push(word);
  }
  if (zoneWords.length) options.zone = [options.zone, ...zoneWords].filter(Boolean).join(' ');
  return options;
}

export const subscribe: Command = {
  name: 'subscribe',
  description: { en: 'Post “This week in attribution” in this channel every day', ur: 'اس چینل میں روزانہ ’سائبر الزامات کا ہفتہ وار جائزہ‘ پوسٹ کریں' },
  examples: { en: ['', 'only:APT28, Pakistan', 'lang:ur time:21:30 zone:Europe/London'], ur: ['lang:ur', 'only:بھارت، پاکستان', 'lang:ur time:21:30 zone:Asia/Karachi'] },
  options: [
    { ...LANG_OPTION, description: { en: 'Post (and answer) in English or Urdu', ur: 'پوسٹ (اور جواب) انگریزی یا اردو میں' } },
    { name: 'time', kind: 'time', maxLength: 10, description: { en: 'Time of day, 24-hour, e.g. 09:00 (the default) or 21:30', ur: 'دن کا وقت، 24 گھنٹے کے حساب سے، مثلاً 09:00 یا 21:30' } },
    { name: 'zone', kind: 'zone', maxLength: 64, autocomplete: 'zone', description: { en: 'Time zone, e.g. Asia/Karachi (default: the bot’s DIGEST_TZ)', ur: 'ٹائم زون، مثلاً Asia/Karachi' } },
    { name: 'only', kind: 'text', maxLength: 200, description: { en: 'Only claims about these actors and states, e.g. APT28, Pakistan', ur: 'صرف ان گروپوں اور ممالک سے متعلق دعوے، مثلاً اے پی ٹی 28، پاکستان' } },
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
    const only = cleanText(input.only);
    if (!only) return service.subscribe(digestRequest(ctx), { language, time: input.time, zone: input.zone });
    const found = resolveFilter(ctx, only);
    if (found.kind === 'too-many') {
      return usageReply(
        ctx.lang,
        say(ctx.lang, { en: `A digest can be filtered to at most ${MAX_FILTER_NAMES} names`, ur: `خلاصے میں زیادہ سے زیادہ ${MAX_FILTER_NAMES} نام رکھے جا سکتے ہیں` }),
        say(ctx.lang, { en: 'A state covers the groups attributed to it: only:China is every Chinese group.', ur: 'کسی ملک کے نام میں اس سے منسوب تمام گروپ شامل ہوتے ہیں: only:چین میں چین کے تمام گروپ آ جاتے ہیں۔' }),
      );
    }
    if (found.kind === 'bad') return found.lookup.kind === 'ambiguous' ? ambiguousReply(ctx, found.name, found.lookup.hits, ctx.lang) : notFoundReply(ctx, found.name, found.lookup.near, ctx.lang);
    return service.subscribe(digestRequest(ctx), { language, time: input.time, zone: input.zone, filter: found.filter, filterText: filterLabel(ctx, found.filter) });
  },
};

/** "APT28, Pakistan" in the answer's language, for the confirmation. */
function filterLabel(ctx: Parameters<Command['run']>[1], filter: { actors: string[]; states: string[] }): string {
  return [...filter.actors, ...filter.states]
    .map((id) => {
      const entity = ctx.kb.entities.get(id)!;
      return (ctx.lang === 'ur' ? entity.name.ur : undefined) ?? entity.name.en;
    })
    .join(ctx.lang === 'ur' ? '، ' : ', ');
}
