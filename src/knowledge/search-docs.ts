// What the search index knows about each incident and entity: their names (with how much a
// match on each counts) and, for incidents, descriptive words for multi-word queries.
import type { Incident } from '../domain/schema.ts';
import type { SearchDoc } from '../search/engine.ts';
import { compactKey } from '../search/normalize.ts';
import type { Entity, KnowledgeBase } from './knowledge.ts';

// A match on the target's own name or alias counts fully; on the name of a party in an
// incident a little less (the incident is not *called* APT28); registry-only actors slightly
// below curated ones, so a curated party wins a tie.
const W_OWN = 1;
const W_ALIAS = 0.95;
const W_REGISTRY_ONLY = 0.9;
const W_ACCUSED = 0.8;
const W_OTHER_PARTY = 0.65;
// Every weight of an imported incident (a MITRE ATT&CK campaign, not curated) is scaled down a
// little, so that a curated incident wins a tie on the same group's name ("sandworm" is answered
// with a curated incident, the imported ones listed after it) while a campaign's own name still
// finds it at once.
const W_IMPORTED = 0.97;

export function entityDoc(entity: Entity): SearchDoc {
  const own = entity.party ? W_OWN : W_REGISTRY_ONLY;
  const names = [{ text: entity.name.en, weight: own }];
  if (entity.name.ur) names.push({ text: entity.name.ur, weight: own });
  for (const alias of entity.aliases) names.push({ text: alias.name, weight: entity.party ? W_ALIAS : W_REGISTRY_ONLY });
  return { kind: 'entity', id: entity.id, names };
}

/** The search keys of every name of an entity, computed once per entity (it is in many incidents). */
const entityKeys = new WeakMap<Entity, Set<string>>();
function keysOf(entity: Entity): Set<string> {
  let keys = entityKeys.get(entity);
  if (!keys) entityKeys.set(entity, (keys = new Set([entity.name.en, entity.name.ur ?? '', ...entity.aliases.map((a) => a.name)].map(compactKey))));
  return keys;
}

export function incidentDoc(kb: KnowledgeBase, incident: Incident): SearchDoc {
  const accused = new Set(incident.claims.filter((c) => c.type === 'accusation').flatMap((c) => c.against));
  const involved = new Set(incident.claims.flatMap((c) => [c.by, ...c.against]));
  // An incident's extra names sometimes repeat a party's name ("Fancy Bear" on the DNC hack):
  // such a name is the actor's, so it must not outrank the actor itself.
  const entities = [...involved].map((id) => kb.entities.get(id)).filter((e): e is Entity => e !== undefined);
  const isPartyName = (text: string) => {
    const key = compactKey(text);
    return entities.some((e) => keysOf(e).has(key));
  };
  const names = [
    { text: incident.title.en, weight: W_OWN },
    { text: incident.title.ur, weight: W_OWN },
    ...incident.names.map((text) => ({ text, weight: isPartyName(text) ? W_ACCUSED : W_OWN })),
  ];
  for (const id of involved) {
    const entity = kb.entities.get(id);
    if (!entity) continue;
    const weight = accused.has(id) ? W_ACCUSED : W_OTHER_PARTY;
    names.push({ text: entity.name.en, weight });
    if (entity.name.ur) names.push({ text: entity.name.ur, weight });
    // Every vendor name of an accused group finds the incident too ("fancy bear" -> DNC hack).
    if (accused.has(id)) for (const a of entity.aliases) names.push({ text: a.name, weight });
  }
  const years = new Set([incident.occurred.start, incident.occurred.end, incident.firstAttributed].filter(Boolean).map((d) => d!.slice(0, 4)));
  const words = [
    ...[...years].map((text) => ({ text, weight: 0.9 })),
    ...incident.tags.map((tag) => ({ text: tag.replace(/-/g, ' '), weight: 0.9 })),
    ...incident.victims.flatMap((v) => [
      { text: v.en, weight: 0.8 },
      { text: v.ur, weight: 0.8 },
    ]),
    { text: incident.summary.en, weight: 0.6 },
    { text: incident.summary.ur, weight: 0.6 },
  ];
  if (!incident.imported) return { kind: 'incident', id: incident.id, names, words };
  const scaled = (list: typeof names) => list.map((n) => ({ ...n, weight: n.weight * W_IMPORTED }));
  return { kind: 'incident', id: incident.id, names: scaled(names), words: scaled(words) };
}

/**
 * Every entity's and incident's document, made one at a time as the index reads them: at
 * 100,000 incidents, holding them all at once would cost ~180 MB and seconds of GC.
 */
export function* searchDocs(kb: KnowledgeBase): Generator<SearchDoc> {
  for (const entity of kb.entities.values()) yield entityDoc(entity);
  for (const incident of kb.incidents.values()) yield incidentDoc(kb, incident);
}
