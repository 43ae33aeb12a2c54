// "This week in attribution": the claims dated in the seven days up to a given day, and from
// the archive, the claims made in the same seven calendar days of earlier years. Claims known
// only to the month or year cannot be placed in a week and are left out of both lists.
import type { ClaimRef, KnowledgeBase } from '../knowledge/knowledge.ts';
import { ClaimMatcher, type ClaimFilter } from '../knowledge/follow-targets.ts';
import type { ClaimType } from '../domain/schema.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatDate } from '../i18n/dates.ts';
import { t } from '../i18n/labels.ts';
import { directionOf, type Reply } from '../reply/model.ts';
import { partyLabel } from './incident.ts';

const DAY_MS = 86_400_000;
const MAX_LINES = 10;

export interface WeekClaims {
  /** The last day of the window, YYYY-MM-DD. */
  day: string;
  recent: ClaimRef[];
  archive: ClaimRef[];
}

/** The seven days ending on `day` (inclusive), as YYYY-MM-DD strings. */
export function windowDays(day: string): string[] {
  const end = Date.parse(`${day}T00:00:00Z`);
  return Array.from({ length: 7 }, (_, i) => new Date(end - (6 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** The week's claims; with a filter (a filtered digest), only those about its actors or states. */
export function weekClaims(kb: KnowledgeBase, day: string, filter?: ClaimFilter): WeekClaims {
  const matcher = filter && new ClaimMatcher(kb, filter);
  const days = new Set(windowDays(day));
  const monthDays = new Set([...days].map((d) => d.slice(5)));
  const year = day.slice(0, 4);
  const recent: ClaimRef[] = [];
  const archive: ClaimRef[] = [];
  for (const incident of kb.incidents.values()) {
    for (const claim of incident.claims) {
      if (claim.date.length !== 10) continue;
      if (matcher && !matcher.matches(claim, { incidentId: incident.id, victimStates: incident.victimStates })) continue;
      if (days.has(claim.date)) recent.push({ incident, claim });
      // Same calendar days in an earlier year. Around New Year the window spans two years, so
      // compare with the window's own days: a claim is archive if its month-day is in the
      // window and the claim is older than the window.
      else if (monthDays.has(claim.date.slice(5)) && claim.date.slice(0, 4) < year) archive.push({ incident, claim });
    }
  }
  const newest = (a: ClaimRef, b: ClaimRef) => b.claim.date.localeCompare(a.claim.date) || a.incident.id.localeCompare(b.incident.id);
  return { day, recent: recent.sort(newest), archive: archive.sort(newest) };
}

type Words = Record<Lang, string>;

// One entry per claim type, so a type added to the schema fails the typecheck here instead of
// crashing the digest. `target` is the verb followed by the accused list; `alone` is used when
// the type takes no one after it, or when the claim names no one.
const VERB: Record<ClaimType, { alone: Words; target?: Words }> = {
  accusation: { alone: { en: 'made an accusation', ur: 'نے الزام عائد کیا' }, target: { en: 'accused', ur: 'نے الزام عائد کیا:' } },
  confirmation: { alone: { en: 'backed the charge', ur: 'نے الزام کی تائید کی' }, target: { en: 'backed the charge against', ur: 'نے الزام کی تائید کی:' } },
  'claim-of-responsibility': { alone: { en: 'claimed responsibility', ur: 'نے ذمہ داری قبول کی' } },
  'tacit-acknowledgement': { alone: { en: 'tacitly acknowledged it', ur: 'نے ضمنی طور پر اعتراف کیا' } },
  denial: { alone: { en: 'denied involvement', ur: 'نے ملوث ہونے کی تردید کی' } },
  'counter-accusation': { alone: { en: 'counter-accused', ur: 'نے جوابی الزام لگایا' }, target: { en: 'counter-accused', ur: 'نے جوابی الزام لگایا:' } },
  'no-response': { alone: { en: 'did not respond', ur: 'نے جواب نہیں دیا' } },
  'declined-to-comment': { alone: { en: 'declined to comment', ur: 'نے تبصرے سے انکار کیا' } },
  sanction: { alone: { en: 'imposed sanctions', ur: 'نے پابندیاں عائد کیں' }, target: { en: 'imposed sanctions on', ur: 'نے پابندیاں عائد کیں:' } },
  indictment: { alone: { en: 'brought charges', ur: 'نے فرد جرم عائد کی' }, target: { en: 'brought charges against', ur: 'نے فرد جرم عائد کی:' } },
  arrest: { alone: { en: 'made arrests', ur: 'نے گرفتاریاں کیں' }, target: { en: 'arrested', ur: 'نے گرفتار کیا:' } },
  conviction: { alone: { en: 'secured a conviction', ur: 'نے سزا دلوائی' }, target: { en: 'secured a conviction of', ur: 'نے سزا دلوائی:' } },
  advisory: { alone: { en: 'issued an advisory', ur: 'نے سکیورٹی ایڈوائزری جاری کی' }, target: { en: 'issued an advisory on', ur: 'نے سکیورٹی ایڈوائزری جاری کی:' } },
  takedown: { alone: { en: 'carried out a takedown', ur: 'نے نیٹ ورک کے خلاف کارروائی کی' }, target: { en: 'disrupted', ur: 'نے نیٹ ورک کے خلاف کارروائی کی:' } },
  'diplomatic-action': { alone: { en: 'took diplomatic action', ur: 'نے سفارتی اقدام کیا' }, target: { en: 'took diplomatic action against', ur: 'نے سفارتی اقدام کیا:' } },
  statement: { alone: { en: 'made a statement', ur: 'نے بیان دیا' } },
};

export function claimLine(kb: KnowledgeBase, ref: ClaimRef, lang: Lang): string {
  const { claim, incident } = ref;
  const who = kb.partyName(claim.by, lang);
  const whom = claim.against.map((id) => partyLabel(kb, id, lang)).join(lang === 'ur' ? '، ' : ', ');
  const verb = VERB[claim.type];
  const action = whom && verb.target ? `${who} ${verb.target[lang]} ${whom}` : `${who} ${verb.alone[lang]}`;
  return `${formatDate(claim.date, lang)}: ${action} (${incident.title[lang]})`;
}

function capped(lines: string[], lang: Lang): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `+${lines.length - MAX_LINES} ${t('more', lang)}`];
}

export function weekReply(kb: KnowledgeBase, digest: WeekClaims, lang: Lang): Reply {
  const recent = digest.recent.map((r) => claimLine(kb, r, lang));
  const archive = digest.archive.map((r) => claimLine(kb, r, lang));
  const fields = [
    { label: t('lastSevenDays', lang), lines: recent.length ? capped(recent, lang) : [t('noNewClaims', lang)] },
    { label: t('fromArchive', lang), lines: archive.length ? capped(archive, lang) : [t('archiveEmpty', lang)] },
  ];
  if (!recent.length && !archive.length) {
    // An empty week still says something useful: the newest dated claim in the dataset.
    const latest = [...kb.incidents.values()]
      .flatMap((incident) => incident.claims.filter((c) => c.date <= digest.day).map((claim) => ({ incident, claim })))
      .sort((a, b) => b.claim.date.localeCompare(a.claim.date))[0];
    if (latest) fields.push({ label: t('latest', lang), lines: [claimLine(kb, latest, lang)] });
  }
  return {
    kind: 'week',
    lang,
    dir: directionOf(lang),
    title: `${t('weekTitle', lang)}: ${formatDate(digest.day, lang)}`,
    fields,
    sources: [],
    suggestions: [],
    footer: `${t('dataset', lang)} ${formatDate(kb.reviewed, lang)}`,
    ephemeral: false,
  };
}
