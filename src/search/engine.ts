// Search over incidents and entities (parties and registry actors), by any of their names,
// in either script, with typos, and by descriptive words ("sony hack 2014").
//
// query -> normalize -> (1) exact compact-key lookup
//                    -> (2) trigram candidates re-ranked with fuse.js      (names, typos)
//                    -> (3) word index with idf weights                    (descriptive queries)
//                    -> (4) cross-script consonant skeleton, Urdu queries  (سولر ونڈز)
//                    -> best score per target, ranked.
// Nothing here scans every record per query: (1) is a map, (2) walks the rarest trigram
// postings and hands ~60 candidates to Fuse, (3) walks the postings of the query's words.
//
// Built for 100,000 incidents (bench/, docs/performance.md): a name is indexed once however
// many targets carry it ("China" is a party in thousands of incidents), with the targets in
// a posting list of typed arrays; each path hands on only its own best `limit` targets, which
// cannot change the result (a target outside a path's best `limit` has `limit` others ranked
// above it by that path, so it cannot reach the final `limit` through it).
import Fuse from 'fuse.js';
import { compactKey, isArabicScript, normalizeText } from './normalize.ts';
import { latinSkeleton, MIN_SKELETON, urduSkeleton } from './phonetic.ts';
import { editSimilarity } from './edit-distance.ts';
import { IntColumn, PostingLists } from './columns.ts';
import { TrigramIndex } from './trigram.ts';
import { pushTopK } from './top-k.ts';

export type TargetKind = 'incident' | 'entity';

export interface SearchDoc {
  kind: TargetKind;
  id: string;
  /** Names the target is known by, with how much a match on each counts (1 = its own name). */
  names: Array<{ text: string; weight: number }>;
  /** Descriptive words (titles, summaries, years, tags), for multi-word queries. */
  words?: Array<{ text: string; weight: number }>;
}

export interface SearchHit {
  kind: TargetKind;
  id: string;
  /** 0..1; 1 is an exact match on the target's own name. */
  score: number;
  /** The stored name (original text) or words that matched. */
  matched: string;
  how: 'exact' | 'fuzzy' | 'words' | 'phonetic' | 'prefix';
}

export interface SearchOptions {
  kinds?: TargetKind[];
  limit?: number;
}

/** The best a multi-word match on descriptive words can score. */
const WORDS_MAX = 0.78;
const FUZZY_CANDIDATES = 60;
const FUSE_THRESHOLD = 0.45;
const STOPWORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'and', 'to', 'for', 'by', 'with', 'at', 'from', 'is', 'was', 'کا', 'کی', 'کے', 'میں', 'اور', 'پر', 'سے', 'نے', 'کو', 'ہے']);

/** Words for the word index: normalized tokens, a plural "s" dropped so "hackers" = "hacker". */
export function wordsOf(text: string): string[] {
  return normalizeText(text)
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w))
    .map((w) => (w.length > 4 && /^[a-z]+s$/.test(w) && !w.endsWith('ss') ? w.slice(0, -1) : w));
}


const KIND_BIT: Record<TargetKind, number> = { incident: 1, entity: 2 };
/** Ids that compare the same with < as with localeCompare (lowercase ASCII slugs: every id the data allows). */
const PLAIN_ID = /^[a-z0-9-]*$/;
// Party names repeat in thousands of incidents ("Microsoft", "چین"): the texts of entity
// documents (which come first) have their key and words cached; an incident's own names are
// unique and are not, so the caches stay small and never churn.
const CACHE_ENTRIES = 1 << 17;
/** Short descriptive texts (tags, years) repeat too. */
const CACHED_WORDS_MAX = 24;

type Offer = (target: number, score: number, matched: string, how: SearchHit['how']) => void;

/** Keys with more postings than this have them ranked once and cached (see topPostings). */
const RANKED_MIN = 256;
/** Longer than this (Fuse's one-chunk pattern length), an exact own-name match ends the search. */
const LONG_EXACT = 32;

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

export class SearchEngine {
  private readonly targets: Array<{ kind: TargetKind; id: string; label: string }> = [];
  private readonly targetBits: number[] = [];
  private plainIds = true;
  // Names: one key per distinct compact key, with the targets that carry it.
  private readonly keyOf = new Map<string, number>();
  private readonly keyCompact: string[] = [];
  private readonly keyKinds = new IntColumn();
  /** The last target (+1) that added the key, so a target has one posting per key. */
  private readonly keyStamp = new IntColumn();
  /** key -> (target, weight, text id), in the order added. */
  private readonly names = new PostingLists({ payload: true });
  /** Original texts of names, for SearchHit.matched. */
  private readonly texts: string[] = [];
  private readonly textKey = new IntColumn();
  /** Entity name -> text id, so a name repeated across targets is normalized once. */
  private readonly textIds = new Map<string, number>();
  private textWasCached = false;
  private readonly trigrams = new TrigramIndex();
  private readonly skeletons = new TrigramIndex();
  private readonly skeletonKey: number[] = [];
  // Words: word -> (target, weight).
  private readonly wordOf = new Map<string, number>();
  private readonly wordPostings = new PostingLists();
  private readonly wordCache = new Map<string, string[]>();
  private wordSum = new Float64Array(0);
  private wordMatched = new Uint16Array(0);
  private wordTouched = new Int32Array(0);
  private readonly ranked = new Map<number, Ranked>();
  private idRank = new Int32Array(0);
  private sortedKeys: number[] | undefined;
  /** The same order, per kind bit: only the keys some target of that kind carries. */
  private kindOrders: number[][] | undefined;
  private sealedOnce = false;

  constructor(docs: Iterable<SearchDoc> = []) {
    for (const doc of docs) this.add(doc);
  }

  get targetCount(): number {
    return this.targets.length;
  }

  add(doc: SearchDoc): void {
    const target = this.targets.length;
    const bit = KIND_BIT[doc.kind];
    this.targets.push({ kind: doc.kind, id: doc.id, label: doc.names[0]?.text ?? doc.id });
    this.targetBits.push(bit);
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
        if (order) this.insertSorted(order, key);
      }
      this.names.add(key, target, weight, textId);
    };
    addName(doc.id, 1, false);
    for (const { text, weight } of doc.names) addName(text, weight, true);
    for (const { text, weight } of doc.words ?? []) addWords(text.length <= CACHED_WORDS_MAX ? this.wordsFor(text, true) : wordsOf(text), weight);
    for (const [w, weight] of best) {
      let id = this.wordOf.get(w);
      if (id === undefined) this.wordOf.set(w, (id = this.wordOf.size));
      this.wordPostings.add(id, target, weight);
    }
  }

  /** Builds the lazily derived structures now, so the first query pays nothing. */
  seal(): void {
    this.trigrams.seal();
    this.skeletons.seal();
    this.names.seal();
    this.wordPostings.seal();
    if (this.idRank.length !== this.targets.length) this.rankIds();
    this.prefixOrder();
    this.sealedOnce = true;
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    return this.rank(query, opts).map((r) => r.hit);
  }

  /**
   * Autocomplete: names that start with what was typed first (shortest first), then fuzzy
   * matches. Returns at most `limit` distinct targets.
   */
  suggest(query: string, opts: SearchOptions = {}): SearchHit[] {
    if (!this.sealedOnce) this.seal();
    const limit = opts.limit ?? 25;
    const kinds = opts.kinds ?? ['incident', 'entity'];
    const mask = maskOf(kinds);
    const compact = compactKey(query);
    const out = new Map<number, SearchHit>();
    if (compact) {
      const order = this.prefixOrder(mask);
      const lo = this.lowerBound(order, compact);
      const cap = limit * 8;
      const found: Array<{ target: number; weight: number; text: number; length: number }> = [];
      for (let i = lo; i < order.length && found.length < cap; i++) {
        const key = order[i]!;
        const keyCompact = this.keyCompact[key]!;
        if (!keyCompact.startsWith(compact)) break;
        if (!(this.keyKinds.get(key) & mask)) continue;
        this.names.forEach(key, (target, weight, text) => {
          if (found.length >= cap) return true;
          if (this.targetBits[target]! & mask) found.push({ target, weight, text, length: keyCompact.length });
        });
      }
      found.sort((a, b) => b.weight - a.weight || a.length - b.length);
      for (const f of found) {
        if (out.size >= limit) break;
        if (out.has(f.target)) continue;
        const t = this.targets[f.target]!;
        const score = f.weight * (compact.length / f.length);
        out.set(f.target, { kind: t.kind, id: t.id, score, matched: this.texts[f.text]!, how: 'prefix' });
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

  private rank(query: string, opts: SearchOptions): Array<{ target: number; hit: SearchHit }> {
    if (!this.sealedOnce) this.seal();
    const limit = opts.limit ?? 10;
    const mask = maskOf(opts.kinds ?? ['incident', 'entity']);
    const compact = compactKey(query);
    if (!compact) return [];
    const best = new Map<number, SearchHit>();
    // Callers offer only targets of the wanted kinds.
    const offer: Offer = (target, score, matched, how) => {
      const current = best.get(target);
      if (!current || current.score < score) {
        const t = this.targets[target]!;
        best.set(target, { kind: t.kind, id: t.id, score, matched, how });
      }
    };

    const exact = this.keyOf.get(compact);
    let whole = false;
    if (exact !== undefined) {
      for (const p of this.topPostings(exact, mask, limit)) {
        offer(p.target, p.weight, this.texts[p.text]!, 'exact');
        if (p.weight >= 1) whole = true;
      }
    }
    // A long query that is exactly a target's own name (a pasted title) has its answer: no
    // other path can score 1, and fuzzy-matching 30+ characters against 60 candidates (Fuse
    // splits such patterns) is the slowest thing a query can do. Shorter names still get
    // their fuzzy neighbours.
    if (whole && compact.length > LONG_EXACT) return this.sortHits(best, limit);
    this.fuzzy(compact, mask, limit, offer);
    this.byWords(query, mask, limit, offer);
    if (isArabicScript(query)) this.phonetic(query, mask, limit, offer);

    return this.sortHits(best, limit);
  }

  private sortHits(best: Map<number, SearchHit>, limit: number): Array<{ target: number; hit: SearchHit }> {
    return [...best]
      .sort((a, b) => b[1].score - a[1].score || this.compareTargets(a[0], b[0]))
      .slice(0, Math.max(0, limit))
      .map(([target, hit]) => ({ target, hit }));
  }

  /** compareIds for two targets, by their precomputed id rank where both have one. */
  private compareTargets(a: number, b: number): number {
    const ra = this.idRank[a];
    const rb = this.idRank[b];
    if (ra !== undefined && rb !== undefined) return ra - rb;
    return this.compareIds(this.targets[a]!.id, this.targets[b]!.id);
  }

  /**
   * Ranks every target by id once (in seal), so the many tie-breaks of a query compare two
   * integers instead of two strings. Targets added later have no rank and compare by id;
   * both agree, since a rank is the position in id order (equal ids share one).
   */
  private rankIds(): void {
    const order = this.targets.map((_, i) => i);
    order.sort((a, b) => this.compareIds(this.targets[a]!.id, this.targets[b]!.id) || a - b);
    const rank = new Int32Array(order.length);
    let r = 0;
    for (let i = 0; i < order.length; i++) {
      if (i > 0 && this.compareIds(this.targets[order[i - 1]!]!.id, this.targets[order[i]!]!.id) !== 0) r++;
      rank[order[i]!] = r;
    }
    this.idRank = rank;
  }

  private compareIds(a: string, b: string): number {
    if (this.plainIds) return a < b ? -1 : a > b ? 1 : 0;
    return a.localeCompare(b);
  }

  /** The text's id, and through it its key (-1: the text has no letters or digits). */
  private textFor(text: string, admit: boolean): number {
    const known = this.textIds.get(text);
    this.textWasCached = known !== undefined;
    if (known !== undefined) return known;
    const id = this.texts.length;
    this.texts.push(text);
    if (admit && this.textIds.size < CACHE_ENTRIES) this.textIds.set(text, id);
    const compact = compactKey(text);
    this.textKey.set(id, compact ? (this.keyOf.get(compact) ?? this.newKey(compact, text)) : -1);
    return id;
  }

  private newKey(compact: string, text: string): number {
    const key = this.keyCompact.length;
    this.keyCompact.push(compact);
    this.keyOf.set(compact, key);
    this.trigrams.add(key, compact);
    // A key's letters are the same whichever of its texts is read, so one skeleton per key.
    const skeleton = isArabicScript(text) ? '' : latinSkeleton(text);
    if (skeleton.length >= MIN_SKELETON) {
      this.skeletons.add(this.skeletonKey.length, skeleton);
      this.skeletonKey.push(key);
    }
    if (this.sortedKeys) this.insertSorted(this.sortedKeys, key);
    return key;
  }

  private insertSorted(order: number[], key: number): void {
    order.splice(this.lowerBound(order, this.keyCompact[key]!), 0, key);
  }

  /** The first position in `order` (name keys sorted by compact key) whose key is >= `compact`. */
  private lowerBound(order: number[], compact: string): number {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keyCompact[order[mid]!]! < compact) lo = mid + 1;
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
  private prefixOrder(mask = 0): number[] {
    if (!this.sortedKeys || !this.kindOrders) {
      // Sorting the strings themselves (default order: UTF-16 units, as < compares) is several
      // times faster than sorting indices with a comparator.
      const all = [...this.keyCompact].sort().map((k) => this.keyOf.get(k)!);
      const orders: number[][] = [];
      for (const bit of Object.values(KIND_BIT)) orders[bit] = all.filter((key) => this.keyKinds.get(key) & bit);
      this.sortedKeys = all;
      this.kindOrders = orders;
    }
    return this.kindOrders[mask] ?? this.sortedKeys;
  }

  /**
   * The best `k` postings of a key among targets of the wanted kinds: higher weight first,
   * then id order, as the final ranking orders equal scores.
   */
  private topPostings(key: number, mask: number, k: number): Posting[] {
    const out: Posting[] = [];
    if (k <= 0 || !(this.keyKinds.get(key) & mask)) return out;
    const size = this.names.size(key);
    if (size > RANKED_MIN) {
      // A name many targets carry ("China" in thousands of incidents): its postings are ranked
      // once, on first use, and read from the top from then on.
      let ranked = this.ranked.get(key);
      if (!ranked || ranked.size !== size) this.ranked.set(key, (ranked = this.rankPostings(key, size)));
      for (let i = 0; i < ranked.size && out.length < k; i++) {
        const target = ranked.target[i]!;
        if (this.targetBits[target]! & mask) out.push({ target, weight: ranked.weight[i]!, text: ranked.text[i]! });
      }
      return out;
    }
    const before = (a: { target: number; weight: number }, b: { target: number; weight: number }) =>
      a.weight > b.weight || (a.weight === b.weight && this.compareTargets(a.target, b.target) < 0);
    this.names.forEach(key, (target, weight, text) => {
      if (this.targetBits[target]! & mask) pushTopK(out, { target, weight, text }, k, before);
    });
    return out;
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

  private fuzzy(compact: string, mask: number, limit: number, offer: Offer): void {
    const hits = this.trigrams.query(compact, FUZZY_CANDIDATES, (key) => (this.keyKinds.get(key) & mask) !== 0);
    if (!hits.length) return;
    const candidates = hits.map((h) => ({ index: h.entry, dice: h.dice, compact: this.keyCompact[h.entry]! }));
    // Fuse re-ranks by edit-tolerant similarity; it only ever sees the few candidates.
    const fuse = new Fuse(candidates, {
      keys: ['compact'],
      includeScore: true,
      ignoreLocation: true,
      threshold: FUSE_THRESHOLD,
      isCaseSensitive: true,
    });
    for (const result of fuse.search(compact.slice(0, 64))) {
      const similarity = 1 - (result.score ?? 1);
      const dice = result.item.dice;
      // Fuse scores a short query inside a long name well; the edit similarity of the whole
      // keys keeps "apt" from ranking like "apt28" and breaks Fuse's ties ("vlot" is "volt").
      const whole = editSimilarity(compact, result.item.compact);
      for (const p of this.topPostings(result.item.index, mask, limit)) {
        const score = p.weight * (0.45 * similarity + 0.35 * whole + 0.2 * dice) * 0.97;
        offer(p.target, score, this.texts[p.text]!, 'fuzzy');
      }
    }
  }

  private byWords(query: string, mask: number, limit: number, offer: Offer): void {
    const tokens = [...new Set(wordsOf(query))];
    if (tokens.length < 2) return; // one word is a name: the name paths handle it
    const total = this.targets.length || 1;
    if (this.wordSum.length < total) {
      this.wordSum = new Float64Array(total);
      this.wordMatched = new Uint16Array(total);
      this.wordTouched = new Int32Array(total);
    }
    const sum = this.wordSum;
    const matched = this.wordMatched;
    const touched = this.wordTouched;
    let n = 0;
    let maxSum = 0;
    for (const token of tokens) {
      const id = this.wordOf.get(token);
      const idf = Math.log(1 + total / (1 + (id === undefined ? 0 : this.wordPostings.size(id))));
      maxSum += idf;
      if (id === undefined) continue;
      // The hot loop of descriptive queries (a common word holds most incidents): typed arrays, no callback.
      const { target: targets, weight: codes, start, end, extra } = this.wordPostings.view(id);
      const values = this.wordPostings.weights.values;
      for (let i = start; i < end; i++) {
        const target = targets[i]!;
        if (matched[target] === 0) touched[n++] = target;
        sum[target] = sum[target]! + idf * values[codes[i]!]!;
        matched[target] = matched[target]! + 1;
      }
      if (extra) {
        for (let i = 0; i < extra.length; i += 3) {
          const target = extra[i]!;
          if (matched[target] === 0) touched[n++] = target;
          sum[target] = sum[target]! + idf * values[extra[i + 1]!]!;
          matched[target] = matched[target]! + 1;
        }
      }
    }
    // The best `limit` of the wanted kinds, by score and then id, as the final ranking.
    const top: Array<{ target: number; score: number }> = [];
    const byScore = (a: { target: number; score: number }, b: { target: number; score: number }) =>
      a.score > b.score || (a.score === b.score && this.compareTargets(a.target, b.target) < 0);
    const need = Math.min(2, tokens.length);
    for (let i = 0; i < n; i++) {
      const target = touched[i]!;
      const s = sum[target]!;
      const m = matched[target]!;
      sum[target] = 0;
      matched[target] = 0;
      if (!maxSum || m < need || !(this.targetBits[target]! & mask) || limit <= 0) continue;
      const coverage = m / tokens.length;
      // Capped below an exact hit on an accused group's name (0.8): words that happen to occur
      // in an incident must not outrank the incident that carries the exact name typed.
      const score = WORDS_MAX * Math.min(1, s / maxSum) * (0.5 + 0.5 * coverage);
      pushTopK(top, { target, score }, limit, byScore);
    }
    for (const { target, score } of top) offer(target, score, query, 'words');
  }

  private phonetic(query: string, mask: number, limit: number, offer: Offer): void {
    const skeleton = urduSkeleton(query);
    if (skeleton.length < MIN_SKELETON) return;
    for (const hit of this.skeletons.query(skeleton, 20, (s) => (this.keyKinds.get(this.skeletonKey[s]!) & mask) !== 0)) {
      if (hit.dice < 0.6) continue;
      for (const p of this.topPostings(this.skeletonKey[hit.entry]!, mask, limit)) {
        offer(p.target, p.weight * 0.75 * hit.dice, this.texts[p.text]!, 'phonetic');
      }
    }
  }
}

function maskOf(kinds: readonly TargetKind[]): number {
  let mask = 0;
  for (const k of kinds) mask |= KIND_BIT[k] ?? 0;
  return mask;
}
