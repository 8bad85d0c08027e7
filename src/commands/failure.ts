/** How the commands turn a thrown error into output and an exit status. */

import type { CliIo } from './run.js';

/** A mistake in the command line: usage is shown and the exit status is 2. */
export class UsageError extends Error {}

/**
 * Writes a failure to stderr: a usage error with the usage text (status 2), anything else as
 * one error line (status 1).
 *
 * @returns The exit status.
 */
export function reportFailure(e: unknown, usage: string, io: CliIo): number {
  if (e instanceof UsageError) {
    io.stderr(`wiretrace: ${e.message}\n\n${usage}`);
    return 2;
  }
  io.stderr(`wiretrace: error: ${(e as Error).message}\n`);
  return 1;
}
