// The data manifest (data/validated.json): a start-up skips the schemas only for exactly the
// files data:check validated, with this very validating code; a changed file, a stale or
// foreign manifest, or one that cannot be read means validating as before.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validatorSourcesFingerprint, vouchFor } from '../scripts/data-manifest.ts';
import { loadKnowledgeBase } from '../src/knowledge/load.ts';
import { openKnowledgeBase } from '../src/knowledge/open.ts';
import { readRegistryFile } from '../src/registry/registry-file.ts';
import { validateRegistry } from '../src/registry/registry.ts';
import { readCuratedFiles } from '../src/store/curated-files.ts';
import { DataValidationError, DEFAULT_DATA_DIR, validateCurated } from '../src/store/curated.ts';
import { MANIFEST_FILE, readManifest } from '../src/store/data-manifest.ts';
import { VALIDATOR_FINGERPRINT } from '../src/store/validator-fingerprint.ts';

const root = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the real data, checked and vouched for as data:check does. */
function vouchedCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-manifest-'));
  dirs.push(dir);
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  rmSync(path.join(dir, MANIFEST_FILE), { force: true });
  const files = readCuratedFiles(dir);
  const registryFile = readRegistryFile(path.join(dir, 'registry', 'actors.json'));
  expect(vouchFor(dir, files, validateCurated(files), registryFile, validateRegistry(registryFile))).toEqual({ written: true });
  return dir;
}

// indexDir: the registry's name index is kept beside the search snapshot; here, in the copy.
const paths = (dir: string) => ({ dataDir: dir, registryFile: path.join(dir, 'registry', 'actors.json'), indexDir: path.join(dir, '.cache') });

describe('the data manifest', () => {
  it('VALIDATOR_FINGERPRINT is the fingerprint of the validating code as it is', () => {
    // Stale? Put in src/store/validator-fingerprint.ts what `node --import tsx scripts/data-manifest.ts` prints.
    expect(VALIDATOR_FINGERPRINT).toBe(validatorSourcesFingerprint(root));
  });

  it('trusted, the knowledge base holds the very records the schemas return', async () => {
    const dir = vouchedCopy();
    const opened = await openKnowledgeBase(paths(dir));
    expect(opened.validated).toEqual({ curated: false, registry: false });
    const checked = loadKnowledgeBase(paths(dir));
    // Same values in the same key order (the CLI's --json spreads records).
    expect(JSON.stringify(opened.kb.dataset)).toBe(JSON.stringify(checked.dataset));
    expect(JSON.stringify(opened.kb.registry.actors)).toBe(JSON.stringify(checked.registry.actors));
    expect([...opened.kb.entities.keys()]).toEqual([...checked.entities.keys()]);
  });

  it('a file changed after data:check is validated, and a broken one rejected with its file and field', async () => {
    const dir = vouchedCopy();
    const file = path.join(dir, 'incidents', 'volt-typhoon.json');
    const incident = JSON.parse(readFileSync(file, 'utf8'));
    incident.firstAttributed = 'last spring';
    writeFileSync(file, JSON.stringify(incident, null, 2));
    expect(readManifest(dir)).toBeDefined(); // the manifest is still there, and now stale
    const err = await openKnowledgeBase(paths(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as Error).message).toMatch(/volt-typhoon\.json, record "volt-typhoon", field firstAttributed: expected YYYY/);
  });

  it('a valid change of bytes, a tampered registry: each part validated, not trusted', async () => {
    const dir = vouchedCopy();
    const file = path.join(dir, 'incidents', 'volt-typhoon.json');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`); // same records, other bytes
    expect((await openKnowledgeBase(paths(dir))).validated).toEqual({ curated: true, registry: false });

    const registry = path.join(dir, 'registry', 'actors.json');
    const raw = JSON.parse(readFileSync(registry, 'utf8'));
    raw.actors[0].kind = 'nation';
    writeFileSync(registry, JSON.stringify(raw));
    await expect(openKnowledgeBase(paths(dir))).rejects.toThrow(/alias registry .*field actors\.0\.kind/s);
  });

  it('a manifest from other validating code, or unreadable, is not trusted', async () => {
    const dir = vouchedCopy();
    const manifestFile = path.join(dir, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, validator: 'an older schema' }));
    expect((await openKnowledgeBase(paths(dir))).validated).toEqual({ curated: true, registry: true });
    writeFileSync(manifestFile, '{"format": 1, "validator"');
    expect((await openKnowledgeBase(paths(dir))).validated).toEqual({ curated: true, registry: true });
  });

  it('the CLI on tampered data with the old manifest says what is wrong and exits 3', () => {
    const dir = vouchedCopy();
    const file = path.join(dir, 'incidents', 'volt-typhoon.json');
    const incident = JSON.parse(readFileSync(file, 'utf8'));
    delete incident.summary.ur;
    writeFileSync(file, JSON.stringify(incident, null, 2));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'incident', 'volt', 'typhoon'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ILZAM_DATA_DIR: dir, DATABASE_URL: '', ILZAM_STATE_DIR: dir },
      timeout: 60_000,
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/The data failed validation:\n.*volt-typhoon\.json, record "volt-typhoon", field summary\.ur/);
  });
});
