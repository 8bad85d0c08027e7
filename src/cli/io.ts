/** The command line's I/O, and how a thrown error becomes output and an exit status. */

import { readSync } from 'node:fs';
import { nearest } from '../errors.js';

/** What `runCli` reads and writes. */
export interface CliIo {
  /** Arguments after the program name. */
  argv: readonly string[];
  /** Standard input, read whole (only when a PATH is `-`). */
  readStdin: () => string;
  /** Writes to standard output. */
  stdout: (s: string) => void;
  /**
   * When standard output holds more than it has sent (a pipe read slower than written), a promise
   * that resolves once it drains; otherwise nothing. A long report waits on it between pieces, so
   * `wiretrace compare … | consumer` does not hold the whole report in memory.
   */
  stdoutDrain?: () => Promise<void> | undefined;
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
  /**
   * Worker threads for `compare` (the executable gives them): the worker entry's URL and the
   * machine's cores. Without them, stories are compared in the calling thread.
   */
  workers?: { readonly url: URL; readonly cores: number };
  /** Environment variables (NO_COLOR, FORCE_COLOR). */
  env?: Readonly<Record<string, string | undefined>>;
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

/** Most bytes read from standard input (JSON Lines for compare): 256 MiB. */
export const MAX_STDIN_BYTES = 256 * 1024 * 1024;

/**
 * Reads a file descriptor (standard input) to its end, but never more than `max` bytes: past it,
 * an error says so, instead of memory growing without bound (`yes … | wiretrace compare -`).
 *
 * @param fd - The descriptor.
 * @param max - Most bytes.
 * @returns The text read.
 * @throws Error when there is more than `max` bytes.
 */
export function readBoundedFd(fd: number, max: number = MAX_STDIN_BYTES): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // a non-blocking pipe: wait for data
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new Error(`stdin holds more than ${max} bytes; give the articles as files or folders, or split the input`);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * One line for a parser error: the unknown option and the nearest known one.
 *
 * @param e - The parser's error.
 * @param known - The command's options.
 * @returns The message.
 */
export function optionError(e: Error, known: readonly string[]): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(e.message)?.[1];
  if (unknown === undefined) return e.message.split('. ')[0]!.replace(/\.$/, '');
  const near = nearest(unknown.replace(/^-+/, ''), known);
  return `unknown option ${unknown}${near !== null ? ` (did you mean --${near}?)` : ''}`;
}

