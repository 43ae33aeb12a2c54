// A character-trigram index over short keys (names, not prose). It proposes the keys that share
// the most trigrams with a query without scanning every key: only the posting lists of the
// query's rarest trigrams are walked. Fuse.js then re-ranks the few candidates it returns.

const MAX_QUERY_GRAMS = 12;

export function trigramsOf(key: string): string[] {
  const padded = ` ${key} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

export interface TrigramHit {
  entry: number;
  /** Dice coefficient of the two trigram sets, 0..1. */
  dice: number;
}

export class TrigramIndex {
  private readonly building = new Map<string, number[]>();
  private postings = new Map<string, Int32Array>();
  private gramCounts: Uint16Array = new Uint16Array(0);
  private readonly counts: number[] = [];
  private scratch: Uint16Array = new Uint16Array(0);
  private sealed = false;

  /** Adds key number `entry` (entries must be added in increasing order, from 0). */
  add(entry: number, key: string): void {
    const grams = trigramsOf(key);
    this.counts[entry] = grams.length;
    for (const g of grams) {
      let list = this.building.get(g);
      if (!list) this.building.set(g, (list = []));
      list.push(entry);
    }
    this.sealed = false;
  }

  /** Freezes the postings into typed arrays (compact, fast to walk). Called before queries. */
  seal(): void {
    if (this.sealed) return;
    for (const [g, list] of this.building) {
      const old = this.postings.get(g);
      const merged = new Int32Array((old?.length ?? 0) + list.length);
      if (old) merged.set(old);
      merged.set(list, old?.length ?? 0);
      this.postings.set(g, merged);
    }
    this.building.clear();
    this.gramCounts = Uint16Array.from(this.counts, (c) => c ?? 0);
    if (this.scratch.length < this.gramCounts.length) this.scratch = new Uint16Array(this.gramCounts.length);
    this.sealed = true;
  }

  get size(): number {
    return this.counts.length;
  }

  /** The `limit` entries most similar to `key` by shared trigrams, best first. */
  query(key: string, limit: number, accept?: (entry: number) => boolean): TrigramHit[] {
    this.seal();
    const grams = trigramsOf(key)
      .map((g) => this.postings.get(g))
      .filter((p): p is Int32Array => p !== undefined)
      .sort((a, b) => a.length - b.length)
      .slice(0, MAX_QUERY_GRAMS);
    const queryGrams = trigramsOf(key).length;
    const counts = this.scratch;
    const touched: number[] = [];
    for (const posting of grams) {
      for (let i = 0; i < posting.length; i++) {
        const e = posting[i]!;
        if (counts[e] === 0) touched.push(e);
        counts[e]!++;
      }
    }
    // Keep the best `limit` by Dice; a simple bounded insertion keeps this O(touched * limit)
    // in the worst case but usually far less, since most entries fall below the cut at once.
    const best: TrigramHit[] = [];
    let floor = 0;
    for (const e of touched) {
      const shared = counts[e]!;
      counts[e] = 0;
      if (accept && !accept(e)) continue;
      const dice = (2 * shared) / (queryGrams + this.gramCounts[e]!);
      if (best.length >= limit && dice <= floor) continue;
      let i = best.length;
      while (i > 0 && best[i - 1]!.dice < dice) i--;
      best.splice(i, 0, { entry: e, dice });
      if (best.length > limit) best.pop();
      floor = best[best.length - 1]!.dice;
    }
    return best;
  }
}
