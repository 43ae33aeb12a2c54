// The key a search index snapshot is read by at start-up (src/search/snapshot.ts): a hash of
// what the search documents are made from — the data files' bytes, the code that reads them
// into records (VALIDATOR_FINGERPRINT) and the code that turns records into documents
// (SEARCH_DOCS_FINGERPRINT) — so a start whose files and code are those of the snapshot reads
// it without making and hashing every document (seconds at 100,000 incidents).
import { createHash } from 'node:crypto';
import { ENGINE_VERSION } from '../search/engine.ts';
import { SNAPSHOT_FORMAT } from '../search/snapshot.ts';
import { VALIDATOR_FINGERPRINT } from '../store/validator-fingerprint.ts';

// The fingerprint of the code that turns the knowledge base into search documents
// (scripts/search-docs-fingerprint.ts lists the files): a snapshot keyed by other such code is
// not read by its key. When you change one of those files, put here what
// `node --import tsx scripts/search-docs-fingerprint.ts` prints (test/search-snapshot.test.ts says so).
export const SEARCH_DOCS_FINGERPRINT = 'a2ce0405cce2d379496c21b9203ebda6';

/** The hashes of the data's files as read (CuratedFiles.hash, RegistryFile.hash). */
export interface DataHashes {
  curated: string;
  registry: string;
}

/** The versions of the code the documents depend on; the tests pass others to see a change of code change the key. */
export const CODE_VERSIONS = { engine: ENGINE_VERSION, format: SNAPSHOT_FORMAT, searchDocs: SEARCH_DOCS_FINGERPRINT, validator: VALIDATOR_FINGERPRINT };

export function searchIndexKey(hashes: DataHashes, code: typeof CODE_VERSIONS = CODE_VERSIONS): string {
  return createHash('sha256')
    .update(['ilzam-search-key-1', code.engine, code.format, code.searchDocs, code.validator, hashes.curated, hashes.registry].join('\u0000'))
    .digest('hex');
}
