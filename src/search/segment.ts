// One index over a set of documents: the names (exact keys, trigrams, consonant skeletons) and
// the descriptive words of its targets. SearchEngine (engine.ts) queries one segment built or
// loaded at start (the base, sealed and then read-only) and a small one for the documents added
// at run time (the delta), and merges what they find.
//
// Built for 100,000 incidents (bench/, docs/performance.md): a name is indexed once however
// many targets carry it ("China" is a party in thousands of incidents), with the targets in
// a posting list of typed arrays; each path hands on only its own best `limit` targets, which
// cannot change the result (a target outside a path's best `limit` has `limit` others ranked
// above it by that path, so it cannot reach the final `limit` through it).
//
// A sealed segment is all typed arrays and string tables (toParts); a snapshot file stores
// them, and fromParts reads them back as views, with no per-entry object rebuilt: look-ups
// that a built segment answers from a Map (name key, word) are binary searches there.
import { compactKey, isArabicScript, normalizeText } from './normalize.ts';
import { latinSkeleton, MIN_SKELETON, urduSkeleton } from './phonetic.ts';
import { editSimilarity } from './edit-distance.ts';
import Fuse from 'fuse.js';
import { IntColumn, PostingLists, type PackedPostings } from './columns.ts';
import { StringTable, type Strings } from './string-table.ts';
import { rarestGrams, TrigramIndex, type TrigramParts } from './trigram.ts';

export { rarestGrams };
import type { SearchDoc, SearchHit, TargetKind } from './types.ts';

export const FUZZY_CANDIDATES = 60;
const PHONETIC_CANDIDATES = 20;
const FUSE_THRESHOLD = 0.45;
const STOPWORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'and', 'to', 'for', 'by', 'with', 'at', 'from', 'is', 'was', 'کا', 'کی', 'کے', 'میں', 'اور', 'پر', 'سے', 'نے', 'کو', 'ہے']);

/** Words for the word index: normalized tokens, a plural "s" dropped so "hackers" = "hacker". */
export function wordsOf(text: string): string[] {
  return normalizeText(text)
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w))
    .map((w) => (w.length > 4 && /^[a-z]+s$/.test(w) && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

export const KIND_BIT: Record<TargetKind, number> = { incident: 1, entity: 2 };
const KIND_OF_BIT: Record<number, TargetKind> = { 1: 'incident', 2: 'entity' };
/** Ids that compare the same with < as with localeCompare (lowercase ASCII slugs: every id the data allows). */
const PLAIN_ID = /^[a-z0-9-]*$/;
// Party names repeat in thousands of incidents ("Microsoft", "چین"): the texts of entity
// documents (which come first) have their key and words cached; an incident's own names are
// unique and are not, so the caches stay small and never churn.
const CACHE_ENTRIES = 1 << 17;
/** Short descriptive texts (tags, years) repeat too. */
const CACHED_WORDS_MAX = 24;

/**
 * Called with a segment's own target number and text id (the name that matched: the ranking
 * reads it only for the hits it returns), or NO_TEXT when what matched is the query itself.
 */
export type Offer = (target: number, score: number, text: number, how: SearchHit['how']) => void;
export const NO_TEXT = -1;

/** Keys with more postings than this have them ranked once and cached (see topPostings). */
const RANKED_MIN = 256;

interface Ranked {
  size: number;
  target: Int32Array;
  weight: Float64Array;
  text: Int32Array;
}

interface Posting {
  target: number;
  weight: number;
  text: number;
}

/**
 * A key's best postings, as topPostings leaves them: [0, n) best first. Shared scratch (a
 * query walks one key at a time), so the thousands of postings a query looks at make no objects.
 */
const top = { target: new Int32Array(16), weight: new Float64Array(16), text: new Int32Array(16) };

function reserveTop(k: number): void {
  if (top.target.length >= k) return;
  top.target = new Int32Array(k);
  top.weight = new Float64Array(k);
  top.text = new Int32Array(k);
}

/** A prefix match for autocomplete. */
export interface PrefixFound {
  target: number;
  weight: number;
  /** The matched name's text id in its segment (textOf): read only for the names kept. */
  text: number;
  length: number;
}

/** A sealed segment as arrays: what a snapshot stores. */
export interface SegmentParts {
  plainIds: boolean;
  targetBits: Uint8Array;
  targetIds: Strings;
  idRank: Int32Array;
  keyCompact: Strings;
  keyKinds: Int32Array;
  /** Every key, in compact-key order; then the keys of each kind bit (1, 2) in the same order. */
  sortedKeys: Int32Array;
  kindOrder1: Int32Array;
  kindOrder2: Int32Array;
  names: PackedPostings;
  texts: Strings;
  trigrams: TrigramParts;
  skeletons: TrigramParts;
  skeletonKey: Int32Array;
  /** The distinct words in sorted order, and each one's list in wordPostings. */
  words: Strings;
  wordIds: Int32Array;
  wordPostings: PackedPostings;
}

export class IndexSegment {
  private targetBits: number[] | Uint8Array = [];
  private targetIds: string[] | Strings = [];
  private plainIds = true;
  // Names: one key per distinct compact key, with the targets that carry it.
  private keyOf: Map<string, number> | undefined = new Map();
  private keyCompact: string[] | Strings = [];
  private keyKinds = new IntColumn();
  /** The last target (+1) that added the key, so a target has one posting per key. */
  private readonly keyStamp = new IntColumn();
  /** key -> (target, weight, text id), in the order added. */
  private names = new PostingLists({ payload: true });
  /** Original texts of names, for SearchHit.matched. */
  private texts: string[] | Strings = [];
  private readonly textKey = new IntColumn();
  /** Entity name -> text id, so a name repeated across targets is normalized once. */
  private readonly textIds = new Map<string, number>();
  private textWasCached = false;
  private trigrams = new TrigramIndex();
  private skeletons = new TrigramIndex();
  private skeletonKey: number[] | Int32Array = [];
  // Words: word -> (target, weight).
  private wordOf: Map<string, number> | undefined = new Map();
  /** Loaded: the words in sorted order and their list ids (wordOf's stand-in). */
  private sortedWords: Strings | undefined;
  private sortedWordIds: Int32Array | undefined;
  private wordPostings = new PostingLists();
  private readonly wordCache = new Map<string, string[]>();
  private readonly ranked = new Map<number, Ranked>();
  private idRank: Int32Array = new Int32Array(0);
  private sortedKeys: number[] | Int32Array | undefined;
  /** The same order, per kind bit: only the keys some target of that kind carries. */
  private kindOrders: Array<number[] | Int32Array> | undefined;
  private sealedOnce = false;
  /** Loaded from a snapshot: nothing can be added. */
  private readonly readOnly: boolean = false;

  constructor(parts?: SegmentParts) {
    if (!parts) return;
    this.readOnly = true;
    const targets = parts.targetBits.length;
    if (parts.targetIds.length !== targets || parts.idRank.length !== targets) throw new Error('segment: target columns differ in length');
    const keys = parts.keyCompact.length;
    if (parts.keyKinds.length !== keys || parts.sortedKeys.length !== keys) throw new Error('segment: key columns differ in length');
    if (parts.words.length !== parts.wordIds.length) throw new Error('segment: word columns differ in length');
    if (parts.trigrams.gramCounts.length !== keys) throw new Error('segment: trigram entries are not the keys');
    if (parts.skeletons.gramCounts.length !== parts.skeletonKey.length) throw new Error('segment: skeleton entries differ');
    for (const order of [parts.sortedKeys, parts.kindOrder1, parts.kindOrder2, parts.skeletonKey]) for (const k of order) if (k < 0 || k >= keys) throw new Error('segment: key out of range');
    for (const postings of [parts.names, parts.wordPostings]) for (const t of postings.target) if (t < 0 || t >= targets) throw new Error('segment: target out of range');
    for (const text of parts.names.payload) if (text < 0 || text >= parts.texts.length) throw new Error('segment: text out of range');
    this.targetBits = parts.targetBits;
    this.targetIds = parts.targetIds;
    this.plainIds = parts.plainIds;
    this.idRank = parts.idRank;
    this.keyOf = undefined;
    this.keyCompact = parts.keyCompact;
    this.keyKinds = IntColumn.of(parts.keyKinds);
    this.sortedKeys = parts.sortedKeys;
    this.kindOrders = [];
    this.kindOrders[1] = parts.kindOrder1;
    this.kindOrders[2] = parts.kindOrder2;
    this.names = PostingLists.fromParts(parts.names, { payload: true });
    this.texts = parts.texts;
    this.trigrams = TrigramIndex.fromParts(parts.trigrams);
    this.skeletons = TrigramIndex.fromParts(parts.skeletons);
    this.skeletonKey = parts.skeletonKey;
    this.wordOf = undefined;
    this.sortedWords = parts.words;
    this.sortedWordIds = parts.wordIds;
    this.wordPostings = PostingLists.fromParts(parts.wordPostings);
    this.sealedOnce = true;
  }

  get targetCount(): number {
    return this.targetBits.length;
  }

  get isPlainIds(): boolean {
    return this.plainIds;
  }

  bitOf(target: number): number {
    return this.targetBits[target]!;
  }

  kindOf(target: number): TargetKind {
    return KIND_OF_BIT[this.targetBits[target]!]!;
  }

  idOf(target: number): string {
    return this.targetIds.at(target)!;
  }

  /** The target's position in id order (equal ids share one), or undefined if it came after sealing. */
  rankOf(target: number): number | undefined {
    return this.idRank[target];
  }

  add(doc: SearchDoc): void {
    if (this.readOnly) throw new Error('a segment loaded from a snapshot is read-only');
    const target = this.targetBits.length;
    const bit = KIND_BIT[doc.kind];
    (this.targetIds as string[]).push(doc.id);
    (this.targetBits as number[]).push(bit);
    if (this.plainIds && !PLAIN_ID.test(doc.id)) this.plainIds = false;
    const stamp = target + 1;
    const admit = doc.kind === 'entity';
    const best = new Map<string, number>();
    const addWords = (words: string[], weight: number) => {
      for (const w of words) if ((best.get(w) ?? 0) < weight) best.set(w, weight);
    };
    const addName = (text: string, weight: number, words: boolean) => {
      const textId = this.textFor(text, admit);
      // A cached text (an entity's name) has its words cached too.
      if (words) addWords(admit || this.textWasCached ? this.wordsFor(text, true) : wordsOf(text), weight);
      const key = this.textKey.get(textId);
      if (key < 0 || this.keyStamp.get(key) === stamp) return;
      this.keyStamp.set(key, stamp);
      const kinds = this.keyKinds.get(key);
      if (!(kinds & bit)) {
        this.keyKinds.set(key, kinds | bit);
        // Added after the prefix orders were built (an incident added at run time): insert in place.
        const order = this.kindOrders?.[bit];
        if (order) this.insertSorted(order as number[], key);
      }
      this.names.add(key, target, weight, textId);
    };
    addName(doc.id, 1, false);
    for (const { text, weight } of doc.names) addName(text, weight, true);
    for (const { text, weight } of doc.words ?? []) addWords(text.length <= CACHED_WORDS_MAX ? this.wordsFor(text, true) : wordsOf(text), weight);
    const wordOf = this.wordOf!;
    for (const [w, weight] of best) {
      let id = wordOf.get(w);
      if (id === undefined) wordOf.set(w, (id = wordOf.size));
      this.wordPostings.add(id, target, weight);
    }
  }

  /** Builds the lazily derived structures now, so the first query pays nothing. */
  seal(): void {
    if (this.readOnly) return;
    this.trigrams.seal();
    this.skeletons.seal();
    this.names.seal();
    this.wordPostings.seal();
    if (this.idRank.length !== this.targetBits.length) this.rankIds();
    this.prefixOrder();
    this.sealedOnce = true;
  }

  /** The sealed segment as arrays (for a snapshot); only before anything is added after sealing. */
  toParts(): SegmentParts {
    this.seal();
    if (this.readOnly) throw new Error('a loaded segment is saved by copying its file');
    if (this.idRank.length !== this.targetBits.length) throw new Error('segment: targets were added after sealing');
    const words = [...this.wordOf!.keys()].sort();
    return {
      plainIds: this.plainIds,
      targetBits: Uint8Array.from(this.targetBits),
      targetIds: this.targetIds,
      idRank: this.idRank,
      keyCompact: this.keyCompact,
      keyKinds: this.keyKinds.data.slice(0, this.keyCompact.length),
      sortedKeys: Int32Array.from(this.sortedKeys!),
      kindOrder1: Int32Array.from(this.kindOrders![1]!),
      kindOrder2: Int32Array.from(this.kindOrders![2]!),
      names: this.names.toParts(),
      texts: this.texts,
      trigrams: this.trigrams.toParts(),
      skeletons: this.skeletons.toParts(),
      skeletonKey: Int32Array.from(this.skeletonKey),
      words,
      wordIds: Int32Array.from(words, (w) => this.wordOf!.get(w)!),
      wordPostings: this.wordPostings.toParts(),
    };
  }

  /** The key whose compact form is `compact`, or undefined. */
  keyFor(compact: string): number | undefined {
    if (this.keyOf) return this.keyOf.get(compact);
    const order = this.sortedKeys!;
    const at = this.lowerBound(order, compact);
    return at < order.length && this.keyCompact.at(order[at]!) === compact ? order[at] : undefined;
  }

  /** The word's posting list, or undefined. */
  wordFor(word: string): number | undefined {
    if (this.wordOf) return this.wordOf.get(word);
    const words = this.sortedWords!;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words.at(mid)! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo < words.length && words.at(lo) === word ? this.sortedWordIds![lo] : undefined;
  }

  /** How many targets carry word list `id`. */
  wordCount(id: number | undefined): number {
    return id === undefined ? 0 : this.wordPostings.size(id);
  }

  /**
   * Adds idf × weight of word list `id` to `sum[offset + target]` for each target carrying it,
   * counting it in `matched` and listing first-touched targets in `touched` from `n`; returns
   * the new `n`. The hot loop of descriptive queries: typed arrays, no callback.
   */
  accumulateWords(id: number, idf: number, offset: number, sum: Float64Array, matched: Uint16Array, touched: Int32Array, n: number): number {
    const { target: targets, weight: codes, start, end, extra } = this.wordPostings.view(id);
    const values = this.wordPostings.weights.values;
    for (let i = start; i < end; i++) {
      const target = targets[i]! + offset;
      if (matched[target] === 0) touched[n++] = target;
      sum[target] = sum[target]! + idf * values[codes[i]!]!;
      matched[target] = matched[target]! + 1;
    }
    if (extra) {
      for (let i = 0; i < extra.length; i += 3) {
        const target = extra[i]! + offset;
        if (matched[target] === 0) touched[n++] = target;
        sum[target] = sum[target]! + idf * values[extra[i + 1]!]!;
        matched[target] = matched[target]! + 1;
      }
    }
    return n;
  }

  /** Offers the best `limit` exact matches of `compact`; true when one is a target's own name (weight 1). */
  exact(compact: string, mask: number, limit: number, offer: Offer): boolean {
    if (!this.sealedOnce) this.seal();
    const key = this.keyFor(compact);
    let whole = false;
    if (key === undefined) return whole;
    const n = this.topPostings(key, mask, limit);
    for (let i = 0; i < n; i++) {
      const weight = top.weight[i]!;
      offer(top.target[i]!, weight, top.text[i]!, 'exact');
      if (weight >= 1) whole = true;
    }
    return whole;
  }

  /** Names that start with `compact`, at most `cap` postings, in key order. */
  prefix(compact: string, mask: number, cap: number): PrefixFound[] {
    if (!this.sealedOnce) this.seal();
    const found: PrefixFound[] = [];
    const order = this.prefixOrder(mask);
    const lo = this.lowerBound(order, compact);
    for (let i = lo; i < order.length && found.length < cap; i++) {
      const key = order[i]!;
      const keyCompact = this.keyCompact.at(key)!;
      if (!keyCompact.startsWith(compact)) break;
      if (!(this.keyKinds.get(key) & mask)) continue;
      this.names.forEach(key, (target, weight, text) => {
        if (found.length >= cap) return true;
        if (this.targetBits[target]! & mask) found.push({ target, weight, text, length: keyCompact.length });
      });
    }
    return found;
  }

  /** compareIds for two of this segment's targets, by their precomputed id rank where both have one. */
  private compareTargets(a: number, b: number): number {
    const ra = this.idRank[a];
    const rb = this.idRank[b];
    if (ra !== undefined && rb !== undefined) return ra - rb;
    return compareIds(this.idOf(a), this.idOf(b), this.plainIds);
  }

  /**
   * Ranks every target by id once (in seal), so the many tie-breaks of a query compare two
   * integers instead of two strings. Targets added later have no rank and compare by id;
   * both agree, since a rank is the position in id order (equal ids share one).
   */
  private rankIds(): void {
    const ids = this.targetIds as string[];
    const order = ids.map((_, i) => i);
    order.sort((a, b) => compareIds(ids[a]!, ids[b]!, this.plainIds) || a - b);
    const rank = new Int32Array(order.length);
    let r = 0;
    for (let i = 0; i < order.length; i++) {
      if (i > 0 && compareIds(ids[order[i - 1]!]!, ids[order[i]!]!, this.plainIds) !== 0) r++;
      rank[order[i]!] = r;
    }
    this.idRank = rank;
  }

  /** The text's id, and through it its key (-1: the text has no letters or digits). */
  private textFor(text: string, admit: boolean): number {
    const known = this.textIds.get(text);
    this.textWasCached = known !== undefined;
    if (known !== undefined) return known;
    const texts = this.texts as string[];
    const id = texts.length;
    texts.push(text);
    if (admit && this.textIds.size < CACHE_ENTRIES) this.textIds.set(text, id);
    const compact = compactKey(text);
    this.textKey.set(id, compact ? (this.keyOf!.get(compact) ?? this.newKey(compact, text)) : -1);
    return id;
  }

  private newKey(compact: string, text: string): number {
    const keys = this.keyCompact as string[];
    const key = keys.length;
    keys.push(compact);
    this.keyOf!.set(compact, key);
    this.trigrams.add(key, compact);
    // A key's letters are the same whichever of its texts is read, so one skeleton per key.
    const skeleton = isArabicScript(text) ? '' : latinSkeleton(text);
    if (skeleton.length >= MIN_SKELETON) {
      const skeletonKey = this.skeletonKey as number[];
      this.skeletons.add(skeletonKey.length, skeleton);
      skeletonKey.push(key);
    }
    if (this.sortedKeys) this.insertSorted(this.sortedKeys as number[], key);
    return key;
  }

  private insertSorted(order: number[], key: number): void {
    order.splice(this.lowerBound(order, this.keyCompact.at(key)!), 0, key);
  }

  /** The first position in `order` (name keys sorted by compact key) whose key is >= `compact`. */
  private lowerBound(order: ArrayLike<number>, compact: string): number {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keyCompact.at(order[mid]!)! < compact) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private wordsFor(text: string, admit: boolean): string[] {
    let words = this.wordCache.get(text);
    if (!words) {
      words = wordsOf(text);
      if (admit && this.wordCache.size < CACHE_ENTRIES) this.wordCache.set(text, words);
    }
    return words;
  }

  /**
   * Keys in compact-key order, for prefix search: all of them, or only those of one kind, so
   * that autocomplete for actors does not step over the thousands of incident titles that
   * start with the same letter.
   */
  private prefixOrder(mask = 0): ArrayLike<number> {
    if (!this.sortedKeys || !this.kindOrders) {
      // Sorting the strings themselves (default order: UTF-16 units, as < compares) is several
      // times faster than sorting indices with a comparator.
      const keyOf = this.keyOf!;
      const all = [...(this.keyCompact as string[])].sort().map((k) => keyOf.get(k)!);
      const orders: number[][] = [];
      for (const bit of Object.values(KIND_BIT)) orders[bit] = all.filter((key) => this.keyKinds.get(key) & bit);
      this.sortedKeys = all;
      this.kindOrders = orders;
    }
    return this.kindOrders[mask] ?? this.sortedKeys;
  }

  /**
   * The best `k` postings of a key among targets of the wanted kinds, into `top` (returns how
   * many): higher weight first, then id order, as the final ranking orders equal scores.
   */
  private topPostings(key: number, mask: number, k: number): number {
    if (k <= 0 || !(this.keyKinds.get(key) & mask)) return 0;
    reserveTop(k);
    const size = this.names.size(key);
    let n = 0;
    if (size > RANKED_MIN) {
      // A name many targets carry ("China" in thousands of incidents): its postings are ranked
      // once, on first use, and read from the top from then on.
      let ranked = this.ranked.get(key);
      if (!ranked || ranked.size !== size) this.ranked.set(key, (ranked = this.rankPostings(key, size)));
      for (let i = 0; i < ranked.size && n < k; i++) {
        const target = ranked.target[i]!;
        if (!(this.targetBits[target]! & mask)) continue;
        top.target[n] = target;
        top.weight[n] = ranked.weight[i]!;
        top.text[n] = ranked.text[i]!;
        n++;
      }
      return n;
    }
    // Insertion into the best k so far (as pushTopK: after its equals, so the first added wins ties).
    this.names.forEach(key, (target, weight, text) => {
      if (!(this.targetBits[target]! & mask)) return;
      if (n >= k && !this.postingBefore(target, weight, top.target[k - 1]!, top.weight[k - 1]!)) return;
      let i = n < k ? n++ : k - 1;
      while (i > 0 && this.postingBefore(target, weight, top.target[i - 1]!, top.weight[i - 1]!)) {
        top.target[i] = top.target[i - 1]!;
        top.weight[i] = top.weight[i - 1]!;
        top.text[i] = top.text[i - 1]!;
        i--;
      }
      top.target[i] = target;
      top.weight[i] = weight;
      top.text[i] = text;
    });
    return n;
  }

  private postingBefore(target: number, weight: number, otherTarget: number, otherWeight: number): boolean {
    return weight > otherWeight || (weight === otherWeight && this.compareTargets(target, otherTarget) < 0);
  }

  /** A key's postings in the order topPostings picks them: higher weight, then id order (stable). */
  private rankPostings(key: number, size: number): Ranked {
    const rows: Posting[] = [];
    this.names.forEach(key, (target, weight, text) => void rows.push({ target, weight, text }));
    rows.sort((a, b) => b.weight - a.weight || this.compareTargets(a.target, b.target));
    return {
      size,
      target: Int32Array.from(rows, (r) => r.target),
      weight: Float64Array.from(rows, (r) => r.weight),
      text: Int32Array.from(rows, (r) => r.text),
    };
  }

  /** The keys most like `compact` by shared trigrams (at most FUZZY_CANDIDATES), best first. */
  fuzzyCandidates(compact: string, mask: number, positions?: number[]): Candidate[] {
    if (!this.sealedOnce) this.seal();
    return this.trigrams
      .query(compact, FUZZY_CANDIDATES, (key) => (this.keyKinds.get(key) & mask) !== 0, positions)
      .map((h) => ({ segment: this, key: h.entry, dice: h.dice, compact: this.keyCompact.at(h.entry)! }));
  }

  /** For trigram queries over several segments (rarestGrams). */
  gramSizes(compact: string, phonetic: boolean): number[] {
    return (phonetic ? this.skeletons : this.trigrams).gramSizes(compact);
  }

  /** Offers the best `limit` targets carrying `key`, each scored `score(weight)`. */
  offerKey(key: number, mask: number, limit: number, how: SearchHit['how'], score: (weight: number) => number, offer: Offer): void {
    const n = this.topPostings(key, mask, limit);
    for (let i = 0; i < n; i++) offer(top.target[i]!, score(top.weight[i]!), top.text[i]!, how);
  }

  /** The original text of a name (SearchHit.matched). */
  textOf(text: number): string {
    return this.texts.at(text)!;
  }

  /** Keys whose consonant skeleton is like the Urdu query's (at most 20), best first. */
  phoneticCandidates(skeleton: string, mask: number, positions?: number[]): Candidate[] {
    if (!this.sealedOnce) this.seal();
    return this.skeletons
      .query(skeleton, PHONETIC_CANDIDATES, (s) => (this.keyKinds.get(this.skeletonKey[s]!) & mask) !== 0, positions)
      .map((h) => ({ segment: this, key: this.skeletonKey[h.entry]!, dice: h.dice, compact: this.keyCompact.at(this.skeletonKey[h.entry]!)! }));
  }
}

/** A name key proposed by a segment's trigram or skeleton index. */
export interface Candidate {
  segment: IndexSegment;
  key: number;
  dice: number;
  compact: string;
  /** The same name key in later segments (one key, as one index would have it). */
  also?: Candidate[];
}

/**
 * The best `n` candidates of several segments by Dice, as one index over all of them would
 * propose them (earlier segments first among equals), so that a document in the delta is
 * found, and scored, as it will be once a snapshot holds it.
 */
export function bestCandidates(lists: Candidate[][], n: number): Candidate[] {
  if (lists.length === 1) return lists[0]!;
  const byKey = new Map<string, Candidate>();
  for (const c of lists.flat().sort((a, b) => b.dice - a.dice)) {
    const first = byKey.get(c.compact);
    if (first) (first.also ??= []).push(c);
    else byKey.set(c.compact, { ...c });
  }
  return [...byKey.values()].slice(0, n);
}

/** Offers a candidate's targets in every segment that has its key. */
function offerCandidate(c: Candidate, mask: number, limit: number, how: SearchHit['how'], score: (weight: number) => number, offers: Map<IndexSegment, Offer>): void {
  for (const at of [c, ...(c.also ?? [])]) at.segment.offerKey(at.key, mask, limit, how, score, offers.get(at.segment)!);
}

/**
 * One Fuse for every query: each query hands it its candidates' keys (setCollection) and reads the
 * scores. A new Fuse per query, over candidate objects with a key path, was most of what a query
 * allocated, and at 100,000 incidents that garbage set off the young-generation pauses in the p99.
 */
const fuse = new Fuse<string>([], { includeScore: true, ignoreLocation: true, threshold: FUSE_THRESHOLD, isCaseSensitive: true });
const fuzzyTexts: string[] = [];

/** Fuse re-ranks the trigram candidates by edit-tolerant similarity; it only ever sees these few. */
export function fuzzyOffers(compact: string, candidates: Candidate[], mask: number, limit: number, offers: Map<IndexSegment, Offer>): void {
  if (!candidates.length) return;
  fuzzyTexts.length = 0;
  for (const c of candidates) fuzzyTexts.push(c.compact);
  fuse.setCollection(fuzzyTexts);
  for (const result of fuse.search(compact.slice(0, 64))) {
    const item = candidates[result.refIndex]!;
    const similarity = 1 - (result.score ?? 1);
    const { dice } = item;
    // Fuse scores a short query inside a long name well; the edit similarity of the whole
    // keys keeps "apt" from ranking like "apt28" and breaks Fuse's ties ("vlot" is "volt").
    const whole = editSimilarity(compact, item.compact);
    offerCandidate(item, mask, limit, 'fuzzy', (weight) => weight * (0.45 * similarity + 0.35 * whole + 0.2 * dice) * 0.97, offers);
  }
  fuzzyTexts.length = 0;
  fuse.setCollection(fuzzyTexts);
}

/** Urdu typed for an English name with no Urdu alias: the consonant skeletons' candidates. */
export function phoneticOffers(query: string, segments: IndexSegment[], mask: number, limit: number, offers: Map<IndexSegment, Offer>): void {
  const skeleton = urduSkeleton(query);
  if (skeleton.length < MIN_SKELETON) return;
  const positions = segments.length > 1 ? rarestGrams(segments.map((s) => s.gramSizes(skeleton, true))) : undefined;
  for (const hit of bestCandidates(segments.map((s) => s.phoneticCandidates(skeleton, mask, positions)), PHONETIC_CANDIDATES)) {
    if (hit.dice < 0.6) continue;
    offerCandidate(hit, mask, limit, 'phonetic', (weight) => weight * 0.75 * hit.dice, offers);
  }
}

export function compareIds(a: string, b: string, plain: boolean): number {
  if (plain) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

export { StringTable };
