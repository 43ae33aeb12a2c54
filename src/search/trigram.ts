// A character-trigram index over short keys (names, not prose). It proposes the keys that share
// the most trigrams with a query without scanning every key: only the posting lists of the
// query's rarest trigrams are walked. Fuse.js then re-ranks the few candidates it returns.
//
// Trigrams are numbers, not strings: each UTF-16 unit is given a small code as it is first
// seen, and a trigram is the three codes packed into one 30-bit integer; the postings are
// packed into typed arrays (columns.ts). Building the index for 100,000 incidents then
// allocates no string and no array per trigram.
import { IntColumn, IntMap, PostingLists, type PackedPostings } from './columns.ts';

const MAX_QUERY_GRAMS = 12;
/** Keys with this many distinct trigrams or more (titles) are posted apart; see TrigramIndex. */
const LONG_KEY = 24;
const BITS = 10;
const ALPHABET = 1 << BITS; // distinct UTF-16 units with their own code; the rest share the last one
const PAD = 0; // the space the key is padded with (keys never contain spaces themselves)

/**
 * The trigrams to walk when several indexes answer as one: the rarest over all of them (sizes
 * summed, -1 = absent), as one index holding all their keys would choose them.
 */
export function rarestGrams(sizes: number[][]): number[] | undefined {
  const n = sizes[0]?.length ?? 0;
  if (sizes.some((s) => s.length !== n)) return undefined;
  const rows: Array<{ p: number; size: number }> = [];
  for (let p = 0; p < n; p++) {
    let size = -1;
    for (const s of sizes) if (s[p]! >= 0) size = Math.max(size, 0) + s[p]!;
    if (size >= 0) rows.push({ p, size });
  }
  return rows
    .sort((a, b) => a.size - b.size)
    .slice(0, MAX_QUERY_GRAMS)
    .map((r) => r.p);
}

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

export interface TrigramParts {
  alphabet: Int16Array;
  letters: number;
  gramKeys: Int32Array;
  gramValues: Int32Array;
  gramSize: number;
  lists: PackedPostings;
  longLists: PackedPostings;
  gramCounts: Int32Array;
}

export class TrigramIndex {
  /** UTF-16 unit -> its code, -1 until seen (a table: a Map look-up per character is slow). */
  private alphabet: Int16Array = new Int16Array(65536).fill(-1);
  private letters = 1;
  /** Packed trigram -> dense list number. */
  private gramIds = new IntMap();
  /**
   * Postings of short keys (names) and of long keys (titles) apart. A long key can share only
   * so much with a short query, so once the short keys have given `limit` good candidates the
   * long keys' postings (most of the index: titles have ~60 trigrams) need not be walked.
   */
  private lists = new PostingLists({ weight: false });
  private longLists = new PostingLists({ weight: false });
  private grams = new Int32Array(64);
  /** Distinct trigrams of each entry. */
  private gramCounts = new IntColumn();
  private scratch: Uint16Array = new Uint16Array(0);
  private touched: Int32Array = new Int32Array(0);
  private readonly seen = new Set<number>();
  /** query's best entries so far (scratch). */
  private bestEntry = new Int32Array(0);
  private bestDice = new Float64Array(0);
  private readonly gramStamp = new IntColumn();

  private code(unit: number, learn: boolean): number {
    if (unit === 0x20) return PAD;
    let c = this.alphabet[unit]!;
    if (c < 0) {
      if (!learn) return -1;
      c = Math.min(this.letters++, ALPHABET - 1);
      this.alphabet[unit] = c;
    }
    return c;
  }

  /** Adds key number `entry` (entries must be added in increasing order, from 0). */
  add(entry: number, key: string): void {
    // No Set per key: each trigram is stamped with the entry that last had it, which is how a
    // trigram repeated within the key is counted once.
    const stamp = this.gramStamp;
    if (this.grams.length < key.length + 1) this.grams = new Int32Array(2 * (key.length + 1));
    const grams = this.grams;
    let distinct = 0;
    let a = PAD;
    let b = PAD;
    for (let i = 0; i <= key.length && key.length > 0; i++) {
      const c = i < key.length ? this.code(key.charCodeAt(i), true) : PAD;
      if (i > 0) {
        const id = this.gramIds.getOrSet((((a << BITS) | b) << BITS) | c, this.gramIds.size);
        if (stamp.get(id) !== entry + 1) {
          stamp.set(id, entry + 1);
          grams[distinct++] = id;
        }
      }
      a = b;
      b = c;
    }
    const lists = distinct >= LONG_KEY ? this.longLists : this.lists;
    for (let i = 0; i < distinct; i++) lists.add(grams[i]!, entry);
    this.gramCounts.set(entry, distinct);
  }

  /** The distinct trigrams of ` key ` as numbers, in order of first occurrence. */
  private gramList(key: string, learn: boolean): number[] {
    const units: number[] = [PAD];
    for (let i = 0; i < key.length; i++) units.push(this.code(key.charCodeAt(i), learn));
    units.push(PAD);
    const out: number[] = [];
    const seen = this.seen;
    seen.clear();
    let unseen: Set<string> | undefined;
    for (let i = 0; i + 3 <= units.length; i++) {
      const a = units[i]!;
      const b = units[i + 1]!;
      const c = units[i + 2]!;
      if (a < 0 || b < 0 || c < 0) {
        // A unit the index has never seen: a trigram no posting holds, but it still counts
        // in the query's size (once per distinct trigram, as trigramsOf counts it).
        const text = ` ${key} `.slice(i, i + 3);
        if (!(unseen ??= new Set()).has(text)) {
          unseen.add(text);
          out.push(-1 - i);
        }
        continue;
      }
      const g = (((a << BITS) | b) << BITS) | c;
      if (units.length <= 18 ? !out.includes(g) : !seen.has(g)) {
        out.push(g);
        if (units.length > 18) seen.add(g);
      }
    }
    return out;
  }

  /** The sealed index as arrays, for a snapshot. */
  toParts(): TrigramParts {
    this.seal();
    const gramIds = this.gramIds.toParts();
    return { alphabet: this.alphabet, letters: this.letters, gramKeys: gramIds.keys, gramValues: gramIds.values, gramSize: gramIds.size, lists: this.lists.toParts(), longLists: this.longLists.toParts(), gramCounts: this.gramCounts.used() };
  }

  /** A read-only index over arrays read from a snapshot. */
  static fromParts(parts: TrigramParts): TrigramIndex {
    if (parts.alphabet.length !== 65536) throw new Error('trigram index: bad alphabet');
    const index = new TrigramIndex();
    index.alphabet = parts.alphabet;
    index.letters = parts.letters;
    index.gramIds = IntMap.fromParts({ keys: parts.gramKeys, values: parts.gramValues, size: parts.gramSize });
    index.lists = PostingLists.fromParts(parts.lists, { weight: false });
    index.longLists = PostingLists.fromParts(parts.longLists, { weight: false });
    index.gramCounts = IntColumn.of(parts.gramCounts);
    const entries = parts.gramCounts.length;
    for (const lists of [parts.lists, parts.longLists]) for (const e of lists.target) if (e < 0 || e >= entries) throw new Error('trigram index: entry out of range');
    index.seal();
    return index;
  }

  /** Packs the postings (compact, fast to walk). Called before queries. */
  seal(): void {
    this.lists.seal();
    this.longLists.seal();
    if (this.scratch.length < this.gramCounts.length) {
      this.scratch = new Uint16Array(this.gramCounts.length);
      this.touched = new Int32Array(this.gramCounts.length);
    }
  }

  get size(): number {
    return this.gramCounts.length;
  }

  /** The limit-th best Dice among the accepted touched entries, on the counts so far (-1: fewer). */
  private limitthBest(nTouched: number, limit: number, queryGrams: number, accept?: (entry: number) => boolean): number {
    const top: number[] = []; // descending, at most `limit`
    for (let t = 0; t < nTouched; t++) {
      const e = this.touched[t]!;
      const dice = (2 * this.scratch[e]!) / (queryGrams + this.gramCounts.data[e]!);
      if (top.length >= limit && dice <= top[limit - 1]!) continue;
      if (accept && !accept(e)) continue;
      let i = top.length;
      while (i > 0 && top[i - 1]! < dice) i--;
      top.splice(i, 0, dice);
      if (top.length > limit) top.pop();
    }
    return top.length < limit ? -1 : top[limit - 1]!;
  }

  /** For each distinct trigram of ` key ` (in order of first occurrence): how many keys here have it, -1 for none. */
  gramSizes(key: string): number[] {
    this.seal();
    return this.gramList(key, false).map((g) => {
      const id = g < 0 ? -1 : this.gramIds.get(g);
      return id < 0 ? -1 : this.lists.size(id) + this.longLists.size(id);
    });
  }

  /**
   * The `limit` entries most similar to `key` by shared trigrams, best first. `positions`
   * (into gramSizes' list) are the trigrams to walk, when several indexes are queried as one
   * (rarestGrams); by default this index's own rarest.
   */
  query(key: string, limit: number, accept?: (entry: number) => boolean, positions?: number[]): TrigramHit[] {
    this.seal();
    const all = this.gramList(key, false);
    const ids = all.map((g) => (g < 0 ? -1 : this.gramIds.get(g)));
    const sized = (id: number) => ({ id, size: this.lists.size(id) + this.longLists.size(id) });
    // The rarest trigrams first (stable: in the key's order among equals).
    const chosen = positions
      ? positions.map((p) => ids[p] ?? -1).filter((id) => id >= 0).map(sized)
      : ids
          .filter((id) => id >= 0)
          .map(sized)
          .sort((a, b) => a.size - b.size)
          .slice(0, MAX_QUERY_GRAMS);
    const queryGrams = all.length;
    const counts = this.scratch;
    const touched = this.touched;
    const gramCounts = this.gramCounts.data;
    let nTouched = 0;
    const walk = (postings: PostingLists, id: number) => {
      const { target, start, end, extra } = postings.view(id);
      for (let i = start; i < end; i++) {
        const e = target[i]!;
        if (counts[e] === 0) touched[nTouched++] = e;
        counts[e]!++;
      }
      if (extra) {
        for (let i = 0; i < extra.length; i += 3) {
          const e = extra[i]!;
          if (counts[e] === 0) touched[nTouched++] = e;
          counts[e]!++;
        }
      }
    };
    for (const { id } of chosen) walk(this.lists, id);
    // A long key (LONG_KEY trigrams or more) shares at most w of the w walked trigrams, so its
    // Dice is at most 2w / (q + LONG_KEY). If `limit` accepted short keys already do at least
    // as well, no long key can be kept (the selection below keeps only what beats the floor),
    // and their postings are skipped.
    const w = chosen.length;
    const longBest = (2 * w) / (queryGrams + LONG_KEY);
    let longPostings = 0;
    for (const { id } of chosen) longPostings += this.longLists.size(id);
    // Worth checking only when the long postings outweigh a pass over what was touched.
    const skip = nTouched >= limit && longPostings > nTouched && longBest <= this.limitthBest(nTouched, limit, queryGrams, accept);
    if (!skip) {
      for (const { id } of chosen) walk(this.longLists, id);
    }
    // Keep the best `limit` by Dice, earlier-touched first among equals. Most entries fall
    // below the floor at once, so this is close to one pass over the touched entries. The best
    // so far are kept in reused typed arrays (a splice of two arrays per insertion was most of
    // what this method allocated).
    if (this.bestEntry.length < limit + 1) {
      this.bestEntry = new Int32Array(limit + 1);
      this.bestDice = new Float64Array(limit + 1);
    }
    const bestEntry = this.bestEntry;
    const bestDice = this.bestDice;
    let kept = 0;
    let floor = 0;
    for (let t = 0; t < nTouched; t++) {
      const e = touched[t]!;
      const shared = counts[e]!;
      counts[e] = 0;
      const dice = (2 * shared) / (queryGrams + gramCounts[e]!);
      if (kept >= limit && dice <= floor) continue;
      if (accept && !accept(e)) continue;
      let i = kept < limit ? kept++ : limit - 1;
      while (i > 0 && bestDice[i - 1]! < dice) {
        bestEntry[i] = bestEntry[i - 1]!;
        bestDice[i] = bestDice[i - 1]!;
        i--;
      }
      bestEntry[i] = e;
      bestDice[i] = dice;
      floor = bestDice[kept - 1]!;
    }
    const hits: TrigramHit[] = [];
    for (let i = 0; i < kept; i++) hits.push({ entry: bestEntry[i]!, dice: bestDice[i]! });
    return hits;
  }
}

