// Lines from a pipe, with a limit on their length. readline keeps a line in memory until its
// end comes, however long it is: a 100 MB line took 3.8 GB and the process. Here no more than
// maxBytes of a line are ever held; a longer line is dropped as it streams past and reported
// once its end comes, by its length. Lines end as readline's do: \n, \r\n or a lone \r.
const LF = 0x0a;
const CR = 0x0d;

export type InputLine = { text: string } | { tooLong: number };

export class LineSplitter {
  #parts: Buffer[] = [];
  #size = 0; // bytes of the current line so far, kept or not
  #afterCR = false; // the last line ended with \r: a \n right after it belongs to it

  constructor(readonly maxBytes: number) {}

  /** Bytes of the current line held in memory: never more than maxBytes. */
  get held(): number {
    return this.#parts.reduce((n, p) => n + p.length, 0);
  }

  /** The lines a chunk completes. */
  push(chunk: Buffer): InputLine[] {
    const lines: InputLine[] = [];
    let i = 0;
    if (this.#afterCR && chunk.length && chunk[0] === LF) i = 1;
    this.#afterCR = false;
    while (i < chunk.length) {
      const lf = chunk.indexOf(LF, i);
      const cr = chunk.indexOf(CR, i);
      const eol = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      const stop = eol === -1 ? chunk.length : eol;
      if (stop > i) {
        // Kept only while the line is within the limit (a copy: the chunk itself is not held); past it, only counted.
        if (this.#size + (stop - i) <= this.maxBytes) this.#parts.push(Buffer.from(chunk.subarray(i, stop)));
        else this.#parts = [];
        this.#size += stop - i;
      }
      if (eol === -1) break;
      lines.push(this.#end());
      i = eol + 1;
      if (chunk[eol] === CR) {
        if (i === chunk.length) this.#afterCR = true;
        else if (chunk[i] === LF) i++;
      }
    }
    return lines;
  }

  /** The last line, if the input ended without a line end. */
  end(): InputLine[] {
    return this.#size > 0 ? [this.#end()] : [];
  }

  #end(): InputLine {
    const line: InputLine = this.#size > this.maxBytes ? { tooLong: this.#size } : { text: Buffer.concat(this.#parts).toString('utf8') };
    this.#parts = [];
    this.#size = 0;
    return line;
  }
}

export async function* readLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<InputLine> {
  const splitter = new LineSplitter(maxBytes);
  for await (const chunk of input) yield* splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  yield* splitter.end();
}
