// The state file on disk, as a lowdb adapter: reads are validated (a bad file stops start-up
// with the file, the record and the field, and is never touched), writes are atomic and durable.
//
// Why not lowdb's own JSONFile for writing: it hands the text to steno's Writer, which writes
// `.<name>.tmp` next to the file and renames it over the original. That makes writes atomic
// (a reader or a crash of this process sees the old file or the new one, never half of one),
// but steno never fsyncs, so after a power cut or kernel crash the renamed file can be empty
// or stale even though the write "succeeded". steno offers no hook between its write and its
// rename, so writeFileDurably below keeps steno's scheme (same temp name, same directory,
// rename) and adds the two fsyncs: the temp file before the rename, the directory after it.
// steno also coalesces overlapping writes; the store serializes updates itself, so that is
// not needed here. Unlike steno, each write has a temp name of its own. Reads go through lowdb's TextFile (a missing file reads as null).
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { DataValidationError, formatProblem, zodProblems, type DataProblem } from './curated.ts';
import { State, stateRecordAt } from './state-schema.ts';

/** The state file failed validation, on load (start-up stops) or in an update (nothing was written). */
export class StateValidationError extends DataValidationError {
  constructor(
    readonly file: string,
    problems: DataProblem[],
    readonly phase: 'load' | 'update',
  ) {
    super(problems);
    this.name = 'StateValidationError';
    this.message =
      phase === 'load'
        ? `The state file ${file} is invalid. It has not been changed: fix it or move it aside, then start again.\n${problems.map(formatProblem).join('\n')}`
        : `Update rejected, nothing was written to ${file}:\n${problems.map(formatProblem).join('\n')}`;
  }
}

/** The state directory cannot be created or written to. */
export class StateDirError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`State directory ${path} ${reason}. Point ILZAM_STATE_DIR at a writable directory.`);
    this.name = 'StateDirError';
  }
}

const errCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? String(err);

/**
 * Creates the directory if missing and proves it is writable by writing and removing a probe
 * file, so a read-only mount fails at start-up rather than at the first subscription.
 */
export function prepareStateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StateDirError(dir, `cannot be created (${errCode(err)})`);
  }
  const probe = path.join(dir, `.probe-${process.pid}-${randomUUID()}.tmp`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (err) {
    throw new StateDirError(dir, `is not writable (${errCode(err)})`);
  }
}

/** Deeper than any state the bot writes; a deeper file is refused before zod recurses into it. */
const MAX_DEPTH = 64;

/** The nesting depth of a JSON value, counted without recursion (a hostile file can be 200,000 deep). */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Validates raw state; returns the parsed copy (defaults filled in) or throws with every problem. */
export function validateState(raw: unknown, file: string, phase: 'load' | 'update'): State {
  if (depthOf(raw, MAX_DEPTH) > MAX_DEPTH) throw new StateValidationError(file, [{ file, message: `is nested more than ${MAX_DEPTH} levels deep; the bot never writes such a file` }], phase);
  const parsed = State.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new StateValidationError(file, zodProblems(file, parsed.error, (p) => stateRecordAt(raw, p)), phase);
}

/**
 * JSON.parse reports a character offset; a person editing the file wants a line and column.
 * Some V8 messages (Node 20's "Unexpected token") give no offset but quote the text around
 * the error instead; those are passed on as they are.
 */
function jsonProblem(file: string, text: string, err: Error): DataProblem {
  if (text.trim() === '') return { file, message: 'is empty (not valid JSON); an empty file is not read as empty state' };
  const pos = /position (\d+)/.exec(err.message)?.[1] ?? (/end of JSON input/.test(err.message) ? text.length : undefined);
  if (pos === undefined) return { file, message: `is not valid JSON: ${err.message}` };
  const before = text.slice(0, Number(pos));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { file, field: `line ${line}, column ${column}`, message: `is not valid JSON: ${err.message}` };
}

async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms and file systems (Windows, some network mounts) cannot fsync a directory.
    // The rename has happened by then, so failing the update here would only mislead.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EBADF'].includes(errCode(err))) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Removes the temp files of `file` written by other processes (a writer killed between its
 * write and its rename leaves one; the file itself is intact). Call only while holding the
 * directory's lock; this process's own temps are left alone, since another store of this
 * process may be writing one now.
 */
export function removeOrphanedTemps(file: string): void {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (pid === process.pid) continue;
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      // Gone already, or not ours to remove: harmless either way.
    }
  }
}

/** Temp file in the same directory, fsync, rename over the target, fsync the directory. */
async function writeFileDurably(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  // A name of its own for every write, so no two writers (should the lock ever be bypassed)
  // can interleave in one temp file; the rename is what makes the write visible.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

/** lowdb adapter for the state file. read() throws StateValidationError; it never writes. */
export class StateFile implements Adapter<State> {
  readonly #text: TextFile;

  constructor(readonly file: string) {
    this.#text = new TextFile(file);
  }

  async read(): Promise<State | null> {
    let text: string | null;
    try {
      // A FIFO or a device would block the read (and start-up) for ever: only a regular file is read.
      const info = await stat(this.file).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (info && !info.isFile()) {
        throw new StateValidationError(this.file, [{ file: this.file, message: `is not a regular file (${info.isDirectory() ? 'a directory' : 'a FIFO, socket or device'})` }], 'load');
      }
      text = await this.#text.read();
    } catch (err) {
      if (err instanceof StateValidationError) throw err;
      throw new StateValidationError(this.file, [{ file: this.file, message: `cannot be read (${errCode(err)})` }], 'load');
    }
    if (text === null) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new StateValidationError(this.file, [jsonProblem(this.file, text, err as Error)], 'load');
    }
    return validateState(raw, this.file, 'load');
  }

  async write(state: State): Promise<void> {
    await writeFileDurably(this.file, `${JSON.stringify(state, null, 2)}\n`);
  }
}
