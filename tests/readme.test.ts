import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('readme', () => {
  it('should run the Use example against the built package and print what its comments say', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = /## Use\n\n```js\n([\s\S]*?)```/.exec(readme)![1]!;
    const file = join(mkdtempSync(join(tmpdir(), 'wiretrace-readme-')), 'example.mjs');
    writeFileSync(file, example.replace("from 'wiretrace'", `from ${JSON.stringify(join(root, 'dist/index.js'))}`));
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
    // Every "// → …" comment is a line the example prints, in order.
    const promised = [...example.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]!);
    expect(out.split('\n').slice(0, promised.length)).toEqual(promised);
    expect(out).toContain('wiretrace report: 2 documents, 1 story');
  });

  it('should name the two set-up commands that .ci/run runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm ci\nnpm test\n?$/m);
  });
});
