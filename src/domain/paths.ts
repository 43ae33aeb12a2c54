// Where the project's own files are, whether the code runs from src/ through the TypeScript
// loader or compiled in dist/src/: the nearest folder above this module with a package.json.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The curated dataset and the alias registry; ILZAM_DATA_DIR points elsewhere (tools and tests). */
export const DATA_DIR = process.env.ILZAM_DATA_DIR ? path.resolve(process.env.ILZAM_DATA_DIR) : path.join(PROJECT_ROOT, 'data');
