/**
 * The test run's temporary folder: every test that makes a scratch folder (stores, CLI outputs,
 * browser profiles, child processes' files) makes it under one folder of this run, removed when
 * the run ends, so a run leaves nothing behind in the machine's temporary folder.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-tests-'));
  // os.tmpdir() reads TMPDIR: the test processes, and the processes they start, inherit it.
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}
