// The incident summary: who was accused (and their state), who accused them, when and on what
// basis, who denied it (or that nobody did, on record), who claimed it, counter-accusations,
// official actions, other statements, sources. The short view aims at a chat-sized body (~700
// characters); the detail view adds the description and every claim's paraphrase, in date
// order. Lines that say what someone did are sentences (src/summary/claims.ts); lists of who
// said something are names with dates.
import type { Claim, ClaimType, Incident } from '../domain/schema.ts';
import { OFFICIAL_ACTIONS } from '../domain/vocabulary.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { Lang } from '../i18n/lang.ts';
import { embed } from '../i18n/bidi.ts';
import { formatDate } from '../i18n/dates.ts';
import { andList, list, moreLabel, reviewedLine, t, type LabelKey } from '../i18n/labels.ts';
import { directionOf, type Reply, type ReplyField, type ReplySource } from '../reply/model.ts';
import { compareText } from '../text/compare.ts';
import { accusedIds, accusedSide, ACCUSING, basisNote, claimSentence, isContested, onAccusedSide, shownType } from './claims.ts';
import { claimantLabel, partyLabel } from './names.ts';

export { accusedIds, isContested } from './claims.ts';
export { partyLabel } from './names.ts';

export const SHORT_BODY_TARGET = 700;
const SHORT_SOURCES = 3;

/** Date order; claims on the same day keep their order in the data (sort is stable). */
function byDate(a: Claim, b: Claim): number {
  return compareText(a.date, b.date); // localeCompare's order, without loading ICU's collator
}

/**
 * One line per claim maker, its first claim: "Microsoft (24 May 2023; technical report;
 * “likely”)". The basis and strength only where they tell an indictment from a leak: on charges.
 */
function makerLines(kb: KnowledgeBase, claims: Claim[], lang: Lang, withBasis = false): string[] {
  return firstByMaker(claims).map((c) => {
    const date = formatDate(c.date, lang);
    const note = withBasis ? basisNote(kb, c, lang) : '';
    return `${claimantLabel(kb, c, lang)} (${note ? `${date}${lang === 'ur' ? '؛ ' : '; '}${note}` : date})`;
  });
}

/**
 * One line per distinct sentence, with every date it was said: «20 دسمبر 2014 اور 4 جنوری 2015:
 * شمالی کوریا کی وزارت خارجہ نے الزام کی تردید کی». A ministry that denied three times is one line.
 */
/** Each maker's first claim, in date order. */
function firstByMaker(claims: Claim[]): Claim[] {
  const seen = new Map<string, Claim>();
  for (const c of claims) if (!seen.has(c.by)) seen.set(c.by, c);
  return [...seen.values()];
}

function sentenceLines(kb: KnowledgeBase, incident: Incident, claims: Claim[], lang: Lang): string[] {
  const dates = new Map<string, string[]>();
  for (const c of claims) {
    const sentence = claimSentence(kb, incident, c, lang);
    const when = formatDate(c.date, lang);
    const seen = dates.get(sentence) ?? [];
    if (!seen.includes(when)) seen.push(when);
    dates.set(sentence, seen);
  }
  // The dates lead, as in a timeline: a sentence can end in a bracket of its own ("… (North Korea)").
  return [...dates].map(([sentence, when]) => `${andList(when, lang)}: ${sentence}`);
}

// Placeholders for what a source record could not give, as the data may hold them in either language.
const NO_HEADLINE = /^\((?:headline not recorded|سرخی درج نہیں)\)$/u;
const NO_PUBLISHER = /\((?:publisher not recorded|ناشر درج نہیں)\)/u;

function isPlaceholder(title: string): boolean {
  return NO_HEADLINE.test(title.trim());
}

function sourceOf(incident: Incident, id: string, lang: Lang): ReplySource | undefined {
  const s = incident.sources.find((x) => x.id === id);
  if (!s) return undefined;
  // Shown in the reader's language: «(سرخی درج نہیں)» to an Urdu reader, "(headline not recorded)" to an English one.
  const title = isPlaceholder(s.title) ? t('noHeadline', lang) : s.title;
  const publisher = s.publisher.replace(NO_PUBLISHER, t('noPublisher', lang));
  return { publisher, title, date: formatDate(s.date, lang), url: s.url };
}

/** Sources in the order the claims cite them, the accusation's first; records without a headline last. */
function orderedSources(incident: Incident, lang: Lang): ReplySource[] {
  const ids = [...new Set([...incident.claims].sort(byDate).flatMap((c) => c.sources))];
  for (const s of incident.sources) if (!ids.includes(s.id)) ids.push(s.id);
  const sources = ids.map((id) => sourceOf(incident, id, lang)).filter((s): s is ReplySource => s !== undefined);
  const placeholder = (s: ReplySource) => Number(s.title === t('noHeadline', lang));
  return sources.sort((a, b) => placeholder(a) - placeholder(b));
}

export function incidentFields(kb: KnowledgeBase, incident: Incident, lang: Lang): ReplyField[] {
  const claims = [...incident.claims].sort(byDate);
  const of = (...types: ClaimType[]) => claims.filter((c) => types.includes(shownType(c)));
  const side = accusedSide(kb, incident);
  const fromAccusedSide = (c: Claim) => onAccusedSide(kb, side, c.by);

  const accused = accusedIds(kb, incident).map((id) => partyLabel(kb, id, lang));
  const accusers = makerLines(kb, of(...ACCUSING), lang, true);
  const fields: ReplyField[] = [
    { label: t('accused', lang), lines: [accused.length ? list(accused, lang) : t('noAccused', lang)] },
    { label: t('accusedBy', lang), lines: accusers.length ? accusers : [t('noAccuser', lang)] },
  ];

  // Denials from the accused side, and those asked who did not answer. A denial by anyone else
  // (nobody accused them or their state) is one more statement.
  const denials = of('denial').filter(fromAccusedSide);
  const responses = sentenceLines(kb, incident, [...denials, ...of('no-response', 'declined-to-comment')].sort(byDate), lang);
  const none = incident.imported ? t('notReviewed', lang) : t('noDenial', lang);
  fields.push({ label: t('denied', lang), lines: denials.length ? responses : [none, ...responses] });

  const claimed = makerLines(kb, of('claim-of-responsibility'), lang);
  if (claimed.length) fields.push({ label: t('claimed', lang), lines: claimed });
  const tacit = makerLines(kb, of('tacit-acknowledgement'), lang);
  if (tacit.length) fields.push({ label: t('tacit', lang), lines: tacit });
  const counters = sentenceLines(kb, incident, of('counter-accusation'), lang);
  if (counters.length) fields.push({ label: t('counter', lang), lines: counters });
  const official = sentenceLines(kb, incident, of(...OFFICIAL_ACTIONS), lang);
  if (official.length) fields.push({ label: t('official', lang), lines: official });
  // Positions that are neither charge nor denial (the Kremlin saying no request was made), and
  // denials from outside the accused side, which say what they reject.
  const statements = [
    ...firstByMaker(of('statement')).map((c) => ({ date: c.date, line: makerLines(kb, [c], lang)[0]! })),
    ...of('denial')
      .filter((c) => !fromAccusedSide(c))
      .map((c) => ({ date: c.date, line: sentenceLines(kb, incident, [c], lang)[0]! })),
  ].sort((a, b) => compareText(a.date, b.date));
  if (statements.length) fields.push({ label: t('statements', lang), lines: statements.map((s) => s.line) });
  return fields;
}

function statusOf(kb: KnowledgeBase, incident: Incident, lang: Lang): string {
  if (isContested(kb, incident)) return t('contested', lang);
  if (incident.imported) return t('importedStatus', lang);
  if (!incident.claims.some((c) => ACCUSING.includes(shownType(c)))) return t('claimedNotAttributed', lang);
  return t('uncontested', lang);
}

function statusLine(kb: KnowledgeBase, incident: Incident, lang: Lang): string {
  const began = formatDate(incident.occurred.start, lang);
  return `${statusOf(kb, incident, lang)} · ${t('occurred', lang)}: ${began} · ${t('firstAttributed', lang)}: ${formatDate(incident.firstAttributed, lang)}`;
}

function fieldsLength(fields: ReplyField[]): number {
  return fields.reduce((n, f) => n + f.label.length + f.lines.join('\n').length + 2, 0);
}

/**
 * The short view within its target: lines come off the end of the least important fields first
 * (other statements, then official actions, counter-accusations, implied involvement, then the
 * accusers down to two and the responses down to one), each field keeping a "2 more" line, so a
 * reader sees that there is more (the detail view has it all).
 */
function fitShort(fields: ReplyField[], lang: Lang, target: number): void {
  const order: [LabelKey, number][] = [
    ['statements', 0],
    ['official', 0],
    ['counter', 0],
    ['tacit', 0],
    ['accusedBy', 2],
    ['denied', 1],
  ];
  for (const [key, keep] of order) {
    const field = fields.find((f) => f.label === t(key, lang));
    if (!field) continue;
    let hidden = 0;
    const shown = [...field.lines];
    while (fieldsLength(fields) > target && shown.length > keep) {
      shown.pop();
      hidden++;
      field.lines = [...shown, moreLabel(hidden, lang)];
    }
    if (fieldsLength(fields) <= target) return;
  }
}

/** The footer: when the data was last reviewed, and the record's id (Latin, so marked). */
export function footerLine(kb: KnowledgeBase, lang: Lang, id?: string): string {
  const reviewed = reviewedLine(formatDate(kb.reviewed, lang), lang);
  return id ? `${reviewed} · ${embed(id, lang)}` : reviewed;
}

export function incidentReply(kb: KnowledgeBase, incident: Incident, lang: Lang, detail = false): Reply {
  const fields = incidentFields(kb, incident, lang);
  const sources = orderedSources(incident, lang);
  const status = statusLine(kb, incident, lang);
  let description = status;
  if (detail) {
    description = `${incident.summary[lang]}\n\n${status}`;
    fields.push({ label: t('victims', lang), lines: incident.victims.map((v) => v[lang]) });
    fields.push({
      label: t('timeline', lang),
      lines: [...incident.claims].sort(byDate).map((c) => `${formatDate(c.date, lang)}: ${c.summary[lang]}`),
    });
  } else {
    fitShort(fields, lang, SHORT_BODY_TARGET);
    if (fieldsLength(fields) + status.length + incident.summary[lang].length <= SHORT_BODY_TARGET) description = `${incident.summary[lang]}\n\n${status}`;
  }
  return {
    kind: 'incident',
    lang,
    dir: directionOf(lang),
    title: incident.title[lang],
    description,
    fields,
    sources: detail ? sources : sources.slice(0, SHORT_SOURCES),
    suggestions: [],
    footer: footerLine(kb, lang, incident.id),
    ephemeral: false,
  };
}
