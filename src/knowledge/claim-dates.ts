// The claims of the columns (./incident-table.ts) grouped by date, so that the weekly digest
// (src/summary/week.ts) finds the claims of seven calendar days, and the newest claim on or
// before a day, without making a record for every incident: at 100,000 incidents a pass over
// every claim costs 0.6-1.0 s of CPU once records are made on access.
//
// It holds claim numbers (positions in the table's claim columns, which run in row order),
// 4 bytes a claim, grouped by distinct date string; the dates themselves are the few thousand
// distinct strings the table already holds.

/** How the weekly digest orders dates (`a.localeCompare(b)`), as a reusable collator: the same comparison, cheaper per call. */
export const compareDates = new Intl.Collator().compare;

export class ClaimDateIndex {
  /** The distinct dates, in compareDates order. */
  readonly #dates: string[];
  /** Claims dated #dates[d]: #claims[#at[d] .. #at[d + 1]), in ascending claim number. */
  readonly #at: Int32Array;
  readonly #claims: Int32Array;

  private constructor(dates: string[], at: Int32Array, claims: Int32Array) {
    this.#dates = dates;
    this.#at = at;
    this.#claims = claims;
  }

  /** Groups claims 0 .. count-1 by `dateOf(claim)`. */
  static build(count: number, dateOf: (claim: number) => string): ClaimDateIndex {
    const idOf = new Map<string, number>();
    const ids = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const date = dateOf(k);
      let id = idOf.get(date);
      if (id === undefined) idOf.set(date, (id = idOf.size));
      ids[k] = id;
    }
    const distinct = [...idOf.keys()];
    const order = Int32Array.from(distinct.keys()).sort((a, b) => compareDates(distinct[a]!, distinct[b]!));
    const rank = new Int32Array(distinct.length);
    order.forEach((id, r) => (rank[id] = r));
    // A counting sort by rank; claims are visited in ascending number, so each group stays ascending.
    const at = new Int32Array(distinct.length + 1);
    for (let k = 0; k < count; k++) at[rank[ids[k]!]! + 1]!++;
    for (let r = 0; r < distinct.length; r++) at[r + 1]! += at[r]!;
    const next = at.slice(0, distinct.length);
    const claims = new Int32Array(count);
    for (let k = 0; k < count; k++) claims[next[rank[ids[k]!]!]!++] = k;
    return new ClaimDateIndex(Array.from(order, (id) => distinct[id]!), at, claims);
  }

  /** The claims whose date passes `wanted`, in ascending claim number. */
  select(wanted: (date: string) => boolean): Int32Array {
    const groups: Int32Array[] = [];
    let total = 0;
    this.#dates.forEach((date, d) => {
      if (!wanted(date)) return;
      groups.push(this.#claims.subarray(this.#at[d]!, this.#at[d + 1]!));
      total += this.#at[d + 1]! - this.#at[d]!;
    });
    const out = new Int32Array(total);
    let at = 0;
    for (const group of groups) {
      out.set(group, at);
      at += group.length;
    }
    return groups.length > 1 ? out.sort() : out;
  }

  /** Each date with its claims (ascending claim number), newest first by compareDates. */
  *newestFirst(): IterableIterator<{ date: string; claims: Int32Array }> {
    for (let d = this.#dates.length - 1; d >= 0; d--) yield { date: this.#dates[d]!, claims: this.#claims.subarray(this.#at[d]!, this.#at[d + 1]!) };
  }

  /** Bytes of the typed arrays (the date strings are the table's own). */
  get bytes(): number {
    return this.#at.byteLength + this.#claims.byteLength + this.#dates.length * 8;
  }
}
