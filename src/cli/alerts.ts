// `npm run cli -- alerts --since DAY --follow NAME [--follow NAME] [--lang ur] [--json]`: what a
// channel following these would have received, with the curated data's dated claims since that
// day standing in for the published stream: one post per incident and day (as one published
// record would bring them), each built exactly as the AlertDispatcher builds it. The hourly
// limit is not simulated: it only changes how posts are grouped, never which claims arrive.
import type { Lang } from '../i18n/lang.ts';
import { ClaimMatcher, findFollowable, followLabel, type FollowTarget } from '../knowledge/follow-targets.ts';
import type { Finder } from '../knowledge/lookup.ts';
import { curatedEvent, type AlertEvent } from '../digest/alert-feed.ts';
import { alertLine, alertReply } from '../digest/alert-texts.ts';
import type { Reply } from '../reply/model.ts';

export interface AlertPreviewFollow {
  query: string;
  target: FollowTarget;
  label: string;
}

export interface AlertPreview {
  since: string;
  lang: Lang;
  follows: AlertPreviewFollow[];
  posts: { date: string; incident: string; events: AlertEvent[]; followed: string[]; reply: Reply }[];
}

/** The follows for these names; the first name that matches nothing (or too much) is returned instead. */
export function previewFollows(finder: Finder, names: readonly string[], lang: Lang): { follows: AlertPreviewFollow[] } | { unknown: string; near: string[] } {
  const follows: AlertPreviewFollow[] = [];
  for (const query of names) {
    const found = findFollowable(finder, query);
    if (found.kind !== 'found') {
      const hits = found.kind === 'none' ? found.near : found.hits;
      return { unknown: query, near: hits.map((h) => h.id) };
    }
    follows.push({ query, target: found.target, label: followLabel(finder.kb, found.target, lang) });
  }
  return { follows };
}

export function alertPreview(finder: Finder, follows: AlertPreviewFollow[], since: string, lang: Lang, namer: (name: string) => string = (n) => `/${n}`): AlertPreview {
  const matchers = follows.map((f) => ({ f, matcher: new ClaimMatcher(finder.kb, f.target.kind === 'incident' ? { incidents: [f.target.id] } : f.target.kind === 'state' ? { states: [f.target.id] } : { actors: [f.target.id] }) }));
  const groups = new Map<string, AlertEvent[]>();
  // The claims dated since `since`, through the table's date index (src/knowledge/claim-dates.ts),
  // in the order a pass over every incident and claim meets them.
  for (const { incident, claim } of finder.kb.incidents.claimsDated((date) => date.length === 10 && date >= since)) {
    const event = curatedEvent(incident, claim, Date.parse(claim.date));
    if (!matchers.some((m) => m.matcher.matches(claim, { incidentId: incident.id, victimStates: incident.victimStates }))) continue;
    const key = `${claim.date} ${incident.id}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  const posts = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, events]) => {
      const [date, incident] = key.split(' ') as [string, string];
      const followed = matchers.filter((m) => events.some((e) => m.matcher.matches(e.claim, { incidentId: e.incident.id, victimStates: e.incident.victimStates }))).map((m) => m.f.label);
      return { date, incident, events, followed, reply: alertReply(finder.kb, events, followed, lang, namer) };
    });
  return { since, lang, follows, posts };
}

/** --json: stable field names, the lines in the asked language, ids to join on. */
export function alertPreviewJson(finder: Finder, preview: AlertPreview) {
  return {
    since: preview.since,
    lang: preview.lang,
    follows: preview.follows.map((f) => ({ query: f.query, kind: f.target.kind, id: f.target.id, label: f.label })),
    claims: preview.posts.reduce((n, p) => n + p.events.length, 0),
    posts: preview.posts.map((p) => ({
      date: p.date,
      incident: p.incident,
      title: p.reply.title,
      followed: p.followed,
      claims: p.events.map((e) => ({
        key: e.key,
        date: e.claim.date,
        type: e.claim.type,
        by: e.claim.by,
        against: e.claim.against,
        line: alertLine(finder.kb, e, preview.lang),
        summary: e.claim.summary[preview.lang],
        sources: e.claim.sources.map((id) => e.incident.sources.find((s) => s.id === id)).filter(Boolean).map((s) => ({ publisher: s!.publisher, title: s!.title, date: s!.date, url: s!.url ?? null })),
      })),
    })),
  };
}
