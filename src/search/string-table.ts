// A read-only table of strings kept as the encoded bytes of a loaded index snapshot and the
// offsets of its parts: entry i is decoded when it is read. An array of hundreds of thousands of
// small strings costs an object header each and is a GC root to trace; even one joined string
// doubles the memory (the file's bytes stay in memory as the other tables' backing store, and a
// string with a single Urdu letter is stored two bytes per character). A query reads a few
// hundred entries at most (binary searches, candidates, hits), each decoded natively.

/** Read access shared by a plain string[] (a built index) and a StringTable (a loaded one). */
export interface Strings {
  readonly length: number;
  at(i: number): string | undefined;
}

export type StringEncoding = 'utf8' | 'utf16le';

export class StringTable implements Strings {
  private readonly buf: Buffer;

  /** `offsets[i]..offsets[i + 1]` (bytes) is entry i of `bytes`, in `encoding`. */
  constructor(
    bytes: Uint8Array,
    private readonly offsets: Int32Array,
    private readonly encoding: StringEncoding,
  ) {
    if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== bytes.length) throw new Error('string table: offsets do not match the bytes');
    for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) throw new Error('string table: offsets out of order');
    if (encoding === 'utf16le') for (const o of offsets) if (o & 1) throw new Error('string table: odd UTF-16 offset');
    // A Buffer over the same memory (no copy), for its native decoders.
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.offsets.length - 1)) return undefined;
    return this.buf.toString(this.encoding, this.offsets[i]!, this.offsets[i + 1]!);
  }

  /**
   * Packs a list of strings: their bytes, one after another, and the byte offsets. UTF-8 when
   * every string is well formed (smaller); UTF-16 keeps lone surrogates exactly.
   */
  static pack(strings: Strings): { bytes: Uint8Array; offsets: Int32Array; encoding: StringEncoding } {
    const all: string[] = [];
    for (let i = 0; i < strings.length; i++) all.push(strings.at(i) ?? '');
    const encoding: StringEncoding = all.every((s) => (s as string & { isWellFormed(): boolean }).isWellFormed()) ? 'utf8' : 'utf16le'; // Node 20+
    const offsets = new Int32Array(all.length + 1);
    let at = 0;
    for (let i = 0; i < all.length; i++) {
      at += Buffer.byteLength(all[i]!, encoding);
      offsets[i + 1] = at;
    }
    const bytes = Buffer.from(all.join(''), encoding);
    if (bytes.length !== at) throw new Error('string table: encoded length differs from the sum of its parts');
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), offsets, encoding };
  }
}
