// Opening the bot's storage: PostgreSQL when DATABASE_URL is set (several instances may share
// it), otherwise the lowdb file in ILZAM_STATE_DIR (one process owns it). The PostgreSQL driver
// is loaded only when it is used, and so is the file's (lowdb and the state schemas).
import type { Storage } from './storage.ts';

export interface StorageConfig {
  /** postgres://… ; when set, the file is not used. */
  databaseUrl?: string;
  /** A schema of its own in that database (default public). */
  databaseSchema?: string;
  /** The file backend's directory (default ILZAM_STATE_DIR, else ./var). */
  stateDir?: string;
  /** PostgreSQL at start: tries before giving up, and the first wait between them (doubled each time). */
  databaseConnectAttempts?: number;
  databaseConnectDelayMs?: number;
}

export async function openStorage(config: StorageConfig, opts: { now?: () => Date; log?: (message: string) => void } = {}): Promise<Storage> {
  if (config.databaseUrl) {
    const { PgStorage } = await import('./pg/pg-storage.ts');
    return PgStorage.open({ url: config.databaseUrl, schema: config.databaseSchema, now: opts.now, log: opts.log, connectAttempts: config.databaseConnectAttempts, connectDelayMs: config.databaseConnectDelayMs });
  }
  const { openStateStore } = await import('./file-storage.ts');
  return openStateStore({ dir: config.stateDir, now: opts.now });
}
