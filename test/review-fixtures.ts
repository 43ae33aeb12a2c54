// A draft as the ingester makes it, for the review tests.
import type { Draft } from '../src/ingest/model.ts';

/** A draft as the ingester makes it: an advisory naming a new campaign, and a denial. */
export function sampleDraft(id = 'test-feed-0123456789abcdef', day = '2026-11-30'): Draft {
  return {
    id,
    source: 'test-feed',
    url: `https://news.example.test/${id}`,
    title: 'Britain names Russian military hackers behind attacks on Baltic ports',
    published: day,
    language: 'en',
    fetchedAt: `${day}T10:00:00.000Z`,
    claims: [
      {
        type: 'accusation',
        by: { id: 'uk-ncsc', name: 'the National Cyber Security Centre' },
        against: [{ id: 'gru', name: 'Russia’s GRU' }],
        date: day,
        strength: 'highly-likely',
        evidence: 'The NCSC said it was highly likely that Russia’s GRU was behind the attacks on the ports.',
      },
      {
        type: 'denial',
        by: { id: null, name: 'the Russian embassy in London' },
        against: [],
        date: day,
        strength: null,
        evidence: 'The Russian embassy in London called the claims baseless.',
      },
    ],
    incident: { id: null, score: 0.2, proposed: { title: 'Baltic ports attacks', actors: [{ id: 'gru', name: 'GRU' }], names: [] } },
    status: 'pending',
  };
}
