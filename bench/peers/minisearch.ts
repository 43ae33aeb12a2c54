// MiniSearch 7: an inverted index over a radix tree, BM25 ranking, edit-distance fuzzy terms.
import MiniSearch from 'minisearch';
import type { TargetKind } from '../../src/search/engine.ts';
import { fieldsOf, tokens, withKey, type Peer } from './types.ts';

const BOOST = { own: 3, party: 2, keys: 3, words: 1 };
const FUZZY = 0.2;

export const minisearch: Peer = {
  name: 'minisearch',
  pkg: 'minisearch',
  config:
    `one index per kind; fields own names (boost ${BOOST.own}), party names (${BOOST.party}), compact keys (${BOOST.keys}), descriptive words (${BOOST.words}); ` +
    `tokenizer and term processing = the project's normalizeText. Search: the query plus its compact key, fuzzy ${FUZZY} (edits up to 20% of a term's letters, at most 6), OR. ` +
    `Autocomplete: name fields only, prefix on the last term, fuzzy ${FUZZY}, AND.`,
  build({ docs }) {
    const make = () =>
      new MiniSearch<{ i: number }>({ idField: 'i', fields: ['own', 'party', 'keys', 'words'], storeFields: [], tokenize: tokens, processTerm: (t) => t });
    const index = { incident: make(), entity: make() };
    const ids: Record<TargetKind, string[]> = { incident: [], entity: [] };
    for (const doc of docs()) {
      const f = fieldsOf(doc);
      const i = ids[doc.kind].push(doc.id) - 1;
      index[doc.kind].add({ i, own: f.own.join(' | '), party: f.party.join(' | '), keys: f.keys.join(' '), words: f.words } as never);
    }
    return {
      search: (q, kind, limit) =>
        index[kind]
          .search(withKey(q), { boost: BOOST, fuzzy: FUZZY, combineWith: 'OR' })
          .slice(0, limit)
          .map((r) => ids[kind][r.id as number]!),
      suggest: (typed, kind, limit) =>
        index[kind]
          .search(typed, { fields: ['own', 'party', 'keys'], boost: BOOST, fuzzy: FUZZY, prefix: (_t, i, terms) => i === terms.length - 1, combineWith: 'AND' })
          .slice(0, limit)
          .map((r) => ids[kind][r.id as number]!),
    };
  },
};
