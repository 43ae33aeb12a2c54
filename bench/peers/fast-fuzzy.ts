// fast-fuzzy: Damerau-Levenshtein with Sellers substring matching over a trie of the strings.
import { Searcher } from 'fast-fuzzy';
import type { TargetKind } from '../../src/search/engine.ts';
import { normalizeText } from '../../src/search/normalize.ts';
import { MATCHER_NAMES, nameTables, type Peer } from './types.ts';

export const fastFuzzy: Peer = {
  name: 'fast-fuzzy',
  pkg: 'fast-fuzzy',
  config: `a Searcher per kind over the distinct normalized names, its defaults (threshold 0.6, Damerau, Sellers substring matching); the best ${MATCHER_NAMES} names, score × the project's name weight. Autocomplete: the same on the typed text.`,
  build({ docs }) {
    const tables = nameTables(docs());
    const searchers = {
      incident: new Searcher(tables.incident.names.map((name, slot) => ({ name, slot })), { keySelector: (x) => x.name, returnMatchData: true }),
      entity: new Searcher(tables.entity.names.map((name, slot) => ({ name, slot })), { keySelector: (x) => x.name, returnMatchData: true }),
    };
    const run = (q: string, kind: TargetKind, limit: number) =>
      tables[kind].rank(
        searchers[kind]
          .search(normalizeText(q))
          .slice(0, MATCHER_NAMES)
          .map((m) => ({ slot: m.item.slot, score: m.score })),
        limit,
      );
    return { search: run, suggest: run };
  },
};
