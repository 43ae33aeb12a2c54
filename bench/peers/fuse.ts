// Plain fuse.js, exactly the project's baseline (bench/baseline.ts): no normalization.
import Fuse from 'fuse.js';
import { BASELINE_OPTIONS, baselineRecords, FuseBaseline } from '../baseline.ts';
import type { Peer } from './types.ts';

export const fuse: Peer = {
  name: 'fuse.js',
  pkg: 'fuse.js',
  config: `the project's baseline (bench/baseline.ts): keys title, titleUr, names, parties; threshold ${BASELINE_OPTIONS.threshold}; ignoreLocation; no normalization. Entities: the same options over their names. Autocomplete: the same search on the typed text.`,
  build({ kb }) {
    const incidents = new FuseBaseline(baselineRecords(kb));
    const entities = new Fuse(
      [...kb.entities.values()].map((e) => ({ id: e.id, names: [e.name.en, e.name.ur ?? '', ...e.aliases.map((a) => a.name)].filter(Boolean) })),
      { ...BASELINE_OPTIONS, keys: ['names'] },
    );
    const run = (q: string, kind: string, limit: number) =>
      kind === 'incident' ? incidents.search(q, { limit }).map((h) => h.id) : entities.search(q, { limit }).map((r) => r.item.id);
    return { search: run, suggest: run };
  },
};
