// /help [lang]: what the bot does and how to ask, one entry per command of the registry it
// runs in, each with its examples as the asker would type them. Commands the asker may not
// run here (an admin command in a DM, say) are listed with who may.
import type { Command, CommandContext } from '../src/core/command.ts';
import { formatDate } from '../src/i18n/dates.ts';
import { embed } from '../src/i18n/bidi.ts';
import { reviewedLine, t } from '../src/i18n/labels.ts';
import { say } from '../src/i18n/lang.ts';
import { emptyReply } from '../src/reply/model.ts';
import { commandText, LANG_OPTION } from './shared.ts';

const INTRO = {
  en: 'Ask about a cyber attack or an actor by any name, in English or Urdu, with typos. Every answer shows both sides and cites its sources. Add lang:ur for Urdu, lang:en for English.',
  ur: `کسی سائبر حملے یا گروپ کے بارے میں کسی بھی نام سے، اردو یا انگریزی میں پوچھیں، ہجے کی غلطی کے ساتھ بھی۔ ہر جواب میں دونوں فریقوں کا مؤقف اور ذرائع شامل ہوتے ہیں۔ اردو کے لیے ${embed('lang:ur', 'ur')} اور انگریزی کے لیے ${embed('lang:en', 'ur')} لکھیں۔`,
};

const WHO = {
  admin: { en: 'admins only', ur: 'صرف منتظمین' },
  reviewer: { en: 'reviewers only', ur: 'صرف نظرثانی کرنے والے' },
};

function entry(command: Command, ctx: CommandContext) {
  const lang = ctx.lang;
  const name = ctx.caller.commandName(command.name);
  const examples = command.examples[lang].map((e) => commandText(ctx, command.name, e));
  const access = command.access ?? 'everyone';
  const who = access === 'everyone' ? '' : ` (${say(lang, WHO[access])})`;
  return { label: name, lines: [`${command.description[lang]}${who}`, ...(examples.length ? [examples.join(' · ')] : [])] };
}

export const help: Command = {
  name: 'help',
  description: { en: 'How to use ilzam', ur: '’الزام‘ بوٹ استعمال کرنے کا طریقہ' },
  examples: { en: ['lang:ur'], ur: ['lang:en'] },
  options: [LANG_OPTION],
  private: true,
  run(_input, ctx) {
    const lang = ctx.lang;
    const reply = emptyReply('help', lang, t('helpTitle', lang), true);
    reply.description = INTRO[lang];
    // Outside any chat (the console) the channel commands cannot run: named once, at the end.
    const inChat = ctx.caller.channel !== undefined;
    const usable = ctx.commands.list().filter((c) => inChat || (c.where ?? 'anywhere') === 'anywhere');
    reply.fields = usable.map((c) => entry(c, ctx));
    const elsewhere = ctx.commands.list().filter((c) => !usable.includes(c));
    if (elsewhere.length) {
      reply.fields.push({
        label: elsewhere.map((c) => ctx.caller.commandName(c.name)).join(' · '),
        lines: [say(lang, { en: 'On Discord and Slack: the daily “This week in attribution” post and follows for a channel (admins switch them on).', ur: `ڈسکارڈ اور سلیک پر: کسی چینل کے لیے روزانہ ’${t('weekTitle', 'ur')}‘ کی پوسٹ اور فالو (انہیں صرف منتظمین فعال کر سکتے ہیں)۔` })],
      });
    }
    reply.footer = reviewedLine(formatDate(ctx.kb.reviewed, lang), lang);
    return reply;
  },
};
