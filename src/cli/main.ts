/**
 * The `wiretrace` command line as a function: argv → command → exit status. It takes all its I/O
 * as arguments (`CliIo`), so tests drive it and only `src/bin.ts` touches `process`.
 */

import { runCompareCli } from './compare-command.js';
import { runIndexCli } from './index-command.js';
import type { CliIo } from './io.js';

export type { CliIo } from './io.js';

/**
 * Runs any command, `index …` included (which streams, so this returns a promise).
 *
 * @param io - Arguments and I/O.
 * @returns The exit status.
 */
export async function runCliAsync(io: CliIo): Promise<number> {
  const safe = withSafeStderr(io);
  if (io.argv[0] === 'index') return runIndexCli(io.argv.slice(1), safe);
  return runCompareCli(safe);
}

/**
 * Runs the command line without the streaming `index` commands (`compare`, help, version).
 *
 * @param io - Arguments and I/O.
 * @returns The exit status: 0 success, 1 some input failed, 2 usage error.
 */
export function runCli(io: CliIo): number {
  const { workers: _workers, ...inThread } = io;
  // Without worker threads the command runs to its end in this call.
  return runCompareCli(withSafeStderr(inThread)) as number;
}

/**
 * The same I/O with every message to stderr stripped of control characters but line breaks,
 * tabs and carriage returns: an id or a file name carrying an escape sequence is named, never executed by the terminal.
 */
function withSafeStderr(io: CliIo): CliIo {
  // Carriage returns stay: the progress line redraws itself with them.
  return { ...io, stderr: (s) => io.stderr(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')) };
}
