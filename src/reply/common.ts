// The replies every command and adapter shares: usage hints, a language the bot does not
// speak, refusals, and the apology for a bug, each in the asker's language.
import { embed } from '../i18n/bidi.ts';
import { say, type Lang, type Texts } from '../i18n/lang.ts';
import { echo } from '../text/clean.ts';
import { emptyReply, type Reply } from './model.ts';

export function usageReply(lang: Lang, title: string, text: string): Reply {
  const reply = emptyReply('usage', lang, title, true);
  reply.description = text;
  return reply;
}

export function badLangReply(given: string, lang: Lang): Reply {
  return usageReply(
    lang,
    lang === 'ur' ? `زبان ’${embed(echo(given), 'ur')}‘ دستیاب نہیں` : `Unknown language “${embed(echo(given), 'en')}”`,
    lang === 'ur' ? `${embed('lang:ur', 'ur')} (اردو) یا ${embed('lang:en', 'ur')} (انگریزی) لکھیں۔` : 'Use lang:en (English) or lang:ur (Urdu).',
  );
}

/** What is sent when building or sending the real answer failed. */
export function apologyReply(lang: Lang): Reply {
  const reply = emptyReply('error', lang, say(lang, { en: 'Sorry, something went wrong', ur: 'معذرت، کچھ غلط ہو گیا' }), true);
  reply.description = say(lang, { en: 'Please try again, or see /help.', ur: `دوبارہ کوشش کریں، یا ${embed('/help', 'ur')} دیکھیں۔` });
  return reply;
}

/** A command only some people may run, refused with who may. */
export function notAllowedReply(lang: Lang, title: Texts, whoMay: Texts): Reply {
  const reply = emptyReply('error', lang, say(lang, title), true);
  reply.description = say(lang, whoMay);
  return reply;
}

/** A command for a server's or workspace's channel, run elsewhere (a DM, the console). */
export function notHereReply(lang: Lang, command: string): Reply {
  return usageReply(
    lang,
    say(lang, { en: `${command} works in a channel`, ur: `${embed(command, 'ur')} صرف کسی چینل میں کام کرتی ہے` }),
    say(lang, {
      en: 'Run it in a channel of a Discord server or a Slack workspace where ilzam is installed.',
      ur: 'اسے کسی ڈسکارڈ سرور یا سلیک ورک اسپیس کے اس چینل میں چلائیں جہاں ’الزام‘ بوٹ موجود ہو۔',
    }),
  );
}

/** A command that needs a service this copy of the bot runs without (the console has no state). */
export function unavailableReply(lang: Lang, what: Texts): Reply {
  const reply = emptyReply('error', lang, say(lang, what), true);
  reply.description = say(lang, {
    en: 'This copy of ilzam runs without its state store. Ask the bot’s operator to run it on Discord or Slack with npm start.',
    ur: `’الزام‘ بوٹ کا یہ نسخہ اسٹیٹ اسٹور کے بغیر چل رہا ہے۔ بوٹ چلانے والے سے کہیں کہ اسے ${embed('npm start', 'ur')} کے ذریعے ڈسکارڈ یا سلیک پر چلائیں۔`,
  });
  return reply;
}
