// /help [lang]: what the bot does and how to ask, with an example per command.
import type { Command } from '../src/core/command.ts';
import { formatDate } from '../src/i18n/dates.ts';
import { t } from '../src/i18n/labels.ts';
import { emptyReply } from '../src/reply/model.ts';
import { inLanguage, LANG_OPTION } from './shared.ts';

const INTRO = {
  en: 'Ask about a cyber attack or an actor by any name, in English or Urdu, with typos. Every answer shows both sides and cites its sources. Add lang:ur for Urdu, lang:en for English.',
  ur: 'کسی سائبر حملے یا گروپ کے بارے میں کسی بھی نام سے، اردو یا انگریزی میں پوچھیں۔ ہر جواب میں دونوں فریقوں کا مؤقف اور ذرائع شامل ہوتے ہیں۔ اردو کے لیے lang:ur اور انگریزی کے لیے lang:en لکھیں۔',
};

const DIGEST = {
  en: 'On Discord and Slack: a daily “This week in attribution” post in this channel (server or workspace admins).',
  ur: 'ڈسکارڈ اور سلیک پر: اس چینل میں روزانہ “اس ہفتے کے سائبر الزامات” کی پوسٹ (صرف سرور یا ورک اسپیس کے منتظمین کے لیے)۔',
};

const EXAMPLES: Record<string, { en: string; ur: string }> = {
  incident: { en: '/incident volt typhoon · /incident sony hack 2014', ur: '/incident وولٹ ٹائیفون · /incident سونی پکچرز' },
  actor: { en: '/actor fancy bear · /actor china · /actor FBI', ur: '/actor فینسی بئیر · /actor چین' },
  week: { en: '/week · /week date:2023-05-24', ur: '/week lang:ur' },
  help: { en: '/help lang:ur', ur: '/help lang:en' },
};

export function helpCommand(commands: () => Command[]): Command {
  return {
    name: 'help',
    description: { en: 'How to use ilzam', ur: 'الزام بوٹ استعمال کرنے کا طریقہ' },
    example: '/help',
    options: [LANG_OPTION],
    run(input, ctx) {
      return inLanguage(input.lang, undefined, ctx, (lang) => {
        const reply = emptyReply('help', lang, t('helpTitle', lang));
        reply.description = INTRO[lang];
        reply.fields = commands().map((c) => ({
          label: `/${c.name}`,
          lines: [c.description[lang], EXAMPLES[c.name]?.[lang] ?? c.example],
        }));
        // Subscriptions live in the chat adapters (they need a channel and an admin), so help
        // names them here; the Slack adapter rewrites command names to its /ilzam-… form.
        reply.fields.push({ label: '/subscribe · /unsubscribe · /subscriptions', lines: [DIGEST[lang]] });
        reply.footer = `${t('dataset', lang)} ${formatDate(ctx.kb.reviewed, lang)}`;
        return reply;
      });
    },
  };
}
