// Every write the ingester makes goes through this interface, so the storage can move (to
// PostgreSQL, say) without touching the pipeline. The JSON implementation keeps the `ingest`
// section of the state file (src/store), through the store's one update queue: each call is
// one validated, durable write, so a crash leaves the queue as it was before or after a call,
// never half-written.
import type { DeepReadonly, StateStore } from '../store/state-store.ts';
import { emptyIngest, type Draft, type IngestSection, type SeenRecord, type SourceHealth } from './model.ts';

export interface IngestState {
  /** The seen record for this URL key or, failing that, this content hash. */
  findSeen(key: string, hash?: string): DeepReadonly<SeenRecord> | undefined;
  /** Records articles as dealt with, with their drafts if any; one write. Already-seen keys are skipped. */
  recordArticles(records: SeenRecord[], drafts: Draft[]): Promise<{ added: number }>;
  sourceHealth(sourceId: string): DeepReadonly<SourceHealth>;
  updateSourceHealth(sourceId: string, change: (health: SourceHealth) => void): Promise<void>;
  drafts(): readonly DeepReadonly<Draft>[];
}

/** Seen records kept: oldest dropped past this, so the file stays bounded (feeds only list recent items). */
export const MAX_SEEN = 50_000;

export class JsonIngestState implements IngestState {
  constructor(private readonly store: StateStore) {}

  private section(): DeepReadonly<IngestSection> {
    return this.store.read().ingest ?? emptyIngest();
  }

  findSeen(key: string, hash?: string): DeepReadonly<SeenRecord> | undefined {
    const seen = this.section().seen;
    return seen.find((s) => s.key === key) ?? (hash ? seen.find((s) => s.hash === hash) : undefined);
  }

  recordArticles(records: SeenRecord[], drafts: Draft[]): Promise<{ added: number }> {
    return this.store.update((state) => {
      const ingest = (state.ingest ??= emptyIngest());
      const keys = new Set(ingest.seen.map((s) => s.key));
      const hashes = new Set(ingest.seen.flatMap((s) => (s.hash ? [s.hash] : [])));
      const draftIds = new Set(ingest.drafts.map((d) => d.id));
      let added = 0;
      for (const record of records) {
        // Checked again inside the queue: two sources racing with one article record it once.
        if (keys.has(record.key) || (record.hash && hashes.has(record.hash))) continue;
        keys.add(record.key);
        if (record.hash) hashes.add(record.hash);
        ingest.seen.push(record);
        const draft = record.draft ? drafts.find((d) => d.id === record.draft) : undefined;
        if (draft && !draftIds.has(draft.id)) {
          ingest.drafts.push(draft);
          draftIds.add(draft.id);
          added++;
        }
      }
      if (ingest.seen.length > MAX_SEEN) ingest.seen.splice(0, ingest.seen.length - MAX_SEEN);
      return { added };
    });
  }

  sourceHealth(sourceId: string): DeepReadonly<SourceHealth> {
    return this.section().sources[sourceId] ?? { failures: 0 };
  }

  updateSourceHealth(sourceId: string, change: (health: SourceHealth) => void): Promise<void> {
    return this.store.update((state) => {
      const ingest = (state.ingest ??= emptyIngest());
      const health = (ingest.sources[sourceId] ??= { failures: 0 });
      change(health);
    });
  }

  drafts(): readonly DeepReadonly<Draft>[] {
    return this.section().drafts;
  }
}
