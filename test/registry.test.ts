import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_DIR, writeRegistry } from '../scripts/build-aliases.ts';
import { PartiesFile } from '../src/domain/schema.ts';
import { loadRegistry, RegistryError } from '../src/registry/registry.ts';
import { compactKey } from '../src/search/normalize.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const registry = loadRegistry();

/** The single actor a name resolves to; fails the test when it is unknown or ambiguous. */
function one(name: string) {
  const found = registry.resolve(name);
  expect(found.map((a) => a.id), name).toHaveLength(1);
  return found[0]!;
}

/** Every name of the actor finds it: alone, or among exactly the candidates listed as ambiguous. */
function expectAllNamesResolve(id: string) {
  const actor = registry.byId.get(id)!;
  expect(actor.names.length).toBeGreaterThan(3);
  for (const { name } of actor.names) {
    const ids = registry.resolve(name).map((a) => a.id);
    expect(ids, name).toContain(id);
    expect(ids, name).toEqual(registry.ambiguous.get(compactKey(name)) ?? [id]);
  }
}

describe('alias registry', () => {
  it('has at least 1,000 actors with unique ids', () => {
    expect(registry.actors.length).toBeGreaterThanOrEqual(1000);
    expect(registry.byId.size).toBe(registry.actors.length);
  });

  it('resolves every APT28 name to APT28', () => {
    const id = one('APT28').id;
    expect(id).toBe('apt28');
    for (const n of ['APT28', 'Fancy Bear', 'Sofacy', 'Strontium', 'Forest Blizzard', 'Sednit', 'Pawn Storm', 'G0007', 'apt 28']) {
      expect(one(n).id, n).toBe(id);
    }
    expectAllNamesResolve(id);
    const apt28 = registry.byId.get(id)!;
    expect(apt28).toMatchObject({ attackId: 'G0007', country: 'RU', kind: 'threat-group' });
    expect(apt28.names.find((n) => n.name === 'Forest Blizzard')?.sources).toContain('Microsoft');
  });

  it('resolves every Volt Typhoon name to Volt Typhoon', () => {
    const id = one('Volt Typhoon').id;
    expect(id).toBe('volt-typhoon');
    for (const n of ['Volt Typhoon', 'Bronze Silhouette', 'Vanguard Panda', 'DEV-0391', 'Storm-0391', 'Voltzite']) {
      expect(one(n).id, n).toBe(id);
    }
    expectAllNamesResolve(id);
    expect(registry.byId.get(id)!.names.find((n) => n.name === 'VANGUARD PANDA')?.sources).toContain('CrowdStrike');
  });

  it('returns every candidate for an ambiguous name and never merges them', () => {
    const ids = registry.resolve('Grizzly Steppe').map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['apt28', 'apt29']));
    expect(registry.ambiguous.get('grizzlysteppe')).toEqual(ids);
    expect(registry.resolve('Nobelium').map((a) => a.id)).toEqual(expect.arrayContaining(['apt29', 'unc2452']));
    expect(one('APT29').id).toBe('apt29');
  });

  it('knows ransomware groups as criminal groups', () => {
    const revil = one('REvil');
    expect(one('Sodinokibi').id).toBe(revil.id);
    expect(revil.kind).toBe('criminal-group');
    for (const n of ['DarkSide', 'Conti', 'LockBit']) expect(one(n).kind, n).toBe('criminal-group');
    expect(registry.resolve('no such group at all')).toEqual([]);
  });

  it('rejects a malformed registry file, naming the file and the record', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-registry-'));
    try {
      const file = path.join(dir, 'actors.json');
      const bad = { format: 1, actors: [{ id: 'broken-actor', name: 'Broken', kind: 'threat-group', catalogues: ['x'], refs: [], names: [] }], ambiguous: {} };
      writeFileSync(file, JSON.stringify(bad));
      expect(() => loadRegistry(file)).toThrow(RegistryError);
      expect(() => loadRegistry(file)).toThrow(/actors\.json[\s\S]*broken-actor[\s\S]*names/);
      writeFileSync(file, '{ not json');
      expect(() => loadRegistry(file)).toThrow(/actors\.json[\s\S]*not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every curated party with a registry name exactly one actor', () => {
    const dir = path.join(REPO, 'data/parties');
    const bad: string[] = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      // Parsed here rather than through the curated loader, so that a problem elsewhere in the
      // curated data does not hide this one.
      const { parties } = PartiesFile.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      for (const p of parties) {
        if (!p.registry) continue;
        const ids = registry.resolve(p.registry).map((a) => a.id);
        if (ids.length !== 1) bad.push(`${f} ${p.id}: "${p.registry}" -> [${ids.join(', ')}]`);
      }
    }
    expect(bad).toEqual([]);
  });

  // The sources live in ../shared beside the clone in CI; a user's clone may not have them.
  it.skipIf(!existsSync(DEFAULT_SOURCE_DIR))('builds the same file twice from the same sources', () => {
    const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'ilzam-aliases-')));
    try {
      const [a, b] = dirs.map((d) => {
        writeRegistry(DEFAULT_SOURCE_DIR, path.join(d, 'actors.json'));
        return readFileSync(path.join(d, 'actors.json'), 'utf8');
      });
      expect(a).toBe(b);
      // The committed file is up to date with the sources.
      expect(a).toBe(readFileSync(path.join(REPO, 'data/registry/actors.json'), 'utf8'));
    } finally {
      dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    }
  });
});
