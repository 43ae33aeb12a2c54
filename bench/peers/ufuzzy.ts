// uFuzzy: regexp-based matching of a needle against a string list, with one error per term
// allowed in intraMode 1.
import uFuzzy from '@leeoniya/ufuzzy';
import type { TargetKind } from '../../src/search/engine.ts';
import { normalizeText } from '../../src/search/normalize.ts';
import { MATCHER_NAMES, nameTables, type NameTable, type Peer } from './types.ts';

// Unicode letters (Urdu as well as Latin): uFuzzy's documented settings for non-Latin text.
const UNICODE = { unicode: true, interSplit: "[^\\p{L}\\d']+", intraSplit: '\\p{Ll}\\p{Lu}', intraBound: '\\p{L}\\d|\\d\\p{L}|\\p{Ll}\\p{Lu}', intraChars: "[\\p{L}\\d']", intraContr: "'\\p{L}{1,2}\\b" };

export const ufuzzy: Peer = {
  name: 'uFuzzy',
  pkg: '@leeoniya/ufuzzy',
  config: `the distinct normalized names of each kind; unicode letter classes; search with intraMode 1 (one insertion, substitution, transposition or deletion per term), autocomplete in the default mode (prefix-friendly); the first ${MATCHER_NAMES} names in uFuzzy's order, each to its targets, ranked by that order with the project's name weight breaking ties.`,
  build({ docs }) {
    const tables = nameTables(docs());
    const typo = new uFuzzy({ ...UNICODE, intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
    const plain = new uFuzzy({ ...UNICODE });
    const run = (uf: uFuzzy, table: NameTable, q: string, limit: number) => {
      const [idxs, info, order] = uf.search(table.names, normalizeText(q), 0, 1e3);
      if (!idxs) return [];
      // Ranked: in uFuzzy's order; filtered only (too many for its info pass): in list order.
      const slots = order && info ? order.slice(0, MATCHER_NAMES).map((o) => info.idx[o]!) : idxs.slice(0, MATCHER_NAMES);
      return table.rank(slots.map((slot, rank) => ({ slot, score: 1 / (1 + rank * 0.01) })), limit);
    };
    return {
      search: (q, kind: TargetKind, limit) => run(typo, tables[kind], q, limit),
      suggest: (typed, kind: TargetKind, limit) => run(plain, tables[kind], typed, limit),
    };
  },
};
