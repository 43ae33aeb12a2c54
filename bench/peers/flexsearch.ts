// FlexSearch 0.8: per-field indexes; names through its fuzziest phonetic encoder that still
// ranks (LatinExtra), a `forward` (prefix) index for autocomplete.
import FlexSearch from 'flexsearch';
import type { TargetKind } from '../../src/search/engine.ts';
import { normalizeText } from '../../src/search/normalize.ts';
import { fieldsOf, withKey, type Peer } from './types.ts';

const { Index, Charset } = FlexSearch;
const FIELD_WEIGHT = { own: 3, party: 2, words: 1 };

type Fields = Record<'own' | 'party' | 'words' | 'prefix', InstanceType<typeof Index>>;

export const flexsearch: Peer = {
  name: 'flexsearch',
  pkg: 'flexsearch',
  config:
    'one set of Index per kind over normalizeText-folded text: own names + their compact keys and party names + keys, each tokenize "strict" with the LatinExtra phonetic encoder ' +
    '(the fuzziest that still ranks; its typo tokenizer "tolerant" needs ~12 GB at 100,000), descriptive words "strict" with the Normalize encoder, and a prefix index ("forward") over all names. ' +
    `Search: each field with suggest: true, merged by weighted reciprocal rank (own ${FIELD_WEIGHT.own}, party ${FIELD_WEIGHT.party}, words ${FIELD_WEIGHT.words}). Autocomplete: the prefix index, suggest: true.`,
  build({ docs }) {
    const make = (): Fields => ({
      own: new Index({ tokenize: 'strict', encoder: Charset.LatinExtra }),
      party: new Index({ tokenize: 'strict', encoder: Charset.LatinExtra }),
      words: new Index({ tokenize: 'strict', encoder: Charset.Normalize }),
      prefix: new Index({ tokenize: 'forward', encoder: Charset.Normalize }),
    });
    const index: Record<TargetKind, Fields> = { incident: make(), entity: make() };
    const ids: Record<TargetKind, string[]> = { incident: [], entity: [] };
    for (const doc of docs()) {
      const f = fieldsOf(doc);
      const i = ids[doc.kind].push(doc.id) - 1;
      const x = index[doc.kind];
      x.own.add(i, normalizeText([...f.own, ...f.keys].join(' ')));
      if (f.party.length) x.party.add(i, normalizeText(f.party.join(' ')));
      if (f.words) x.words.add(i, normalizeText(f.words));
      x.prefix.add(i, normalizeText([...f.own, ...f.party].join(' ')));
    }
    return {
      search(q, kind, limit) {
        const text = normalizeText(withKey(q));
        const score = new Map<number, number>();
        for (const field of ['own', 'party', 'words'] as const) {
          const hits = index[kind][field].search(text, { limit, suggest: true }) as number[];
          hits.forEach((id, rank) => score.set(id, (score.get(id) ?? 0) + FIELD_WEIGHT[field] / (rank + 1)));
        }
        return [...score].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([i]) => ids[kind][i]!);
      },
      suggest: (typed, kind, limit) => (index[kind].prefix.search(normalizeText(typed), { limit, suggest: true }) as number[]).map((i) => ids[kind][i]!),
    };
  },
};
