// The data model of ilzam, as zod schemas: every file under data/ and the run-time state
// is parsed through these, so a hand-edited file that breaks the model is caught on load
// with the path of the bad field. docs/data-model.md explains the model in prose.
import { z } from 'zod';
import { CLAIM_TYPES, STRENGTHS } from './vocabulary.ts';

// The closed lists are in ./vocabulary.ts, which loads no zod: code that only needs a list
// (the review command, the summaries) does not pay for the schema library.
export { CLAIM_TYPES, OFFICIAL_ACTIONS, STRENGTHS } from './vocabulary.ts';

/** A calendar date known to the day, the month or only the year: 2023-05-24, 2023-05, 2023. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
export type PartialDate = z.infer<typeof PartialDate>;

const nonBlank = z.string().trim().min(1, 'must not be empty');
const arabicScript = /[\u0600-\u06FF]/;

/** Text in both languages. The Urdu must actually be in Arabic script. */
export const Bilingual = z.object({
  en: nonBlank,
  ur: nonBlank.refine((s) => arabicScript.test(s), 'Urdu text must be written in Urdu script'),
});
export type Bilingual = z.infer<typeof Bilingual>;

export const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase slug like volt-typhoon');

export const PartyKind = z.enum([
  'state',
  'state-agency',
  'threat-group',
  'criminal-group',
  'company',
  'person',
  'international-body',
  'media',
  // Officials who spoke without being named ("US officials, as reported by The Washington Post").
  // They are the accuser, never the outlet that reported them; the claim names the outlet in
  // `reportedBy`, and the party's `state` says whose officials they were.
  'anonymous-officials',
]);
export type PartyKind = z.infer<typeof PartyKind>;

/** Another name a party goes by, with who coined or uses it where known. */
export const Alias = z.object({
  name: nonBlank,
  /** The vendor or source that coined the name (Microsoft, CrowdStrike, MITRE ATT&CK ...). */
  source: nonBlank.optional(),
});
export type Alias = z.infer<typeof Alias>;

/** Anything that can accuse, be accused, or deny: a state, an agency, a group, a company, a person. */
export const Party = z.object({
  id: Slug,
  kind: PartyKind,
  name: Bilingual,
  /** Extra names; Urdu spellings go here too. Vendor names of threat groups come from the registry. */
  aliases: z.array(Alias).default([]),
  /** The state this party belongs to or is attributed to (a party id of kind "state"). */
  state: Slug.optional(),
  /** For threat and criminal groups: a name that resolves to exactly one actor in data/registry. */
  registry: nonBlank.optional(),
  /** A short description (a person's office, an agency's full name), in both languages. */
  note: Bilingual.optional(),
  /**
   * The Urdu name in the oblique case, used before نے، پر، کی، کے، سے: «روسی سفارت خانہ» →
   * «روسی سفارت خانے». Only where it differs from name.ur.
   */
  urOblique: nonBlank.optional(),
});
export type Party = z.infer<typeof Party>;

export const PartiesFile = z.object({ parties: z.array(Party) });

export const Language = z.enum(['en', 'ur', 'zh', 'ru', 'ko', 'fa', 'ar', 'de', 'fr', 'uk', 'other']);

export const Source = z.object({
  /** Local id, unique within its incident; claims cite it. */
  id: Slug,
  publisher: nonBlank,
  title: nonBlank,
  date: PartialDate,
  url: z.string().url().optional(),
  language: Language,
});
export type Source = z.infer<typeof Source>;

export const ClaimType = z.enum(CLAIM_TYPES);
export type ClaimType = z.infer<typeof ClaimType>;


/** What an attribution rests on, as the source presents it (EuRepoC's "basis of attribution"). */
export const AttributionBasis = z.enum([
  'technical-report', // a vendor's or agency's technical analysis
  'government-statement', // a government or official body stating it on the record
  'legal-action', // an indictment, a court filing, a sanctions designation
  'anonymous-officials', // officials who were not named, as reported by an outlet (claim.reportedBy)
  'self-claimed', // the attacker's own claim
  'not-stated',
]);
export type AttributionBasis = z.infer<typeof AttributionBasis>;

/**
 * How strongly the accuser put it, in its own words (MISP's attribution confidence, read off
 * the source): "responsible" / "carried out" is `responsible`; "almost certainly", "high
 * confidence" is `almost-certain`; "highly likely" is `highly-likely`; "likely", "probably",
 * "assess", "moderate confidence" is `likely`; "linked to", "associated with", "tied to" is
 * `linked`; "suspected", "believed to be", "low confidence" is `suspected`. Omitted when the
 * source gives no wording to go by.
 */
export const Strength = z.enum(STRENGTHS);
export type Strength = z.infer<typeof Strength>;

export const Claim = z
  .object({
    id: Slug,
    type: ClaimType,
    date: PartialDate,
    /** Who made the claim (party id). */
    by: Slug,
    /** Whom the claim is about: the accused for an accusation, the accuser for a counter-accusation. */
    against: z.array(Slug).default([]),
    basis: AttributionBasis.optional(),
    strength: Strength.optional(),
    /** The outlet (a media party) that reported anonymous officials' words; required when `by` is anonymous. */
    reportedBy: Slug.optional(),
    /** A paraphrase in our own words. */
    summary: Bilingual,
    /** A verbatim quote, only where the cited source prints one. */
    quote: z
      .object({ text: nonBlank, language: Language, translation: Bilingual.partial().optional() })
      .optional(),
    /** Ids of this incident's sources that back the claim: at least one. */
    sources: z.array(Slug).min(1, 'every claim must cite at least one source'),
    /** The claim this one answers (a denial of an accusation, say). */
    respondsTo: Slug.optional(),
  })
  .superRefine((claim, ctx) => {
    const needsTarget = ['accusation', 'counter-accusation', 'sanction', 'indictment', 'arrest', 'conviction'];
    if (needsTarget.includes(claim.type) && claim.against.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['against'], message: `a ${claim.type} must name whom it is against` });
    }
  });
export type Claim = z.infer<typeof Claim>;

export const Incident = z.object({
  id: Slug,
  title: Bilingual,
  /** A short description, in our own words. */
  summary: Bilingual,
  occurred: z.object({ start: PartialDate, end: PartialDate.optional() }),
  /** When the attack was first publicly attributed to anyone. */
  firstAttributed: PartialDate,
  victims: z.array(Bilingual).min(1),
  /** Other names the incident goes by (malware, operation names), in either script. */
  names: z.array(nonBlank).default([]),
  tags: z.array(Slug).default([]),
  /** States whose people or organisations were hit (party ids of kind "state"), for follows and filters. */
  victimStates: z.array(Slug).default([]),
  sources: z.array(Source).min(1),
  claims: z.array(Claim).min(1),
  /**
   * Set on incidents imported from open data (MITRE ATT&CK campaigns) rather than curated by
   * hand. Nobody has looked for the accused side's denials of an imported incident, so the bot
   * says "denials not yet reviewed", never "no public denial on record".
   */
  imported: z.object({ from: z.enum(['mitre-attack']), id: nonBlank, url: z.string().url().optional(), version: nonBlank.optional() }).optional(),
  /** Curators' notes for maintainers (English): doubts, audit findings left as they are and why. */
  notes: z.array(nonBlank).default([]),
});
export type Incident = z.infer<typeof Incident>;

export const DatasetMeta = z.object({
  /** When the curated dataset was last reviewed (shown in reply footers). */
  reviewed: PartialDate,
  version: nonBlank,
});
export type DatasetMeta = z.infer<typeof DatasetMeta>;
