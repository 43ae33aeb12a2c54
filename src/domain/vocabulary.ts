// The data model's closed lists that code needs without the schemas: the claim types and the
// strengths of an attribution. ./schema.ts builds its enums from them; importing this loads no
// schema library (the CLI's cold start).

export const CLAIM_TYPES = [
  'accusation', // a party attributes the attack to another
  'denial', // the accused (or its state) rejects the attribution
  'counter-accusation', // the accused turns the charge back on the accuser
  'confirmation', // a further party confirms or backs an earlier attribution
  'claim-of-responsibility', // a group claims the attack itself (it does not "accuse" itself)
  'tacit-acknowledgement', // the accused side neither denies nor claims, but implies it (a boast, a wink)
  'no-response', // a party was asked and did not answer
  'declined-to-comment', // a party was asked and said it would not comment
  // Official actions taken on an attribution:
  'sanction',
  'indictment', // charges, or a wanted notice
  'arrest',
  'conviction', // a guilty plea, verdict or sentence
  'advisory', // a government security advisory naming the actor
  'takedown', // a court-authorised disruption of the actor's infrastructure
  'diplomatic-action', // an envoy summoned, diplomats expelled, a formal protest
  'statement', // any other on-record position (a call for talks, an offer of a joint inquiry)
] as const;
export type ClaimTypeName = (typeof CLAIM_TYPES)[number];

/** Claim types that are an official action by a state on an attribution. */
export const OFFICIAL_ACTIONS: readonly ClaimTypeName[] = ['sanction', 'indictment', 'arrest', 'conviction', 'advisory', 'takedown', 'diplomatic-action'];

/** How strongly the accuser put it (see Strength in ./schema.ts). */
export const STRENGTHS = ['responsible', 'almost-certain', 'highly-likely', 'likely', 'linked', 'suspected'] as const;
export type StrengthName = (typeof STRENGTHS)[number];

export const isClaimType = (value: string): value is ClaimTypeName => (CLAIM_TYPES as readonly string[]).includes(value);
export const isStrength = (value: string): value is StrengthName => (STRENGTHS as readonly string[]).includes(value);
