// Every write the ingester makes goes through this interface, over the bot's storage
// (src/store/storage.ts: the state file, or PostgreSQL): what was seen (by normalized URL and
// by content hash), the drafts for review, and each source's health. Seen keys are marked
// atomically, so two sources (or two instances) reading the same article record it once.
import type { Storage } from '../store/storage.ts';
import { SourceHealth, type Draft, type SeenRecord } from './model.ts';

export interface IngestState {
  /** True when this URL key or, failing that, this content hash was dealt with before. */
  isSeen(key: string, hash?: string): Promise<boolean>;
  /** Records articles as dealt with, with their drafts if any. Already-seen keys or texts are skipped. */
  recordArticles(records: SeenRecord[], drafts: Draft[]): Promise<{ added: number }>;
  sourceHealth(sourceId: string): Promise<SourceHealth>;
  updateSourceHealth(sourceId: string, change: (health: SourceHealth) => void): Promise<void>;
}

/** The storage key of a content hash, beside the URL keys. */
export const hashKey = (hash: string) => `sha256:${hash}`;

export class StorageIngestState implements IngestState {
  constructor(private readonly storage: Storage) {}

  async isSeen(key: string, hash?: string): Promise<boolean> {
    const keys = [key, ...(hash ? [hashKey(hash)] : [])].filter(Boolean);
    return (await this.storage.seen(keys)).length > 0;
  }

  async recordArticles(records: SeenRecord[], drafts: Draft[]): Promise<{ added: number }> {
    const fresh: Draft[] = [];
    for (const record of records) {
      const keys = [record.key, ...(record.hash ? [hashKey(record.hash)] : [])];
      const marked = new Set(await this.storage.markSeen(keys));
      // Only the caller that marked the URL (and its text, if any) first records the draft.
      if (!marked.has(record.key) || (record.hash && !marked.has(hashKey(record.hash)))) continue;
      const draft = record.draft ? drafts.find((d) => d.id === record.draft) : undefined;
      if (draft) fresh.push(draft);
    }
    const added = await this.storage.addDrafts(fresh.map((d) => ({ id: d.id, data: d })));
    return { added: added.length };
  }

  async sourceHealth(sourceId: string): Promise<SourceHealth> {
    const parsed = SourceHealth.safeParse(await this.storage.getSourceState(sourceId));
    return parsed.success ? parsed.data : { failures: 0 };
  }

  async updateSourceHealth(sourceId: string, change: (health: SourceHealth) => void): Promise<void> {
    const health = await this.sourceHealth(sourceId);
    change(health);
    await this.storage.setSourceState(sourceId, health);
  }
}
