// The alias registry's file read without its schema: its JSON, a hash of its bytes, and the
// indexes resolve() needs. ./registry.ts validates the file (data:check, the tools, the tests,
// and a start-up whose manifest does not match); a start-up after data:check validated exactly
// these bytes indexes them as they are (src/knowledge/open.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compactKey } from '../search/normalize.ts';
import { DATA_DIR } from '../domain/paths.ts';
import { list, object, shaped, VALUE, type Shape } from '../domain/stored-form.ts';

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
  /** Every actor's id, in the file's order (what `actors` holds, without making the actors). */
  readonly ids: readonly string[];
  /** The actor with this id (byId.get, without making every other actor). */
  actor(id: string): RegistryActor | undefined;
  /** All actors that carry this name (compared with compactKey). Empty: unknown; more than one: ambiguous. */
  resolve(name: string): RegistryActor[];
  ambiguous: Map<string, string[]>; // compact name key -> actor ids
}

export const DEFAULT_REGISTRY_FILE = path.join(DATA_DIR, 'registry', 'actors.json');

export class RegistryError extends Error {
  constructor(readonly file: string, readonly details: string[]) {
    super(`The alias registry ${file} is invalid:\n${details.map((d) => `  - ${d}`).join('\n')}`);
    this.name = 'RegistryError';
  }
}

export interface RegistryFile {
  /** The path as shown in messages (relative to the working directory). */
  where: string;
  raw: unknown;
  /** sha256 of the file's bytes. */
  hash: string;
}

/** Reads and parses the file; one that cannot be read or is not JSON is a RegistryError. */
export function readRegistryFile(file: string = DEFAULT_REGISTRY_FILE): RegistryFile {
  const where = path.relative(process.cwd(), file) || file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
    return { where, raw: JSON.parse(bytes.toString('utf8')), hash: createHash('sha256').update(bytes).digest('hex') };
  } catch (err) {
    throw new RegistryError(where, [(err as NodeJS.ErrnoException).code ? `cannot be read (${(err as NodeJS.ErrnoException).code})` : `is not valid JSON: ${(err as Error).message}`]);
  }
}

/** The registry's indexes over actors that have passed the schema; duplicate ids are a RegistryError. */
export function indexRegistry(where: string, actors: RegistryActor[], ambiguous: Record<string, string[]>): AliasRegistry {
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
    ids: actors.map((a) => a.id),
    actor: (id) => byId.get(id),
    resolve: (name) => [...(byKey.get(compactKey(name)) ?? [])],
    ambiguous: new Map(Object.entries(ambiguous)),
  };
}

/** An actor as ./registry.ts's schema returns it (see src/domain/stored-form.ts). */
const ACTOR: Shape = {
  id: VALUE,
  name: VALUE,
  kind: VALUE,
  country: VALUE,
  sponsor: VALUE,
  attackId: VALUE,
  catalogues: list(VALUE),
  refs: list(VALUE),
  names: list(object({ name: VALUE, sources: list(VALUE) })),
};

/** One actor of a file that passed the schema, as the schema returns it. */
const storedActor = (raw: unknown): RegistryActor => shaped(raw as Record<string, unknown>, ACTOR) as unknown as RegistryActor;

/** The actors of a file that passed the schema, as the schema returns them. */
export function storedActors(raw: unknown): RegistryActor[] {
  return ((raw as { actors: unknown[] }).actors ?? []).map(storedActor);
}

/**
 * The registry from a file data:check has validated as it is (the caller compared its hash),
 * made lazily: a start-up needs a few dozen of its thousands of actors (the curated parties'
 * links, the actors an answer names), so each actor is rebuilt in its stored form when first
 * asked for, and the name index when resolve() is first called. Asked for, the actors are the
 * very objects indexRegistry(storedActors(...)) would give, in the same order; a vouched file
 * has no duplicate id (validateRegistry refuses one, and data:check vouches only after it).
 */
export function trustedRegistry(file: RegistryFile, names?: NameIndexStore): AliasRegistry {
  return new TrustedRegistry(file.raw as { actors?: Array<Record<string, unknown>>; ambiguous: Record<string, string[]> }, names);
}

/**
 * resolve()'s index of a vouched registry: every name's compactKey, sorted by code units, with
 * the positions (in the file's order) of the actors that carry it, `positions[starts[i] ..
 * starts[i + 1]]` for `keys[i]`. Plain arrays, so it can be kept as JSON between starts.
 */
export interface NameIndex {
  keys: string[];
  starts: number[];
  positions: number[];
}

/**
 * Where a name index is kept between starts (src/knowledge/registry-names.ts: a file keyed by
 * the registry's bytes and the code that makes the index, with a checksum). load() gives
 * undefined when it has none for this registry, or none intact; save() may fail quietly (the
 * index is made again next time).
 */
export interface NameIndexStore {
  load(): unknown;
  save(index: NameIndex): void;
}

/** The name index of a registry's raw actors (indexRegistry's byKey, holding positions). */
export function buildNameIndex(actors: ReadonlyArray<Record<string, unknown>>): NameIndex {
  const byKey = new Map<string, number[]>();
  actors.forEach((actor, i) => {
    // The raw names: the stored form only trims them, and compactKey ignores outer spaces.
    for (const key of new Set((actor.names as Array<{ name: string }>).map((n) => compactKey(n.name)))) {
      if (!key) continue;
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
  });
  const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const starts = [0];
  const positions: number[] = [];
  for (const key of keys) {
    positions.push(...byKey.get(key)!);
    starts.push(positions.length);
  }
  return { keys, starts, positions };
}

/** A kept index as it must be to be used for a registry of `count` actors, or undefined. */
function checkedNameIndex(kept: unknown, count: number): NameIndex | undefined {
  const index = kept as Partial<NameIndex> | undefined;
  if (!index || !Array.isArray(index.keys) || !Array.isArray(index.starts) || !Array.isArray(index.positions)) return undefined;
  const { keys, starts, positions } = index as NameIndex;
  if (starts.length !== keys.length + 1 || starts[0] !== 0 || starts[keys.length] !== positions.length) return undefined;
  // Bounds only: the keys' order is the writer's (buildNameIndex sorts them), and the store
  // checks that the file is what was written (a checksum), without comparing thousands of strings.
  for (let i = 0; i < keys.length; i++) {
    if (!Number.isInteger(starts[i + 1]) || starts[i + 1]! <= starts[i]!) return undefined;
  }
  for (const p of positions) if (!Number.isInteger(p) || p < 0 || p >= count) return undefined;
  return index as NameIndex;
}

class TrustedRegistry implements AliasRegistry {
  readonly ids: readonly string[];
  readonly ambiguous: Map<string, string[]>;
  private readonly raw: ReadonlyArray<Record<string, unknown>>;
  private readonly made: Array<RegistryActor | undefined>;
  private positions?: Map<string, number>;
  private names?: NameIndex;
  private all?: RegistryActor[];
  private map?: Map<string, RegistryActor>;

  constructor(
    file: { actors?: Array<Record<string, unknown>>; ambiguous: Record<string, string[]> },
    private readonly store?: NameIndexStore,
  ) {
    this.raw = file.actors ?? [];
    this.made = new Array<RegistryActor | undefined>(this.raw.length);
    // The schema takes ids as lowercase slugs (no outer spaces): the stored form's id is the raw one.
    this.ids = this.raw.map((a) => a.id as string);
    this.ambiguous = new Map(Object.entries(file.ambiguous));
  }

  get actors(): RegistryActor[] {
    return (this.all ??= this.raw.map((_, i) => this.at(i)));
  }

  get byId(): Map<string, RegistryActor> {
    return (this.map ??= new Map(this.actors.map((a) => [a.id, a])));
  }

  actor(id: string): RegistryActor | undefined {
    this.positions ??= new Map(this.ids.map((actorId, i) => [actorId, i]));
    const i = this.positions.get(id);
    return i === undefined ? undefined : this.at(i);
  }

  resolve(name: string): RegistryActor[] {
    const { keys, starts, positions } = this.nameIndex();
    const key = compactKey(name);
    // Binary search of the sorted keys.
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    if (keys[lo] !== key) return [];
    return positions.slice(starts[lo], starts[lo + 1]).map((i) => this.at(i));
  }

  /** The kept index when there is a usable one for these bytes, else made (every name's key) and kept. */
  private nameIndex(): NameIndex {
    if (this.names) return this.names;
    let kept: unknown;
    try {
      kept = this.store?.load();
    } catch {
      kept = undefined;
    }
    const checked = checkedNameIndex(kept, this.raw.length);
    if (checked) return (this.names = checked);
    this.names = buildNameIndex(this.raw);
    this.store?.save(this.names);
    return this.names;
  }

  private at(i: number): RegistryActor {
    return (this.made[i] ??= storedActor(this.raw[i]));
  }
}
