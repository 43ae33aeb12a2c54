// One process per state directory: an exclusive lock file (state.lock) created with O_EXCL and
// holding the owner's pid, host and start time. A second process is refused with one line that
// names the first; a lock left by a process that no longer exists on this host (kill -9, a
// crash) is detected and taken over. Released on close and on exit.
//
// Limits: liveness can only be checked on the same host, so a lock written by another host
// (a shared network mount) is always honoured; the PostgreSQL backend is the way to run
// several instances. Taking over a stale lock re-reads it first, which leaves a window of
// microseconds in which two processes starting at the same instant could both take it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class StateLockedError extends Error {
  override name = 'StateLockedError';
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface StateLock {
  readonly file: string;
  release(): void;
}

function readLock(file: string): { text: string; info?: LockInfo } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return typeof info?.pid === 'number' && typeof info.host === 'string' ? { text, info } : { text };
  } catch {
    return { text };
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock nobody holds any more: its process is gone from this host, or it was never written whole. */
function isStale(lock: { info?: LockInfo }): boolean {
  if (!lock.info) return true; // a crash between creating and writing it
  if (lock.info.host !== os.hostname()) return false;
  return lock.info.pid !== process.pid && !alive(lock.info.pid);
}

/** Locks this process holds, by file: a second store in the same process (tests, tools) shares it. */
const held = new Map<string, { count: number; release: () => void }>();

export function lockStateDir(dir: string): StateLock {
  const file = path.join(dir, 'state.lock');
  const mine = held.get(file);
  if (mine) {
    mine.count += 1;
    let released = false;
    return {
      file,
      release: () => {
        if (released) return;
        released = true;
        if (--mine.count === 0) {
          held.delete(file);
          mine.release();
        }
      },
    };
  }
  const lock = takeLock(dir, file);
  const entry = { count: 1, release: lock.release };
  held.set(file, entry);
  let released = false;
  return {
    file,
    release: () => {
      if (released) return;
      released = true;
      if (--entry.count === 0) {
        held.delete(file);
        entry.release();
      }
    },
  };
}

function takeLock(dir: string, file: string): StateLock {
  const mine = `${JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() } satisfies LockInfo)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // Only our own lock: never one a later owner took over.
        if (readLock(file)?.text === mine) unlinkSync(file);
      };
      process.on('exit', release);
      return { file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = readLock(file);
    if (!current) continue; // released meanwhile: try again
    if (!isStale(current)) {
      const who = current.info ? `process ${current.info.pid} on ${current.info.host} (since ${current.info.startedAt})` : 'another process';
      throw new StateLockedError(`${dir} is in use by ${who}: run one bot per ILZAM_STATE_DIR, or set DATABASE_URL to share state between instances`);
    }
    // Stale: remove it, unless it changed since we read it.
    if (readLock(file)?.text === current.text) {
      try {
        unlinkSync(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
  throw new StateLockedError(`${dir}: could not take the state lock (${file}); another process keeps taking it`);
}
