// Machine-readable shapes for the CLI's --json: stable field names, both languages, no
// rendering. Parties are resolved so a script need not join ids itself.
import type { Incident } from '../domain/schema.ts';
import type { SearchHit } from '../search/engine.ts';
import { actorHistory } from '../summary/actor.ts';
import { isContested } from '../summary/incident.ts';
import type { WeekClaims } from '../summary/week.ts';
import type { Entity, KnowledgeBase } from '../knowledge/knowledge.ts';

function entitySummary(entity: Entity) {
  return {
    kind: 'entity' as const,
    id: entity.id,
    partyKind: entity.kind,
    names: { en: entity.name.en, ur: entity.name.ur ?? null },
    aliases: entity.aliases.map((a) => ({ name: a.name, sources: a.sources })),
    state: entity.state ? { id: entity.state.id, names: entity.state.name } : null,
    country: entity.countryHint ?? null,
  };
}

export function searchJson(kb: KnowledgeBase, query: string, hits: SearchHit[]) {
  return {
    query,
    results: hits.map((h) => {
      const base = { score: Number(h.score.toFixed(4)), matched: h.matched, how: h.how };
      if (h.kind === 'incident') {
        const incident = kb.incidents.get(h.id)!;
        return { kind: 'incident' as const, id: h.id, title: incident.title, aliases: incident.names, ...base };
      }
      return { ...entitySummary(kb.entities.get(h.id)!), ...base };
    }),
  };
}

export function incidentJson(kb: KnowledgeBase, incident: Incident) {
  const ids = [...new Set(incident.claims.flatMap((c) => [c.by, ...c.against]))];
  return {
    ...incident,
    contested: isContested(kb, incident),
    parties: ids.map((id) => {
      const p = kb.parties.get(id)!;
      return { id, kind: p.kind, names: p.name, state: p.state ?? null };
    }),
  };
}

export function entityJson(kb: KnowledgeBase, entity: Entity) {
  return {
    ...entitySummary(entity),
    note: entity.note ?? null,
    attackId: entity.actor?.attackId ?? null,
    refs: entity.actor?.refs ?? [],
    history: actorHistory(kb, entity, 'en').map((h) => ({
      incident: h.incidentId,
      title: kb.incidents.get(h.incidentId)!.title,
      latest: h.latest,
      roles: h.roles,
    })),
  };
}

export function weekJson(kb: KnowledgeBase, digest: WeekClaims) {
  const claim = (r: WeekClaims['recent'][number]) => ({
    incident: r.incident.id,
    title: r.incident.title,
    ...r.claim,
    byNames: kb.parties.get(r.claim.by)?.name,
  });
  return { day: digest.day, recent: digest.recent.map(claim), archive: digest.archive.map(claim) };
}
