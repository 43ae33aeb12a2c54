// What a channel can follow (an actor, a state or an incident) and which claims are about it,
// shared by /follow, the instant alerts and the filtered daily digest. A follow stores the
// entity's id, so following "Fancy Bear" or «اے پی ٹی 28» is following APT28, and a claim about
// Forest Blizzard is a claim about APT28 too. A state covers its own parties (agencies, the
// groups attributed to it: party.state) and the incidents that hit it (victimStates).
import type { Claim } from '../domain/schema.ts';
import type { Lang } from '../i18n/lang.ts';
import type { SearchHit } from '../search/engine.ts';
import { compactKey } from '../search/normalize.ts';
import type { Entity, KnowledgeBase } from './knowledge.ts';
import { lookup, type Finder } from './lookup.ts';

export type FollowKind = 'actor' | 'state' | 'incident';

export interface FollowTarget {
  kind: FollowKind;
  /** An entity id (curated party or registry actor) or an incident id. */
  id: string;
  /** Its names now, kept with the follow so it can be found again if the id goes. */
  names: string[];
}

/** The most names kept with a follow: enough to find a renamed actor again, not its whole catalogue. */
const MAX_NAMES = 24;

/** Groups and gangs: what "covers N groups attributed to China" counts. */
const GROUP_KINDS = new Set(['threat-group', 'criminal-group']);

function entityNames(entity: Entity): string[] {
  return [...new Set([entity.name.en, entity.name.ur, ...entity.aliases.map((a) => a.name)].filter((n): n is string => Boolean(n)))].slice(0, MAX_NAMES);
}

function entityTarget(entity: Entity): FollowTarget {
  return { kind: entity.kind === 'state' ? 'state' : 'actor', id: entity.id, names: entityNames(entity) };
}

function incidentTarget(kb: KnowledgeBase, id: string): FollowTarget {
  const incident = kb.incidents.get(id)!;
  return { kind: 'incident', id, names: [...new Set([incident.title.en, incident.title.ur, ...incident.names])].slice(0, MAX_NAMES) };
}

/**
 * How an incident is named where an actor could be meant by the same id (the Volt Typhoon
 * group, the Volt Typhoon incident): autocomplete sends "incident:volt-typhoon".
 */
export const INCIDENT_PREFIX = 'incident:';

/** The value that picks this target back in findFollowable. */
export function followableValue(hit: { kind: 'incident' | 'entity'; id: string }): string {
  return hit.kind === 'incident' ? `${INCIDENT_PREFIX}${hit.id}` : hit.id;
}

export type FollowLookup =
  | { kind: 'found'; target: FollowTarget; /** Close runners-up of the other kind ("the incident SolarWinds"). */ others: SearchHit[] }
  | { kind: 'ambiguous'; hits: SearchHit[] }
  | { kind: 'none'; near: SearchHit[] };

/**
 * What a typed name means as something to follow: an id as autocomplete sends it, else the
 * better of the actor (or state) and the incident it names; on a tie, the actor. Ambiguous
 * actor names are never decided silently.
 */
export function findFollowable(finder: Finder, text: string): FollowLookup {
  const { kb } = finder;
  const incidentId = text.startsWith(INCIDENT_PREFIX) ? text.slice(INCIDENT_PREFIX.length) : undefined;
  if (incidentId !== undefined && kb.incidents.has(incidentId)) return { kind: 'found', target: incidentTarget(kb, incidentId), others: [] };
  const byId = kb.entities.get(text) ?? kb.entityForActor(text);
  if (byId) return { kind: 'found', target: entityTarget(byId), others: [] };
  if (kb.incidents.has(text)) return { kind: 'found', target: incidentTarget(kb, text), others: [] };
  const entity = lookup(finder, text, 'entity');
  if (entity.kind === 'ambiguous') return entity;
  const incident = lookup(finder, text, 'incident');
  const e = entity.kind === 'found' ? entity.hit : undefined;
  const i = incident.kind === 'found' ? incident.hit : undefined;
  if (e && (!i || e.score >= i.score)) return { kind: 'found', target: entityTarget(kb.entities.get(e.id)!), others: i ? [i] : [] };
  if (i) return { kind: 'found', target: incidentTarget(kb, i.id), others: e ? [e] : [] };
  const near = [...(entity.kind === 'none' ? entity.near : []), ...(incident.kind === 'none' ? incident.near : [])].sort((a, b) => b.score - a.score).slice(0, 5);
  return { kind: 'none', near };
}

/** The target's current names, for a follow made now. */
export function followTargetOf(kb: KnowledgeBase, kind: FollowKind, id: string): FollowTarget | undefined {
  if (kind === 'incident') return kb.incidents.has(id) ? incidentTarget(kb, id) : undefined;
  const entity = kb.entities.get(id) ?? kb.entityForActor(id);
  return entity && entityTarget(entity);
}

/**
 * A stored follow's target as the data has it now: the same id, its canonical entity (a
 * registry actor now curated), or, when the id is gone (renamed, merged), the one thing its
 * stored names lead to: through the alias registry, else an exact name. Undefined when nothing
 * is found: the follow then matches nothing, and /following says so.
 */
export function resolveFollowTarget(kb: KnowledgeBase, follow: { kind: FollowKind; target: string; names: readonly string[] }): FollowTarget | undefined {
  const now = followTargetOf(kb, follow.kind, follow.target);
  if (now) return now;
  const keys = new Set(follow.names.map(compactKey).filter(Boolean));
  if (follow.kind === 'incident') {
    const incident = [...kb.incidents.values()].find((i) => [i.title.en, i.title.ur, ...i.names].some((n) => keys.has(compactKey(n))));
    return incident && incidentTarget(kb, incident.id);
  }
  for (const name of follow.names) {
    const actors = kb.registry.resolve(name);
    const viaRegistry = actors.length === 1 ? kb.entityForActor(actors[0]!.id) : undefined;
    if (viaRegistry) return entityTarget(viaRegistry);
  }
  // Exact names only, and only one entity: a follow must never drift to something else.
  const named = [...kb.entities.values()].filter((e) => entityNames(e).some((n) => keys.has(compactKey(n))));
  return named.length === 1 ? entityTarget(named[0]!) : undefined;
}

/** "APT28 (Russia)", "China", an incident's title; a target no longer in the data by its first stored name. */
export function followLabel(kb: KnowledgeBase, target: { kind: FollowKind; id: string; names?: readonly string[] }, lang: Lang): string {
  if (target.kind === 'incident') return kb.incidents.get(target.id)?.title[lang] ?? target.names?.[0] ?? target.id;
  const entity = kb.entities.get(target.id) ?? kb.entityForActor(target.id);
  if (!entity) return target.names?.[0] ?? target.id;
  const name = (lang === 'ur' ? entity.name.ur : undefined) ?? entity.name.en;
  const state = entity.state?.name[lang] ?? entity.countryHint;
  return state && entity.kind !== 'state' ? `${name} (${state})` : name;
}

/** The groups attributed to a state (curated parties whose state it is), for "also covers N groups". */
export function groupsOf(kb: KnowledgeBase, stateId: string): Entity[] {
  return [...kb.entities.values()].filter((e) => e.party?.state === stateId && GROUP_KINDS.has(e.kind));
}

/** Actors, states and incidents a claim must be about to pass: a follow's or a filtered digest's. */
export interface ClaimFilter {
  actors?: readonly string[];
  states?: readonly string[];
  incidents?: readonly string[];
}

/** What a claim is seen with: its incident's id and the states it hit. */
export interface ClaimContext {
  incidentId: string;
  victimStates?: readonly string[];
}

/**
 * Decides whether claims are about the filter's actors, states or incidents. Party ids are
 * compared as entities: a curated party, the curated party of a registry actor, and (for a
 * published claim naming a party the dataset does not have yet, "forest-blizzard") the actor
 * the registry knows by that name.
 */
export class ClaimMatcher {
  readonly #kb: KnowledgeBase;
  readonly #actors: Set<string>;
  readonly #states: Set<string>;
  readonly #incidents: Set<string>;
  readonly #canonical = new Map<string, string>();

  constructor(kb: KnowledgeBase, filter: ClaimFilter) {
    this.#kb = kb;
    this.#actors = new Set((filter.actors ?? []).map((id) => this.canonical(id)));
    this.#states = new Set((filter.states ?? []).map((id) => this.canonical(id)));
    this.#incidents = new Set(filter.incidents ?? []);
  }

  get empty(): boolean {
    return !this.#actors.size && !this.#states.size && !this.#incidents.size;
  }

  /** The entity id a party id stands for. */
  canonical(id: string): string {
    let found = this.#canonical.get(id);
    if (found === undefined) {
      found = canonicalEntity(this.#kb, id);
      this.#canonical.set(id, found);
    }
    return found;
  }

  /** The state a party belongs to or is attributed to, if the dataset says. */
  stateOf(id: string): string | undefined {
    return this.#kb.parties.get(this.canonical(id))?.state;
  }

  matches(claim: Pick<Claim, 'by' | 'against'>, ctx: ClaimContext): boolean {
    if (this.#incidents.has(ctx.incidentId)) return true;
    for (const party of [claim.by, ...claim.against]) {
      const id = this.canonical(party);
      if (this.#actors.has(id) || this.#states.has(id)) return true;
      const state = this.stateOf(party);
      if (state !== undefined && this.#states.has(state)) return true;
    }
    return (ctx.victimStates ?? []).some((s) => this.#states.has(this.canonical(s)));
  }
}

/** The entity a party id (or registry actor id, or a new party's slug) stands for; itself when unknown. */
export function canonicalEntity(kb: KnowledgeBase, id: string): string {
  if (kb.parties.has(id)) return id;
  const known = kb.entityForActor(id) ?? kb.entities.get(id);
  if (known) return known.id;
  // A slug of a name the registry knows: "forest-blizzard" is Forest Blizzard, which is APT28.
  const actors = kb.registry.resolve(id.replace(/-/g, ' '));
  if (actors.length === 1) return kb.entityForActor(actors[0]!.id)?.id ?? actors[0]!.id;
  return id;
}

/** Names a filtered digest may take: enough for a newsroom's beat, few enough to read in a header. */
export const MAX_FILTER_NAMES = 10;

export type FilterLookup =
  | { kind: 'found'; filter: { actors: string[]; states: string[] } }
  /** One of the names is unknown or ambiguous: `lookup` says which and why. */
  | { kind: 'bad'; name: string; lookup: Exclude<ReturnType<typeof lookup>, { kind: 'found' }> }
  | { kind: 'too-many'; count: number };

/** "APT28, Pakistan" (or «اے پی ٹی 28، پاکستان»): a filtered digest's actors and states, by any of their names. */
export function resolveFilter(finder: Finder, text: string): FilterLookup {
  const names = text.split(/[,،;]/).map((n) => n.trim()).filter(Boolean);
  if (names.length > MAX_FILTER_NAMES) return { kind: 'too-many', count: names.length };
  const actors: string[] = [];
  const states: string[] = [];
  for (const name of names) {
    const entity = finder.kb.entities.get(name);
    const found = entity ? undefined : lookup(finder, name, 'entity');
    if (found && found.kind !== 'found') return { kind: 'bad', name, lookup: found };
    const hit = entity ?? finder.kb.entities.get(found!.kind === 'found' ? found!.hit.id : '')!;
    const into = hit.kind === 'state' ? states : actors;
    if (!into.includes(hit.id)) into.push(hit.id);
  }
  return { kind: 'found', filter: { actors, states } };
}

/** The same name, whatever its spacing, case or script's variant letters: for matching stored names. */
export function sameName(a: string, b: string): boolean {
  return compactKey(a) === compactKey(b);
}
