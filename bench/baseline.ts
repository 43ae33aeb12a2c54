// The baseline: plain fuse.js over the same incident records and the same names, the way one
// would first write it (the options ../shared/notes/search.md calls typical: threshold 0.4,
// ignoreLocation). It stands in for the SearchEngine behind the same Bot, so the rest of the
// incident path (lookup, summary, rendering) is identical and only the search differs.
import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { incidentDoc } from '../src/knowledge/search-docs.ts';
import type { SearchEngine, SearchHit, SearchOptions } from '../src/search/engine.ts';

export interface BaselineRecord {
  id: string;
  title: string;
  titleUr: string;
  names: string[];
  /** The names of the incident's parties (and every alias of the accused), as our index has them. */
  parties: string[];
}

export const BASELINE_OPTIONS = {
  keys: ['title', 'titleUr', 'names', 'parties'],
  includeScore: true,
  threshold: 0.4,
  ignoreLocation: true,
};

export function baselineRecords(kb: KnowledgeBase): BaselineRecord[] {
  return [...kb.incidents.values()].map((inc) => {
    const own = new Set([inc.title.en, inc.title.ur, ...inc.names]);
    const parties = [...new Set(incidentDoc(kb, inc).names.map((n) => n.text).filter((t) => !own.has(t)))];
    return { id: inc.id, title: inc.title.en, titleUr: inc.title.ur, names: inc.names, parties };
  });
}

export class FuseBaseline implements Pick<SearchEngine, 'search' | 'suggest'> {
  readonly fuse: Fuse<BaselineRecord>;

  constructor(records: BaselineRecord[]) {
    this.fuse = new Fuse(records, BASELINE_OPTIONS);
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    if (opts.kinds && !opts.kinds.includes('incident')) return [];
    return this.fuse.search(query, { limit: opts.limit ?? 10 }).map((r) => ({
      kind: 'incident' as const,
      id: r.item.id,
      score: 1 - (r.score ?? 1),
      matched: r.item.title,
      how: 'fuzzy' as const,
    }));
  }

  suggest(query: string, opts: SearchOptions = {}): SearchHit[] {
    return this.search(query, { ...opts, limit: opts.limit ?? 25 });
  }
}
