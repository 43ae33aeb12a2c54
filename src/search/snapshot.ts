// The search index persisted: one file holding a sealed base segment (segment.ts) as typed
// arrays and string tables, read back as views into the file's bytes, with no per-entry
// object rebuilt. At 100,000 incidents that replaces a build of tens of seconds.
//
// Layout (little-endian):
//   0  "ILZAMIDX"                      magic
//   8  u32 format version
//  12  u32 header length (bytes)
//  16  u32 CRC-32 of the header
//  20  u32 CRC-32 of the blobs
//  24  header: JSON {engine, inputs, blobBytes, scalars, arrays: [{name, type, at, length}]}
//      then zero padding to a multiple of 8
//   …  blobs, each at a multiple of 8 from the blobs' start
//
// A file is used only when its magic, format and engine version (ENGINE_VERSION) match, it is
// for these inputs, its length is what the header says, both checksums match and the arrays
// fit the segment's invariants; anything else is reported, and the caller rebuilds. "For these
// inputs": its key matches the caller's (a hash of the data files' bytes and of the code that
// turns them into documents, src/knowledge/search-index-key.ts: known before any document is
// made), or else its hash of every search document, in order, matches theirs (the caller that
// has no key, or whose key is new: a start after a change of bytes that changes no document). Files are written to a temporary name and renamed into place, so
// a reader never sees half a file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { PackedPostings } from './columns.ts';
import { ENGINE_VERSION, SearchEngine, type SearchDoc } from './engine.ts';
import type { SegmentParts } from './segment.ts';
import { StringTable, type Strings } from './string-table.ts';
import type { TrigramParts } from './trigram.ts';

const MAGIC = Buffer.from('ILZAMIDX', 'latin1');
/**
 * 2: string tables hold byte offsets (they are decoded entry by entry, not as one string);
 * 3: weight codes are bytes where the weights are few.
 */
export const SNAPSHOT_FORMAT = 3;
const PREAMBLE = 24;

type ArrayType = 'i32' | 'u16' | 'u8' | 'i16' | 'f64';
type Typed = Int32Array | Uint16Array | Uint8Array | Int16Array | Float64Array;
const CTOR = { i32: Int32Array, u16: Uint16Array, u8: Uint8Array, i16: Int16Array, f64: Float64Array } as const;

interface BlobEntry {
  name: string;
  type: ArrayType;
  /** Byte offset from the start of the blobs. */
  at: number;
  /** Elements. */
  length: number;
}

interface Header {
  engine: string;
  /** hashDocs of the documents it was built from. */
  inputs: string;
  /** The caller's key for those documents' sources, when it had one. */
  key?: string;
  blobBytes: number;
  scalars: Record<string, number | boolean | string>;
  arrays: BlobEntry[];
}

const NO_SNAPSHOT = 'no snapshot yet';

/** Why a snapshot was not used. */
export class SnapshotRejected extends Error {}

/**
 * The hash a snapshot is keyed by: the engine version and every search document, in order.
 * Weights are written in full (a changed weight is a changed index).
 */
export function hashDocs(docs: Iterable<SearchDoc>): string {
  const hash = createHash('sha256');
  hash.update(`${ENGINE_VERSION}\u0000${SNAPSHOT_FORMAT}\u0000`);
  // One update per ~64 KB: a native call per document would cost more than the hashing.
  let chunk = '';
  const field = (text: string) => (chunk += `${text.length}:${text}`);
  for (const doc of docs) {
    field(doc.kind);
    field(doc.id);
    chunk += `n${doc.names.length}`;
    for (const n of doc.names) {
      field(n.text);
      chunk += `${n.weight};`;
    }
    const words = doc.words ?? [];
    chunk += `w${words.length}`;
    for (const w of words) {
      field(w.text);
      chunk += `${w.weight};`;
    }
    if (chunk.length > 65536) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(chunk);
  return hash.digest('hex');
}

// ---- segment parts <-> named arrays ----

function flatten(parts: SegmentParts): { arrays: Array<[string, Typed]>; scalars: Header['scalars'] } {
  const arrays: Array<[string, Typed]> = [];
  const scalars: Header['scalars'] = { plainIds: parts.plainIds };
  const strings = (name: string, table: Strings) => {
    const { bytes, offsets, encoding } = StringTable.pack(table);
    scalars[`${name}.encoding`] = encoding;
    arrays.push([`${name}.text`, bytes], [`${name}.offsets`, offsets]);
  };
  const postings = (name: string, p: PackedPostings) => {
    arrays.push([`${name}.start`, p.start], [`${name}.target`, p.target], [`${name}.weight`, p.weight], [`${name}.payload`, p.payload], [`${name}.values`, p.values]);
  };
  const trigram = (name: string, t: TrigramParts) => {
    scalars[`${name}.letters`] = t.letters;
    scalars[`${name}.gramSize`] = t.gramSize;
    arrays.push([`${name}.alphabet`, t.alphabet], [`${name}.gramKeys`, t.gramKeys], [`${name}.gramValues`, t.gramValues], [`${name}.gramCounts`, t.gramCounts]);
    postings(`${name}.lists`, t.lists);
    postings(`${name}.longLists`, t.longLists);
  };
  arrays.push(['targetBits', parts.targetBits], ['idRank', parts.idRank], ['keyKinds', parts.keyKinds], ['sortedKeys', parts.sortedKeys]);
  arrays.push(['kindOrder1', parts.kindOrder1], ['kindOrder2', parts.kindOrder2], ['skeletonKey', parts.skeletonKey], ['wordIds', parts.wordIds]);
  strings('targetIds', parts.targetIds);
  strings('keyCompact', parts.keyCompact);
  strings('texts', parts.texts);
  strings('words', parts.words);
  postings('names', parts.names);
  postings('wordPostings', parts.wordPostings);
  trigram('trigrams', parts.trigrams);
  trigram('skeletons', parts.skeletons);
  return { arrays, scalars };
}

function unflatten(arrays: Map<string, Typed>, scalars: Header['scalars']): SegmentParts {
  function get<T extends Typed>(name: string, ctor: { new (...args: never[]): T }): T {
    const a = arrays.get(name);
    if (!(a instanceof ctor)) throw new SnapshotRejected(`array ${name} is missing or of the wrong type`);
    return a;
  }
  const num = (name: string) => {
    const v = scalars[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new SnapshotRejected(`value ${name} is missing`);
    return v;
  };
  const strings = (name: string): StringTable => {
    const encoding = scalars[`${name}.encoding`];
    if (encoding !== 'utf8' && encoding !== 'utf16le') throw new SnapshotRejected(`strings ${name}: unknown encoding`);
    try {
      // Decoded entry by entry as read: the bytes stay where the file put them.
      return new StringTable(get(`${name}.text`, Uint8Array), get(`${name}.offsets`, Int32Array), encoding);
    } catch (err) {
      throw new SnapshotRejected(`strings ${name}: ${(err as Error).message}`);
    }
  };
  const weightCodes = (name: string) => {
    const a = arrays.get(name);
    if (a instanceof Uint8Array || a instanceof Uint16Array) return a;
    throw new SnapshotRejected(`array ${name} is missing or of the wrong type`);
  };
  const postings = (name: string): PackedPostings => ({
    start: get(`${name}.start`, Int32Array),
    target: get(`${name}.target`, Int32Array),
    weight: weightCodes(`${name}.weight`),
    payload: get(`${name}.payload`, Int32Array),
    values: get(`${name}.values`, Float64Array),
  });
  const trigram = (name: string): TrigramParts => ({
    alphabet: get(`${name}.alphabet`, Int16Array),
    letters: num(`${name}.letters`),
    gramKeys: get(`${name}.gramKeys`, Int32Array),
    gramValues: get(`${name}.gramValues`, Int32Array),
    gramSize: num(`${name}.gramSize`),
    lists: postings(`${name}.lists`),
    longLists: postings(`${name}.longLists`),
    gramCounts: get(`${name}.gramCounts`, Int32Array),
  });
  if (typeof scalars.plainIds !== 'boolean') throw new SnapshotRejected('value plainIds is missing');
  return {
    plainIds: scalars.plainIds,
    targetBits: get('targetBits', Uint8Array),
    targetIds: strings('targetIds'),
    idRank: get('idRank', Int32Array),
    keyCompact: strings('keyCompact'),
    keyKinds: get('keyKinds', Int32Array),
    sortedKeys: get('sortedKeys', Int32Array),
    kindOrder1: get('kindOrder1', Int32Array),
    kindOrder2: get('kindOrder2', Int32Array),
    names: postings('names'),
    texts: strings('texts'),
    trigrams: trigram('trigrams'),
    skeletons: trigram('skeletons'),
    skeletonKey: get('skeletonKey', Int32Array),
    words: strings('words'),
    wordIds: get('wordIds', Int32Array),
    wordPostings: postings('wordPostings'),
  };
}

// ---- the file ----

const align8 = (n: number) => (n + 7) & ~7;

/** Writes the engine's base (sealed; the delta is not included) to `file`, atomically. */
export function writeSnapshot(engine: SearchEngine, file: string, inputs: string, key?: string): void {
  const { arrays, scalars } = flatten(engine.toParts());
  const entries: BlobEntry[] = [];
  let at = 0;
  for (const [name, a] of arrays) {
    const type = (Object.keys(CTOR) as ArrayType[]).find((t) => a instanceof CTOR[t])!;
    entries.push({ name, type, at, length: a.length });
    at = align8(at + a.byteLength);
  }
  const header: Header = { engine: ENGINE_VERSION, inputs, ...(key ? { key } : {}), blobBytes: at, scalars, arrays: entries };
  const { out, blobsStart } = withHeader(header);
  arrays.forEach(([, a], i) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), blobsStart + entries[i]!.at));
  out.writeUInt32LE(crc32(out.subarray(blobsStart)), 20);
  writeAtomically(file, out);
}

/** A file's bytes with its preamble and header written, the blobs (and their checksum) still to fill in. */
function withHeader(header: Header): { out: Buffer; blobsStart: number } {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const blobsStart = align8(PREAMBLE + headerBytes.length);
  const out = Buffer.alloc(blobsStart + header.blobBytes);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(SNAPSHOT_FORMAT, 8);
  out.writeUInt32LE(headerBytes.length, 12);
  out.writeUInt32LE(crc32(headerBytes), 16);
  headerBytes.copy(out, PREAMBLE);
  return { out, blobsStart };
}

/** Written to a temporary name and renamed into place: a reader never sees half a file. */
function writeAtomically(file: string, out: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, out);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Reads a snapshot written for exactly these inputs; throws SnapshotRejected saying why not. */
export function readSnapshot(file: string, inputs: string): SearchEngine {
  return readMatching(file, { inputs: () => inputs }).engine;
}

/** What a snapshot must be for: the key, when the caller has one, else the documents' hash (computed only if needed). */
interface Wanted {
  key?: string;
  inputs: () => string;
}

interface Matched {
  engine: SearchEngine;
  by: 'key' | 'documents';
  /** Writes the same snapshot under another key (a loaded index cannot be written again: its blobs are copied). */
  rekey(file: string, key: string): void;
}

function readMatching(file: string, wanted: Wanted): Matched {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new SnapshotRejected((err as NodeJS.ErrnoException).code === 'ENOENT' ? NO_SNAPSHOT : `cannot read it: ${(err as Error).message}`);
  }
  if (buf.length < PREAMBLE || !buf.subarray(0, 8).equals(MAGIC)) throw new SnapshotRejected('not a search index snapshot');
  const format = buf.readUInt32LE(8);
  if (format !== SNAPSHOT_FORMAT) throw new SnapshotRejected(`format ${format}, this build reads ${SNAPSHOT_FORMAT}`);
  const headerLength = buf.readUInt32LE(12);
  if (PREAMBLE + headerLength > buf.length) throw new SnapshotRejected('truncated (header)');
  const headerBytes = buf.subarray(PREAMBLE, PREAMBLE + headerLength);
  if (crc32(headerBytes) !== buf.readUInt32LE(16)) throw new SnapshotRejected('header checksum mismatch');
  let header: Header;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as Header;
  } catch {
    throw new SnapshotRejected('header is not JSON');
  }
  if (header.engine !== ENGINE_VERSION) throw new SnapshotRejected(`written by engine ${header.engine}, this is ${ENGINE_VERSION}`);
  const by = wanted.key !== undefined && header.key === wanted.key ? 'key' : 'documents';
  if (by === 'documents' && header.inputs !== wanted.inputs()) throw new SnapshotRejected('the search documents changed since it was written');
  const blobsStart = align8(PREAMBLE + headerLength);
  if (buf.length !== blobsStart + header.blobBytes) throw new SnapshotRejected(`${buf.length} bytes, expected ${blobsStart + header.blobBytes} (truncated or padded)`);
  if (crc32(buf.subarray(blobsStart)) !== buf.readUInt32LE(20)) throw new SnapshotRejected('data checksum mismatch');
  // Views need the blobs aligned in memory; a large file read is its own buffer, but be sure.
  if ((buf.byteOffset + blobsStart) % 8 !== 0) buf = Buffer.from(Uint8Array.prototype.slice.call(buf));
  const arrays = new Map<string, Typed>();
  for (const e of header.arrays) {
    const ctor = CTOR[e.type];
    if (!ctor || !Number.isInteger(e.at) || !Number.isInteger(e.length) || e.at < 0 || e.length < 0 || e.at % 8 !== 0) throw new SnapshotRejected(`array ${e.name}: bad entry`);
    if (e.at + e.length * ctor.BYTES_PER_ELEMENT > header.blobBytes) throw new SnapshotRejected(`array ${e.name}: out of bounds`);
    arrays.set(e.name, new ctor(buf.buffer as ArrayBuffer, buf.byteOffset + blobsStart + e.at, e.length));
  }
  const blobs = buf.subarray(blobsStart);
  const rekey = (to: string, key: string) => {
    const rewritten = withHeader({ ...header, key });
    blobs.copy(rewritten.out, rewritten.blobsStart);
    rewritten.out.writeUInt32LE(buf.readUInt32LE(20), 20);
    writeAtomically(to, rewritten.out);
  };
  try {
    return { engine: SearchEngine.fromParts(unflatten(arrays, header.scalars)), by, rekey };
  } catch (err) {
    if (err instanceof SnapshotRejected) throw err;
    throw new SnapshotRejected(`inconsistent: ${(err as Error).message}`);
  }
}

export interface OpenedIndex {
  engine: SearchEngine;
  /** Whether it was read from the snapshot or built (and then written). */
  from: 'snapshot' | 'built';
  /** Read: whether the key vouched for it, or the documents' hash (then the key was written in). */
  by?: 'key' | 'documents';
  /** Why the snapshot was not used (when built). */
  reason?: string;
  /** hashDocs of the documents, when they were hashed (not when the key vouched for the snapshot). */
  inputs?: string;
}

/**
 * The engine over `docs`: read from `file` when the snapshot there is for exactly these
 * documents and this engine, else built, sealed and written to `file` for the next start. A
 * snapshot that cannot be written (a read-only disk) is reported and the built engine used all
 * the same.
 *
 * `key` (src/knowledge/search-index-key.ts) names the documents by their sources: a snapshot
 * written under the same key is read without making a single document. Without a key, or when
 * the snapshot's key differs, `docs` is called to hash them (and again to build if needed); a
 * snapshot whose documents are the same is then read all the same, and rewritten under the new
 * key so the next start need not hash.
 */
export function openSearchIndex(file: string, docs: () => Iterable<SearchDoc>, log: (message: string) => void = () => {}, key?: string): OpenedIndex {
  let inputs: string | undefined;
  const hashed = () => (inputs ??= hashDocs(docs()));
  let reason: string;
  try {
    const { engine, by, rekey } = readMatching(file, { key, inputs: hashed });
    if (by === 'documents' && key !== undefined) {
      try {
        rekey(file, key);
      } catch (err) {
        log(`could not write the search index snapshot ${file}: ${(err as Error).message}`);
      }
    }
    return { engine, from: 'snapshot', by, inputs };
  } catch (err) {
    if (!(err instanceof SnapshotRejected)) throw err;
    reason = err.message;
  }
  // A first start has no snapshot: building one then is the normal course, not news.
  if (reason !== NO_SNAPSHOT) log(`search index snapshot ${file} not used (${reason}): building it`);
  const engine = new SearchEngine(docs());
  engine.seal();
  tryWrite(engine, file, hashed(), key, log);
  return { engine, from: 'built', reason, inputs };
}

function tryWrite(engine: SearchEngine, file: string, inputs: string, key: string | undefined, log: (message: string) => void): void {
  try {
    writeSnapshot(engine, file, inputs, key);
  } catch (err) {
    log(`could not write the search index snapshot ${file}: ${(err as Error).message}`);
  }
}
