// Everything the digest feature says, in English and in Urdu (the news register of
// src/i18n/labels.ts), as neutral Replies. Confirmations and errors are ephemeral: only the
// admin who ran the command sees them. The digest itself and the pause notice go to the channel.
import { embed } from '../i18n/bidi.ts';
import { say, type Lang, type Texts } from '../i18n/lang.ts';
import { formatDate } from '../i18n/dates.ts';
import { t } from '../i18n/labels.ts';
import { emptyReply, type Reply } from '../reply/model.ts';
import { echo } from '../text/clean.ts';
import type { DeepReadonly } from '../store/storage.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { PostRecord, Subscription } from '../store/state-schema.ts';
import { claimLine, editionDate, latestClaim, weekClaims, weekReply } from '../summary/week.ts';
import { ClaimMatcher, type ClaimFilter } from '../knowledge/follow-targets.ts';
import { list } from '../i18n/labels.ts';


/** How a command is typed where the reader is: "/subscribe" on Discord, "/ilzam-subscribe" on Slack. */
export type CommandNamer = (command: string) => string;

/** A command named in a sentence, marked as one field so that right to left it keeps its slash in front. */
function commandIn(namer: CommandNamer, command: string, lang: Lang): string {
  return embed(namer(command), lang);
}

type Sub = DeepReadonly<Subscription>;

/**
 * The daily post: the `week` digest for the subscription's local day. A filtered subscription
 * gets only the claims about its actors and states, and its header says which.
 */
export function digestReply(kb: KnowledgeBase, day: string, lang: Lang, filter?: ClaimFilter): Reply {
  const filtered = filter && ((filter.actors?.length ?? 0) > 0 || (filter.states?.length ?? 0) > 0);
  if (!filtered) return weekReply(kb, weekClaims(kb, day), lang);
  const reply = weekReply(kb, weekClaims(kb, day, filter), lang);
  const names = filterText(kb, filter, lang);
  reply.title = `${t('weekTitle', lang)} — ${names}: ${editionDate(day, lang)}`;
  reply.description = say(lang, { en: `Only claims about ${names}.`, ur: `صرف ${names} سے متعلق دعوے۔` });
  // An empty week shows the newest claim in the dataset: the newest one about the filter's names.
  const latestAt = reply.fields.findIndex((f) => f.label === t('latest', lang));
  if (latestAt !== -1) {
    const matcher = new ClaimMatcher(kb, filter);
    // Through the date index, newest first (src/summary/week.ts), not a pass over every claim.
    const latest = latestClaim(kb, day, ({ incident, claim }) => matcher.matches(claim, { incidentId: incident.id, victimStates: incident.victimStates }));
    if (latest) reply.fields[latestAt] = { label: t('latest', lang), lines: [claimLine(kb, latest, lang)] };
    else reply.fields.splice(latestAt, 1);
  }
  return reply;
}

/** "APT28, Pakistan": a filter's actors and states by their names in the reader's language. */
export function filterText(kb: KnowledgeBase, filter: ClaimFilter, lang: Lang): string {
  const name = (id: string) => {
    const entity = kb.entities.get(id) ?? kb.entityForActor(id);
    return entity ? ((lang === 'ur' ? entity.name.ur : undefined) ?? entity.name.en) : id;
  };
  return list([...(filter.actors ?? []), ...(filter.states ?? [])].map(name), lang);
}

function languageName(language: Lang, lang: Lang): string {
  return language === 'ur' ? say(lang, { en: 'Urdu', ur: 'اردو' }) : say(lang, { en: 'English', ur: 'انگریزی' });
}

/** "every day at 09:00 (Asia/Karachi), in Urdu" / «روزانہ 09:00 (Asia/Karachi)، اردو میں» (a schedule: no «بجے» with the 24-hour clock). */
function scheduleText(sub: Pick<Sub, 'time' | 'zone' | 'language'>, lang: Lang): string {
  return say(lang, {
    en: `every day at ${sub.time} (${sub.zone}), in ${languageName(sub.language, lang)}`,
    ur: `روزانہ ${sub.time} (${embed(sub.zone, 'ur')})، ${languageName(sub.language, lang)} میں`,
  });
}

/** Why a channel was paused, from the kind at the start of pausedReason ("gone: …"). */
function pauseReasonText(reason: string | undefined, lang: Lang): string {
  if (reason?.startsWith('gone')) return say(lang, { en: 'channel not found', ur: 'چینل نہیں ملا' });
  if (reason?.startsWith('forbidden')) return say(lang, { en: 'no permission to post', ur: 'پوسٹ کرنے کی اجازت نہیں' });
  return say(lang, { en: 'repeated failures', ur: 'بار بار ناکامی' });
}

export function pauseNotice(sub: Sub, failures: number, kind: string, namer: CommandNamer): Reply {
  const lang = sub.language;
  const reason = pauseReasonText(kind, lang);
  const reply = emptyReply('error', lang, say(lang, { en: 'Daily digest paused', ur: 'روزانہ خلاصہ روک دیا گیا' }));
  const resume = commandIn(namer, 'subscribe', lang);
  reply.description = say(lang, {
    en: `ilzam could not post “${t('weekTitle', 'en')}” here ${failures} times in a row (${reason}), so the daily post is paused. An admin can check the bot's access to this channel and run ${resume} to resume it.`,
    ur: `’الزام‘ بوٹ اس چینل میں مسلسل ${failures} بار ’${t('weekTitle', 'ur')}‘ پوسٹ نہیں کر سکا (${reason})، اس لیے روزانہ پوسٹ روک دی گئی ہے۔ منتظمین اس چینل تک بوٹ کی رسائی دیکھ کر ${resume} کے ذریعے اسے دوبارہ شروع کر سکتے ہیں۔`,
  });
  return reply;
}

function usage(lang: Lang, title: Texts, text: Texts): Reply {
  const reply = emptyReply('usage', lang, say(lang, title), true);
  reply.description = say(lang, text);
  return reply;
}

/** A refusal: ephemeral, kind error. */
function refusal(lang: Lang, title: Texts, text: Texts): Reply {
  const reply = emptyReply('error', lang, say(lang, title), true);
  reply.description = say(lang, text);
  return reply;
}

/** Confirmations and lists: ephemeral information, rendered like help. */
function info(lang: Lang, title: Texts, text?: Texts): Reply {
  const reply = emptyReply('help', lang, say(lang, title), true);
  if (text) reply.description = say(lang, text);
  return reply;
}

export function badTimeReply(given: string, lang: Lang): Reply {
  return usage(
    lang,
    { en: `“${embed(echo(given), 'en')}” is not a time`, ur: `’${embed(echo(given), 'ur')}‘ درست وقت نہیں` },
    {
      en: 'Use a 24-hour time from 00:00 to 23:59, for example time:09:00 or time:21:30.',
      ur: `24 گھنٹے کے حساب سے 00:00 سے 23:59 تک وقت لکھیں، مثلاً ${embed('time:09:00', 'ur')} یا ${embed('time:21:30', 'ur')}۔`,
    },
  );
}

export function badZoneReply(given: string, lang: Lang): Reply {
  return usage(
    lang,
    { en: `“${embed(echo(given), 'en')}” is not a time zone`, ur: `’${embed(echo(given), 'ur')}‘ کوئی ٹائم زون نہیں` },
    {
      en: 'Use an IANA zone name, for example zone:Asia/Karachi, zone:Europe/London or zone:UTC.',
      ur: `${embed('IANA', 'ur')} ٹائم زون کا نام لکھیں، مثلاً ${embed('zone:Asia/Karachi', 'ur')}، ${embed('zone:Europe/London', 'ur')} یا ${embed('zone:UTC', 'ur')}۔`,
    },
  );
}

export function alreadySubscribedReply(sub: Sub, lang: Lang, namer: CommandNamer): Reply {
  const unsubscribe = commandIn(namer, 'unsubscribe', lang);
  const subscribe = commandIn(namer, 'subscribe', lang);
  return usage(
    lang,
    { en: 'This channel already gets the daily digest', ur: 'یہ چینل پہلے ہی روزانہ خلاصہ وصول کر رہا ہے' },
    {
      en: `It is posted ${scheduleText(sub, 'en')}. To change that, run ${unsubscribe} and then ${subscribe} again.`,
      ur: `یہ ${scheduleText(sub, 'ur')} پوسٹ ہوتا ہے۔ تبدیلی کے لیے پہلے ${unsubscribe} اور پھر دوبارہ ${subscribe} چلائیں۔`,
    },
  );
}

export function subscribedReply(sub: Sub, firstDay: string | undefined, resumed: boolean, lang: Lang, filterText?: string): Reply {
  const title = resumed
    ? { en: 'Daily digest resumed', ur: 'روزانہ خلاصہ دوبارہ شروع' }
    : { en: 'Subscribed to the daily digest', ur: 'روزانہ خلاصے کی رکنیت شروع' };
  const first = firstDay
    ? say(lang, { en: ` The next one is on ${formatDate(firstDay, 'en')}.`, ur: ` اگلی پوسٹ ${formatDate(firstDay, 'ur')} کو ہو گی۔` })
    : '';
  const only = filterText
    ? say(lang, { en: ` It will show only the claims about ${filterText} (a state includes the groups attributed to it).`, ur: ` اس میں صرف ${filterText} سے متعلق دعوے شامل ہوں گے (کسی ملک کے ساتھ اس سے منسوب گروپ بھی)۔` })
    : '';
  return info(lang, title, {
    en: `This channel will get “${t('weekTitle', 'en')}” ${scheduleText(sub, 'en')}.${only}${first}`,
    ur: `اس چینل میں ’${t('weekTitle', 'ur')}‘ ${scheduleText(sub, 'ur')} پوسٹ ہو گا۔${only}${first}`,
  });
}

export function unsubscribedReply(lang: Lang): Reply {
  return info(
    lang,
    { en: 'Unsubscribed', ur: 'رکنیت ختم' },
    { en: 'This channel will no longer get the daily digest.', ur: 'اس چینل میں اب روزانہ خلاصہ پوسٹ نہیں ہو گا۔' },
  );
}

export function nothingToUnsubscribeReply(lang: Lang, namer: CommandNamer): Reply {
  const subscribe = commandIn(namer, 'subscribe', lang);
  const list = commandIn(namer, 'subscriptions', lang);
  return usage(
    lang,
    { en: 'This channel has no daily digest to stop', ur: 'اس چینل میں روزانہ خلاصے کی کوئی رکنیت نہیں' },
    {
      en: `Run ${subscribe} to start one. ${list} shows the channels that have one.`,
      ur: `شروع کرنے کے لیے ${subscribe} چلائیں۔ ${list} سے وہ چینل دیکھیں جن کی رکنیت ہے۔`,
    },
  );
}

/** A channel shared by two workspaces (Slack Connect): the subscription is the other one's to change. */
export function otherWorkspaceReply(lang: Lang, workspace: Texts): Reply {
  return refusal(
    lang,
    { en: `This channel’s daily digest belongs to another ${workspace.en}`, ur: `اس چینل کا روزانہ خلاصہ کسی دوسرے ${workspace.ur} کا ہے` },
    {
      en: `It was set up from another ${workspace.en} that shares this channel; only its admins can change or stop it.`,
      ur: `یہ اس چینل میں شریک کسی دوسرے ${workspace.ur} سے شروع کیا گیا تھا؛ اسے صرف وہیں کے منتظمین تبدیل یا بند کر سکتے ہیں۔`,
    },
  );
}

export function saveFailedReply(lang: Lang): Reply {
  const reply = emptyReply('error', lang, say(lang, { en: 'Sorry, that could not be saved', ur: 'معذرت، یہ محفوظ نہیں ہو سکا' }), true);
  reply.description = say(lang, { en: 'Nothing was changed. Please try again.', ur: 'کچھ تبدیل نہیں ہوا۔ دوبارہ کوشش کریں۔' });
  return reply;
}

function statusLine(sub: Sub, last: DeepReadonly<PostRecord> | undefined, lang: Lang): string {
  if (sub.paused) return say(lang, { en: `paused: ${pauseReasonText(sub.pausedReason, lang)}`, ur: `رکا ہوا: ${pauseReasonText(sub.pausedReason, lang)}` });
  if (!last) return say(lang, { en: 'nothing posted yet', ur: 'ابھی کوئی پوسٹ نہیں ہوئی' });
  const day = formatDate(last.date, lang);
  switch (last.status) {
    case 'posted':
      return say(lang, { en: `last posted ${day}`, ur: `آخری پوسٹ ${day}` });
    case 'claimed':
      return say(lang, { en: `posting for ${day}`, ur: `${day} کی پوسٹ جاری` });
    case 'unconfirmed':
      return say(lang, { en: `${day}: interrupted by a restart, may not have been posted`, ur: `${day}: ری اسٹارٹ کی وجہ سے رکاوٹ، ممکن ہے پوسٹ نہ ہوئی ہو` });
    case 'failed':
      return say(lang, { en: `${day}: failed (${last.error ?? 'error'})`, ur: `${day}: ناکام (${last.error ?? 'error'})` });
  }
}

/** The subscriptions of a workspace (named by the platform's word for it) or, without one, of the channel. */
export function listReply(subs: readonly Sub[], posts: readonly DeepReadonly<PostRecord>[], workspace: Texts | undefined, lang: Lang, namer: CommandNamer): Reply {
  const title = workspace
    ? { en: `Daily digest in this ${workspace.en}`, ur: `اس ${workspace.ur} میں روزانہ خلاصہ` }
    : { en: 'Daily digest in this channel', ur: 'اس چینل میں روزانہ خلاصہ' };
  if (subs.length === 0) {
    const subscribe = commandIn(namer, 'subscribe', lang);
    return info(lang, title, {
      en: `No channel gets the daily digest yet. Run ${subscribe} in a channel to start it there.`,
      ur: `ابھی کسی چینل میں روزانہ خلاصہ نہیں آتا۔ کسی چینل میں ${subscribe} چلا کر اسے وہاں شروع کریں۔`,
    });
  }
  const lastOf = (id: string) => posts.filter((p) => p.subscriptionId === id).reduce<DeepReadonly<PostRecord> | undefined>((a, p) => (!a || p.date > a.date ? p : a), undefined);
  const reply = info(lang, title);
  reply.fields = [...subs]
    .sort((a, b) => a.channel.localeCompare(b.channel))
    .map((sub) => ({ label: sub.channel, lines: [scheduleText(sub, lang), statusLine(sub, lastOf(sub.id), lang)] }));
  return reply;
}
