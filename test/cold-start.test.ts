// What a cold start skips must not change what it answers: the registry read lazily (a vouched
// file) gives the actors and name look-ups the schema-validated one does, the knowledge base's
// registry entities made on first use are those made eagerly, in the same order, and ids and
// dates ordered without ICU's collator are ordered as localeCompare orders them.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, readCoreConfig } from '../src/config.ts';
import { isValidTimeZone } from '../src/i18n/time.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { readRegistryFile, trustedRegistry } from '../src/registry/registry-file.ts';
import { validateRegistry } from '../src/registry/registry.ts';
import { loadCuratedDataset } from '../src/store/curated.ts';
import { compareText } from '../src/text/compare.ts';

const file = readRegistryFile();
const checked = validateRegistry(file);
const dataset = loadCuratedDataset();

describe('the registry of a vouched file, read lazily', () => {
  it('has the actors, ids and index the validated registry has', () => {
    const lazy = trustedRegistry(file);
    // Asked for one actor and one name first, then for everything: the same objects all along.
    const volt = lazy.actor('volt-typhoon')!;
    expect(lazy.resolve('Vanguard Panda')).toEqual([volt]);
    expect(lazy.actor('no-such-actor')).toBeUndefined();
    expect(lazy.ids).toEqual(checked.ids);
    expect(lazy.ids).toEqual(checked.actors.map((a) => a.id));
    expect(JSON.stringify(lazy.actors)).toBe(JSON.stringify(checked.actors));
    expect(lazy.byId.get('volt-typhoon')).toBe(volt);
    expect([...lazy.byId.keys()]).toEqual([...checked.byId.keys()]);
    expect([...lazy.ambiguous]).toEqual([...checked.ambiguous]);
    for (const actor of checked.actors) {
      for (const { name } of actor.names) expect(lazy.resolve(name).map((a) => a.id), name).toEqual(checked.resolve(name).map((a) => a.id));
    }
    expect(lazy.resolve('apt 28').map((a) => a.id)).toEqual(['apt28']);
    expect(lazy.resolve('nobody by this name')).toEqual([]);
  });
});

describe('the knowledge base makes registry entities on first use', () => {
  it('gives the same entities, in the same order, whatever is read first', () => {
    const eager = new KnowledgeBase(loadCuratedDataset(), checked);
    const all = [...eager.entities.values()];
    // The order a map filled eagerly has: curated parties, then the registry's other actors in its order.
    const curated = new Set(dataset.parties.map((p) => p.id));
    const linked = new Set(all.filter((e) => e.party && e.actor).map((e) => e.actor!.id));
    expect(all.map((e) => e.id)).toEqual([...curated, ...checked.ids.filter((id) => !curated.has(id) && !linked.has(id))]);

    const lazy = new KnowledgeBase(loadCuratedDataset(), trustedRegistry(file));
    expect(lazy.entities.size).toBe(eager.entities.size);
    // Read out of order, replaced, deleted: the rest keep their places and values.
    const last = all.at(-1)!.id;
    expect(JSON.stringify(lazy.entities.get(last))).toBe(JSON.stringify(eager.entities.get(last)));
    expect(lazy.entities.get('0apt')?.actor?.id).toBe('0apt');
    expect(lazy.entities.has('lockbit')).toBe(true);
    expect(JSON.stringify([...lazy.entities.values()])).toBe(JSON.stringify(all));
    expect([...lazy.entities.keys()]).toEqual(all.map((e) => e.id));

    const other = new KnowledgeBase(loadCuratedDataset(), trustedRegistry(file));
    const replacement = { ...eager.entities.get('0apt')!, note: { en: 'x', ur: 'x' } };
    other.entities.set('0apt', replacement);
    other.entities.delete('lockbit');
    const seen = [...other.entities];
    expect(seen.map(([id]) => id)).toEqual(all.map((e) => e.id).filter((id) => id !== 'lockbit'));
    expect(other.entities.get('0apt')).toBe(replacement);
    let walked = 0;
    other.entities.forEach((entity, id) => {
      expect(entity.id).toBe(id);
      walked++;
    });
    expect(walked).toBe(all.length - 1);
  });
});

describe('ordering without the collator', () => {
  it('orders slugs and partial dates as localeCompare does, and anything else by localeCompare', () => {
    const alphabet = 'az09-';
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const b = word();
      expect(Math.sign(compareText(a, b)), `${a} ${b}`).toBe(Math.sign(a.localeCompare(b)));
    }
    const dates = ['2023', '2023-05', '2023-05-24', '2023-05-25', '2022-12-31', '2024-01'];
    expect([...dates].sort(compareText)).toEqual([...dates].sort((a, b) => a.localeCompare(b)));
    // Not plain: left to the collator (code-unit order would put "Z" before "a").
    expect(compareText('a', 'Z')).toBe('a'.localeCompare('Z'));
    expect(Math.sign(compareText('a', 'Z'))).toBe(-1);
  });
});

describe('the default time zone', () => {
  it('is a zone, so a start without DIGEST_TZ need not check it', () => {
    expect(isValidTimeZone(DEFAULT_TIME_ZONE)).toBe(true);
    expect(readCoreConfig({}).timeZone).toBe(DEFAULT_TIME_ZONE);
    expect(() => readCoreConfig({ DIGEST_TZ: 'Mars/Olympus' })).toThrow(/is not a time zone/);
  });
});
