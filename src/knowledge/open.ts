// The knowledge base at start-up. The files are read and hashed; a part whose hash the data
// manifest (src/store/data-manifest.ts) names, validated by this very code, is taken as it is;
// anything else goes through the schemas, loaded only then: the schema library is a tenth of
// a second to import, and validating 100,000 incidents takes seconds.
import path from 'node:path';
import { readRegistryFile, trustedRegistry } from '../registry/registry-file.ts';
import { DEFAULT_DATA_DIR, IMPORTED_DIR, readCuratedFiles, trustedDataset } from '../store/curated-files.ts';
import { readManifest, trusted } from '../store/data-manifest.ts';
import { KnowledgeBase } from './knowledge.ts';
import type { DataPaths } from './load.ts';
import { registryNamesFile, registryNamesStore } from './registry-names.ts';

export interface OpenedKnowledge {
  kb: KnowledgeBase;
  /** Each incident's file by its id, for reading its text again once the index is built (KnowledgeBase.slimText). */
  incidentFiles: { get(id: string): string | undefined };
  /** Which parts went through the schemas (false: the manifest vouched for them). */
  validated: { curated: boolean; registry: boolean };
  /** The hashes of the files' bytes, as read: the search index snapshot's key is made of them (./search-index-key.ts). */
  hashes: { curated: string; registry: string };
}

/** Throws DataValidationError or RegistryError, naming every problem, as loadKnowledgeBase does. */
export async function openKnowledgeBase(opts: DataPaths & { indexDir?: string } = {}): Promise<OpenedKnowledge> {
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  const files = readCuratedFiles(dataDir);
  const registryFile = readRegistryFile(opts.registryFile);
  const trust = trusted(readManifest(dataDir), { curated: files.hash, registry: registryFile.hash });
  if (files.problems.length) trust.curated = false;
  const dataset = trust.curated ? trustedDataset(files) : (await import('../store/curated.ts')).validateCurated(files);
  // A vouched registry is read lazily, its name index kept beside the search snapshot (./registry-names.ts).
  const registry = trust.registry
    ? trustedRegistry(registryFile, registryNamesStore(registryNamesFile(opts), registryFile.hash))
    : (await import('../registry/registry.ts')).validateRegistry(registryFile);
  const kb = new KnowledgeBase(dataset, registry);
  // A file's name is its record's id (the checks see to it, data:check before the manifest
  // vouches), so the path is made when asked rather than held: a path per incident is ~15 MB
  // at 100,000. Only the few imported incidents' ids are kept, to know their folder.
  const importedIds = new Set(files.incidents.filter((f) => f.imported).map((f) => path.basename(f.file, '.json')));
  const incidentFiles = {
    get: (id: string) => (kb.incidents.has(id) ? path.join(dataDir, importedIds.has(id) ? IMPORTED_DIR : 'incidents', `${id}.json`) : undefined),
  };
  return { kb, incidentFiles, validated: { curated: !trust.curated, registry: !trust.registry }, hashes: { curated: files.hash, registry: registryFile.hash } };
}
