// Where the search index snapshot of a data set is kept: ILZAM_INDEX_DIR, else .cache/ in the
// state dir (ILZAM_STATE_DIR) when one is set, else .cache/ in the project. One file per data
// set (named by its paths), so the tests' small data sets do not evict the real one's; what is
// inside is keyed by the documents themselves (snapshot.ts).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DATA_DIR, PROJECT_ROOT } from '../domain/paths.ts';

export function searchIndexDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ILZAM_INDEX_DIR) return path.resolve(env.ILZAM_INDEX_DIR);
  if (env.ILZAM_STATE_DIR) return path.resolve(env.ILZAM_STATE_DIR, '.cache');
  return path.join(PROJECT_ROOT, '.cache');
}

export function searchIndexFile(paths: { dataDir?: string; registryFile?: string; indexDir?: string } = {}): string {
  const source = `${path.resolve(paths.dataDir ?? DATA_DIR)}\u0000${paths.registryFile ? path.resolve(paths.registryFile) : ''}`;
  const name = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return path.join(paths.indexDir ? path.resolve(paths.indexDir) : searchIndexDir(), `search-${name}.idx`);
}
