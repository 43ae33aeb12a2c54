// A read-only table of strings stored as one string and the offsets of its parts: what a loaded
// index snapshot keeps instead of an array of hundreds of thousands of small strings (each an
// object with a header, and a GC root to trace). Reading entry i slices the big string, which
// V8 does without copying for all but the shortest parts.

/** Read access shared by a plain string[] (a built index) and a StringTable (a loaded one). */
export interface Strings {
  readonly length: number;
  at(i: number): string | undefined;
}

export class StringTable implements Strings {
  /** `offsets[i]..offsets[i + 1]` (UTF-16 units) is entry i of `text`. */
  constructor(
    private readonly text: string,
    private readonly offsets: Int32Array,
  ) {
    if (offsets.length < 1 || offsets[offsets.length - 1] !== text.length) throw new Error('string table: offsets do not match the text');
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  at(i: number): string | undefined {
    if (i < 0 || i >= this.offsets.length - 1) return undefined;
    return this.text.slice(this.offsets[i]!, this.offsets[i + 1]!);
  }

  /** Packs a list of strings: the joined text and its offsets. */
  static pack(strings: Strings): { text: string; offsets: Int32Array } {
    const offsets = new Int32Array(strings.length + 1);
    const parts: string[] = [];
    let at = 0;
    for (let i = 0; i < strings.length; i++) {
      const s = strings.at(i) ?? '';
      parts.push(s);
      at += s.length;
      offsets[i + 1] = at;
    }
    return { text: parts.join(''), offsets };
  }
}
