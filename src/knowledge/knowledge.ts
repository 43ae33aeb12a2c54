// The knowledge base: the curated dataset joined with the alias registry, in the shape the
// commands need. Built once at start-up (./open.ts; ./load.ts for tools and tests); queries
// never touch the files again.
import type { Incident, Party } from '../domain/schema.ts';
import { creditedVendors } from '../registry/naming-schemes.ts';
import type { AliasRegistry, RegistryActor } from '../registry/registry-file.ts';
import { compactKey } from '../search/normalize.ts';
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

export class KnowledgeBase {
  readonly parties = new Map<string, Party>();
  readonly entities = new Map<string, Entity>();
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
    for (const actor of registry.actors) {
      if (!this.curatedByActor.has(actor.id) && !this.entities.has(actor.id)) this.addActor(actor);
    }
    for (const incident of [...dataset.incidents].sort((a, b) => a.id.localeCompare(b.id))) this.addIncident(incident);
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

  private addActor(actor: RegistryActor): void {
    this.entities.set(actor.id, {
      id: actor.id,
      kind: actor.kind,
      name: { en: actor.name },
      aliases: credited(actor.names.filter((n) => n.name !== actor.name)),
      countryHint: actor.sponsor ?? actor.country,
      suspectedSponsor: this.sponsorOf(actor),
      actor,
    });
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
