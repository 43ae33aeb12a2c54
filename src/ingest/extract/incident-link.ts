// Is the article about an incident we already have? Each curated (or run-time) incident is
// scored against the article: its own names and the head of its title found in the text,
// the accused groups it shares with the article's claims, its victims named in the text, and
// whether the article's date falls in the incident's window. The best score at or above the
// threshold links; below it, the best is offered as a candidate and a new incident is proposed.
import type { Incident } from '../../domain/schema.ts';
import { normalizeText } from '../../search/normalize.ts';
import type { ExtractedClaim, IncidentLink, NamedParty } from '../model.ts';
import type { Gazetteer } from './gazetteer.ts';

export const LINK_THRESHOLD = 0.5;

const WEIGHTS = { name: 0.45, group: 0.35, state: 0.1, victim: 0.15, inWindow: 0.1, beforeIncident: -0.3 };

function contains(haystack: string, needle: string): boolean {
  const n = normalizeText(needle);
  if (n.length < 4) return false;
  return ` ${haystack} `.includes(` ${n} `);
}

const DAY = 86_400_000;
const toTime = (d: string) => Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);

/** Proper nouns in a victim description ("Sony Pictures", «آرامکو»): the parts worth looking for. */
function victimNames(incident: Incident): string[] {
  const out = new Set<string>();
  for (const v of incident.victims) {
    for (const m of v.en.matchAll(/\b[A-Z][\w-]{3,}(?: [A-Z][\w-]+)*/g)) if (!/^(The|US|UK|Organisations?|Government|Ministry|Department)$/.test(m[0])) out.add(m[0]);
  }
  return [...out];
}

export function linkIncident(
  incidents: readonly Incident[],
  gazetteer: Gazetteer,
  article: { title: string; text: string; published?: string | null },
  claims: ExtractedClaim[],
): IncidentLink {
  const haystack = normalizeText(`${article.title} ${article.text}`);
  const accused = new Set(claims.flatMap((c) => c.against.map((a) => a.id)).filter((id): id is string => !!id));
  const published = article.published ? toTime(article.published) : undefined;
  let best: { id: string; score: number } | undefined;
  for (const incident of incidents) {
    let score = 0;
    const titleHead = incident.title.en.split(/[:(–—]/)[0]!.trim();
    const names = [...incident.names, titleHead, incident.title.ur.split(/[:(–—]/)[0]!.trim()];
    if (names.some((n) => contains(haystack, n))) score += WEIGHTS.name;
    const incidentAccused = new Set(incident.claims.filter((c) => c.type === 'accusation' || c.type === 'indictment' || c.type === 'sanction').flatMap((c) => c.against));
    const shared = [...accused].filter((id) => incidentAccused.has(id));
    if (shared.some((id) => gazetteer.parties.get(id)?.kind !== 'state')) score += WEIGHTS.group;
    else if (shared.length) score += WEIGHTS.state;
    if (victimNames(incident).some((v) => contains(haystack, v))) score += WEIGHTS.victim;
    if (published !== undefined) {
      const start = toTime(incident.occurred.start);
      const lastClaim = Math.max(start, ...incident.claims.map((c) => toTime(c.date)));
      if (published < start - 30 * DAY) score += WEIGHTS.beforeIncident;
      else if (published <= lastClaim + 2 * 365 * DAY) score += WEIGHTS.inWindow;
    }
    score = Math.max(0, Math.min(1, Math.round(score * 100) / 100));
    if (!best || score > best.score) best = { id: incident.id, score };
  }
  if (best && best.score >= LINK_THRESHOLD) return { id: best.id, score: best.score };
  const link: IncidentLink = { id: null, score: best?.score ?? 0 };
  if (best && best.score > 0) link.candidate = best.id;
  if (claims.length) {
    const actors = new Map<string, NamedParty>();
    for (const c of claims) if (c.type === 'accusation' || c.type === 'claim-of-responsibility') for (const p of c.type === 'accusation' ? c.against : [c.by]) actors.set(p.id ?? p.name, p);
    const groupNames = [...actors.values()].filter((p) => !p.id || gazetteer.parties.get(p.id)?.kind !== 'state').map((p) => p.name);
    link.proposed = { title: article.title.trim() || claims[0]!.evidence.slice(0, 120), actors: [...actors.values()], names: [...new Set(groupNames)] };
  }
  return link;
}
