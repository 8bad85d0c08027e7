/**
 * The `wiretrace` executable: the only module that touches `process`. All behaviour lives in
 * `runCliAsync` (src/cli/main.ts), which takes its I/O as arguments.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { runCliAsync } from './cli/main.js';

process.exitCode = await runCliAsync({
  argv: process.argv.slice(2),
  readStdin: () => readFileSync(0, 'utf8'),
  stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  now: () => performance.now(),
});
