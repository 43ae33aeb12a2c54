// The alias registry's name index kept between starts, next to the search index snapshot
// (src/search/index-file.ts): making it is a compactKey for each of the registry's thousands
// of names, a large part of a cold CLI answer. The file holds the index and the key it was
// made for: a hash of the registry's bytes (as read and hashed at start anyway), of the code
// that makes the index (VALIDATOR_FINGERPRINT covers src/registry/registry-file.ts) and of the
// code behind compactKey (SEARCH_DOCS_FINGERPRINT covers src/search/normalize.ts and the
// script tables). Another key, a file whose checksum does not match, or one that cannot be
// read or parsed or is not a well-formed index (src/registry/registry-file.ts checks its
// shape and bounds) is never used: the index is made again and the file rewritten. Written to a temporary name and renamed, so a reader never sees half.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { buildNameIndex, type NameIndex, type NameIndexStore, type RegistryFile } from '../registry/registry-file.ts';
import { searchIndexFile } from '../search/index-file.ts';
import { VALIDATOR_FINGERPRINT } from '../store/validator-fingerprint.ts';
import { SEARCH_DOCS_FINGERPRINT } from './search-index-key.ts';

const FORMAT = 'ilzam-registry-names-1';

/** The versions of the code the index depends on; the tests pass others to see a change of code change the key. */
export const NAME_INDEX_CODE = { validator: VALIDATOR_FINGERPRINT, names: SEARCH_DOCS_FINGERPRINT };

export function registryNamesKey(registryHash: string, code: typeof NAME_INDEX_CODE = NAME_INDEX_CODE): string {
  return createHash('sha256').update([FORMAT, code.validator, code.names, registryHash].join('\u0000')).digest('hex');
}

/** The file beside the data set's search snapshot (same folder, same name stem). */
export function registryNamesFile(paths: { dataDir?: string; registryFile?: string; indexDir?: string } = {}): string {
  const snapshot = searchIndexFile(paths);
  return path.join(path.dirname(snapshot), path.basename(snapshot).replace(/^search-/, 'registry-names-').replace(/\.idx$/, '.json'));
}

/** A store of the index in `file`, for the registry whose bytes hash to `registryHash`. */
export function registryNamesStore(file: string, registryHash: string, code: typeof NAME_INDEX_CODE = NAME_INDEX_CODE): NameIndexStore {
  const key = registryNamesKey(registryHash, code);
  return {
    // A header line (the key, and a CRC-32 of the rest), then the index as JSON: a file cut
    // short or altered after it was written is refused without walking the index's keys.
    load() {
      try {
        const text = readFileSync(file, 'utf8');
        const end = text.indexOf('\n');
        const header = JSON.parse(text.slice(0, end)) as { key?: unknown; crc?: unknown };
        const body = text.slice(end + 1);
        if (end < 0 || header.key !== key || header.crc !== crc32(body)) return undefined;
        return JSON.parse(body) as unknown;
      } catch {
        return undefined;
      }
    },
    save(index: NameIndex) {
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const body = JSON.stringify(index);
        writeFileSync(temp, `${JSON.stringify({ key, crc: crc32(body) })}\n${body}`);
        renameSync(temp, file);
      } catch {
        // A read-only disk, or a folder that cannot exist (a file in its path): the index is
        // made again at the next start, nothing worse. The clean-up may fail the same way.
        try {
          rmSync(temp, { force: true });
        } catch {
          // nothing was written
        }
      }
    },
  };
}

/** Makes and keeps the index of a registry file that passed the schema (data:check), so the first start need not. */
export function keepRegistryNames(registryFile: RegistryFile, paths: { dataDir?: string; registryFile?: string; indexDir?: string } = {}): string {
  const file = registryNamesFile(paths);
  registryNamesStore(file, registryFile.hash).save(buildNameIndex((registryFile.raw as { actors?: Array<Record<string, unknown>> }).actors ?? []));
  return file;
}
