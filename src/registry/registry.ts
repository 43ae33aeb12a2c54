// The actor alias registry at run time: every vendor's name for a threat or criminal group,
// loaded from data/registry/actors.json (built by scripts/build-aliases.ts, committed, never
// read from ../shared). Names are compared with compactKey, so "APT 28" finds APT28. A name
// carried by several actors is ambiguous: resolve() returns them all and never picks one.
import { z } from 'zod';
import { DEFAULT_REGISTRY_FILE, indexRegistry, readRegistryFile, RegistryError, type AliasRegistry, type RegistryActor, type RegistryFile } from './registry-file.ts';

export { DEFAULT_REGISTRY_FILE, RegistryError, type ActorName, type AliasRegistry, type RegistryActor } from './registry-file.ts';

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

/** Reads, validates and indexes the registry. Throws RegistryError naming the file and record. */
export function loadRegistry(file: string = DEFAULT_REGISTRY_FILE): AliasRegistry {
  return validateRegistry(readRegistryFile(file));
}

/** Validates a registry file as read by readRegistryFile, and indexes it. */
export function validateRegistry({ where, raw }: RegistryFile): AliasRegistry {
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
  return indexRegistry(where, parsed.data.actors satisfies RegistryActor[], parsed.data.ambiguous);
}
