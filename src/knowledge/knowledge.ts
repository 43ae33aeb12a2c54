// The knowledge base: the curated dataset joined with the alias registry, in the shape the
// commands need. Built once at start-up (./open.ts; ./load.ts for tools and tests); queries
// never touch the files again.
import type { Incident, Party } from '../domain/schema.ts';
import { creditedVendors } from '../registry/naming-schemes.ts';
import type { AliasRegistry, RegistryActor } from '../registry/registry-file.ts';
import { compactKey } from '../search/normalize.ts';
import { compareText } from '../text/compare.ts';
import type { IncidentTextCache } from './incident-text.ts';
import { IncidentTable, type ClaimRef } from './incident-table.ts';
import type { CuratedDataset } from '../store/curated-files.ts';

/** A name with the vendors credited with it, for display ("CrowdStrike: Fancy Bear"). */
export interface NamedBy {
  name: string;
  sources: string[];
}

function credited(names: Array<{ name: string; sources: string[] }>): NamedBy[] {
  return names.map((n) => ({ name: n.name, sources: creditedVendors(n.name, n.sources) }));
}

/**
 * Something that can be looked up with /actor: a curated party (with Urdu names, possibly
 * linked to a registry actor) or a registry actor nobody has curated yet.
 */
export interface Entity {
  id: string;
  kind: Party['kind'];
  name: { en: string; ur?: string };
  /** Every other name, curated aliases first, then the registry's vendor names. */
  aliases: NamedBy[];
  /** The affiliated or attributed state, as a curated party when one exists. */
  state?: Party;
  /** Country code or sponsor from the registry, for actors with no curated state. */
  countryHint?: string;
  /**
   * CFR's suspected state sponsor, as MISP records it, for an actor with no curated state: the
   * curated state's names when CFR's wording names one ("Russian Federation" -> Russia).
   */
  suspectedSponsor?: { en: string; ur?: string };
  party?: Party;
  actor?: RegistryActor;
  note?: { en: string; ur: string };
}

export type { ClaimRef } from './incident-table.ts';

/**
 * The entities, with the registry's actors made on first use: a start-up needs a handful of
 * the thousands (the ones an answer names), and making each is a stored-form rebuild and a
 * credit for every name. An actor's entry is in the map from the start, in its place, holding
 * a placeholder that get() (or any walk over the values) replaces by the entity, so keys, size,
 * order and every value read are what a map filled eagerly would give.
 */
class EntityMap extends Map<string, Entity> {
  private pending = 0;

  constructor(private readonly make: (id: string) => Entity) {
    super();
  }

  /** Reserves an actor's place; its entity is made when first read. */
  setPending(id: string): void {
    if (super.get(id) !== PENDING) this.pending++;
    super.set(id, PENDING);
  }

  override get(id: string): Entity | undefined {
    const value = super.get(id);
    if (value !== PENDING) return value;
    const made = this.make(id);
    super.set(id, made); // a key set again keeps its place
    this.pending--;
    return made;
  }

  override set(id: string, entity: Entity): this {
    if (super.get(id) === PENDING) this.pending--;
    return super.set(id, entity);
  }

  override delete(id: string): boolean {
    if (super.get(id) === PENDING) this.pending--;
    return super.delete(id);
  }

  override clear(): void {
    this.pending = 0;
    super.clear();
  }

  override values(): MapIterator<Entity> {
    this.makeAll();
    return super.values();
  }

  override entries(): MapIterator<[string, Entity]> {
    this.makeAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, Entity]> {
    return this.entries();
  }

  override forEach(callback: (value: Entity, key: string, map: Map<string, Entity>) => void, thisArg?: unknown): void {
    this.makeAll();
    super.forEach(callback, thisArg);
  }

  private makeAll(): void {
    if (!this.pending) return;
    for (const id of super.keys()) this.get(id);
  }
}

/** The place of an entity not made yet (EntityMap). */
const PENDING = Object.freeze({ id: '' }) as Entity;

export class KnowledgeBase {
  readonly parties = new Map<string, Party>();
  readonly entities: Map<string, Entity> = new EntityMap((id) => this.actorEntity(this.registry.actor(id)!));
  /**
   * Read like a Map of incidents by id. Once slimText has run, its records are made afresh on
   * each access (./incident-table.ts): compare them by id, not identity.
   */
  readonly incidents = new IncidentTable();
  /** Claims that mention an entity as maker or target, by entity id (the lists are made on each get). */
  readonly claimsByEntity: { get(entityId: string): ClaimRef[] | undefined } = { get: (id) => this.incidents.claimsOf(id) };
  /** Registry actor id -> curated party id, so a registry hit lands on the curated entity. */
  private readonly curatedByActor = new Map<string, string>();

  constructor(
    readonly dataset: CuratedDataset,
    readonly registry: AliasRegistry,
  ) {
    for (const party of dataset.parties) this.parties.set(party.id, party);
    for (const party of dataset.parties) this.addParty(party);
    for (const id of registry.ids) {
      if (!this.curatedByActor.has(id) && !this.entities.has(id)) (this.entities as EntityMap).setPending(id);
    }
    for (const incident of [...dataset.incidents].sort((a, b) => compareText(a.id, b.id))) this.addIncident(incident);
  }

  get reviewed(): string {
    return this.dataset.meta.reviewed;
  }

  /** The entity a registry actor is shown as: its curated party when there is one. */
  entityForActor(actorId: string): Entity | undefined {
    return this.entities.get(this.curatedByActor.get(actorId) ?? actorId);
  }

  partyName(id: string, lang: 'en' | 'ur'): string {
    const party = this.parties.get(id);
    if (!party) return id;
    return party.name[lang];
  }

  /** Adds parties at run time (published with a reviewed draft). Known ids are left as they are. */
  addParties(parties: readonly Party[]): Entity[] {
    const added: Entity[] = [];
    for (const party of parties) {
      if (this.parties.has(party.id)) continue;
      this.parties.set(party.id, party);
      this.addParty(party);
      added.push(this.entities.get(party.id)!);
    }
    return added;
  }

  /** Adds an incident at run time, or replaces one with a newer version of itself; it is indexed by the caller. */
  addIncident(incident: Incident): void {
    this.incidents.add(incident);
  }

  /**
   * Drops the incidents' long text from memory once the index is built: every incident becomes
   * a slim record that reads its summaries, quotes, sources and notes through the cache when a
   * reply asks (./incident-text.ts), and what stays in memory is held as columns rather than
   * objects (./incident-table.ts). Incidents added later (published at run time) stay whole.
   * `dataset.incidents` then reads as the same records, in the dataset's order, made on access.
   */
  slimText(cache: IncidentTextCache): void {
    const table = this.incidents;
    table.compact(cache);
    const order = Int32Array.from(this.dataset.incidents, (i) => table.indexOf(i.id)!);
    Object.defineProperty(this.dataset, 'incidents', {
      get: () => table.originals(order),
      set(this: CuratedDataset, value: Incident[]) {
        Object.defineProperty(this, 'incidents', { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
  }

  private addParty(party: Party): void {
    const actor = party.registry ? this.registry.resolve(party.registry) : [];
    // The checker guarantees a unique match; at run time an ambiguous one is simply not linked.
    const linked = actor.length === 1 ? actor[0] : undefined;
    if (linked) this.curatedByActor.set(linked.id, party.id);
    const aliases: NamedBy[] = party.aliases.map((a) => ({ name: a.name, sources: a.source ? [a.source] : [] }));
    const seen = new Set([party.name.en, party.name.ur, ...aliases.map((a) => a.name)].map((n) => n.toLowerCase()));
    for (const n of credited(linked?.names ?? [])) {
      if (seen.has(n.name.toLowerCase())) continue;
      seen.add(n.name.toLowerCase());
      aliases.push({ name: n.name, sources: n.sources });
    }
    this.entities.set(party.id, {
      id: party.id,
      kind: party.kind,
      name: party.name,
      aliases,
      state: party.state ? this.parties.get(party.state) : undefined,
      countryHint: linked?.sponsor ?? linked?.country,
      suspectedSponsor: party.state ? undefined : this.sponsorOf(linked),
      party,
      actor: linked,
      note: party.note,
    });
  }

  private actorEntity(actor: RegistryActor): Entity {
    return {
      id: actor.id,
      kind: actor.kind,
      name: { en: actor.name },
      aliases: credited(actor.names.filter((n) => n.name !== actor.name)),
      countryHint: actor.sponsor ?? actor.country,
      suspectedSponsor: this.sponsorOf(actor),
      actor,
    };
  }

  /** CFR names states as the UN does ("Iran (Islamic Republic of)"); "Unknown" is no sponsor. */
  private sponsorOf(actor: RegistryActor | undefined): Entity['suspectedSponsor'] {
    const cfr = actor?.sponsor;
    if (!cfr || /^unknown$/i.test(cfr)) return undefined;
    const reordered = cfr.replace(/^(.*) \((.* of)\)$/, '$2 $1'); // "Islamic Republic of Iran"
    const keys = new Set([cfr, reordered].map(compactKey));
    for (const party of this.parties.values()) {
      if (party.kind !== 'state') continue;
      if ([party.name.en, ...party.aliases.map((a) => a.name)].some((n) => keys.has(compactKey(n)))) return party.name;
    }
    return { en: cfr };
  }
}
