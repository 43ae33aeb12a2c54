// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). Fuse's Bitap
// scores "vlot" against "volt" and "salt" alike; counting a swap as one edit breaks such ties
// the way a typist would expect. Only ever run on the few candidates Fuse returns.
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // Three rows of one reused buffer, no Math.min: this runs on every candidate Fuse returns,
  // and a pasted title makes both strings long.
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  let prev2 = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j <= b.length; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    rows[cur] = i;
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = rows[prev + j - 1]! + (ai === bj ? 0 : 1);
      const del = rows[prev + j]! + 1;
      if (del < d) d = del;
      const ins = rows[cur + j - 1]! + 1;
      if (ins < d) d = ins;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
        const swap = rows[prev2 + j - 2]! + 1;
        if (swap < d) d = swap;
      }
      rows[cur + j] = d;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return rows[prev + b.length]!;
}

let rows = new Int32Array(3 * 64);

/** 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest ? 1 - osaDistance(a, b) / longest : 1;
}
