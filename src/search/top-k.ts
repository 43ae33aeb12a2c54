// Keeping the best k of a stream without sorting it all: the search paths see thousands of
// matches for a common name ("China") but only pass on their best few.

/**
 * Inserts `item` into `list` (kept sorted, best first, at most `k` long) if it ranks among
 * the best k. `ranksBefore(a, b)` is true when a should come before b.
 */
export function pushTopK<T>(list: T[], item: T, k: number, ranksBefore: (a: T, b: T) => boolean): void {
  if (k <= 0) return;
  if (list.length >= k && !ranksBefore(item, list[k - 1]!)) return;
  let i = list.length;
  while (i > 0 && ranksBefore(item, list[i - 1]!)) i--;
  list.splice(i, 0, item);
  if (list.length > k) list.pop();
}
