/**
 * Locks of an on-disk store folder, held in lock files that name the holding process:
 * `writer.lock` (the journal store: one writing process at a time, a second is refused naming the
 * first) and `write.lock` (the LMDB store: any number of writing processes, each holding it while
 * it adds one article, so their adds are one after the other). A lock whose process is gone
 * (killed) is stale and taken over. A lock file is created whole, holding its process id, and
 * only a lock seen to be stale is ever removed by another process: a lock released and taken
 * again between two looks belongs to its new holder.
 */

import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Whether a process with this id is running (signal 0 tests without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What a look at a lock file finds: its live holder (`null` while too young to judge), a stale
 * lock (its file's inode), or no file.
 */
type Look = { holder: number | null } | { stale: number } | { gone: true };

/** The lock file's holder, whether it is stale, or that it is gone (released since we tried). */
function look(lock: string): Look {
  let content: string;
  let stat: { ino: number; mtimeMs: number };
  try {
    stat = statSync(lock);
    content = readFileSync(lock, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { gone: true };
    throw e;
  }
  // Locks are created whole (linked in with their id written), so an empty one was left by an
  // older version killed between creating it and writing its id: stale once it is a second old.
  if (content === '') return Date.now() - stat.mtimeMs < 1_000 ? { holder: null } : { stale: stat.ino };
  const holder = Number(content);
  return Number.isInteger(holder) && holder > 0 && alive(holder) ? { holder } : { stale: stat.ino };
}

/** A name of this process's own beside the lock (a thread id too: two workers of one process). */
function ownName(lock: string, what: string): string {
  return `${lock}.${what}.${process.pid}.${threadId}`;
}

/**
 * Creates the lock file, holding this process's id from the moment it exists: the id is written
 * to a file of our own, which is then linked in as the lock (a link fails if the lock exists).
 */
function create(lock: string): boolean {
  const mine = ownName(lock, 'new');
  writeFileSync(mine, String(process.pid));
  try {
    linkSync(mine, lock);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    unlinkSync(mine);
  }
}

/**
 * Removes a stale lock, unless another process has put its own in its place since we looked:
 * the lock is moved aside (atomic), and if what was moved is not the file we judged stale, it
 * is put back.
 */
function removeStale(lock: string, ino: number): void {
  const aside = ownName(lock, 'stale');
  try {
    renameSync(lock, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (statSync(aside).ino !== ino) {
    // A live holder's lock: back where it was (unless a third process has made one meanwhile).
    try {
      linkSync(aside, lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  unlinkSync(aside);
}

/**
 * Creates the lock file if no live process holds it; the holder (or `null` for an old empty
 * lock not yet stale) when one does. Never removes a lock it has not seen to be stale: one
 * released and taken again between two looks is the new holder's.
 */
function attempt(lock: string): { taken: true } | { taken: false; holder: number | null } {
  for (;;) {
    if (create(lock)) return { taken: true };
    const seen = look(lock);
    if ('holder' in seen) return { taken: false, holder: seen.holder };
    if ('stale' in seen) removeStale(lock, seen.stale);
  }
}

/**
 * Releases a lock this process holds, and leaves one that is not its own.
 *
 * @param lock - The lock file's path.
 */
export function releaseLock(lock: string): void {
  try {
    if (readFileSync(lock, 'utf8').trim() === String(process.pid)) unlinkSync(lock);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Takes the writer's lock of a store folder for as long as the process writes.
 *
 * @param dir - The store folder.
 * @returns The lock file's path (release it with {@link releaseLock}).
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
    releaseLock(lock);
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
    if (got.taken) return () => releaseLock(lock);
    if (Date.now() - start > PATIENCE) throw new Error(`${dir}: process ${got.holder ?? '?'} has held write.lock for over a minute; is it stuck?`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
}
