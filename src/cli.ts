/**
 * The `wiretrace` executable: the only module that touches `process`. All behaviour lives in
 * `runCli` (src/commands/run.ts), which takes its I/O as arguments.
 */
import { readFileSync } from 'node:fs';
import { runCli } from './commands/run.js';

process.exitCode = runCli({
  argv: process.argv.slice(2),
  readStdin: () => readFileSync(0, 'utf8'),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stdout.isTTY === true,
});
