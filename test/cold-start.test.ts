// What a cold start skips must not change what it answers: the registry read lazily (a vouched
// file) gives the actors and name look-ups the schema-validated one does, the knowledge base's
// registry entities made on first use are those made eagerly, in the same order, and ids and
// dates ordered without ICU's collator are ordered as localeCompare orders them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, readCoreConfig } from '../src/config.ts';
import { isValidTimeZone } from '../src/i18n/time.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge.ts';
import { NAME_INDEX_CODE, registryNamesFile, registryNamesStore } from '../src/knowledge/registry-names.ts';
import { buildNameIndex, readRegistryFile, trustedRegistry, type NameIndex } from '../src/registry/registry-file.ts';
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

describe('the registry name index kept between starts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-names-'));
    dirs.push(dir);
    return dir;
  };
  const ids = (registry: ReturnType<typeof trustedRegistry>, name: string) => registry.resolve(name).map((a) => a.id);

  it('is written on first use and read on the next, resolving as the validated registry does', () => {
    const file = path.join(tempDir(), 'registry-names.json');
    const first = trustedRegistry(readRegistryFile(), registryNamesStore(file, readRegistryFile().hash));
    expect(ids(first, 'Fancy Bear')).toEqual(['apt28']);
    const kept = JSON.parse(readFileSync(file, 'utf8').split('\n')[1]!) as NameIndex;
    expect(kept).toEqual(buildNameIndex((readRegistryFile().raw as { actors: Array<Record<string, unknown>> }).actors));
    // Read back: a store that can only load (a save would mean it was made again).
    const store = registryNamesStore(file, readRegistryFile().hash);
    let saved = 0;
    const second = trustedRegistry(readRegistryFile(), { load: store.load, save: () => saved++ });
    for (const name of ['Fancy Bear', 'apt 28', 'Vanguard Panda', ...checked.ambiguous.keys()].slice(0, 40)) expect(ids(second, name), name).toEqual(checked.resolve(name).map((a) => a.id));
    expect(saved).toBe(0);
  });

  it('is never used for other registry bytes or other code, nor when it is not a well-formed index', () => {
    const dir = tempDir();
    const file = path.join(dir, 'registry-names.json');
    const real = readRegistryFile();
    trustedRegistry(real, registryNamesStore(file, real.hash)).resolve('x');
    // The registry changed: an actor renamed. Its key differs, so the kept index is not read.
    const raw = JSON.parse(JSON.stringify(real.raw)) as { actors: Array<{ id: string; names: Array<{ name: string; sources: string[] }> }> };
    raw.actors.find((a) => a.id === 'volt-typhoon')!.names.push({ name: 'Quiet Kettle', sources: ['test'] });
    const changedFile = path.join(dir, 'actors.json');
    writeFileSync(changedFile, JSON.stringify(raw));
    const changed = readRegistryFile(changedFile);
    expect(ids(trustedRegistry(changed, registryNamesStore(file, changed.hash)), 'quiet kettle')).toEqual(['volt-typhoon']);
    // Other code behind the keys: the index written for this registry by other code is not read either.
    const otherCode = registryNamesStore(file, changed.hash, { ...NAME_INDEX_CODE, names: 'other' });
    expect(otherCode.load()).toBeUndefined();
    // Altered (with its checksum or without), truncated or garbage: made again from the registry, answering right.
    const [headerLine, body] = readFileSync(file, 'utf8').split('\n') as [string, string];
    const header = JSON.parse(headerLine) as { key: string; crc: number };
    const kept = JSON.parse(body) as NameIndex;
    const sealed = (index: NameIndex) => `${JSON.stringify({ key: header.key, crc: crc32(JSON.stringify(index)) })}\n${JSON.stringify(index)}`;
    const tampered: Array<[string, string]> = [
      ['keys out of order, the checksum not updated', `${headerLine}\n${JSON.stringify({ ...kept, keys: [...kept.keys].reverse() })}`],
      ['a byte changed', `${headerLine}\n${body.replace('apt28', 'apt29')}`],
      ['a position past the actors, checksum updated', sealed({ ...kept, positions: kept.positions.map(() => 1e9) })],
      ['starts that do not fit, checksum updated', sealed({ ...kept, starts: kept.starts.slice(1) })],
      ['truncated', `${headerLine}\n${body.slice(0, 1000)}`],
      ['no header', body],
      ['not JSON', 'garbage'],
    ];
    for (const [why, text] of tampered) {
      writeFileSync(file, text);
      expect(ids(trustedRegistry(changed, registryNamesStore(file, changed.hash)), 'quiet kettle'), why).toEqual(['volt-typhoon']);
      expect(ids(trustedRegistry(changed, registryNamesStore(file, changed.hash)), 'Fancy Bear'), why).toEqual(['apt28']);
    }
  });

  it('lives beside the data set\'s search snapshot', () => {
    const file = registryNamesFile({ indexDir: '/somewhere' });
    expect(path.dirname(file)).toBe('/somewhere');
    expect(path.basename(file)).toMatch(/^registry-names-[0-9a-f]{16}\.json$/);
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
