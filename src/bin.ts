/**
 * The `wiretrace` executable: the only module that touches `process`. All behaviour lives in
 * `runCliAsync` (src/cli/main.ts), which takes its I/O as arguments.
 */
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { readBoundedFd } from './cli/io.js';
import { runCliAsync } from './cli/main.js';

// A reader that stops early (`wiretrace compare … | head`) closes the pipe: that is an end, not
// an error, as for any unix tool.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

process.exitCode = await runCliAsync({
  argv: process.argv.slice(2),
  readStdin: () => readBoundedFd(0),
  stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  stdout: (s) => process.stdout.write(s),
  stdoutDrain: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', resolve)) : undefined),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  now: () => performance.now(),
  env: process.env,
  // Built beside this file (tsup's compare-worker entry).
  workers: { url: new URL('./compare-worker.js', import.meta.url), cores: availableParallelism() },
});
