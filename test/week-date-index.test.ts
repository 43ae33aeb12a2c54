// The weekly digest through the table's date index (src/knowledge/claim-dates.ts) gives exactly
// what the pass over every incident and claim it replaced gave: the same claims (their records
// made on first read), in the same order, with the same filters, and the same "latest" claim for an empty week, on the real data
// and on a generated store with incidents published (added and replaced) at run time.
import { afterAll, describe, expect, it } from 'vitest';
import { generateStore, loadBase } from '../bench/generate.ts';
import { slimRecords } from '../bench/slim.ts';
import type { Incident } from '../src/domain/schema.ts';
import { ClaimMatcher, type ClaimFilter } from '../src/knowledge/follow-targets.ts';
import { fileTextSource, IncidentTextCache } from '../src/knowledge/incident-text.ts';
import { KnowledgeBase, type ClaimRef } from '../src/knowledge/knowledge.ts';
import { openKnowledgeBase } from '../src/knowledge/open.ts';
import { latestClaim, weekClaims, windowDays } from '../src/summary/week.ts';

/** The full pass weekClaims made before the index, kept here as the reference. */
function referenceWeek(kb: KnowledgeBase, day: string, filter?: ClaimFilter) {
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
      else if (monthDays.has(claim.date.slice(5)) && claim.date.slice(0, 4) < year) archive.push({ incident, claim });
    }
  }
  const newest = (a: ClaimRef, b: ClaimRef) => b.claim.date.localeCompare(a.claim.date) || a.incident.id.localeCompare(b.incident.id);
  return { day, recent: recent.sort(newest), archive: archive.sort(newest) };
}

/** The full pass weekReply (and, with a matcher, the filtered digest) made for an empty week's "latest" claim. */
function referenceLatest(kb: KnowledgeBase, day: string, matcher?: ClaimMatcher): ClaimRef | undefined {
  return [...kb.incidents.values()]
    .flatMap((incident) =>
      incident.claims.filter((c) => c.date <= day && (!matcher || matcher.matches(c, { incidentId: incident.id, victimStates: incident.victimStates }))).map((claim) => ({ incident, claim })),
    )
    .sort((a, b) => b.claim.date.localeCompare(a.claim.date))[0];
}

const key = (r: ClaimRef | undefined) => r && `${r.incident.id}/${r.claim.id}/${r.claim.date}/${r.claim.summary.en}`;
const keys = (w: { recent: ClaimRef[]; archive: ClaimRef[] }) => ({ recent: w.recent.map(key), archive: w.archive.map(key) });

/** Every day of `year`, and the days around each New Year and 29 February from `from` to `to`. */
function daysToCheck(year: number, from: number, to: number): string[] {
  const days = new Set<string>();
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) days.add(new Date(t).toISOString().slice(0, 10));
  for (let y = from; y <= to; y++) {
    for (const d of ['01-01', '01-02', '01-03', '01-05', '01-06', '01-07', '02-28', '03-01', '03-05', '12-25', '12-28', '12-31']) days.add(`${y}-${d}`);
    if (y % 4 === 0) days.add(`${y}-02-29`);
  }
  return [...days];
}

function expectSameAsFullPass(kb: KnowledgeBase, days: string[], filters: ClaimFilter[]) {
  let seen = 0;
  for (const day of days) {
    const indexed = keys(weekClaims(kb, day));
    expect(indexed, day).toEqual(keys(referenceWeek(kb, day)));
    seen += indexed.recent.length + indexed.archive.length;
    expect(key(latestClaim(kb, day)), day).toEqual(key(referenceLatest(kb, day)));
  }
  // The references made on first read serialise, spread and compare as plain ones do.
  for (const day of days.filter((_, n) => n % 41 === 0)) {
    const [indexed, full] = [weekClaims(kb, day), referenceWeek(kb, day)];
    expect(JSON.stringify(indexed), day).toBe(JSON.stringify(full));
    expect(indexed.archive.map((r) => ({ ...r }))).toEqual(full.archive);
  }
  // The claims since a day (what the CLI's alert preview reads), in the full pass's order.
  for (const day of days.filter((_, n) => n % 53 === 0)) {
    const since = (date: string) => date.length === 10 && date >= day;
    const full = [...kb.incidents.values()].flatMap((incident) => incident.claims.filter((c) => since(c.date)).map((claim) => ({ incident, claim })));
    expect(kb.incidents.claimsDated(since).map(key), day).toEqual(full.map(key));
  }
  // Filtered weeks and their "latest" claim on fewer days: each filter walks every claim in the reference.
  for (const filter of filters) {
    const matcher = new ClaimMatcher(kb, filter);
    for (const day of days.filter((_, n) => n % 37 === 0)) {
      expect(keys(weekClaims(kb, day, filter)), `${day} ${JSON.stringify(filter)}`).toEqual(keys(referenceWeek(kb, day, filter)));
      const accept = ({ incident, claim }: ClaimRef) => matcher.matches(claim, { incidentId: incident.id, victimStates: incident.victimStates });
      expect(key(latestClaim(kb, day, accept)), `${day} ${JSON.stringify(filter)}`).toEqual(key(referenceLatest(kb, day, matcher)));
    }
  }
  return seen;
}

describe('the weekly digest through the date index', () => {
  it('gives what the full pass gives on the real data, every day of 2024 and around each New Year and 29 February', async () => {
    const { kb, incidentFiles } = await openKnowledgeBase();
    kb.slimText(new IncidentTextCache(fileTextSource(incidentFiles)));
    const days = [...daysToCheck(2024, 2005, 2027), '1990-06-01', '2014-11-24', '2017-06-27', '2020-12-18'];
    // Victim states among them: a claim about India is matched by its incident's victim states, not its parties.
    const filters: ClaimFilter[] = [{ actors: ['russia'] }, { states: ['china'] }, { actors: ['apt28', 'lazarus-group'], states: ['iran'] }, { states: ['india'] }, { states: ['albania', 'germany'] }];
    // Not vacuous: the days checked hold claims in both lists.
    expect(expectSameAsFullPass(kb, days, filters)).toBeGreaterThan(100);
  });

  describe('on a generated store, with incidents published at run time', () => {
    const base = loadBase();
    const store = generateStore(base, 800, 11);
    const kb = new KnowledgeBase(store.dataset, base.registry);
    const text = slimRecords(kb);
    afterAll(() => text.cleanup());
    const days = daysToCheck(2023, 2000, 2026);
    const victims = [...new Set(store.dataset.incidents.slice(100, 400).flatMap((i) => i.victimStates))].slice(0, 2);
    const filters: ClaimFilter[] = [{ actors: [store.dataset.parties[0]!.id] }, { states: ['china'] }, { states: victims }];

    it('before anything is published', () => {
      expect(expectSameAsFullPass(kb, days, filters)).toBeGreaterThan(1000);
    });

    it('after a new incident and a newer version of a column incident are published', () => {
      const [first, middle] = [kb.incidents.get(store.dataset.incidents[0]!.id)!, [...kb.incidents.values()][700]!];
      const dated = (claim: Incident['claims'][number], id: string, date: string) => ({ ...claim, id, date, summary: { en: `published ${id}`, ur: 'شائع' } });
      // A replacement whose claims move: its old dates must leave the index's answers, its new ones join them.
      kb.addIncident({ ...middle, claims: [dated(middle.claims[0]!, 'moved', '2023-06-14'), dated(middle.claims[0]!, 'new-year', '2022-12-30')] });
      // A new incident, first in no order: claims tie on date with column claims and with each other.
      const tie = first.claims.find((c) => c.date.length === 10)!.date;
      kb.addIncident({ ...first, id: 'zz-published-at-run-time', claims: [dated(first.claims[0]!, 'p1', tie), dated(first.claims[0]!, 'p2', '2023-06-14'), dated(first.claims[0]!, 'p3', '2099-01-01')] });
      expect(kb.incidents.get(middle.id)!.claims[0]!.id).toBe('moved');
      expect(expectSameAsFullPass(kb, [...days, tie, '2023-06-14', '2099-01-03', '2099-01-01', '2100-01-01'], filters)).toBeGreaterThan(1000);
      expect(key(latestClaim(kb, '2100-01-01'))).toContain('zz-published-at-run-time/p3/');
    });
  });
});
