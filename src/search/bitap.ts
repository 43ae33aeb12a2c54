// Fuse.js's fuzzy score of a pattern against a few candidate keys, computed exactly as
// `new Fuse(candidates, { keys: [key], includeScore: true, ignoreLocation: true, threshold,
// isCaseSensitive: true }).search(pattern)` does (fuse.js 7: its Bitap search, chunks of 32 for
// longer patterns, field norm, and its result order), but with no Fuse instance, index records,
// pattern objects or per-row arrays allocated per query: the rows are two reused Int32Arrays and
// the pattern's alphabet a reused table. A search made one Fuse per query, and at 100,000
// incidents that garbage set off the young-generation collections that made the p99.
// test/bitap.test.ts checks the scores and order against fuse.js itself.

/** Bit masks of the pattern's UTF-16 units (Fuse's createPatternAlphabet); zeroed after each use. */
const alphabet = new Int32Array(65536);
let rowA = new Int32Array(128);
let rowB = new Int32Array(128);
/** Set by chunkScore: whether the chunk matched within the threshold. */
let chunkMatched = false;

/**
 * Fuse's Bitap `search` for one chunk (≤ 32 units) with ignoreLocation and no match indices.
 * The chunk's start is its `location` (Fuse passes it): the score ignores it, but where the
 * scan starts and stops does not.
 */
function chunkScore(text: string, pattern: string, start: number, end: number, threshold: number): number {
  const patternLen = end - start;
  const textLen = text.length;
  const expected = Math.max(0, Math.min(start, textLen));
  for (let i = start; i < end; i++) alphabet[pattern.charCodeAt(i)]! |= 1 << (end - i - 1);
  let currentThreshold = threshold;
  // An exact occurrence scores 0 (ignoreLocation: only the errors count).
  const chunk = start === 0 && end === pattern.length ? pattern : pattern.slice(start, end);
  if (text.indexOf(chunk, expected) > -1) currentThreshold = 0;
  let bestLocation = -1;
  let finalScore = 1;
  let binMax = patternLen + textLen;
  const mask = 1 << (patternLen - 1);
  const size = textLen + patternLen + expected + 2;
  if (rowA.length < size) {
    rowA = new Int32Array(2 * size);
    rowB = new Int32Array(2 * size);
  }
  let bitArr = rowA;
  let lastBitArr = rowB;
  for (let i = 0; i < patternLen; i++) {
    // Fuse's binary search for how far to look; with ignoreLocation the score does not depend
    // on the location, so it keeps the whole span or (past the threshold) none of it.
    let binMin = 0;
    let binMid = binMax;
    while (binMin < binMid) {
      if (i / patternLen <= currentThreshold) binMin = binMid;
      else binMax = binMid;
      binMid = Math.floor((binMax - binMin) / 2 + binMin);
    }
    binMax = binMid;
    let first = Math.max(1, expected - binMid + 1);
    const finish = Math.min(expected + binMid, textLen) + patternLen;
    // A fresh Fuse row reads 0 (undefined) wherever the scan below does not write. `finish`
    // never grows from one row to the next, so the previous row is zero past what it wrote.
    bitArr.fill(0, 0, finish + 2);
    bitArr[finish + 1] = (1 << i) - 1;
    for (let j = finish; j >= first; j--) {
      const currentLocation = j - 1;
      const charMatch = currentLocation < textLen ? alphabet[text.charCodeAt(currentLocation)]! : 0;
      let bits = ((bitArr[j + 1]! << 1) | 1) & charMatch;
      if (i) bits |= ((lastBitArr[j + 1]! | lastBitArr[j]!) << 1) | 1 | lastBitArr[j + 1]!;
      bitArr[j] = bits;
      if (bits & mask) {
        finalScore = i / patternLen;
        if (finalScore <= currentThreshold) {
          currentThreshold = finalScore;
          bestLocation = currentLocation;
          if (bestLocation <= expected) break;
          first = Math.max(1, 2 * expected - bestLocation);
        }
      }
    }
    if ((i + 1) / patternLen > currentThreshold) break;
    const swap = lastBitArr;
    lastBitArr = bitArr;
    bitArr = swap;
  }
  for (let i = start; i < end; i++) alphabet[pattern.charCodeAt(i)] = 0;
  chunkMatched = bestLocation >= 0;
  return Math.max(0.001, finalScore);
}

/** Fuse's field norm of a value: 1 / √(words), to three decimals (1 for a compact key). */
function fieldNorm(value: string): number {
  let tokens = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 9 && c <= 13) || c === 32 || c === 160)) {
      if (!inWord) tokens++;
      inWord = true;
    } else inWord = false;
  }
  if (tokens === 0) tokens = 1;
  return Math.round(1000 / Math.pow(tokens, 0.5)) / 1000;
}

/**
 * Fuse's score of `pattern` against `text` (0 best .. 1), or -1 when Fuse would not return it
 * (no match within `threshold`, or a blank text).
 */
export function fuseScore(pattern: string, text: string, threshold: number): number {
  if (!text.trim().length) return -1;
  let score: number;
  if (pattern === text) score = 0;
  else {
    const len = pattern.length;
    let total = 0;
    let matched = false;
    let chunks = 0;
    if (len > 32) {
      const remainder = len % 32;
      const end = len - remainder;
      for (let i = 0; i < end; i += 32, chunks++) {
        total += chunkScore(text, pattern, i, i + 32, threshold);
        if (chunkMatched) matched = true;
      }
      if (remainder) {
        total += chunkScore(text, pattern, len - 32, len, threshold);
        if (chunkMatched) matched = true;
        chunks++;
      }
    } else {
      total = chunkScore(text, pattern, 0, len, threshold);
      matched = chunkMatched;
      chunks = 1;
    }
    if (!matched) return -1;
    score = total / chunks;
  }
  return Math.pow(score === 0 ? Number.EPSILON : score, fieldNorm(text));
}

/**
 * The texts Fuse would return for `pattern`, best first (ties in the order given), with their
 * scores: `order[0..n)` are indices into `texts`, `scores[i]` the score of `texts[i]`.
 */
export function fuseRank(pattern: string, texts: readonly string[], threshold: number, order: Int32Array, scores: Float64Array): number {
  if (!pattern.trim()) throw new Error('fuseRank: a blank pattern matches everything in Fuse; not used here');
  let n = 0;
  for (let i = 0; i < texts.length; i++) {
    const s = fuseScore(pattern, texts[i]!, threshold);
    scores[i] = s;
    if (s < 0) continue;
    // Insertion into the sorted prefix: few candidates, and stable as Fuse's sort is.
    let at = n++;
    while (at > 0 && scores[order[at - 1]!]! > s) {
      order[at] = order[at - 1]!;
      at--;
    }
    order[at] = i;
  }
  return n;
}
