// What instant alerts say in a channel, in English and in Urdu: one short post per batch of new
// claims (who said what about whom, when, about which incident, with the sources), and the
// notice when alerts are paused. Claim lines are the weekly digest's (src/summary/week.ts).
import type { Incident } from '../domain/schema.ts';
import { formatDate } from '../i18n/dates.ts';
import { list } from '../i18n/labels.ts';
import { say, type Lang } from '../i18n/lang.ts';
import { canonicalEntity } from '../knowledge/follow-targets.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { emptyReply, type Reply, type ReplySource } from '../reply/model.ts';
import { claimLine } from '../summary/week.ts';
import type { AlertEvent } from './alert-feed.ts';
import type { CommandNamer } from './texts.ts';

/** Claims shown one by one in a post; the rest are counted, never dropped silently. */
export const MAX_ALERT_CLAIMS = 8;
const MAX_ALERT_SOURCES = 5;

/** A party id as the dataset knows it: "forest-blizzard" in a published claim is APT28's party. */
function knownParty(kb: KnowledgeBase, id: string): string {
  const canonical = canonicalEntity(kb, id);
  return kb.parties.has(canonical) ? canonical : id;
}

/** The claim as a one-line story: "12 May 2025: Germany accused APT28 (Russia) (SPD email accounts)". */
export function alertLine(kb: KnowledgeBase, event: AlertEvent, lang: Lang): string {
  const claim = { ...event.claim, by: knownParty(kb, event.claim.by), against: event.claim.against.map((a) => knownParty(kb, a)) };
  const { incident } = event;
  // claimLine reads an incident; an alert's may be new, known only from its published record.
  const asIncident: Incident = {
    id: incident.id,
    title: incident.title,
    summary: incident.title,
    occurred: { start: claim.date },
    firstAttributed: claim.date,
    victims: [incident.title],
    names: [],
    tags: [],
    victimStates: incident.victimStates,
    sources: incident.sources,
    claims: [claim],
    notes: [],
  };
  return claimLine(kb, { incident: asIncident, claim }, lang);
}

function sourcesOf(events: readonly AlertEvent[], lang: Lang): ReplySource[] {
  const seen = new Set<string>();
  const out: ReplySource[] = [];
  for (const e of events) {
    for (const id of e.claim.sources) {
      const s = e.incident.sources.find((x) => x.id === id);
      const key = s && `${s.publisher}|${s.title}`;
      if (!s || seen.has(key!)) continue;
      seen.add(key!);
      out.push({ publisher: s.publisher, title: s.title, date: formatDate(s.date, lang), url: s.url });
    }
  }
  return out.slice(0, MAX_ALERT_SOURCES);
}

/**
 * One alert post for a channel: its new claims (oldest first), headed by the names the channel
 * follows that they are about ("New claim — APT28").
 */
export function alertReply(kb: KnowledgeBase, events: readonly AlertEvent[], followed: readonly string[], lang: Lang, namer: CommandNamer): Reply {
  const names = list([...followed], lang);
  const count = events.length;
  const title =
    count === 1
      ? say(lang, { en: `New claim — ${names}`, ur: `نیا دعویٰ — ${names}` })
      : say(lang, { en: `${count} new claims — ${names}`, ur: `${count} نئے دعوے — ${names}` });
  const reply = emptyReply('incident', lang, title);
  const shown = events.slice(0, MAX_ALERT_CLAIMS);
  reply.fields = shown.map((e) => ({ label: alertLine(kb, e, lang), lines: [e.claim.summary[lang]] }));
  if (count > shown.length) {
    const more = count - shown.length;
    reply.fields.push({
      label: say(lang, { en: `+${more} more`, ur: `مزید ${more}` }),
      lines: [say(lang, { en: `${more} more new claims about ${names}: see ${namer('week')} or ${namer('actor')}.`, ur: `${names} سے متعلق مزید ${more} نئے دعوے: ${namer('week')} یا ${namer('actor')} سے دیکھیں۔` })],
    });
  }
  reply.sources = sourcesOf(shown, lang);
  reply.footer = say(lang, {
    en: `ilzam alert for what this channel follows · ${namer('following')}`,
    ur: `اس چینل کے فالو کردہ موضوعات پر الزام بوٹ کا الرٹ · ${namer('following')}`,
  });
  return reply;
}

function pauseReason(kind: string, lang: Lang): string {
  if (kind === 'gone') return say(lang, { en: 'channel not found', ur: 'چینل نہیں ملا' });
  if (kind === 'forbidden') return say(lang, { en: 'no permission to post', ur: 'پوسٹ کرنے کی اجازت نہیں' });
  return say(lang, { en: 'repeated failures', ur: 'بار بار ناکامی' });
}

export function alertPauseNotice(lang: Lang, failures: number, kind: string, namer: CommandNamer): Reply {
  const reply = emptyReply('error', lang, say(lang, { en: 'Alerts paused', ur: 'الرٹس روک دیے گئے' }));
  const resume = namer('follow');
  reply.description = say(lang, {
    en: `ilzam could not post alerts here ${failures} times in a row (${pauseReason(kind, 'en')}), so this channel's alerts are paused. An admin can check the bot's access to this channel and run ${resume} again to resume them; ${namer('following')} shows what it follows.`,
    ur: `الزام بوٹ اس چینل میں مسلسل ${failures} بار الرٹ پوسٹ نہیں کر سکا (${pauseReason(kind, 'ur')})، اس لیے اس چینل کے الرٹس روک دیے گئے ہیں۔ ایڈمن اس چینل تک بوٹ کی رسائی دیکھ کر دوبارہ ${resume} چلائیں تو الرٹس پھر شروع ہو جائیں گے؛ ${namer('following')} سے فالو کی فہرست دیکھیں۔`,
  });
  return reply;
}
