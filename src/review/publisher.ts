// Makes published records answerable: applies each one to the knowledge base and the search
// index in this process (a new incident, or new claims on an existing one), in the order of the
// storage's change feed, and follows the feed so approvals made by another instance, or by
// `npm run review` in another process, are answered here too within a second.
import type { Incident, Party } from '../domain/schema.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { logFor } from '../log/logger.ts';
import { entityDoc, incidentDoc } from '../knowledge/search-docs.ts';
import type { SearchEngine } from '../search/engine.ts';
import type { PublishedRecord, ReviewStore, Storage } from '../store/storage.ts';
import type { PublicationData } from './service.ts';

export type PublishedListener = (record: PublishedRecord, incident: Incident) => void;

/** Applies one published record; resolves with the incident as it now stands, or undefined if it could not apply. */
export function applyPublished(kb: KnowledgeBase, search: SearchEngine, record: PublishedRecord): Incident | undefined {
  const data = record.data as PublicationData;
  if (!data || typeof data !== 'object' || typeof data.id !== 'string') return undefined;
  for (const entity of kb.addParties((data.parties ?? []) as Party[])) search.add(entityDoc(entity));
  let incident: Incident;
  if (data.mode === 'add') {
    const existing = kb.incidents.get(data.id);
    if (!existing) return undefined;
    const sourceIds = new Set(existing.sources.map((s) => s.id));
    const claimIds = new Set(existing.claims.map((c) => c.id));
    incident = {
      ...existing,
      sources: [...existing.sources, ...data.sources.filter((s) => !sourceIds.has(s.id))],
      claims: [...existing.claims, ...data.claims.filter((c) => !claimIds.has(c.id))],
    };
  } else {
    const { mode: _mode, parties: _parties, ...rest } = data;
    incident = rest as unknown as Incident;
  }
  kb.addIncident(incident);
  search.add(incidentDoc(kb, incident));
  return incident;
}

export class Publisher {
  #seq = 0;
  #running: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<PublishedListener>();
  #unwatch: (() => void) | undefined;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly search: SearchEngine,
    private readonly storage: ReviewStore & Partial<Pick<Storage, 'watch'>>,
    private readonly log: (message: string) => void = (m) => logFor('publish').warn(m),
  ) {}

  /** The last change-feed position applied here. */
  get seq(): number {
    return this.#seq;
  }

  onPublished(listener: PublishedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Applies everything published so far, then follows the feed. */
  async start(): Promise<void> {
    await this.catchUp();
    this.#unwatch = this.storage.watch?.((what) => {
      if (what === 'published') void this.catchUp();
    });
  }

  stop(): void {
    this.#unwatch?.();
  }

  /** Applies the records after the last one applied; calls run one after another. */
  catchUp(): Promise<void> {
    this.#running = this.#running.then(async () => {
      let records: PublishedRecord[];
      try {
        records = await this.storage.publishedSince(this.#seq);
      } catch (err) {
        this.log(`could not read the published records: ${(err as Error).message}`);
        return;
      }
      for (const record of records) this.#apply(record);
    });
    return this.#running;
  }

  /** A record this process just published (from the review service): applied now, not on the next poll. */
  published(record: PublishedRecord): Promise<void> {
    this.#running = this.#running.then(async () => {
      // Anything published in between (by another instance) goes first, in order.
      if (record.seq > this.#seq + 1) {
        for (const r of await this.storage.publishedSince(this.#seq).catch(() => [record])) this.#apply(r);
      }
      this.#apply(record);
    });
    return this.#running;
  }

  #apply(record: PublishedRecord): void {
    if (record.seq <= this.#seq) return;
    this.#seq = record.seq;
    const incident = applyPublished(this.kb, this.search, record);
    if (!incident) {
      this.log(`record ${record.seq} (${record.incidentId}) could not be applied; it is skipped`);
      return;
    }
    for (const listener of this.#listeners) listener(record, incident);
  }
}
