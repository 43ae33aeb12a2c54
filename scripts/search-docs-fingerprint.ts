// The fingerprint of the code that turns data into search documents and what the index makes
// of their text: src/knowledge/search-index-key.ts holds it as SEARCH_DOCS_FINGERPRINT (the
// production build has no sources to hash); test/search-snapshot.test.ts fails when that
// constant is stale, so a change to how documents are made cannot be keyed like the old ones.
// The index's own structure is ENGINE_VERSION's (src/search/engine.ts); the code that reads
// files into records is VALIDATOR_FINGERPRINT's (scripts/data-manifest.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/domain/paths.ts';

export const SEARCH_DOCS_SOURCES = [
  // Records -> documents: names, aliases, weights, words.
  'src/knowledge/search-docs.ts',
  'src/knowledge/knowledge.ts',
  // The order kb.incidents yields its records in (the documents' order).
  'src/knowledge/incident-table.ts',
  'src/registry/naming-schemes.ts',
  'src/search/types.ts',
  // How a document's text is keyed, folded and sounded out when indexed.
  'src/search/normalize.ts',
  'src/search/phonetic.ts',
  'src/text/script.ts',
];

export function searchDocsSourcesFingerprint(root = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  for (const file of SEARCH_DOCS_SOURCES) hash.update(`\0${file}\0`).update(readFileSync(path.join(root, file)));
  return hash.digest('hex').slice(0, 32);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(searchDocsSourcesFingerprint());
