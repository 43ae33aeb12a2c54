// data/validated.json: which bytes data:check has validated, so that a start-up can skip the
// schemas (about a third of a cold CLI answer here, seconds at 100,000 incidents). It names
// the hash of the curated files, the hash of the alias registry, and the fingerprint of the
// validating code. A start-up trusts a part only when all three match what it reads and runs;
// anything else (no manifest, a changed or added file, other validating code, a manifest that
// cannot be read) validates as before. The manifest is a shortcut, never a source of truth:
// a mismatch costs time, not correctness.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VALIDATOR_FINGERPRINT } from './validator-fingerprint.ts';

export const MANIFEST_FILE = 'validated.json';

export interface DataManifest {
  format: 1;
  /** VALIDATOR_FINGERPRINT of the code that validated (scripts/data-manifest.ts computes it). */
  validator: string;
  /** CuratedFiles.hash of the validated curated files. */
  curated: string;
  /** RegistryFile.hash of the validated alias registry. */
  registry: string;
}

export function readManifest(dataDir: string): DataManifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dataDir, MANIFEST_FILE), 'utf8')) as Partial<DataManifest>;
    if (m.format !== 1 || typeof m.validator !== 'string' || typeof m.curated !== 'string' || typeof m.registry !== 'string') return undefined;
    return m as DataManifest;
  } catch {
    return undefined;
  }
}

/** Which parts the manifest vouches for: each only when the validating code is this code's. */
export function trusted(manifest: DataManifest | undefined, hashes: { curated: string; registry: string }): { curated: boolean; registry: boolean } {
  const same = manifest?.validator === VALIDATOR_FINGERPRINT;
  return { curated: same && manifest.curated === hashes.curated, registry: same && manifest!.registry === hashes.registry };
}

export function writeManifest(dataDir: string, hashes: { curated: string; registry: string }): void {
  const manifest: DataManifest = { format: 1, validator: VALIDATOR_FINGERPRINT, ...hashes };
  writeFileSync(path.join(dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
