// Search over incidents and entities (parties and registry actors), by any of their names,
// in either script, with typos, and by descriptive words ("sony hack 2014").
//
// query -> normalize -> (1) exact compact-key lookup
//                    -> (2) trigram candidates re-ranked with fuse.js      (names, typos)
//                    -> (3) word index with idf weights                    (descriptive queries)
//                    -> (4) cross-script consonant skeleton, Urdu queries  (سولر ونڈز)
//                    -> best score per target, ranked.
// Nothing here scans every record per query: (1) is a map, (2) walks the rarest trigram
// postings and hands ~60 candidates to the Bitap scorer, (3) walks the postings of the query's words.
//
// The index itself is in segments (segment.ts): the base, built from the documents at start
// (or loaded from a snapshot of them, snapshot.ts) and read-only once sealed, and a small
// delta for what is added at run time (published claims). Every path runs on both and offers
// into one ranking; the word path computes its idf over both, so a document scores the same
// in the delta as it would in a fresh build of everything.
import { compactKey, isArabicScript } from './normalize.ts';
import type { SearchDoc, SearchHit, SearchOptions, TargetKind } from './types.ts';
import { pushTopK } from './top-k.ts';
import { bestCandidates, compareIds, FUZZY_CANDIDATES, fuzzyOffers, IndexSegment, KIND_BIT, NO_TEXT, type Offer, phoneticOffers, type PrefixFound, rarestGrams, type SegmentParts, wordsOf } from './segment.ts';

export { wordsOf };

/**
 * Bump when anything that decides what the index holds or how it is laid out changes (this
 * folder's code, the normalization in src/text/script.ts, the snapshot format): a snapshot
 * written by another version is rebuilt, never read.
 */
export const ENGINE_VERSION = 'ilzam-search-1';

export type { SearchDoc, SearchHit, SearchOptions, TargetKind };

/** The best a multi-word match on descriptive words can score. */
const WORDS_MAX = 0.78;
/** Longer than this (Fuse's one-chunk pattern length), an exact own-name match ends the search. */
const LONG_EXACT = 32;

export class SearchEngine {
  /** Targets 0 .. base.targetCount - 1 are the base's; the delta's follow. */
  private base: IndexSegment;
  private delta: IndexSegment | undefined;
  /** Sealed: later documents go to the delta. */
  private sealed = false;
  private wordSum = new Float64Array(0);
  private wordMatched = new Uint16Array(0);
  private wordTouched = new Int32Array(0);

  constructor(docs: Iterable<SearchDoc> = []) {
    this.base = new IndexSegment();
    for (const doc of docs) this.base.add(doc);
  }

  /** An engine over a sealed segment read from a snapshot (see snapshot.ts). */
  static fromParts(parts: SegmentParts): SearchEngine {
    const engine = new SearchEngine();
    engine.base = new IndexSegment(parts);
    engine.sealed = true;
    return engine;
  }

  /** The base as arrays, for a snapshot; documents added after sealing (the delta) are not in it. */
  toParts(): SegmentParts {
    return this.base.toParts();
  }

  get targetCount(): number {
    return this.base.targetCount + (this.delta?.targetCount ?? 0);
  }

  /** How many documents were added after sealing (the delta index). */
  get deltaCount(): number {
    return this.delta?.targetCount ?? 0;
  }

  /** Adds a document: to the base while building, to the delta once the base is sealed. */
  add(doc: SearchDoc): void {
    if (this.sealed) (this.delta ??= new IndexSegment()).add(doc);
    else this.base.add(doc);
  }

  /** Builds the lazily derived structures now, so the first query pays nothing. */
  seal(): void {
    this.base.seal();
    this.sealed = true;
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    return this.rank(query, opts).map((r) => r.hit);
  }

  /**
   * Autocomplete: names that start with what was typed first (shortest first), then fuzzy
   * matches. Returns at most `limit` distinct targets.
   */
  suggest(query: string, opts: SearchOptions = {}): SearchHit[] {
    if (!this.sealed) this.seal();
    const limit = opts.limit ?? 25;
    const kinds = opts.kinds ?? ['incident', 'entity'];
    const mask = maskOf(kinds);
    const compact = compactKey(query);
    const out = new Map<number, SearchHit>();
    if (compact) {
      const cap = limit * 8;
      const found: PrefixFound[] = this.base.prefix(compact, mask, cap);
      if (this.delta) for (const f of this.delta.prefix(compact, mask, cap)) found.push({ ...f, target: f.target + this.base.targetCount });
      found.sort((a, b) => b.weight - a.weight || a.length - b.length);
      for (const f of found) {
        if (out.size >= limit) break;
        if (out.has(f.target)) continue;
        const score = f.weight * (compact.length / f.length);
        out.set(f.target, { kind: this.kindOf(f.target), id: this.idOf(f.target), score, matched: this.segmentOf(f.target)[0].textOf(f.text), how: 'prefix' });
      }
    }
    if (out.size < limit) {
      for (const { target, hit } of this.rank(query, { kinds, limit })) {
        if (out.size >= limit) break;
        if (!out.has(target)) out.set(target, hit);
      }
    }
    return [...out.values()];
  }

  private segmentOf(target: number): [IndexSegment, number] {
    const n = this.base.targetCount;
    return target < n ? [this.base, target] : [this.delta!, target - n];
  }

  private kindOf(target: number): TargetKind {
    const [segment, t] = this.segmentOf(target);
    return segment.kindOf(t);
  }

  private idOf(target: number): string {
    const [segment, t] = this.segmentOf(target);
    return segment.idOf(t);
  }

  private bitOf(target: number): number {
    const [segment, t] = this.segmentOf(target);
    return segment.bitOf(t);
  }

  /**
   * The best score per target so far, in columns indexed by target (reused by every query;
   * `bestStamp` says which query wrote a row), and the targets in the order first offered: a
   * query offers hundreds of (target, score) pairs and keeps a dozen, so it makes no object per
   * offer, and decodes a name only for the hits it returns.
   */
  private bestStamp = new Int32Array(0);
  private bestScore = new Float64Array(0);
  private bestText = new Int32Array(0);
  private bestHow: Array<SearchHit['how']> = [];
  private bestTouched = new Int32Array(0);
  private bestCount = 0;
  private queryStamp = 0;

  private rank(query: string, opts: SearchOptions): Array<{ target: number; hit: SearchHit }> {
    if (!this.sealed) this.seal();
    const limit = opts.limit ?? 10;
    const mask = maskOf(opts.kinds ?? ['incident', 'entity']);
    const compact = compactKey(query);
    if (!compact) return [];
    this.startRanking();
    // Callers offer only targets of the wanted kinds.
    const offerAt =
      (offset: number): Offer =>
      (local, score, text, how) => {
        const target = local + offset;
        if (this.bestStamp[target] !== this.queryStamp) {
          this.bestStamp[target] = this.queryStamp;
          this.bestTouched[this.bestCount++] = target;
        } else if (!(this.bestScore[target]! < score)) return;
        this.bestScore[target] = score;
        this.bestText[target] = text;
        this.bestHow[target] = how;
      };
    const segments = this.delta ? [this.base, this.delta] : [this.base];
    const offers = new Map<IndexSegment, Offer>([[this.base, offerAt(0)]]);
    if (this.delta) offers.set(this.delta, offerAt(this.base.targetCount));

    let whole = false;
    for (const segment of segments) if (segment.exact(compact, mask, limit, offers.get(segment)!)) whole = true;
    // A long query that is exactly a target's own name (a pasted title) has its answer: no
    // other path can score 1, and fuzzy-matching 30+ characters against 60 candidates (Fuse
    // splits such patterns) is the slowest thing a query can do. Shorter names still get
    // their fuzzy neighbours.
    if (whole && compact.length > LONG_EXACT) return this.bestHits(query, limit);
    // Candidates of both segments compete for the same places, as in one index.
    const positions = this.delta ? rarestGrams(segments.map((s) => s.gramSizes(compact, false))) : undefined;
    fuzzyOffers(compact, bestCandidates(segments.map((s) => s.fuzzyCandidates(compact, mask, positions)), FUZZY_CANDIDATES), mask, limit, offers);
    this.byWords(query, mask, limit, offerAt(0));
    if (isArabicScript(query)) phoneticOffers(query, segments, mask, limit, offers);

    return this.bestHits(query, limit);
  }

  /** Readies the best-score columns for a new query (sized to the targets, delta included). */
  private startRanking(): void {
    const total = this.targetCount;
    if (this.bestStamp.length < total) {
      const size = Math.max(total, 2 * this.bestStamp.length);
      this.bestStamp = new Int32Array(size);
      this.bestScore = new Float64Array(size);
      this.bestText = new Int32Array(size);
      this.bestTouched = new Int32Array(size);
      this.bestHow.length = size;
      this.queryStamp = 0;
    }
    if (++this.queryStamp > 0x7fffffff) {
      this.bestStamp.fill(0);
      this.queryStamp = 1;
    }
    this.bestCount = 0;
  }

  /**
   * The best `limit` targets offered, by score and then id order; among equals (one id for an
   * incident and an entity) the first offered first, as a stable sort of them all would have it.
   */
  private bestHits(query: string, limit: number): Array<{ target: number; hit: SearchHit }> {
    const score = this.bestScore;
    const chosen: number[] = [];
    const before = (a: number, b: number) => score[a]! > score[b]! || (score[a] === score[b] && this.compareTargets(a, b) < 0);
    for (let i = 0; i < this.bestCount; i++) pushTopK(chosen, this.bestTouched[i]!, limit, before);
    return chosen.map((target) => {
      const text = this.bestText[target]!;
      const matched = text === NO_TEXT ? query : this.segmentOf(target)[0].textOf(text);
      return { target, hit: { kind: this.kindOf(target), id: this.idOf(target), score: score[target]!, matched, how: this.bestHow[target]! } };
    });
  }

  /** Id order of two targets: by the base's precomputed id rank where both have one, else by id. */
  private compareTargets(a: number, b: number): number {
    const n = this.base.targetCount;
    if (a < n && b < n) {
      const ra = this.base.rankOf(a);
      const rb = this.base.rankOf(b);
      if (ra !== undefined && rb !== undefined) return ra - rb;
    }
    return compareIds(this.idOf(a), this.idOf(b), this.base.isPlainIds && (this.delta?.isPlainIds ?? true));
  }

  private byWords(query: string, mask: number, limit: number, offer: Offer): void {
    const tokens = [...new Set(wordsOf(query))];
    if (tokens.length < 2) return; // one word is a name: the name paths handle it
    const total = this.targetCount || 1;
    if (this.wordSum.length < total) {
      this.wordSum = new Float64Array(total);
      this.wordMatched = new Uint16Array(total);
      this.wordTouched = new Int32Array(total);
    }
    const sum = this.wordSum;
    const matched = this.wordMatched;
    const touched = this.wordTouched;
    const delta = this.delta;
    const offset = this.base.targetCount;
    let n = 0;
    let maxSum = 0;
    for (const token of tokens) {
      // idf over both segments, as one index over all the documents would have it.
      const id = this.base.wordFor(token);
      const deltaId = delta?.wordFor(token);
      const df = this.base.wordCount(id) + (delta ? delta.wordCount(deltaId) : 0);
      const idf = Math.log(1 + total / (1 + df));
      maxSum += idf;
      if (id !== undefined) n = this.base.accumulateWords(id, idf, 0, sum, matched, touched, n);
      if (delta && deltaId !== undefined) n = delta.accumulateWords(deltaId, idf, offset, sum, matched, touched, n);
    }
    // The best `limit` of the wanted kinds, by score and then id, as the final ranking.
    // Kept as two small arrays (as pushTopK keeps a list: equals in the order met): a common
    // word touches tens of thousands of targets, and an object for each was most of what a
    // descriptive query allocated.
    const topTarget: number[] = [];
    const topScore: number[] = [];
    const before = (target: number, score: number, i: number) =>
      score > topScore[i]! || (score === topScore[i] && this.compareTargets(target, topTarget[i]!) < 0);
    const need = Math.min(2, tokens.length);
    for (let i = 0; i < n; i++) {
      const target = touched[i]!;
      const s = sum[target]!;
      const m = matched[target]!;
      sum[target] = 0;
      matched[target] = 0;
      if (!maxSum || m < need || !(this.bitOf(target) & mask) || limit <= 0) continue;
      const coverage = m / tokens.length;
      // Capped below an exact hit on an accused group's name (0.8): words that happen to occur
      // in an incident must not outrank the incident that carries the exact name typed.
      const score = WORDS_MAX * Math.min(1, s / maxSum) * (0.5 + 0.5 * coverage);
      if (topTarget.length >= limit && !before(target, score, limit - 1)) continue;
      let at = topTarget.length;
      while (at > 0 && before(target, score, at - 1)) at--;
      topTarget.splice(at, 0, target);
      topScore.splice(at, 0, score);
      if (topTarget.length > limit) {
        topTarget.pop();
        topScore.pop();
      }
    }
    for (let i = 0; i < topTarget.length; i++) offer(topTarget[i]!, topScore[i]!, NO_TEXT, 'words');
  }
}

function maskOf(kinds: readonly TargetKind[]): number {
  let mask = 0;
  for (const k of kinds) mask |= KIND_BIT[k] ?? 0;
  return mask;
}
