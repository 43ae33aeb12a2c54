// fuzzysort 4: SublimeText-style subsequence matching over prepared strings.
import fuzzysort from 'fuzzysort';
import type { TargetKind } from '../../src/search/engine.ts';
import { normalizeText } from '../../src/search/normalize.ts';
import { MATCHER_NAMES, nameTables, type Peer } from './types.ts';

export const fuzzysortPeer: Peer = {
  name: 'fuzzysort',
  pkg: 'fuzzysort',
  config: `the distinct normalized names of each kind, prepared; go(needle, prepared, {key, limit: ${MATCHER_NAMES}}) with its default threshold; each name hit goes to its targets, score × the project's name weight. No path for descriptive words (a developer using it would not have one). Autocomplete: the same on the typed text.`,
  build({ docs }) {
    const tables = nameTables(docs());
    const prepared = {
      incident: tables.incident.names.map((name, slot) => ({ slot, p: fuzzysort.prepare(name) })),
      entity: tables.entity.names.map((name, slot) => ({ slot, p: fuzzysort.prepare(name) })),
    };
    const run = (q: string, kind: TargetKind, limit: number) =>
      tables[kind].rank(
        fuzzysort.go(normalizeText(q), prepared[kind], { key: 'p', limit: MATCHER_NAMES }).map((r) => ({ slot: r.obj.slot, score: r.score })),
        limit,
      );
    return { search: run, suggest: run };
  },
};
