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
import Fuse from 'fuse.js';
import { compactKey, isArabicScript, normalizeText } from './normalize.ts';
import { latinSkeleton, MIN_SKELETON, urduSkeleton } from './phonetic.ts';
import { editSimilarity } from './edit-distance.ts';
import { TrigramIndex } from './trigram.ts';

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

interface NameEntry {
  target: number;
  text: string;
  compact: string;
  weight: number;
}

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

export class SearchEngine {
  private readonly targets: Array<{ kind: TargetKind; id: string; label: string }> = [];
  private readonly entries: NameEntry[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly trigrams = new TrigramIndex();
  private readonly skeletons = new TrigramIndex();
  private readonly skeletonEntry: number[] = [];
  private readonly words = new Map<string, Map<number, number>>();
  private sortedKeys: number[] | undefined;

  constructor(docs: Iterable<SearchDoc> = []) {
    for (const doc of docs) this.add(doc);
  }

  get targetCount(): number {
    return this.targets.length;
  }

  add(doc: SearchDoc): void {
    const target = this.targets.length;
    this.targets.push({ kind: doc.kind, id: doc.id, label: doc.names[0]?.text ?? doc.id });
    const seen = new Set<string>();
    for (const { text, weight } of [{ text: doc.id, weight: 1 }, ...doc.names]) {
      const compact = compactKey(text);
      if (!compact || seen.has(compact)) continue;
      seen.add(compact);
      const entry = this.entries.length;
      this.entries.push({ target, text, compact, weight });
      const list = this.exact.get(compact);
      if (list) list.push(entry);
      else this.exact.set(compact, [entry]);
      this.trigrams.add(entry, compact);
      const skeleton = isArabicScript(text) ? '' : latinSkeleton(text);
      if (skeleton.length >= MIN_SKELETON) {
        this.skeletons.add(this.skeletonEntry.length, skeleton);
        this.skeletonEntry.push(entry);
      }
    }
    for (const { text, weight } of [...doc.names, ...(doc.words ?? [])]) {
      for (const w of wordsOf(text)) {
        let posting = this.words.get(w);
        if (!posting) this.words.set(w, (posting = new Map()));
        if ((posting.get(target) ?? 0) < weight) posting.set(target, weight);
      }
    }
    this.sortedKeys = undefined;
  }

  /** Builds the lazily derived structures now, so the first query pays nothing. */
  seal(): void {
    this.trigrams.seal();
    this.skeletons.seal();
    this.prefixOrder();
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const limit = opts.limit ?? 10;
    const kinds = opts.kinds ?? ['incident', 'entity'];
    const wanted = (target: number) => kinds.includes(this.targets[target]!.kind);
    const compact = compactKey(query);
    if (!compact) return [];
    const best = new Map<number, SearchHit>();
    const offer = (target: number, score: number, matched: string, how: SearchHit['how']) => {
      if (!wanted(target)) return;
      const current = best.get(target);
      if (!current || current.score < score) {
        const t = this.targets[target]!;
        best.set(target, { kind: t.kind, id: t.id, score, matched, how });
      }
    };

    for (const e of this.exact.get(compact) ?? []) {
      const entry = this.entries[e]!;
      offer(entry.target, entry.weight, entry.text, 'exact');
    }
    this.fuzzy(compact, offer, wanted);
    this.byWords(query, offer);
    if (isArabicScript(query)) this.phonetic(query, offer, wanted);

    return [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
  }

  /**
   * Autocomplete: names that start with what was typed first (shortest first), then fuzzy
   * matches. Returns at most `limit` distinct targets.
   */
  suggest(query: string, opts: SearchOptions = {}): SearchHit[] {
    const limit = opts.limit ?? 25;
    const kinds = opts.kinds ?? ['incident', 'entity'];
    const compact = compactKey(query);
    const out = new Map<number, SearchHit>();
    if (compact) {
      const order = this.prefixOrder();
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.entries[order[mid]!]!.compact < compact) lo = mid + 1;
        else hi = mid;
      }
      const found: NameEntry[] = [];
      for (let i = lo; i < order.length && found.length < limit * 8; i++) {
        const entry = this.entries[order[i]!]!;
        if (!entry.compact.startsWith(compact)) break;
        if (kinds.includes(this.targets[entry.target]!.kind)) found.push(entry);
      }
      found.sort((a, b) => b.weight - a.weight || a.compact.length - b.compact.length);
      for (const entry of found) {
        if (out.size >= limit) break;
        if (out.has(entry.target)) continue;
        const t = this.targets[entry.target]!;
        const score = entry.weight * (compact.length / entry.compact.length);
        out.set(entry.target, { kind: t.kind, id: t.id, score, matched: entry.text, how: 'prefix' });
      }
    }
    if (out.size < limit) {
      for (const hit of this.search(query, { kinds, limit })) {
        const target = this.targetIndex(hit);
        if (out.size >= limit) break;
        if (target !== undefined && !out.has(target)) out.set(target, hit);
      }
    }
    return [...out.values()];
  }

  private targetIndexCache?: Map<string, number>;
  private targetIndex(hit: { kind: TargetKind; id: string }): number | undefined {
    if (!this.targetIndexCache || this.targetIndexCache.size !== this.targets.length) {
      this.targetIndexCache = new Map(this.targets.map((t, i) => [`${t.kind}:${t.id}`, i]));
    }
    return this.targetIndexCache.get(`${hit.kind}:${hit.id}`);
  }

  private prefixOrder(): number[] {
    if (!this.sortedKeys) {
      this.sortedKeys = this.entries.map((_, i) => i).sort((a, b) => {
        const x = this.entries[a]!.compact;
        const y = this.entries[b]!.compact;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    return this.sortedKeys;
  }

  private fuzzy(
    compact: string,
    offer: (target: number, score: number, matched: string, how: SearchHit['how']) => void,
    wanted: (target: number) => boolean,
  ): void {
    const hits = this.trigrams.query(compact, FUZZY_CANDIDATES, (e) => wanted(this.entries[e]!.target));
    if (!hits.length) return;
    const candidates = hits.map((h) => ({ index: h.entry, dice: h.dice, compact: this.entries[h.entry]!.compact }));
    // Fuse re-ranks by edit-tolerant similarity; it only ever sees the few candidates.
    const fuse = new Fuse(candidates, {
      keys: ['compact'],
      includeScore: true,
      ignoreLocation: true,
      threshold: FUSE_THRESHOLD,
      isCaseSensitive: true,
    });
    for (const result of fuse.search(compact.slice(0, 64))) {
      const entry = this.entries[result.item.index]!;
      const similarity = 1 - (result.score ?? 1);
      const dice = result.item.dice;
      // Fuse scores a short query inside a long name well; the edit similarity of the whole
      // keys keeps "apt" from ranking like "apt28" and breaks Fuse's ties ("vlot" is "volt").
      const whole = editSimilarity(compact, entry.compact);
      const score = entry.weight * (0.45 * similarity + 0.35 * whole + 0.2 * dice) * 0.97;
      offer(entry.target, score, entry.text, 'fuzzy');
    }
  }

  private byWords(query: string, offer: (target: number, score: number, matched: string, how: SearchHit['how']) => void): void {
    const tokens = [...new Set(wordsOf(query))];
    if (tokens.length < 2) return; // one word is a name: the name paths handle it
    const total = this.targets.length || 1;
    const scores = new Map<number, { sum: number; matched: number }>();
    let maxSum = 0;
    for (const token of tokens) {
      const posting = this.words.get(token);
      const idf = Math.log(1 + total / (1 + (posting?.size ?? 0)));
      maxSum += idf;
      if (!posting) continue;
      for (const [target, weight] of posting) {
        const s = scores.get(target) ?? { sum: 0, matched: 0 };
        s.sum += idf * weight;
        s.matched += 1;
        scores.set(target, s);
      }
    }
    if (!maxSum) return;
    for (const [target, s] of scores) {
      if (s.matched < Math.min(2, tokens.length)) continue;
      const coverage = s.matched / tokens.length;
      const score = 0.9 * Math.min(1, s.sum / maxSum) * (0.5 + 0.5 * coverage);
      offer(target, score, query, 'words');
    }
  }

  private phonetic(
    query: string,
    offer: (target: number, score: number, matched: string, how: SearchHit['how']) => void,
    wanted: (target: number) => boolean,
  ): void {
    const skeleton = urduSkeleton(query);
    if (skeleton.length < MIN_SKELETON) return;
    for (const hit of this.skeletons.query(skeleton, 20, (s) => wanted(this.entries[this.skeletonEntry[s]!]!.target))) {
      if (hit.dice < 0.6) continue;
      const entry = this.entries[this.skeletonEntry[hit.entry]!]!;
      offer(entry.target, entry.weight * 0.75 * hit.dice, entry.text, 'phonetic');
    }
  }
}
