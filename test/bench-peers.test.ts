// The peer comparison and the extra bench figures at a tiny size: every engine builds and
// answers, accuracy is scored from real answers, the report has the figures. No timings are
// asserted (the machine is shared); the budget only bounds how long the test can take.
import { describe, expect, it } from 'vitest';
import { interleaved, measurePeers } from '../bench/peers.ts';
import { PEERS, selectPeers } from '../bench/peers/index.ts';
import { extrasText } from '../bench/peers-report.ts';
import { measureStateWrites } from '../bench/state-write.ts';

describe('peer selection', () => {
  it('always keeps ilzam as the same-run baseline and rejects unknown names', () => {
    expect(selectPeers(['minisearch', 'fuse']).map((p) => p.name)).toEqual(['ilzam', 'minisearch', 'fuse.js']);
    expect(selectPeers(undefined)).toHaveLength(PEERS.length);
    expect(() => selectPeers(['lunr'])).toThrow(/unknown peer/);
  });
  it('interleaves queries by class so that any prefix keeps the mix', () => {
    const items = [...'aaaabbc'].map((cls, i) => ({ cls, i }));
    expect(interleaved(items, (x) => x.cls).map((x) => x.cls).join('')).toBe('abcabaa');
  });
});

describe('every peer at 200 incidents', () => {
  it('builds, answers the incident and autocomplete queries, and is scored on its answers', async () => {
    const result = await measurePeers({ size: 200, budgetS: 2, passes: 1 });
    expect(result.peers.map((p) => p.name)).toEqual(PEERS.map((p) => p.name));
    for (const p of result.peers) {
      expect(p.error, p.name).toBeUndefined();
      expect(p.search.answered, p.name).toBeGreaterThan(0);
      expect(p.suggest.answered, p.name).toBeGreaterThan(0);
      expect(p.accuracy.all.n, p.name).toBeGreaterThan(0);
      if (p.name !== 'ilzam') expect(p.version, p.name).toMatch(/^\d+\.\d+\.\d+/);
    }
    // Exact names are the easy class: every indexing peer finds most of them, so a broken
    // adapter (ids mixed up, the wrong kind searched) shows up here.
    for (const name of ['ilzam', 'minisearch', 'flexsearch', 'fuzzysort']) {
      const exact = result.peers.find((p) => p.name === name)!.accuracy.exact!;
      expect(exact.top1 / exact.n, name).toBeGreaterThan(0.8);
    }
    const text = extrasText({ peers: [result] });
    for (const p of PEERS) expect(text).toContain(p.name);
  }, 240_000);
});

describe('state write cost', () => {
  it('times adding a subscription and recording a post on a filled file store', async () => {
    const result = await measureStateWrites({ sizes: [50], samples: 2, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ backend: 'file', subscriptions: 50 });
    expect(result.rows[0]!.addSubscription.n).toBe(2);
    expect(result.rows[0]!.recordPost.n).toBe(2);
    expect(result.postgresSkipped).toMatch(/not reachable/);
    expect(extrasText({ stateWrites: result })).toContain('file');
  }, 60_000);
});
