// The weekly digest writes one line per claim. Every claim type the schema allows must have a
// line: a type without a verb made the digest throw for any week holding such a claim.
import { describe, expect, it } from 'vitest';
import { ClaimType, type Claim } from '../src/domain/schema.ts';
import { claimLine, shortTitle } from '../src/summary/week.ts';
import { testBot } from './helpers.ts';

const kb = testBot().kb;
const incident = kb.incidents.get('volt-typhoon')!;

function claimOf(type: Claim['type']): Claim {
  return { id: `probe-${type}`, type, date: '2024-01-02', by: 'microsoft', against: ['volt-typhoon'], summary: { en: 'x', ur: 'ا' }, sources: ['microsoft-blog'] };
}

describe.each(['en', 'ur'] as const)('a digest line for every claim type (%s)', (lang) => {
  it.each(ClaimType.options)('%s', (type) => {
    const line = claimLine(kb, { incident, claim: claimOf(type) }, lang);
    expect(line).not.toMatch(/undefined|null|\[object/);
    expect(line).toContain(kb.partyName('microsoft', lang));
    expect(line).toContain(shortTitle(incident.title[lang]));
  });
});
