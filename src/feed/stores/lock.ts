/**
 * The writer's lock of an on-disk store folder: `writer.lock` holds the writing process's id; a
 * second writer is refused naming it, and the lock of a process that is gone (killed) is taken over.
 */

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
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

/**
 * Takes the writer's lock of a store folder.
 *
 * @param dir - The store folder.
 * @returns The lock file's path (remove it to release the lock).
 * @throws Error naming the process that holds it.
 */
export function takeLock(dir: string): string {
  const lock = join(dir, 'writer.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lock;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock just created holds no id yet: give its writer a moment to write it before taking
      // the empty file for the stale lock of a writer killed between creating and writing it.
      let content = readFileSync(lock, 'utf8').trim();
      for (let wait = 0; content === '' && wait < 20; wait++) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
        content = readFileSync(lock, 'utf8').trim();
      }
      const holder = Number(content);
      if (Number.isInteger(holder) && holder > 0 && alive(holder))
        throw new Error(`${dir} is being written by process ${holder}: one writer at a time (share an index between workers through Redis).`);
      // The writer that held it is gone (killed): its lock is stale.
      unlinkSync(lock);
    }
  }
  throw new Error(`${dir}: cannot take the writer's lock.`);
}
