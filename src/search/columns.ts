// Compact storage for the search index. At 100,000 incidents the index holds millions of
// (list, target, weight) postings; as JS objects or Maps they cost hundreds of megabytes and
// seconds of garbage collection, as typed-array columns a few bytes each.

/** A growable Int32Array. */
export class IntColumn {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  /** Sets index `i`, growing (with zeros) as needed. */
  set(i: number, value: number): void {
    while (i >= this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = value;
    if (i >= this.length) this.length = i + 1;
  }

  get(i: number): number {
    return i < this.length ? this.data[i]! : 0;
  }

  /** A column over `data` as it is (a view into a loaded snapshot): no copy. */
  static of(data: Int32Array): IntColumn {
    const column = new IntColumn(1);
    column.data = data;
    column.length = data.length;
    return column;
  }

  /** The used part, for a snapshot. */
  used(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * A map from non-negative 31-bit integers to non-negative integers (open addressing in typed
 * arrays): several times faster than a Map for the millions of trigram look-ups of a build.
 */
export class IntMap {
  private keys: Int32Array = new Int32Array(1 << 12).fill(-1);
  private values: Int32Array = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  private shift = 32 - 12;
  size = 0;

  get(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** The value for `key`, or `next` after storing it as the value. */
  getOrSet(key: number, next: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === -1) break;
      i = (i + 1) & this.mask;
    }
    this.keys[i] = key;
    this.values[i] = next;
    if (++this.size * 2 > this.mask) this.grow();
    return next;
  }

  /** Its table as it is in memory, for a snapshot; fromParts reads it back without rehashing. */
  toParts(): { keys: Int32Array; values: Int32Array; size: number } {
    return { keys: this.keys, values: this.values, size: this.size };
  }

  static fromParts(parts: { keys: Int32Array; values: Int32Array; size: number }): IntMap {
    const n = parts.keys.length;
    if (n < 2 || (n & (n - 1)) !== 0 || parts.values.length !== n || parts.size * 2 > n) throw new Error('int map: bad table');
    const map = new IntMap();
    map.keys = parts.keys;
    map.values = parts.values;
    map.mask = n - 1;
    map.shift = 32 - Math.log2(n);
    map.size = parts.size;
    return map;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    this.shift--;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      if (key === -1) continue;
      let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.keys[i] !== -1) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.values[i] = values[j]!;
    }
  }
}

/** Weights are few distinct numbers (1, 0.95, 0.8 ...): postings store a 16-bit code. */
export class WeightTable {
  private readonly codes = new Map<number, number>();
  readonly values: number[] = [];
  private lastWeight = NaN;
  private lastCode = 0;

  code(weight: number): number {
    if (weight === this.lastWeight) return this.lastCode;
    let c = this.codes.get(weight);
    if (c === undefined) {
      if (this.values.length >= 0xffff) throw new Error('more than 65,535 distinct search weights');
      c = this.values.length;
      this.values.push(weight);
      this.codes.set(weight, c);
    }
    this.lastWeight = weight;
    this.lastCode = c;
    return c;
  }
}

/**
 * Weight codes, one per posting: a byte each while there are at most 256 distinct weights (as
 * there are: 1, 0.95, 0.8 ...), which saves ~8 MB of the loaded index at 100,000 incidents.
 */
export type WeightCodes = Uint8Array | Uint16Array;

/** Sealed posting lists as arrays: list l's postings are [start[l], start[l + 1]). */
export interface PackedPostings {
  start: Int32Array;
  target: Int32Array;
  weight: WeightCodes;
  payload: Int32Array;
  /** Weight code -> weight. */
  values: Float64Array;
}

/** A posting list's packed part, [start, end) of `target`, and what was added after sealing. */
export interface PostingView {
  target: Int32Array;
  /** Weight codes, parallel to `target` (empty without weights); see `weights.values`. */
  weight: WeightCodes;
  start: number;
  end: number;
  /** Added after seal(): [target, weightCode, payload, ...] (stride 3). */
  extra: number[] | undefined;
}

/**
 * Posting lists: for each list (a name key, a word, a trigram) the targets it holds, each with
 * an optional weight and an optional 32-bit payload, in the order they were added. Appended
 * freely while building; seal() packs them list by list into one array (CSR) with a counting
 * sort, so building allocates no per-list arrays; later additions (an incident added at run
 * time) go to a small overflow and are walked after the packed part.
 */
export class PostingLists {
  readonly weights = new WeightTable();
  private readonly withWeight: boolean;
  private readonly withPayload: boolean;
  // Building: one row per posting.
  private bList = new IntColumn();
  private bTarget = new IntColumn();
  private bWeight = new IntColumn();
  private bPayload = new IntColumn();
  // Sealed: list l's postings are [start[l], start[l + 1]).
  private start: Int32Array = new Int32Array(1);
  private target: Int32Array = new Int32Array(0);
  private weight: WeightCodes = new Uint8Array(0);
  private payload: Int32Array = new Int32Array(0);
  private sealedLists = 0;
  private sealed = false;
  // After sealing: list -> [target, weightCode, payload, target, ...].
  private readonly overflow = new Map<number, number[]>();
  private readonly counts = new IntColumn();
  /** Read from a snapshot: sizes come from the offsets, and nothing may be added. */
  private loaded = false;

  constructor(opts: { weight?: boolean; payload?: boolean } = {}) {
    this.withWeight = opts.weight ?? true;
    this.withPayload = opts.payload ?? false;
  }

  add(list: number, target: number, weight = 1, payload = 0): void {
    if (this.loaded) throw new Error('posting lists loaded from a snapshot are read-only');
    const w = this.withWeight ? this.weights.code(weight) : 0;
    this.counts.set(list, this.counts.get(list) + 1);
    if (!this.sealed) {
      this.bList.push(list);
      this.bTarget.push(target);
      if (this.withWeight) this.bWeight.push(w);
      if (this.withPayload) this.bPayload.push(payload);
      return;
    }
    let extra = this.overflow.get(list);
    if (!extra) this.overflow.set(list, (extra = []));
    extra.push(target, w, payload);
  }

  /** How many postings list `list` has. */
  size(list: number): number {
    if (this.loaded) return list < this.sealedLists ? this.start[list + 1]! - this.start[list]! : 0;
    return this.counts.get(list);
  }

  /** The packed lists, for a snapshot (sealed, nothing added since). */
  toParts(): PackedPostings {
    this.seal();
    if (this.overflow.size) throw new Error('posting lists: postings added after sealing are not in a snapshot');
    return { start: this.start, target: this.target, weight: this.weight, payload: this.payload, values: Float64Array.from(this.weights.values) };
  }

  /** Read-only lists over packed arrays (views into a loaded snapshot). */
  static fromParts(parts: PackedPostings, opts: { weight?: boolean; payload?: boolean } = {}): PostingLists {
    const lists = new PostingLists(opts);
    const n = parts.target.length;
    const count = parts.start.length - 1;
    if (count < 1 || parts.start[0] !== 0 || parts.start[count] !== n) throw new Error('posting lists: bad offsets');
    for (let l = 0; l < count; l++) if (parts.start[l]! > parts.start[l + 1]!) throw new Error('posting lists: bad offsets');
    if (lists.withWeight && parts.weight.length !== n) throw new Error('posting lists: bad weights');
    if (lists.withPayload && parts.payload.length !== n) throw new Error('posting lists: bad payloads');
    for (const w of parts.values) lists.weights.code(w);
    if (lists.withWeight) for (let i = 0; i < n; i++) if (parts.weight[i]! >= parts.values.length) throw new Error('posting lists: bad weight code');
    lists.start = parts.start;
    lists.target = parts.target;
    lists.weight = parts.weight;
    lists.payload = parts.payload;
    lists.sealedLists = count;
    lists.bList = lists.bTarget = lists.bWeight = lists.bPayload = new IntColumn(1);
    lists.sealed = true;
    lists.loaded = true;
    return lists;
  }

  seal(): void {
    if (this.sealed) return;
    const n = this.bList.length;
    const lists = Math.max(this.counts.length, 1);
    const start = new Int32Array(lists + 1);
    const lst = this.bList.data;
    for (let i = 0; i < n; i++) start[lst[i]! + 1]!++;
    for (let l = 0; l < lists; l++) start[l + 1]! += start[l]!;
    const fill = start.slice(0, lists);
    const target = new Int32Array(n);
    const weight = !this.withWeight ? new Uint8Array(0) : this.weights.values.length <= 256 ? new Uint8Array(n) : new Uint16Array(n);
    const payload = this.withPayload ? new Int32Array(n) : new Int32Array(0);
    const bt = this.bTarget.data;
    const bw = this.bWeight.data;
    const bp = this.bPayload.data;
    for (let i = 0; i < n; i++) {
      const at = fill[lst[i]!]!++;
      target[at] = bt[i]!;
      if (this.withWeight) weight[at] = bw[i]!;
      if (this.withPayload) payload[at] = bp[i]!;
    }
    this.start = start;
    this.target = target;
    this.weight = weight;
    this.payload = payload;
    this.sealedLists = lists;
    this.bList = this.bTarget = this.bWeight = this.bPayload = new IntColumn(1);
    this.sealed = true;
  }

  /** Direct access for hot loops (the trigram walk). */
  view(list: number): PostingView {
    this.seal();
    const packed = list < this.sealedLists;
    return { target: this.target, weight: this.weight, start: packed ? this.start[list]! : 0, end: packed ? this.start[list + 1]! : 0, extra: this.overflow.get(list) };
  }

  /**
   * Calls `visit(target, weight, payload)` for each posting of `list` in the order added;
   * stops early when `visit` returns true.
   */
  forEach(list: number, visit: (target: number, weight: number, payload: number) => boolean | void): void {
    this.seal();
    const values = this.weights.values;
    const withWeight = this.withWeight;
    if (list < this.sealedLists) {
      const end = this.start[list + 1]!;
      for (let i = this.start[list]!; i < end; i++) {
        if (visit(this.target[i]!, withWeight ? values[this.weight[i]!]! : 1, this.withPayload ? this.payload[i]! : 0)) return;
      }
    }
    const extra = this.overflow.get(list);
    if (extra) for (let i = 0; i < extra.length; i += 3) if (visit(extra[i]!, withWeight ? values[extra[i + 1]!]! : 1, extra[i + 2]!)) return;
  }
}
