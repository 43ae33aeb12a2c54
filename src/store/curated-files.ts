// Reading the curated dataset's files from data/ (dataset.json, parties/, incidents/,
// imported/) without loading the schemas: the raw JSON of each file and a hash of all their
// bytes. ./curated.ts validates what this reads; at start-up, when data:check has validated
// exactly these bytes (./data-manifest.ts), the records are taken as they are
// (trustedDataset). Nothing here writes to data/.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../domain/paths.ts';
import type { DatasetMeta, Incident, Party } from '../domain/schema.ts';
import { incidentFromStore, metaFromStore, partiesFromStore } from '../domain/stored-form.ts';

export const DEFAULT_DATA_DIR = DATA_DIR;
/** The folder, beside incidents/, of incidents imported from open data rather than curated. */
export const IMPORTED_DIR = 'imported';

export interface CuratedDataset {
  meta: DatasetMeta;
  parties: Party[];
  incidents: Incident[];
}

/** One thing wrong with the data, located precisely enough to fix by hand. */
export interface DataProblem {
  file: string;
  record?: string;
  field?: string;
  message: string;
}

export class DataValidationError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(`The data failed validation:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'DataValidationError';
  }
}

export function formatProblem(p: DataProblem): string {
  const where = [p.file, p.record && `record "${p.record}"`, p.field && `field ${p.field}`].filter(Boolean).join(', ');
  return `  - ${where}: ${p.message}`;
}

/** One data file as read: its path and its parsed JSON (undefined when it could not be read or parsed). */
export interface RawFile {
  file: string;
  raw: unknown;
}

export interface CuratedFiles {
  dataDir: string;
  meta: RawFile;
  parties: RawFile[];
  incidents: Array<RawFile & { imported: boolean }>;
  /** Files that cannot be read or are not JSON. */
  problems: DataProblem[];
  /** sha256 over every file's path (relative to dataDir) and bytes, in reading order. */
  hash: string;
}

function jsonFilesIn(dir: string, problems: DataProblem[]): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(dir, f));
  } catch (err) {
    problems.push({ file: dir, message: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
    return [];
  }
}

/** Reads every file of the curated dataset; a file that cannot be read or parsed is a problem, not an exception. */
export function readCuratedFiles(dataDir = DEFAULT_DATA_DIR): CuratedFiles {
  const problems: DataProblem[] = [];
  const hash = createHash('sha256');
  const read = (file: string): RawFile => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      problems.push({ file, message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
      hash.update(`\0${path.relative(dataDir, file)}\0unreadable\0`);
      return { file, raw: undefined };
    }
    // Each file's name and length go in first, so no two different sets of files hash alike.
    hash.update(`\0${path.relative(dataDir, file)}\0${bytes.length}\0`).update(bytes);
    try {
      return { file, raw: JSON.parse(bytes.toString('utf8')) };
    } catch (err) {
      problems.push({ file, message: `is not valid JSON: ${(err as Error).message}` });
      return { file, raw: undefined };
    }
  };
  const meta = read(path.join(dataDir, 'dataset.json'));
  const parties = jsonFilesIn(path.join(dataDir, 'parties'), problems).map(read);
  // data/imported holds incidents imported from open data (npm run data:import-attack): loaded
  // alongside the curated ones, marked by `imported`, and optional (a fixture may have none).
  const importedDir = path.join(dataDir, IMPORTED_DIR);
  const incidents = [
    ...jsonFilesIn(path.join(dataDir, 'incidents'), problems).map((file) => ({ ...read(file), imported: false })),
    ...(existsSync(importedDir) ? jsonFilesIn(importedDir, problems).map((file) => ({ ...read(file), imported: true })) : []),
  ];
  return { dataDir, meta, parties, incidents, problems, hash: hash.digest('hex') };
}

/**
 * The dataset from files that data:check has validated as they are (the caller has compared
 * their hash with the manifest): no schema and no reference checks, only the schemas' defaults
 * and field order (src/domain/stored-form.ts).
 */
export function trustedDataset(files: CuratedFiles): CuratedDataset {
  if (files.problems.length) throw new DataValidationError(files.problems);
  return {
    meta: metaFromStore(files.meta.raw),
    parties: files.parties.flatMap((f) => partiesFromStore(f.raw)),
    incidents: files.incidents.map((f) => incidentFromStore(f.raw)),
  };
}
