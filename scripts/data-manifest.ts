// The fingerprint of the code that validates data/ (schemas, loaders, the stored form a
// trusted start-up rebuilds records in): src/store/validator-fingerprint.ts holds it as a
// constant, since the production build has no sources to hash; test/data-manifest.test.ts
// fails when that constant is stale, and data:check writes no manifest then.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/domain/paths.ts';
import { storedActors, type AliasRegistry, type RegistryFile } from '../src/registry/registry-file.ts';
import { trustedDataset, type CuratedDataset, type CuratedFiles } from '../src/store/curated-files.ts';
import { MANIFEST_FILE, writeManifest } from '../src/store/data-manifest.ts';
import { VALIDATOR_FINGERPRINT } from '../src/store/validator-fingerprint.ts';

export const VALIDATOR_SOURCES = [
  'src/domain/schema.ts',
  'src/domain/stored-form.ts',
  'src/store/curated.ts',
  'src/store/curated-files.ts',
  'src/registry/registry.ts',
  'src/registry/registry-file.ts',
];

export function validatorSourcesFingerprint(root = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  for (const file of VALIDATOR_SOURCES) hash.update(`\0${file}\0`).update(readFileSync(path.join(root, file)));
  return hash.digest('hex').slice(0, 32);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(validatorSourcesFingerprint());

/**
 * Writes the manifest for files that have just passed every check, when a trusted start-up
 * would rebuild from them exactly the records the schemas returned; removes a stale one
 * otherwise (and says why).
 */
export function vouchFor(dataDir: string, files: CuratedFiles, data: CuratedDataset, registryFile: RegistryFile, registry: AliasRegistry): { written: boolean; why?: string } {
  const why =
    validatorSourcesFingerprint() !== VALIDATOR_FINGERPRINT
      ? 'VALIDATOR_FINGERPRINT in src/store/validator-fingerprint.ts is stale: put there what `node --import tsx scripts/data-manifest.ts` prints'
      : JSON.stringify(trustedDataset(files)) !== JSON.stringify(data)
        ? 'src/domain/stored-form.ts does not rebuild the records the schemas return: update it with the schema'
        : JSON.stringify(storedActors(registryFile.raw)) !== JSON.stringify(registry.actors)
          ? 'the registry stored form (src/registry/registry-file.ts) does not rebuild the actors the schema returns'
          : undefined;
  if (why) {
    rmSync(path.join(dataDir, MANIFEST_FILE), { force: true });
    return { written: false, why };
  }
  writeManifest(dataDir, { curated: files.hash, registry: registryFile.hash });
  return { written: true };
}
