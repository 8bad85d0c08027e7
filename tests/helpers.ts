import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/index.js';

/** Folder of the bundled seed corpus. */
export const corpusDir = fileURLToPath(new URL('../test-corpus/', import.meta.url));

/** The five seed articles, ids without the hash suffix lookup helpers. */
export function seeds(): Article[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(corpusDir + f, 'utf8') }));
}

/** A seed by its number ("000" … "004"). */
export function seed(n: string): Article {
  const a = seeds().find((s) => s.id.startsWith(n));
  if (a === undefined) throw new Error(`no seed ${n}`);
  return a;
}

/** Offset of a phrase in a text (throws when absent, so a typo fails loudly). */
export function at(text: string, phrase: string): number {
  const i = text.indexOf(phrase);
  if (i < 0) throw new Error(`phrase not found: ${phrase}`);
  return i;
}

/**
 * Runs `node cli …args` as a feed worker that is killed (SIGKILL) once it has acknowledged
 * exactly `n` articles: lines are written one at a time, the next only after the previous
 * result came back, and after the n-th result the worker is killed while it waits for input.
 * No timing: the store then holds exactly the n acknowledged articles.
 */
export async function killAfterAcknowledged(cli: string, args: readonly string[], lines: readonly string[], n: number): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let buffered = '';
    let acknowledged = 0;
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      acknowledged += parts.length;
      if (acknowledged >= n) child.kill('SIGKILL');
      else if (parts.length > 0) child.stdin.write(lines[acknowledged]! + '\n');
    });
    child.on('error', reject);
    child.on('close', () => (acknowledged === n ? resolve() : reject(new Error(`worker acknowledged ${acknowledged} articles, expected ${n}`))));
    child.stdin.write(lines[0]! + '\n');
  });
}
