// Ordering ids and dates without ICU. String.prototype.localeCompare builds ICU's collator on
// its first call (~25 ms of a cold CLI answer); for strings made only of a-z, 0-9 and "-"
// (every slug id and every YYYY[-MM[-DD]] date the schemas allow) the collator's order is the
// plain code-unit order, so those are compared with < and anything else as before.

const PLAIN = /^[a-z0-9-]*$/;

/** The order localeCompare gives, without loading the collator for plain ids and dates. */
export function compareText(a: string, b: string): number {
  if (PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
