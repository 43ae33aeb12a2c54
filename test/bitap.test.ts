// src/search/bitap.ts stands in for a fuse.js instance per query: it must return what Fuse
// returns, score for score and in the same order, or the search's answers would change.
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { fuseRank } from '../src/search/bitap.ts';

const THRESHOLD = 0.45;

function viaFuse(pattern: string, texts: string[]): Array<{ i: number; score: number }> {
  const fuse = new Fuse(
    texts.map((compact) => ({ compact })),
    { keys: ['compact'], includeScore: true, ignoreLocation: true, threshold: THRESHOLD, isCaseSensitive: true },
  );
  return fuse.search(pattern).map((r) => ({ i: r.refIndex, score: r.score! }));
}

function viaPort(pattern: string, texts: string[]): Array<{ i: number; score: number }> {
  const order = new Int32Array(texts.length);
  const scores = new Float64Array(texts.length);
  const n = fuseRank(pattern, texts, THRESHOLD, order, scores);
  return [...order.subarray(0, n)].map((i) => ({ i, score: scores[i]! }));
}

/** A deterministic generator (no Math.random: a failure must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LETTERS = 'abcdeilnorstuvy0123سولرونڈزچین';

function word(next: () => number, min: number, max: number): string {
  const n = min + Math.floor(next() * (max - min + 1));
  let out = '';
  for (let i = 0; i < n; i++) out += LETTERS[Math.floor(next() * LETTERS.length)];
  return out;
}

/** A variant of `text` with a few typos: what a user types for a name. */
function typo(next: () => number, text: string): string {
  const chars = [...text];
  const edits = Math.floor(next() * 3);
  for (let e = 0; e < edits && chars.length > 1; e++) {
    const at = Math.floor(next() * chars.length);
    const kind = next();
    if (kind < 0.33) chars.splice(at, 1);
    else if (kind < 0.66) chars[at] = LETTERS[Math.floor(next() * LETTERS.length)]!;
    else chars.splice(at, 0, LETTERS[Math.floor(next() * LETTERS.length)]!);
  }
  return chars.join('');
}

describe('fuseRank is fuse.js, without an instance per query', () => {
  it('gives the scores and the order fuse.js gives, for names, typos, long titles and long patterns', () => {
    const next = rng(20240524);
    let compared = 0;
    let matched = 0;
    for (let round = 0; round < 400; round++) {
      // Like trigram candidates: variants of a few names, some inside longer titles.
      const bases = Array.from({ length: 3 }, () => word(next, 3, 14));
      const texts = Array.from({ length: 20 + Math.floor(next() * 40) }, () => {
        const near = typo(next, bases[Math.floor(next() * bases.length)]!);
        const r = next();
        return r < 0.5 ? near : r < 0.8 ? word(next, 0, 20) + near + word(next, 0, 40) : word(next, 2, 14);
      });
      // A pattern near one of the texts (sometimes a prefix, sometimes longer than 32 or 64).
      const source = texts[Math.floor(next() * texts.length)]!;
      const r = next();
      const pattern = r < 0.2 ? source : r < 0.4 ? source.slice(0, 3 + Math.floor(next() * 6)) : r < 0.5 ? word(next, 33, 64) : typo(next, source);
      if (!pattern.trim()) continue;
      const expected = viaFuse(pattern, texts);
      expect(viaPort(pattern, texts), `pattern ${JSON.stringify(pattern)}`).toEqual(expected);
      compared++;
      matched += expected.length;
    }
    // The comparison means something only if Fuse returned plenty.
    expect(compared).toBeGreaterThan(350);
    expect(matched).toBeGreaterThan(1500);
  });

  it('matches fuse.js on texts with spaces (field norm) and on equal texts', () => {
    const texts = ['volt typhoon', 'volttyphoon', 'volt', 'apt 28 fancy bear', 'apt28', 'apt28', ''];
    for (const pattern of ['volttyphoon', 'vlot', 'apt28', 'apt 28', 'typhon']) expect(viaPort(pattern, texts), pattern).toEqual(viaFuse(pattern, texts));
  });
});
