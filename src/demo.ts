/**
 * `npm run demo`: the wire report of the bundled test corpus (five outlets' versions of one AFP
 * story), exactly as `wiretrace compare test-corpus` prints it.
 */
import { fileURLToPath } from 'node:url';
import { runCli } from './cli/main.js';

const corpus = fileURLToPath(new URL('../test-corpus/', import.meta.url)); // build/demo.js → test-corpus/
runCli({
  argv: ['compare', corpus],
  readStdin: () => '',
  stdout: (s) => console.log(s.replace(/\n$/, '')),
  stderr: (s) => console.error(s.replace(/\n$/, '')),
});
