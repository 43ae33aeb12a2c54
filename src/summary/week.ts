// "This week in attribution": the claims dated in the seven days up to a given day, and from
// the archive, the claims made in the same seven calendar days of earlier years. Claims known
// only to the month or year cannot be placed in a week and are left out of both lists.
import type { ClaimRef, KnowledgeBase } from '../knowledge/knowledge.ts';
import type { DatedClaim } from '../knowledge/incident-table.ts';
import { ClaimMatcher, type ClaimFilter } from '../knowledge/follow-targets.ts';
import type { ClaimType } from '../domain/schema.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatDate } from '../i18n/dates.ts';
import { moreLabel, t } from '../i18n/labels.ts';
import { directionOf, type Reply } from '../reply/model.ts';
import { claimSentence, withBasis } from './claims.ts';
import { footerLine } from './incident.ts';

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
  const recent: DatedClaim[] = [];
  const archive: DatedClaim[] = [];
  // Only the claims of the window's month-days are read (the table's date index), in the order
  // a pass over every incident and claim would meet them, so the sorts below tie the same way.
  // Only the claims the reply shows are made into records.
  const inWindow = (date: string) => date.length === 10 && (days.has(date) || (monthDays.has(date.slice(5)) && date.slice(0, 4) < year));
  for (const dated of kb.incidents.datedClaims(inWindow)) {
    const { date, incidentId } = dated;
    if (matcher) {
      const parties = dated.parties(); // read from the columns, so a filtered week makes no record it does not show
      if (!matcher.matches(parties, { incidentId, victimStates: parties.victimStates })) continue;
    }
    if (days.has(date)) recent.push(dated);
    // Same calendar days in an earlier year. Around New Year the window spans two years, so
    // compare with the window's own days: a claim is archive if its month-day is in the
    // window and the claim is older than the window.
    else archive.push(dated);
  }
  // Newest first, then by incident id: the claim's date and its incident's id, as read from the columns.
  const newest = (a: DatedClaim, b: DatedClaim) => b.date.localeCompare(a.date) || a.incidentId.localeCompare(b.incidentId);
  return { day, recent: recent.sort(newest).map((d) => d.ref), archive: archive.sort(newest).map((d) => d.ref) };
}

/**
 * The newest claim dated on or before `day` (of those `accept` takes): what sorting every such
 * claim by `b.claim.date.localeCompare(a.claim.date)` puts first, found through the table's date
 * index rather than a pass over every claim.
 */
export function latestClaim(kb: KnowledgeBase, day: string, accept?: (ref: ClaimRef) => boolean): ClaimRef | undefined {
  return kb.incidents.latestClaim(day, accept);
}

/**
 * One claim of the week: the incident first, then the date and what was said, as a sentence
 * with its basis: "SolarWinds (Sunburst) — 18 December 2020: Mike Pompeo accused Russia
 * (government statement)" / «سولر ونڈز (سن برسٹ) — 18 دسمبر 2020: مائیک پومپیو نے روس پر
 * الزام عائد کیا (سرکاری بیان)».
 */
export function claimLine(kb: KnowledgeBase, ref: ClaimRef, lang: Lang): string {
  const { claim, incident } = ref;
  const sentence = withBasis(claimSentence(kb, incident, claim, lang), kb, claim, lang);
  return `${shortTitle(incident.title[lang])} — ${formatDate(claim.date, lang)}: ${sentence}`;
}

/** A title's name before its colon ("Volt Typhoon" of "Volt Typhoon: intrusions into …"), or the whole title. */
export function shortTitle(title: string): string {
  const head = title.split(/[:：]/u)[0]!.trim();
  return head.length >= 3 && head !== title ? head : title;
}

/** The first MAX_LINES claims as lines, and how many more there are: only the lines shown are written (an archive week at 100,000 incidents has thousands). */
function capped(kb: KnowledgeBase, refs: ClaimRef[], lang: Lang): string[] {
  const lines = refs.slice(0, MAX_LINES).map((r) => claimLine(kb, r, lang));
  return refs.length <= MAX_LINES ? lines : [...lines, moreLabel(refs.length - MAX_LINES, lang)];
}

/** The seven days as a range: "21–27 May 2025", "29 December 2024 – 4 January 2025" / «21 تا 27 مئی 2025». */
export function weekRange(day: string, lang: Lang): string {
  const days = windowDays(day);
  const first = days[0]!;
  const [fy, fm] = first.split('-');
  const [ly, lm] = day.split('-');
  const to = lang === 'ur' ? ' تا ' : '–';
  const spaced = lang === 'ur' ? ' تا ' : ' – ';
  const end = formatDate(day, lang);
  if (fy !== ly) return `${formatDate(first, lang)}${spaced}${end}`;
  if (fm !== lm) return `${formatDate(first, lang).replace(/ \d{4}$/u, '')}${spaced}${end}`;
  return `${Number(first.slice(8))}${to}${end}`;
}

/** The edition's date in a title: the seven days in Urdu, the day in English (see weekReply). */
export function editionDate(day: string, lang: Lang): string {
  return lang === 'ur' ? weekRange(day, lang) : formatDate(day, lang);
}

export function weekReply(kb: KnowledgeBase, digest: WeekClaims, lang: Lang): Reply {
  const { recent, archive } = digest;
  const fields = [
    { label: t('lastSevenDays', lang), lines: recent.length ? capped(kb, recent, lang) : [t('noNewClaims', lang)] },
    { label: t('fromArchive', lang), lines: archive.length ? capped(kb, archive, lang) : [t('archiveEmpty', lang)] },
  ];
  if (!recent.length && !archive.length) {
    // An empty week still says something useful: the newest dated claim in the dataset.
    const latest = latestClaim(kb, digest.day);
    if (latest) fields.push({ label: t('latest', lang), lines: [claimLine(kb, latest, lang)] });
  }
  return {
    kind: 'week',
    lang,
    dir: directionOf(lang),
    // Urdu names the seven days («21 تا 27 مئی 2025»): «اس ہفتے» is not true of a past week. English
    // keeps the edition's date after the feature's name, as the digest has always been titled.
    title: `${t('weekTitle', lang)}: ${editionDate(digest.day, lang)}`,
    fields,
    sources: [],
    suggestions: [],
    footer: footerLine(kb, lang),
    ephemeral: false,
  };
}
