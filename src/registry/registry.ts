// The actor alias registry at run time: every vendor's name for a threat or criminal group,
// loaded from data/registry/actors.json (built by scripts/build-aliases.ts, committed, never
// read from ../shared). Names are compared with compactKey, so "APT 28" finds APT28. A name
// carried by several actors is ambiguous: resolve() returns them all and never picks one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { compactKey } from '../search/normalize.ts';
import { DATA_DIR } from '../domain/paths.ts';

export interface ActorName { name: string; sources: string[] }
export interface RegistryActor {
  id: string;
  name: string;
  kind: 'threat-group' | 'criminal-group';
  names: ActorName[];
  country?: string;
  sponsor?: string;
  attackId?: string;
  refs: string[];
  catalogues: string[];
}
export interface AliasRegistry {
  actors: RegistryActor[];
  byId: Map<string, RegistryActor>;
  /** All actors that carry this name (compared with compactKey). Empty: unknown; more than one: ambiguous. */
  resolve(name: string): RegistryActor[];
  ambiguous: Map<string, string[]>; // compact name key -> actor ids
}

export const DEFAULT_REGISTRY_FILE = path.join(DATA_DIR, 'registry', 'actors.json');

const text = z.string().trim().min(1, 'must not be empty');
const ActorSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase slug'),
  name: text,
  kind: z.enum(['threat-group', 'criminal-group']),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 alpha-2 code').optional(),
  sponsor: text.optional(),
  attackId: z.string().regex(/^G\d{4}$/, 'expected an ATT&CK group id like G0007').optional(),
  catalogues: z.array(text).min(1),
  refs: z.array(z.string().url()),
  names: z.array(z.object({ name: text, sources: z.array(text) })).min(1, 'an actor needs at least one name'),
});
const RegistrySchema = z.object({
  format: z.literal(1),
  actors: z.array(ActorSchema),
  ambiguous: z.record(z.string(), z.array(z.string()).min(2)),
});

export class RegistryError extends Error {
  constructor(readonly file: string, readonly details: string[]) {
    super(`The alias registry ${file} is invalid:\n${details.map((d) => `  - ${d}`).join('\n')}`);
    this.name = 'RegistryError';
  }
}

/** Reads, validates and indexes the registry. Throws RegistryError naming the file and record. */
export function loadRegistry(file: string = DEFAULT_REGISTRY_FILE): AliasRegistry {
  const where = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RegistryError(where, [(err as NodeJS.ErrnoException).code ? `cannot be read (${(err as NodeJS.ErrnoException).code})` : `is not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = RegistrySchema.safeParse(raw);
  if (!parsed.success) {
    // Name the actor by its id where the path runs through actors[i].
    const idOf = (i: PropertyKey) => (raw as { actors?: { id?: unknown }[] }).actors?.[Number(i)]?.id;
    throw new RegistryError(
      where,
      parsed.error.issues.slice(0, 20).map((issue) => {
        const [top, index] = issue.path;
        const record = top === 'actors' && index !== undefined ? `record "${String(idOf(index) ?? `#${String(index)}`)}", ` : '';
        return `${record}field ${issue.path.join('.') || '(root)'}: ${issue.message}`;
      }),
    );
  }

  const actors: RegistryActor[] = parsed.data.actors;
  const byId = new Map<string, RegistryActor>();
  const byKey = new Map<string, RegistryActor[]>();
  const duplicates: string[] = [];
  for (const actor of actors) {
    if (byId.has(actor.id)) duplicates.push(`record "${actor.id}": duplicate id`);
    byId.set(actor.id, actor);
    for (const key of new Set(actor.names.map((n) => compactKey(n.name)))) {
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), actor]);
    }
  }
  if (duplicates.length) throw new RegistryError(where, duplicates);

  return {
    actors,
    byId,
    resolve: (name) => [...(byKey.get(compactKey(name)) ?? [])],
    ambiguous: new Map(Object.entries(parsed.data.ambiguous)),
  };
}
