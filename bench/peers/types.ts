// What every engine in the peer comparison offers the harness (bench/peers.ts): built from the
// project's own search documents (the same names, weights and descriptive words ilzam indexes),
// asked the same queries, answering with target ids best first.
import type { KnowledgeBase } from '../../src/knowledge/knowledge.ts';
import type { SearchDoc, TargetKind } from '../../src/search/engine.ts';
import { compactKey, normalizeText } from '../../src/search/normalize.ts';

export type Ids = string[] | Promise<string[]>;

export interface PeerIndex {
  /** What /incident asks: the best `limit` targets of one kind for a typed query. */
  search(query: string, kind: TargetKind, limit: number): Ids;
  /** What autocomplete asks on a keystroke. */
  suggest(typed: string, kind: TargetKind, limit: number): Ids;
}

export interface BuildInput {
  /** A fresh pass over every document (entities first, then incidents), made one at a time. */
  docs: () => Iterable<SearchDoc>;
  kb: KnowledgeBase;
}

export interface Peer {
  name: string;
  /** The npm package measured (its version is read from node_modules), absent for ilzam. */
  pkg?: string;
  /** The configuration in words, for the report and docs/performance.md. */
  config: string;
  build(input: BuildInput): PeerIndex | Promise<PeerIndex>;
}

/** Every engine gets the project's normalizer as its term folding, so script handling is not what separates them. */
export const tokens = (text: string): string[] => normalizeText(text).split(' ').filter(Boolean);

/**
 * A document's names split as the engines with fields see them: the target's own names and
 * aliases (weight ≥ 0.85, also when an imported incident's are scaled by 0.97) and the names of
 * its parties; plus the compact key of every name, so "apt 123" and "storm0123" meet "APT123".
 */
export function fieldsOf(doc: SearchDoc): { own: string[]; party: string[]; keys: string[]; words: string } {
  const own: string[] = [];
  const party: string[] = [];
  for (const n of doc.names) (n.weight >= 0.85 ? own : party).push(n.text);
  const keys = [...new Set(doc.names.map((n) => compactKey(n.text)).filter(Boolean))];
  return { own, party, keys, words: (doc.words ?? []).map((w) => w.text).join(' ') };
}

/** The query plus its compact key, so a spaced or hyphenated code meets the keys field. */
export function withKey(query: string): string {
  const key = compactKey(query);
  return key && key !== normalizeText(query) ? `${query} ${key}` : query;
}

/**
 * For the matchers (a needle against a list of short strings, no inverted index): the distinct
 * normalized names of one kind of target, each with its targets and the project's weights.
 */
export class NameTable {
  readonly names: string[] = [];
  readonly targets: number[][] = [];
  readonly weights: number[][] = [];
  readonly ids: string[] = [];
  readonly #slot = new Map<string, number>();

  add(doc: SearchDoc): void {
    const target = this.ids.push(doc.id) - 1;
    for (const n of doc.names) {
      const key = normalizeText(n.text);
      if (!key) continue;
      let slot = this.#slot.get(key);
      if (slot === undefined) {
        slot = this.names.push(key) - 1;
        this.#slot.set(key, slot);
        this.targets.push([]);
        this.weights.push([]);
      }
      this.targets[slot]!.push(target);
      this.weights[slot]!.push(n.weight);
    }
  }

  /** Hits on names (slot, score 0..1, best first) to the best `limit` targets: score × the name's weight. */
  rank(hits: Iterable<{ slot: number; score: number }>, limit: number): string[] {
    const best = new Map<number, number>();
    for (const { slot, score } of hits) {
      const ts = this.targets[slot]!;
      const ws = this.weights[slot]!;
      for (let i = 0; i < ts.length; i++) {
        const s = score * ws[i]!;
        if (s > (best.get(ts[i]!) ?? -1)) best.set(ts[i]!, s);
      }
    }
    return [...best].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([t]) => this.ids[t]!);
  }
}

export function nameTables(docs: Iterable<SearchDoc>): Record<TargetKind, NameTable> {
  const tables = { incident: new NameTable(), entity: new NameTable() };
  for (const doc of docs) tables[doc.kind].add(doc);
  return tables;
}

/** How many name hits a matcher hands on to ranking (the review's harness used 100). */
export const MATCHER_NAMES = 100;
