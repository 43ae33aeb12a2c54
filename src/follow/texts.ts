// Everything /follow, /unfollow and /following say, in English and in Urdu (the news register of
// src/i18n/labels.ts), as neutral Replies. All of it is ephemeral: only the admin who asked sees it.
import { formatDate } from '../i18n/dates.ts';
import { list } from '../i18n/labels.ts';
import { say, type Lang, type Texts } from '../i18n/lang.ts';
import type { FollowTarget } from '../knowledge/follow-targets.ts';
import { emptyReply, type Reply, type Suggestion } from '../reply/model.ts';
import type { AlertChannel } from '../store/state-schema.ts';
import { echo } from '../text/clean.ts';

/** How a command is typed where the reader is: "/follow" on Discord, "/ilzam-follow" on Slack. */
export type CommandNamer = (command: string) => string;

/** Names shown after "also known as": a few, not a vendor catalogue. */
const SHOWN_ALIASES = 5;
/** Groups named after "also covers N groups attributed to China". */
const SHOWN_GROUPS = 6;

function info(lang: Lang, title: string, text?: string): Reply {
  const reply = emptyReply('help', lang, title, true);
  if (text) reply.description = text;
  return reply;
}

function usage(lang: Lang, title: string, text: string): Reply {
  const reply = emptyReply('usage', lang, title, true);
  reply.description = text;
  return reply;
}

function languageName(language: Lang, lang: Lang): string {
  return language === 'ur' ? say(lang, { en: 'Urdu', ur: 'اردو' }) : say(lang, { en: 'English', ur: 'انگریزی' });
}

/** "in Urdu, at most 6 alerts an hour" */
function deliveryText(language: Lang, perHour: number, lang: Lang): string {
  return say(lang, {
    en: `in ${languageName(language, 'en')}, at most ${perHour} alert${perHour === 1 ? '' : 's'} an hour (more claims wait for the next one, never dropped)`,
    ur: `${languageName(language, 'ur')} میں، ایک گھنٹے میں زیادہ سے زیادہ ${perHour} الرٹس (باقی دعوے اگلے الرٹ میں شامل ہوں گے، چھوڑے نہیں جائیں گے)`,
  });
}

export function whatToFollowReply(lang: Lang, example: string): Reply {
  return usage(
    lang,
    say(lang, { en: 'Follow what?', ur: 'کسے فالو کرنا ہے؟' }),
    say(lang, {
      en: `Name an actor, a state or an incident, by any name it goes by, for example: ${example}`,
      ur: `کسی گروپ، ملک یا واقعے کا کوئی بھی نام لکھیں، مثلاً: ${example}`,
    }),
  );
}

export interface FollowedText {
  target: FollowTarget;
  /** "APT28 (Russia)". */
  label: string;
  /** Other names it goes by, for an actor. */
  aliases: string[];
  /** For a state: the groups attributed to it. */
  groups: string[];
  channel: AlertChannel;
  resumed: boolean;
  perHour: number;
}

export function followedReply(f: FollowedText, lang: Lang, namer: CommandNamer): Reply {
  const { label } = f;
  const when = deliveryText(f.channel.language, f.perHour, lang);
  let title: string;
  let text: string;
  if (f.target.kind === 'state') {
    const groups = f.groups.length
      ? say(lang, {
          en: ` Also covers ${f.groups.length} group${f.groups.length === 1 ? '' : 's'} attributed to ${label} (${list(f.groups.slice(0, SHOWN_GROUPS), 'en')}${f.groups.length > SHOWN_GROUPS ? ', …' : ''}), its agencies and officials, and incidents that hit ${label}.`,
          ur: ` اس میں ${label} سے منسوب ${f.groups.length} ہیکنگ گروپ (${list(f.groups.slice(0, SHOWN_GROUPS), 'ur')}${f.groups.length > SHOWN_GROUPS ? '، …' : ''})، اس کے سرکاری ادارے اور حکام، اور وہ واقعات بھی شامل ہیں جن سے ${label} متاثر ہوا۔`,
        })
      : say(lang, {
          en: ` Also covers its agencies and officials, and incidents that hit ${label}.`,
          ur: ` اس میں اس کے سرکاری ادارے اور حکام، اور وہ واقعات بھی شامل ہیں جن سے ${label} متاثر ہوا۔`,
        });
    title = say(lang, { en: `Following ${label}`, ur: `${label} کو فالو کر لیا گیا` });
    text = say(lang, {
      en: `New claims by or against ${label} will be posted in this channel as they are published, ${when}.${groups}`,
      ur: `${label} کی جانب سے یا اس کے خلاف نئے دعوے شائع ہوتے ہی اس چینل میں پوسٹ کیے جائیں گے، ${when}۔${groups}`,
    });
  } else if (f.target.kind === 'incident') {
    title = say(lang, { en: `Following ${label}`, ur: `’${label}‘ کو فالو کر لیا گیا` });
    text = say(lang, {
      en: `New claims about this incident (accusations, denials, official actions) will be posted in this channel as they are published, ${when}.`,
      ur: `اس واقعے سے متعلق نئے دعوے (الزامات، تردیدیں، سرکاری اقدامات) شائع ہوتے ہی اس چینل میں پوسٹ کیے جائیں گے، ${when}۔`,
    });
  } else {
    const aka = f.aliases.length
      ? say(lang, { en: ` Also known as ${list(f.aliases.slice(0, SHOWN_ALIASES), 'en')}${f.aliases.length > SHOWN_ALIASES ? ', …' : ''}: any of its names counts.`, ur: ` اس کے دیگر نام: ${list(f.aliases.slice(0, SHOWN_ALIASES), 'ur')}${f.aliases.length > SHOWN_ALIASES ? '، …' : ''}؛ ان میں سے کسی بھی نام سے آنے والا دعویٰ شامل ہو گا۔` })
      : '';
    title = say(lang, { en: `Following ${label}`, ur: `${label} کو فالو کر لیا گیا` });
    text = say(lang, {
      en: `New claims by or against ${label} will be posted in this channel as they are published, ${when}.${aka}`,
      ur: `${label} کی جانب سے یا اس کے خلاف نئے دعوے شائع ہوتے ہی اس چینل میں پوسٹ کیے جائیں گے، ${when}۔${aka}`,
    });
  }
  if (f.resumed) {
    text += say(lang, { en: ' Alerts in this channel were paused; they are on again.', ur: ' اس چینل میں الرٹس رکے ہوئے تھے؛ اب دوبارہ شروع ہو گئے ہیں۔' });
  }
  const reply = info(lang, title, text);
  reply.footer = say(lang, { en: `${namer('following')} lists what this channel follows.`, ur: `${namer('following')} سے دیکھیں کہ یہ چینل کیا فالو کر رہا ہے۔` });
  return reply;
}

export function alreadyFollowingReply(label: string, lang: Lang, namer: CommandNamer): Reply {
  return usage(
    lang,
    say(lang, { en: `This channel already follows ${label}`, ur: `یہ چینل پہلے ہی ${label} کو فالو کر رہا ہے` }),
    say(lang, { en: `${namer('following')} lists what it follows; ${namer('unfollow')} stops one.`, ur: `${namer('following')} سے فالو کی فہرست دیکھیں؛ ${namer('unfollow')} سے کوئی فالو ختم کریں۔` }),
  );
}

export function followLimitReply(limit: number, lang: Lang, namer: CommandNamer): Reply {
  return usage(
    lang,
    say(lang, { en: `This channel already follows ${limit} things, the most it can`, ur: `یہ چینل پہلے ہی ${limit} موضوعات فالو کر رہا ہے، جو زیادہ سے زیادہ حد ہے` }),
    say(lang, {
      en: `Stop following something with ${namer('unfollow')} first; ${namer('following')} lists them. Following a state covers all the groups attributed to it.`,
      ur: `پہلے ${namer('unfollow')} سے کوئی فالو ختم کریں؛ ${namer('following')} سے فہرست دیکھیں۔ کسی ملک کو فالو کرنے سے اس سے منسوب تمام گروپ بھی شامل ہو جاتے ہیں۔`,
    }),
  );
}

export function unfollowedReply(label: string, lang: Lang): Reply {
  return info(
    lang,
    say(lang, { en: `Unfollowed ${label}`, ur: `${label} کا فالو ختم` }),
    say(lang, { en: 'This channel will no longer get alerts about it.', ur: 'اس چینل میں اب اس بارے میں الرٹ نہیں آئیں گے۔' }),
  );
}

export function notFollowingReply(given: string, followed: Suggestion[], lang: Lang, namer: CommandNamer): Reply {
  const reply = usage(
    lang,
    say(lang, { en: `This channel does not follow “${echo(given)}”`, ur: `یہ چینل ’${echo(given)}‘ کو فالو نہیں کر رہا` }),
    followed.length
      ? say(lang, { en: 'It follows these:', ur: 'یہ چینل انہیں فالو کر رہا ہے:' })
      : say(lang, { en: `It follows nothing yet; ${namer('follow')} starts alerts.`, ur: `یہ چینل ابھی کچھ فالو نہیں کر رہا؛ ${namer('follow')} سے الرٹس شروع کریں۔` }),
  );
  reply.suggestions = followed;
  reply.suggestionsLabel = say(lang, { en: 'Followed here', ur: 'یہاں فالو کیے گئے' });
  return reply;
}

export function whatToUnfollowReply(lang: Lang, namer: CommandNamer): Reply {
  return usage(
    lang,
    say(lang, { en: 'Unfollow what?', ur: 'کس کا فالو ختم کرنا ہے؟' }),
    say(lang, { en: `Name something this channel follows; ${namer('following')} lists them.`, ur: `وہ نام لکھیں جو یہ چینل فالو کر رہا ہے؛ ${namer('following')} سے فہرست دیکھیں۔` }),
  );
}

/** Why alerts were paused, from the kind at the start of pausedReason ("gone: …"). */
export function pauseReasonText(reason: string | undefined, lang: Lang): string {
  if (reason?.startsWith('gone')) return say(lang, { en: 'channel not found', ur: 'چینل نہیں ملا' });
  if (reason?.startsWith('forbidden')) return say(lang, { en: 'no permission to post', ur: 'پوسٹ کرنے کی اجازت نہیں' });
  return say(lang, { en: 'repeated failures', ur: 'بار بار ناکامی' });
}

export interface FollowingLine {
  label: string;
  kind: FollowTarget['kind'];
  since: string;
  /** The followed id is no longer in the data and its names lead nowhere. */
  lost: boolean;
  /** For a state: how many groups it covers. */
  groups: number;
}

const KIND_TEXT: Record<FollowTarget['kind'], Texts> = {
  actor: { en: 'actor', ur: 'گروپ یا ادارہ' },
  state: { en: 'state', ur: 'ملک' },
  incident: { en: 'incident', ur: 'واقعہ' },
};

export function followingReply(lines: FollowingLine[], channel: AlertChannel | undefined, limit: number, perHour: number, lang: Lang, namer: CommandNamer): Reply {
  if (!lines.length) {
    return info(
      lang,
      say(lang, { en: 'This channel follows nothing yet', ur: 'یہ چینل ابھی کچھ فالو نہیں کر رہا' }),
      say(lang, {
        en: `Run ${namer('follow')} with an actor, a state or an incident (for example ${namer('follow')} apt28) to get an alert here whenever a claim about it is published.`,
        ur: `کسی گروپ، ملک یا واقعے کے نام کے ساتھ ${namer('follow')} چلائیں (مثلاً ${namer('follow')} apt28)، تاکہ اس بارے میں نیا دعویٰ شائع ہوتے ہی یہاں الرٹ آئے۔`,
      }),
    );
  }
  const reply = info(lang, say(lang, { en: `Followed in this channel (${lines.length} of ${limit})`, ur: `اس چینل میں فالو کیے گئے (${limit} میں سے ${lines.length})` }));
  if (channel?.paused) {
    reply.description = say(lang, {
      en: `Alerts are paused: ${pauseReasonText(channel.pausedReason, 'en')}. Check the bot's access to this channel, then run ${namer('follow')} again to resume them.`,
      ur: `الرٹس رکے ہوئے ہیں: ${pauseReasonText(channel.pausedReason, 'ur')}۔ اس چینل تک بوٹ کی رسائی دیکھیں، پھر دوبارہ شروع کرنے کے لیے ${namer('follow')} چلائیں۔`,
    });
  } else if (channel) {
    reply.description = say(lang, { en: `Alerts are posted ${deliveryText(channel.language, perHour, 'en')}.`, ur: `الرٹس ${deliveryText(channel.language, perHour, 'ur')} پوسٹ ہوتے ہیں۔` });
  }
  reply.fields = lines.map((l) => {
    const since = say(lang, { en: `${KIND_TEXT[l.kind].en}, followed since ${formatDate(l.since, 'en')}`, ur: `${KIND_TEXT[l.kind].ur}، ${formatDate(l.since, 'ur')} سے فالو` });
    const extra = l.lost
      ? [say(lang, { en: 'no longer in the dataset under these names: no alerts until it is back', ur: 'ڈیٹا سیٹ میں اب ان ناموں سے موجود نہیں: واپس آنے تک کوئی الرٹ نہیں' })]
      : l.groups
        ? [say(lang, { en: `covers ${l.groups} groups attributed to it`, ur: `اس سے منسوب ${l.groups} گروپ شامل` })]
        : [];
    return { label: l.label, lines: [since, ...extra] };
  });
  return reply;
}

export function saveFailedReply(lang: Lang): Reply {
  const reply = emptyReply('error', lang, say(lang, { en: 'Sorry, that could not be saved', ur: 'معذرت، یہ محفوظ نہیں ہو سکا' }), true);
  reply.description = say(lang, { en: 'Nothing was changed. Please try again.', ur: 'کچھ تبدیل نہیں ہوا۔ دوبارہ کوشش کریں۔' });
  return reply;
}
