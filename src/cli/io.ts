/** The command line's I/O, and how a thrown error becomes output and an exit status. */

/** What `runCli` reads and writes. */
export interface CliIo {
  /** Arguments after the program name. */
  argv: readonly string[];
  /** Standard input, read whole (only when a PATH is `-`). */
  readStdin: () => string;
  /** Writes to standard output. */
  stdout: (s: string) => void;
  /** Writes to standard error. */
  stderr: (s: string) => void;
  /** Whether standard output is a terminal (colours on by default). */
  isTTY?: boolean;
  /** Standard input as a stream of lines (for `index add`, which must not wait for the end). */
  stdinLines?: () => AsyncIterable<string>;
  /** Whether standard error is a terminal (progress lines). */
  stderrIsTTY?: boolean;
  /** Clock in ms, for rates. */
  now?: () => number;
}

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
