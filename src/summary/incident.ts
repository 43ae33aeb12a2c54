// The incident summary: who was accused (and their state), who accused them and when, who
// denied it (or that nobody did, on record), counter-accusations, official responses, sources.
// The short view aims at a chat-sized body (~700 characters); the detail view adds the
// description and every claim's paraphrase, in date order.
import { OFFICIAL_ACTIONS, type Claim, type Incident } from '../domain/schema.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatDate } from '../i18n/dates.ts';
import { actionName, list, t } from '../i18n/labels.ts';
import { directionOf, type Reply, type ReplyField, type ReplySource } from '../reply/model.ts';

export const SHORT_BODY_TARGET = 700;
const SHORT_SOURCES = 3;

const ACCUSING: Claim['type'][] = ['accusation', 'confirmation'];
const OFFICIAL = OFFICIAL_ACTIONS;

/** "Volt Typhoon (China)": a party with its state, unless it is a state itself. */
export function partyLabel(kb: KnowledgeBase, id: string, lang: Lang): string {
  const party = kb.parties.get(id);
  if (!party) return id;
  const state = party.state && party.kind !== 'state' ? kb.parties.get(party.state) : undefined;
  return state ? `${party.name[lang]} (${state.name[lang]})` : party.name[lang];
}

export function isContested(incident: Incident): boolean {
  return incident.claims.some((c) => c.type === 'denial' || c.type === 'counter-accusation');
}

/** Date order; claims on the same day keep their order in the data (sort is stable). */
function byDate(a: Claim, b: Claim): number {
  return a.date.localeCompare(b.date);
}

/** The accused: targets of accusations, leaving out a state already shown with its group. */
export function accusedIds(kb: KnowledgeBase, incident: Incident): string[] {
  const ids = [...new Set(incident.claims.filter((c) => ACCUSING.includes(c.type)).flatMap((c) => c.against))];
  const statesShown = new Set(ids.map((id) => kb.parties.get(id)?.state).filter(Boolean));
  return ids.filter((id) => !(kb.parties.get(id)?.kind === 'state' && statesShown.has(id)));
}

/** One line per claim maker: "Microsoft (24 May 2023)", earliest date first. */
function makersLine(kb: KnowledgeBase, claims: Claim[], lang: Lang, withTargets = false): string[] {
  const seen = new Map<string, Claim>();
  for (const c of [...claims].sort(byDate)) if (!seen.has(c.by)) seen.set(c.by, c);
  return [...seen.values()].map((c) => {
    const who = kb.partyName(c.by, lang);
    const target = withTargets && c.against.length ? ` → ${list(c.against.map((a) => kb.partyName(a, lang)), lang)}` : '';
    return `${who}${target} (${formatDate(c.date, lang)})`;
  });
}

function sourceOf(incident: Incident, id: string, lang: Lang): ReplySource | undefined {
  const s = incident.sources.find((x) => x.id === id);
  return s && { publisher: s.publisher, title: s.title, date: formatDate(s.date, lang), url: s.url };
}

/** Sources in the order the claims cite them, the accusation's first. */
function orderedSources(incident: Incident, lang: Lang): ReplySource[] {
  const ids = [...new Set([...incident.claims].sort(byDate).flatMap((c) => c.sources))];
  for (const s of incident.sources) if (!ids.includes(s.id)) ids.push(s.id);
  return ids.map((id) => sourceOf(incident, id, lang)).filter((s): s is ReplySource => s !== undefined);
}

export function incidentFields(kb: KnowledgeBase, incident: Incident, lang: Lang): ReplyField[] {
  const claims = [...incident.claims].sort(byDate);
  const of = (...types: Claim['type'][]) => claims.filter((c) => types.includes(c.type));
  const fields: ReplyField[] = [];
  const accused = accusedIds(kb, incident);
  if (accused.length) fields.push({ label: t('accused', lang), lines: [list(accused.map((id) => partyLabel(kb, id, lang)), lang)] });
  const accusers = makersLine(kb, of(...ACCUSING), lang);
  if (accusers.length) fields.push({ label: t('accusedBy', lang), lines: accusers });
  // A group claiming its own attack is not accusing itself: its own line.
  const claimed = makersLine(kb, of('claim-of-responsibility'), lang);
  if (claimed.length) fields.push({ label: t('claimedBy', lang), lines: claimed });
  const denials = makersLine(kb, of('denial'), lang);
  const silent = of('no-response', 'declined-to-comment').map(
    (c) => `${kb.partyName(c.by, lang)} ${t(c.type === 'no-response' ? 'noResponse' : 'declined', lang)} (${formatDate(c.date, lang)})`,
  );
  // An imported incident's denials were never looked for: saying "none on record" would mislead.
  const none = incident.imported ? t('deniedNotReviewed', lang) : t('noDenial', lang);
  fields.push({ label: t('denied', lang), lines: denials.length ? [...denials, ...silent] : [none, ...silent] });
  const counters = makersLine(kb, of('counter-accusation'), lang, true);
  if (counters.length) fields.push({ label: t('counter', lang), lines: counters });
  const official = of(...OFFICIAL).map(
    (c) => `${kb.partyName(c.by, lang)}: ${actionName(c.type, lang)} (${formatDate(c.date, lang)})`,
  );
  if (official.length) fields.push({ label: t('official', lang), lines: official });
  // Positions that are neither charge nor denial (the Kremlin saying no request was made).
  const statements = makersLine(kb, of('statement'), lang);
  if (statements.length) fields.push({ label: t('statements', lang), lines: statements });
  return fields;
}

function statusLine(incident: Incident, lang: Lang): string {
  const attributed = incident.claims.some((c) => c.type === 'accusation');
  const status = !attributed ? t('claimedNotAttributed', lang) : isContested(incident) ? t('contested', lang) : incident.imported ? t('notReviewed', lang) : t('uncontested', lang);
  const when = formatDate(incident.occurred.start, lang);
  return `${status} · ${t('occurred', lang)}: ${when} · ${t('firstAttributed', lang)}: ${formatDate(incident.firstAttributed, lang)}`;
}

function fieldsLength(fields: ReplyField[]): number {
  return fields.reduce((n, f) => n + f.label.length + f.lines.join('\n').length + 2, 0);
}

export function incidentReply(kb: KnowledgeBase, incident: Incident, lang: Lang, detail = false): Reply {
  const fields = incidentFields(kb, incident, lang);
  const sources = orderedSources(incident, lang);
  const status = statusLine(incident, lang);
  let description = status;
  if (detail) {
    description = `${incident.summary[lang]}\n\n${status}`;
    fields.push({ label: t('victims', lang), lines: incident.victims.map((v) => v[lang]) });
    fields.push({
      label: t('timeline', lang),
      lines: [...incident.claims].sort(byDate).map((c) => `${formatDate(c.date, lang)}: ${c.summary[lang]}`),
    });
  } else if (fieldsLength(fields) + status.length + incident.summary[lang].length <= SHORT_BODY_TARGET) {
    description = `${incident.summary[lang]}\n\n${status}`;
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
    footer: `${t('dataset', lang)} ${formatDate(kb.reviewed, lang)} · ${incident.id}`,
    ephemeral: false,
  };
}
