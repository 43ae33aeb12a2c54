// Published records (approved drafts) for the processes that do not run the platforms: the
// console and the scripting CLI read them from the same storage the bot writes, so an incident
// approved a moment ago is answered there too. Reading only: the file is opened without its
// lock (the bot may be running; its writes replace the file atomically), PostgreSQL as usual.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CoreConfig } from '../config.ts';
import type { Bot } from '../core/bot.ts';
import { openStorage } from '../store/open.ts';
import type { Storage } from '../store/storage.ts';

// The state file's store (lowdb and the state schemas) and the publisher are loaded only when
// there is something to read: a CLI run with no state file pays nothing for them.

/** Opens the storage to read, or undefined when there is none yet (no state file, no database). */
export async function openStorageToRead(config: Pick<CoreConfig, 'stateDir' | 'databaseUrl' | 'databaseSchema'>): Promise<Storage | undefined> {
  if (config.databaseUrl) return openStorage(config);
  const dir = path.resolve(config.stateDir ?? (process.env.ILZAM_STATE_DIR || 'var'));
  if (!existsSync(path.join(dir, 'state.json'))) return undefined;
  const { openStateStore } = await import('../store/file-storage.ts');
  return openStateStore({ dir, lock: false });
}

/** Applies every published record to the bot's knowledge base and search; resolves with how many. */
export async function applyPublishedRecords(bot: Bot, config: Pick<CoreConfig, 'stateDir' | 'databaseUrl' | 'databaseSchema'>): Promise<number> {
  const storage = await openStorageToRead(config);
  if (!storage) return 0;
  try {
    const { Publisher } = await import('../review/publisher.ts');
    const publisher = new Publisher(bot.kb, bot.search, storage);
    await publisher.catchUp();
    return publisher.seq;
  } finally {
    await storage.close();
  }
}
