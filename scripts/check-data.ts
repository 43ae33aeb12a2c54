// npm run data:check: validates the curated dataset (and, once built, the alias registry)
// and prints counts. Exits non-zero, naming every problem, when anything is wrong.
import { compactKey } from '../src/search/normalize.ts';
import { DataValidationError, loadCuratedDataset, type CuratedDataset } from '../src/store/curated.ts';
import { loadRegistry, RegistryError, type AliasRegistry } from '../src/registry/registry.ts';

const problems: string[] = [];
let data: CuratedDataset | undefined;
let registry: AliasRegistry | undefined;

try {
  data = loadCuratedDataset();
} catch (err) {
  if (!(err instanceof DataValidationError)) throw err;
  problems.push(err.message);
}
try {
  registry = loadRegistry();
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

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const fmt = (n: number) => n.toLocaleString('en-US');
const claims = data!.incidents.reduce((n, i) => n + i.claims.length, 0);
const names = registry!.actors.reduce((n, a) => n + a.names.length, 0);
console.log(
  `${fmt(data!.incidents.length)} incidents, ${fmt(claims)} claims, ${fmt(data!.parties.length)} curated parties, ` +
    `${fmt(registry!.actors.length)} actors, ${fmt(names)} names, ${fmt(registry!.ambiguous.size)} ambiguous names`,
);
