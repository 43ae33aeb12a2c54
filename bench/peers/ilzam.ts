// The project's own engine, measured by the same harness as the peers.
import { SearchEngine } from '../../src/search/engine.ts';
import type { Peer } from './types.ts';

export const ilzam: Peer = {
  name: 'ilzam',
  config: 'new SearchEngine(searchDocs(kb)).seal(); search(q, {kinds, limit}) and suggest(typed, {kinds, limit}) as the bot calls them.',
  build({ docs }) {
    const engine = new SearchEngine(docs());
    engine.seal();
    return {
      search: (q, kind, limit) => engine.search(q, { kinds: [kind], limit }).map((h) => h.id),
      suggest: (typed, kind, limit) => engine.suggest(typed, { kinds: [kind], limit }).map((h) => h.id),
    };
  },
};
