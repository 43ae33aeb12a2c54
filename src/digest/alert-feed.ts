// The stream of claims instant alerts are made from, with when each became public:
// - published records (storage.publishedSince): an approved incident, new or an existing one
//   with its new claims and sources, each claim at the record's publishedAt;
// - the curated data: a claim in data/ the bot had not seen before, at the moment a start first
//   saw it. The very first start notes every claim as a baseline and alerts none of them, so an
//   install (or the alert feature's first run) never floods a channel with the archive; a claim
//   that was published before it reached data/ is noted as baseline too, never alerted twice.
// Only claims of the last `windowMs` are kept: one published while the bot was down for longer
// is not alerted late (the daily digest still shows it).
import { Bilingual, Claim, Source, type Claim as ClaimT, type Incident, type Source as SourceT } from '../domain/schema.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import type { FollowStore, PublishedRecord, ReviewStore } from '../store/storage.ts';
import type { DigestLog } from './log.ts';

/** What an alert needs of a claim's incident. */
export interface AlertIncident {
  id: string;
  title: Bilingual;
  sources: SourceT[];
  victimStates: string[];
}

export interface AlertEvent {
  /** "incidentId/claimId": the delivery key, the same whichever way the claim arrived. */
  key: string;
  incident: AlertIncident;
  claim: ClaimT;
  /** When it became public (published, or first seen in the data), in ms. */
  at: number;
}

export function claimKey(incidentId: string, claimId: string): string {
  return `${incidentId}/${claimId}`;
}

/** A claim of the curated data as an alert event, public since `at`. */
export function curatedEvent(incident: Incident, claim: ClaimT, at: number): AlertEvent {
  return { key: claimKey(incident.id, claim.id), incident: { id: incident.id, title: incident.title, sources: incident.sources, victimStates: incident.victimStates }, claim, at };
}

/** A published record's incident and claims; what does not parse is left out and logged. */
export function eventsOfRecord(kb: KnowledgeBase, record: PublishedRecord, log?: DigestLog): AlertEvent[] {
  const data = (record.data && typeof record.data === 'object' ? record.data : {}) as Record<string, unknown>;
  const known = kb.incidents.get(record.incidentId);
  const title = Bilingual.safeParse(data.title);
  const sources = Array.isArray(data.sources) ? data.sources.flatMap((s) => Source.safeParse(s).data ?? []) : [];
  const victimStates = Array.isArray(data.victimStates) ? data.victimStates.filter((v): v is string => typeof v === 'string') : (known?.victimStates ?? []);
  const incident: AlertIncident = {
    id: record.incidentId,
    title: title.data ?? known?.title ?? { en: record.incidentId, ur: record.incidentId },
    // An existing incident's record carries its new sources; its claims may also cite older ones.
    sources: [...sources, ...(known?.sources ?? []).filter((s) => !sources.some((n) => n.id === s.id))],
    victimStates,
  };
  const claims = Array.isArray(data.claims) ? data.claims : [];
  const at = Date.parse(record.publishedAt);
  const events: AlertEvent[] = [];
  for (const raw of claims) {
    const parsed = Claim.safeParse(raw);
    if (!parsed.success) {
      log?.('warn', `published record ${record.seq} (${record.incidentId}): a claim that does not fit the data model is not alerted: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    events.push({ key: claimKey(record.incidentId, parsed.data.id), incident, claim: parsed.data, at });
  }
  return events;
}

export class AlertFeed {
  readonly #store: ReviewStore & FollowStore;
  readonly #kb: KnowledgeBase;
  readonly #windowMs: number;
  readonly #log: DigestLog;
  readonly #events = new Map<string, AlertEvent>();
  #seq = 0;

  constructor(store: ReviewStore & FollowStore, kb: KnowledgeBase, windowMs: number, log: DigestLog) {
    this.#store = store;
    this.#kb = kb;
    this.#windowMs = windowMs;
    this.#log = log;
  }

  /** Reads every published record, notes the curated data's claims (the baseline on a first start), and loads the recent ones. */
  async start(now: Date): Promise<{ baseline: boolean; newInData: number }> {
    const published = await this.#store.publishedSince(0);
    const publishedKeys = new Set<string>();
    for (const record of published) {
      for (const event of eventsOfRecord(this.#kb, record, this.#log)) {
        publishedKeys.add(event.key);
        this.#add(event, now);
      }
      this.#seq = Math.max(this.#seq, record.seq);
    }
    const dataKeys = [...this.#kb.dataset.incidents].flatMap((i) => i.claims.map((c) => claimKey(i.id, c.id)));
    const baseline = !(await this.#store.hasNotedClaims());
    let newInData = 0;
    if (baseline) {
      await this.#store.noteClaims(dataKeys, { baseline: true });
    } else {
      await this.#store.noteClaims(dataKeys.filter((k) => publishedKeys.has(k)), { baseline: true });
      newInData = (await this.#store.noteClaims(dataKeys.filter((k) => !publishedKeys.has(k)), { baseline: false })).length;
    }
    // Noted by this start or an earlier one (of any instance) that may have died before alerting.
    for (const { key, at } of await this.#store.notedClaimsSince(new Date(now.getTime() - this.#windowMs))) {
      const event = this.#dataEvent(key, Date.parse(at));
      if (event) this.#add(event, now);
    }
    return { baseline, newInData };
  }

  /** Adds the records published since the last look; resolves with how many claims came in. */
  async refresh(now: Date): Promise<number> {
    const records = await this.#store.publishedSince(this.#seq);
    let added = 0;
    for (const record of records) {
      for (const event of eventsOfRecord(this.#kb, record, this.#log)) if (this.#add(event, now)) added++;
      this.#seq = Math.max(this.#seq, record.seq);
    }
    return added;
  }

  /** The claims still inside the window, oldest first. */
  events(now: Date): AlertEvent[] {
    const from = now.getTime() - this.#windowMs;
    for (const [key, e] of this.#events) if (e.at < from) this.#events.delete(key);
    return [...this.#events.values()].sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
  }

  get(key: string): AlertEvent | undefined {
    return this.#events.get(key) ?? this.#dataEvent(key, 0);
  }

  #add(event: AlertEvent, now: Date): boolean {
    if (event.at < now.getTime() - this.#windowMs || this.#events.has(event.key)) return false;
    this.#events.set(event.key, event);
    return true;
  }

  #dataEvent(key: string, at: number): AlertEvent | undefined {
    const slash = key.lastIndexOf('/');
    const incident = this.#kb.incidents.get(key.slice(0, slash));
    const claim = incident?.claims.find((c) => c.id === key.slice(slash + 1));
    return incident && claim ? curatedEvent(incident, claim, at) : undefined;
  }
}
