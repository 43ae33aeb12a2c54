// What a draft becomes under review: the ingester's draft (src/ingest/model.ts) plus the
// reviewers' work on it — the incident it belongs to (an existing one, or a new one with
// titles and summaries in both languages), the claims as corrected, new parties where the
// article names one the data does not know yet, and every action with who, when and where.
// Stored as the draft record's data in the storage (src/store/storage.ts); nothing here is
// shown to users until it is approved and published.
import { z } from 'zod';
import { Bilingual, ClaimType, PartialDate, Party, Slug, Strength, AttributionBasis } from '../domain/schema.ts';
import { Draft, ExtractedClaim } from '../ingest/model.ts';

const nonBlank = z.string().trim().min(1, 'must not be empty');

/** The new incident a draft proposes, as a reviewer completes it. */
export const NewIncident = z.object({
  id: Slug,
  title: Bilingual.partial(),
  summary: Bilingual.partial(),
  occurred: PartialDate.optional(),
  victims: z.array(Bilingual).default([]),
  victimStates: z.array(Slug).default([]),
});
export type NewIncident = z.infer<typeof NewIncident>;

export const ReviewAction = z.object({
  action: z.enum(['edit', 'approve', 'reject']),
  /** "discord:<user>", "slack:<user>", "cli:<os user>". */
  by: nonBlank,
  at: z.iso.datetime({ offset: true }),
  /** "discord:<server>/<channel>", "slack:<team>/<channel>", "cli". */
  where: nonBlank,
  reason: z.string().optional(),
  change: z.string().optional(),
});
export type ReviewAction = z.infer<typeof ReviewAction>;

/** A claim as the reviewer leaves it: the extractor's fields, corrected, plus whether to keep it. */
export const ReviewedClaim = ExtractedClaim.extend({
  keep: z.boolean().default(true),
});
export type ReviewedClaim = z.infer<typeof ReviewedClaim>;

export const ReviewState = z.object({
  /** An existing incident's id, "new", or undefined while undecided (the extractor's link is the default). */
  incident: z.union([Slug, z.literal('new')]).optional(),
  newIncident: NewIncident.optional(),
  claims: z.array(ReviewedClaim).optional(),
  /** Parties a reviewer added for names the data did not know. */
  parties: z.array(Party).default([]),
  history: z.array(ReviewAction).default([]),
});
export type ReviewState = z.infer<typeof ReviewState>;

/** The draft record's data: the ingester's draft with the review alongside. */
export const DraftData = Draft.extend({ review: ReviewState.optional() });
export type DraftData = z.infer<typeof DraftData>;

/** Fields a reviewer may correct on one claim. */
export interface ClaimEdit {
  type?: z.infer<typeof ClaimType>;
  /** A party or actor by any name or id; resolved through the knowledge base. */
  by?: string;
  against?: string[];
  date?: string;
  strength?: z.infer<typeof Strength> | null;
  basis?: z.infer<typeof AttributionBasis>;
  keep?: boolean;
}
