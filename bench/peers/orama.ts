// Orama 3: a radix tree per property, BM25, Levenshtein `tolerance`, prefix matching by default.
import { create, insert, search, type AnyOrama } from '@orama/orama';
import type { TargetKind } from '../../src/search/engine.ts';
import { fieldsOf, tokens, withKey, type Peer } from './types.ts';

const BOOST = { own: 3, party: 2, keys: 3, words: 1 };
const TOLERANCE = 1;

export const orama: Peer = {
  name: 'orama',
  pkg: '@orama/orama',
  config:
    `one database per kind; properties own, party, keys (string[]) and words (string), a custom tokenizer (normalizeText, split on spaces); ` +
    `search: the query plus its compact key, tolerance ${TOLERANCE} (tolerance 2 was far slower for little gain in the review), boosts own ${BOOST.own} / party ${BOOST.party} / keys ${BOOST.keys}, threshold 1 (any term); ` +
    'autocomplete: name properties, tolerance 0, its default prefix matching.',
  async build({ docs }) {
    const make = () =>
      create({
        schema: { own: 'string[]', party: 'string[]', keys: 'string[]', words: 'string' } as const,
        components: { tokenizer: { language: 'english', normalizationCache: new Map(), tokenize: (raw: string) => tokens(raw) } },
      });
    const db: Record<TargetKind, AnyOrama> = { incident: make(), entity: make() };
    for (const doc of docs()) {
      const f = fieldsOf(doc);
      await insert(db[doc.kind], { id: doc.id, own: f.own, party: f.party, keys: f.keys, words: f.words });
    }
    const ids = async (result: ReturnType<typeof search>) => (await result).hits.map((h) => h.id);
    return {
      search: (q, kind, limit) =>
        ids(search(db[kind], { term: withKey(q), properties: ['own', 'party', 'keys', 'words'], tolerance: TOLERANCE, boost: BOOST, threshold: 1, limit })),
      suggest: (typed, kind, limit) => ids(search(db[kind], { term: typed, properties: ['own', 'party', 'keys'], tolerance: 0, boost: BOOST, threshold: 0, limit })),
    };
  },
};
