// npm run data:check: validates the curated dataset (and, once built, the alias registry),
// checks the Urdu of the data and of the bot's own strings against the spelling sheet and the
// oblique names (scripts/urdu-checks.ts), and prints counts: curated and imported incidents
// apart, claims by type and by basis. Exits non-zero, naming every problem, when anything is
// wrong. `--data <dir>` (or ILZAM_DATA_DIR) checks another copy of data/ (the tests use it).
// When everything is right it writes <data>/validated.json (src/store/data-manifest.ts), so
// that a start-up on exactly these files need not validate them again.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR } from '../src/domain/paths.ts';
import { compactKey } from '../src/search/normalize.ts';
import { IMPORTED_PARTIES_FILE } from './import-attack.ts';
import { DataValidationError, validateCurated, type CuratedDataset } from '../src/store/curated.ts';
import { readCuratedFiles } from '../src/store/curated-files.ts';
import { RegistryError, validateRegistry, type AliasRegistry } from '../src/registry/registry.ts';
import { readRegistryFile } from '../src/registry/registry-file.ts';
import { vouchFor } from './data-manifest.ts';
import { urduProblems } from './urdu-checks.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { searchDocs } from '../src/knowledge/search-docs.ts';
import { SEARCH_DOCS_FINGERPRINT, searchIndexKey } from '../src/knowledge/search-index-key.ts';
import { searchDocsSourcesFingerprint } from './search-docs-fingerprint.ts';
import { searchIndexFile } from '../src/search/index-file.ts';
import { openSearchIndex } from '../src/search/snapshot.ts';
import { keepRegistryNames } from '../src/knowledge/registry-names.ts';

const { values: args } = parseArgs({ options: { data: { type: 'string' } } });
const dataDir = args.data ? path.resolve(args.data) : DATA_DIR;

const problems: string[] = [];
let data: CuratedDataset | undefined;
let registry: AliasRegistry | undefined;

const files = readCuratedFiles(dataDir);
try {
  data = validateCurated(files);
} catch (err) {
  if (!(err instanceof DataValidationError)) throw err;
  problems.push(err.message);
}
let registryFile: ReturnType<typeof readRegistryFile> | undefined;
try {
  registryFile = readRegistryFile(path.join(dataDir, 'registry', 'actors.json'));
  registry = validateRegistry(registryFile);
} catch (err) {
  if (!(err instanceof RegistryError)) throw err;
  problems.push(err.message);
}

if (registry) {
  // The loader checks the shape and unique ids; these are the registry's own invariants.
  const holders = new Map<string, string[]>();
  for (const a of registry.actors) {
    if (compactKey(a.name) === '') problems.push(`  - data/registry/actors.json, record "${a.id}": the name has no letters or digits`);
    if (!a.names.some((n) => n.name === a.name)) problems.push(`  - data/registry/actors.json, record "${a.id}": its name is not among its names`);
    for (const n of a.names) {
      const key = compactKey(n.name);
      if (!key) problems.push(`  - data/registry/actors.json, record "${a.id}": empty name "${n.name}"`);
      else if (!holders.get(key)?.includes(a.id)) holders.set(key, [...(holders.get(key) ?? []), a.id]);
    }
  }
  const shared = [...holders].filter(([, ids]) => ids.length > 1);
  const listed = [...registry.ambiguous.keys()];
  if (shared.length !== listed.length || shared.some(([k, ids]) => registry!.ambiguous.get(k)?.join() !== [...ids].sort().join())) {
    problems.push('  - data/registry/actors.json: the "ambiguous" section does not match the names the actors share (rebuild with npm run data:aliases)');
  }
}

if (data && registry) {
  // A curated group's `registry` name must pick exactly one actor, or its vendor names are
  // unknown; and one actor is one party (two would split its history between them).
  const partyOfActor = new Map<string, string>();
  for (const party of data.parties) {
    if (!party.registry) continue;
    const found = registry.resolve(party.registry);
    if (found.length !== 1) {
      const why = found.length ? `is ambiguous (${found.map((a) => a.id).join(', ')})` : 'matches no registry actor';
      problems.push(`  - data/parties, record "${party.id}", field registry: "${party.registry}" ${why}`);
      continue;
    }
    const other = partyOfActor.get(found[0]!.id);
    if (other) problems.push(`  - data/parties, record "${party.id}", field registry: registry actor "${found[0]!.id}" is already the party "${other}"; merge them`);
    else partyOfActor.set(found[0]!.id, party.id);
  }
}

if (data) problems.push(...urduProblems(data, path.resolve(import.meta.dirname, '..')));

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const fmt = (n: number) => n.toLocaleString('en-US');
// Imported incidents (data/imported, from open data) are counted apart from the curated ones:
// breadth is not curation, and the headline number should say so.
const curated = data!.incidents.filter((i) => !i.imported);
const imported = data!.incidents.length - curated.length;
const importedPartiesFile = path.join(dataDir, 'parties', IMPORTED_PARTIES_FILE);
const importedParties = existsSync(importedPartiesFile) ? (JSON.parse(readFileSync(importedPartiesFile, 'utf8')).parties as unknown[]).length : 0;
const claims = data!.incidents.flatMap((i) => i.claims);
const names = registry!.actors.reduce((n, a) => n + a.names.length, 0);
const tally = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([k, n]) => `${k} ${fmt(n)}`).join(', ');
};
console.log(
  `${fmt(curated.length)} curated incidents (+${fmt(imported)} imported), ${fmt(claims.length)} claims, ${fmt(data!.parties.length - importedParties)} curated parties (+${fmt(importedParties)} imported), ` +
    `${fmt(registry!.actors.length)} actors, ${fmt(names)} names, ${fmt(registry!.ambiguous.size)} ambiguous names`,
);
console.log(`claims by type: ${tally(claims.map((c) => c.type))}`);
console.log(`claims by basis: ${tally(claims.map((c) => c.basis ?? 'none given'))}`);
const vouched = vouchFor(dataDir, files, data!, registryFile!, registry!);
console.log(vouched.written ? `validated.json written: a start-up on these files skips the schemas` : `validated.json not written (${vouched.why}): every start-up validates`);

// The data is good: write the search index snapshot the bot will load at start (when it is
// not already the one for this data), so no start pays for the build. Only for the data the
// bot reads (not a copy checked with --data). Keyed as Bot.open keys it (the same files'
// hashes), so that start reads it without making the documents; not when the key's code
// fingerprint is stale (a start would then take the documents' hash, and key it itself).
if (!args.data) {
  const file = searchIndexFile();
  const stale = searchDocsSourcesFingerprint() !== SEARCH_DOCS_FINGERPRINT;
  if (stale) console.log('SEARCH_DOCS_FINGERPRINT in src/knowledge/search-index-key.ts is stale: put there what `node --import tsx scripts/search-docs-fingerprint.ts` prints');
  const key = stale ? undefined : searchIndexKey({ curated: files.hash, registry: registryFile!.hash });
  const opened = openSearchIndex(file, () => searchDocs(new KnowledgeBase(data!, registry!)), undefined, key);
  console.log(`search index snapshot: ${opened.from === 'snapshot' ? 'up to date' : 'written'} (${path.relative(process.cwd(), file) || file})`);
  // And the registry's name index a start reads beside it (only a vouched registry uses it).
  if (vouched.written) keepRegistryNames(registryFile!);
}
