// The labelled extraction benchmark's splits, checked without running the extractor: the blind
// held-out sets must stay unseen, so this test looks only at the fixture files and their labels.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItems, SPLITS, splitOf, type Split } from '../bench/extract-score.ts';

const CLAIM_TYPES = new Set([
  'accusation', 'confirmation', 'claim-of-responsibility', 'tacit-acknowledgement', 'denial', 'counter-accusation',
  'no-response', 'declined-to-comment', 'sanction', 'indictment', 'arrest', 'conviction', 'advisory', 'takedown',
  'diplomatic-action', 'statement',
]);

function partyIds(): Set<string> {
  const dir = path.resolve(import.meta.dirname, '../data/parties');
  const ids = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    for (const party of (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { parties: Array<{ id: string }> }).parties) ids.add(party.id);
  }
  return ids;
}

const countBySplit = (lang: 'en' | 'ur') => {
  const counts: Partial<Record<Split, number>> = {};
  loadItems(lang).forEach((item, index) => {
    const split = splitOf(index, item);
    counts[split] = (counts[split] ?? 0) + 1;
  });
  return counts;
};

describe('the extraction benchmark splits', () => {
  it('lists heldout4 among the splits the bench prints', () => {
    expect(SPLITS).toContain('heldout4');
  });

  it('counts 40 heldout4 items in each language, appended after every other split', () => {
    for (const lang of ['en', 'ur'] as const) {
      expect(countBySplit(lang).heldout4).toBe(40);
      const items = loadItems(lang);
      const first = items.findIndex((i) => i.split === 'heldout4');
      expect(items.slice(first).every((i) => i.split === 'heldout4')).toBe(true);
    }
  });

  it('leaves the earlier splits at their sizes', () => {
    expect(countBySplit('en')).toMatchObject({ heldout: 22, heldout2: 15, heldout3: 30 });
    expect(countBySplit('ur')).toMatchObject({ heldout: 15, heldout2: 15, heldout3: 30 });
  });

  it('labels heldout4 with known claim types and known parties (or names as written, or anonymous officials of a known state)', () => {
    const ids = partyIds();
    for (const lang of ['en', 'ur'] as const) {
      for (const item of loadItems(lang).filter((i) => i.split === 'heldout4')) {
        expect(item.note, item.text.slice(0, 60)).toBeTruthy();
        for (const label of item.labels) {
          expect(CLAIM_TYPES.has(label.type), label.type).toBe(true);
          for (const key of [label.by, ...label.against]) {
            if (key.startsWith('name:')) expect(key.length).toBeGreaterThan(5);
            else if (key.startsWith('anon:')) expect(ids.has(key.slice(5)), key).toBe(true);
            else expect(ids.has(key), key).toBe(true);
          }
        }
      }
    }
  });
});
