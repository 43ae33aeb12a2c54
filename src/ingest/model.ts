// The shapes the ingester produces: claims extracted from an article, the draft that holds them
// until a person reviews it, and the ingester's bookkeeping (what was seen, how each source is
// doing). Drafts are never shown to users; review and publishing build on them.
import { z } from 'zod';
import { AttributionBasis, ClaimType, PartialDate, Slug, Strength } from '../domain/schema.ts';

const nonBlank = z.string().trim().min(1, 'must not be empty');
const Instant = z.iso.datetime({ offset: true });

/** A party as the article names it: resolved to a party or registry actor id, or id null. */
export const NamedParty = z.object({
  id: Slug.nullable(),
  /** As written in the article. */
  name: nonBlank,
});
export type NamedParty = z.infer<typeof NamedParty>;

export const ExtractedClaim = z.object({
  type: ClaimType,
  by: NamedParty,
  against: z.array(NamedParty).default([]),
  /** The date the claim was made, as the article gives it; null when it gives none. */
  date: PartialDate.nullable(),
  /** The accuser's own wording mapped to the Strength scale; null when the article gives none. */
  strength: Strength.nullable(),
  /** The sentence the claim rests on, verbatim (short: one sentence). */
  evidence: nonBlank,
  basis: AttributionBasis.optional(),
  /** For anonymous officials: the outlet that reported them. */
  reportedBy: NamedParty.optional(),
  /** For anonymous officials: whose officials (a state id), when the article says. */
  officialsOf: Slug.optional(),
});
export type ExtractedClaim = z.infer<typeof ExtractedClaim>;

export const IncidentLink = z.object({
  /** An existing incident id, or null when none scored high enough. */
  id: Slug.nullable(),
  /** 0..1: how well the best incident matched (reported even when below the threshold). */
  score: z.number().min(0).max(1),
  /** The best candidate below the threshold, for the reviewer. */
  candidate: Slug.optional(),
  /** When id is null and there are claims: what a new incident would be built from. */
  proposed: z
    .object({
      title: nonBlank,
      actors: z.array(NamedParty),
      names: z.array(nonBlank),
    })
    .optional(),
});
export type IncidentLink = z.infer<typeof IncidentLink>;

export const Draft = z.object({
  id: nonBlank,
  source: Slug,
  url: z.string().url(),
  title: z.string(),
  published: PartialDate.nullable(),
  language: z.enum(['en', 'ur']),
  fetchedAt: Instant,
  claims: z.array(ExtractedClaim),
  incident: IncidentLink,
  status: z.enum(['pending', 'accepted', 'rejected']),
  /** The article text, only for sources whose terms allow storing it (public domain, OGL). */
  text: z.string().optional(),
});
export type Draft = z.infer<typeof Draft>;

/** One article the ingester has dealt with; found again by URL key or by content hash. */
export const SeenRecord = z.object({
  key: nonBlank,
  hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  source: Slug,
  at: Instant,
  /** What became of it: a draft, no claims, not a language we read, the same text as another article, or a permanent failure. */
  outcome: z.enum(['draft', 'no-claims', 'language', 'duplicate', 'failed']),
  draft: nonBlank.optional(),
});
export type SeenRecord = z.infer<typeof SeenRecord>;

/** Per source: validators for conditional requests and the failure streak behind the backoff. */
export const SourceHealth = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  lastFetchedAt: Instant.optional(),
  lastOkAt: Instant.optional(),
  failures: z.number().int().min(0).default(0),
  /** Not fetched again before this time (exponential backoff after failures). */
  nextAttemptAt: Instant.optional(),
  lastError: z.object({ at: Instant, reason: nonBlank, message: z.string() }).optional(),
});
export type SourceHealth = z.infer<typeof SourceHealth>;

export const IngestSection = z
  .object({
    seen: z.array(SeenRecord).default([]),
    drafts: z.array(Draft).default([]),
    sources: z.record(z.string(), SourceHealth).default({}),
  })
  .superRefine((ingest, ctx) => {
    const ids = new Set<string>();
    ingest.drafts.forEach((d, i) => {
      if (ids.has(d.id)) ctx.addIssue({ code: 'custom', path: ['drafts', i, 'id'], message: `duplicate draft id "${d.id}"` });
      ids.add(d.id);
    });
    const keys = new Set<string>();
    ingest.seen.forEach((s, i) => {
      if (keys.has(s.key)) ctx.addIssue({ code: 'custom', path: ['seen', i, 'key'], message: `"${s.key}" is recorded twice` });
      keys.add(s.key);
    });
  });
export type IngestSection = z.infer<typeof IngestSection>;

export function emptyIngest(): IngestSection {
  return { seen: [], drafts: [], sources: {} };
}
