/**
 * Locks of an on-disk store folder, held in lock files that name the holding process:
 * `writer.lock` (the journal store: one writing process at a time, a second is refused naming the
 * first) and `write.lock` (the LMDB store: any number of writing processes, each holding it while
 * it adds one article, so their adds are one after the other). A lock whose process is gone
 * (killed) is stale and taken over.
 */

import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this id is running (signal 0 tests without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file's holder: its process id, `null` while a holder is still writing it, or `'stale'`. */
function holderOf(lock: string): number | null | 'stale' {
  let content: string;
  let age: number;
  try {
    content = readFileSync(lock, 'utf8').trim();
    age = Date.now() - statSync(lock).mtimeMs;
  } catch (e) {
    // Released between our attempt and this look: free now.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'stale';
    throw e;
  }
  // A lock just created holds no id yet; one left empty for a second was created by a process
  // killed before it wrote its id.
  if (content === '') return age < 1_000 ? null : 'stale';
  const holder = Number(content);
  return Number.isInteger(holder) && holder > 0 && alive(holder) ? holder : 'stale';
}

/** Creates the lock file if no live process holds it; the holder (or `null`) when one does. */
function attempt(lock: string): { taken: true } | { taken: false; holder: number | null } {
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { taken: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = holderOf(lock);
    if (holder !== 'stale') return { taken: false, holder };
    try {
      unlinkSync(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/**
 * Takes the writer's lock of a store folder for as long as the process writes.
 *
 * @param dir - The store folder.
 * @returns The lock file's path (remove it to release the lock).
 * @throws Error naming the process that holds it.
 */
export function takeLock(dir: string): string {
  const lock = join(dir, 'writer.lock');
  for (let wait = 0; ; wait++) {
    const got = attempt(lock);
    if (got.taken) return lock;
    if (got.holder !== null) throw new Error(`${dir} is being written by process ${got.holder}: one writer at a time (share an index between workers through Redis).`);
    if (wait >= 40) throw new Error(`${dir}: cannot take the writer's lock.`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  }
}

/** How long a writer waits for another's add before it says so (ms). */
const PATIENCE = 60_000;

/**
 * Runs `fn` holding the folder's `write.lock`, waiting while another process holds it.
 *
 * @param dir - The store folder.
 * @param fn - The work.
 * @returns What `fn` returns.
 * @throws Error naming the holder after a minute of waiting.
 */
export async function withWriteLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, 'write.lock');
  const start = Date.now();
  for (let pause = 1; ; pause = Math.min(pause * 2, 20)) {
    const got = attempt(lock);
    if (got.taken) break;
    if (Date.now() - start > PATIENCE) throw new Error(`${dir}: process ${got.holder ?? '?'} has held write.lock for over a minute; is it stuck?`);
    await new Promise((r) => setTimeout(r, pause));
  }
  try {
    return await fn();
  } finally {
    unlinkSync(lock);
  }
}

/**
 * Takes the folder's `write.lock` synchronously (to migrate an older store while it is opened).
 *
 * @param dir - The store folder.
 * @returns A function that releases it.
 */
export function writeLockSync(dir: string): () => void {
  const lock = join(dir, 'write.lock');
  const start = Date.now();
  for (;;) {
    const got = attempt(lock);
    if (got.taken) return () => unlinkSync(lock);
    if (Date.now() - start > PATIENCE) throw new Error(`${dir}: process ${got.holder ?? '?'} has held write.lock for over a minute; is it stuck?`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
}
