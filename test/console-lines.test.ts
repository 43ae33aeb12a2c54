// The console's line reader: lines end as readline's do, and a line over the limit is reported
// by its length without ever being held whole.
import { describe, expect, it } from 'vitest';
import { LineSplitter, readLines, type InputLine } from '../src/adapters/console/lines.ts';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer | string> {
  for (const part of parts) yield part;
}

async function all(input: AsyncIterable<Buffer | string>, max: number): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const line of readLines(input, max)) out.push(line);
  return out;
}

describe('readLines', () => {
  it('splits on \\n, \\r\\n and a lone \\r, across chunk boundaries, and keeps a last line without an end', async () => {
    expect(await all(chunks('a\nb\r', '\nc\rd', 'e\r\n\nf'), 100)).toEqual([{ text: 'a' }, { text: 'b' }, { text: 'c' }, { text: 'de' }, { text: '' }, { text: 'f' }]);
  });

  it('decodes UTF-8 split between chunks', async () => {
    const urdu = Buffer.from('وولٹ\n');
    expect(await all(chunks(urdu.subarray(0, 3), urdu.subarray(3)), 100)).toEqual([{ text: 'وولٹ' }]);
  });

  it('reports an over-long line by its length, holding no more than the limit of it, and goes on', async () => {
    const limit = 1000;
    const splitter = new LineSplitter(limit);
    const lines: InputLine[] = [...splitter.push(Buffer.from('short\nstart of a long line '))];
    let held = 0;
    for (let i = 0; i < 1024; i++) {
      lines.push(...splitter.push(Buffer.alloc(1024, 0x61))); // a megabyte on one line
      held = Math.max(held, splitter.held);
    }
    lines.push(...splitter.push(Buffer.from('\nnext\n')), ...splitter.end());
    expect(lines).toEqual([{ text: 'short' }, { tooLong: 1024 * 1024 + 'start of a long line '.length }, { text: 'next' }]);
    expect(held).toBeLessThanOrEqual(limit);
    expect(await all(chunks('x'.repeat(1001)), limit)).toEqual([{ tooLong: 1001 }]);
    expect(await all(chunks('x'.repeat(1000)), limit)).toEqual([{ text: 'x'.repeat(1000) }]);
  });
});
