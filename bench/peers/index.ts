// The engines of the peer comparison, in report order: the project first, the baseline last.
import { fastFuzzy } from './fast-fuzzy.ts';
import { flexsearch } from './flexsearch.ts';
import { fuse } from './fuse.ts';
import { fuzzysortPeer } from './fuzzysort.ts';
import { ilzam } from './ilzam.ts';
import { minisearch } from './minisearch.ts';
import { orama } from './orama.ts';
import type { Peer } from './types.ts';
import { ufuzzy } from './ufuzzy.ts';

export const PEERS: readonly Peer[] = [ilzam, minisearch, flexsearch, orama, fuzzysortPeer, ufuzzy, fastFuzzy, fuse];

/** Peers by name (case-insensitive; "fuse" for fuse.js); ilzam is always measured, as the same-run baseline. */
export function selectPeers(names: string[] | undefined): Peer[] {
  if (!names) return [...PEERS];
  const wanted = new Set(names.map((n) => n.toLowerCase().replace(/\.js$/, '')));
  const unknown = [...wanted].filter((n) => !PEERS.some((p) => p.name.toLowerCase().replace(/\.js$/, '') === n));
  if (unknown.length) throw new Error(`unknown peer(s): ${unknown.join(', ')}; known: ${PEERS.map((p) => p.name).join(', ')}`);
  return PEERS.filter((p) => p.name === 'ilzam' || wanted.has(p.name.toLowerCase().replace(/\.js$/, '')));
}
