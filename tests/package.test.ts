import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('package', () => {
  it('should expose exactly the public values (types are pinned by tests/api.test.ts)', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'FileWireStore',
        'LmdbWireStore',
        'MemoryStorage',
        'MemoryWireStore',
        'VERSION',
        'compareArticles',
        'computeMinHash',
        'containment',
        'createLshIndex',
        'createWireIndex',
        'defaultCompareOptions',
        'defaultLshOptions',
        'defaultMinHashOptions',
        'defaultShingleOptions',
        'estimateJaccard',
        'extractArticle',
        'formatReport',
        'hashWords',
        'jaccard',
        'learnChrome',
        'normalizeText',
        'openLmdbWireStore',
        'openRedisWireStore',
        'optimalBands',
        'parseLshIndex',
        'parseSignature',
        'renderHtml',
        'segmentParagraphs',
        'segmentSentences',
        'serializeSignature',
        'sketchTexts',
        'shingleWords',
        'toOriginalSpan',
        'toShingleSet',
        'tokenizeWords',
      ].sort(),
    );
  });

  it('should carry the version of package.json', () => {
    expect(api.VERSION).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('should pack only what a user needs, and import and require from a scratch install', () => {
    const out = mkdtempSync(join(tmpdir(), 'wiretrace-pack-'));
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: root, encoding: 'utf8' })) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0]!.files.map((f) => f.path).sort();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist/cli.js', 'dist/index.cjs', 'dist/index.d.cts', 'dist/index.d.ts', 'dist/index.js', 'package.json']));
    expect(files.every((f) => /^(LICENSE|README\.md|package\.json|dist\/)/.test(f))).toBe(true);

    const app = mkdtempSync(join(tmpdir(), 'wiretrace-app-'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(out, packed[0]!.filename)], { cwd: app, stdio: 'pipe' });
    const check = `const r = w.compareArticles([{ id: 'a', text: 'Rescuers pulled twelve survivors from the collapsed mine on Friday.' }, { id: 'b', text: 'Rescuers pulled twelve survivors from the collapsed mine on Friday.' }]);
      console.log(r.schema, r.documents[1].verdict, typeof w.computeMinHash);`;
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as w from 'wiretrace'; ${check}`], { cwd: app, encoding: 'utf8' });
    const cjs = execFileSync(process.execPath, ['-e', `const w = require('wiretrace'); ${check}`], { cwd: app, encoding: 'utf8' });
    expect(esm.trim()).toBe('wiretrace/report@2 wholly-derived function');
    expect(cjs).toBe(esm);
    const bin = execFileSync(join(app, 'node_modules', '.bin', 'wiretrace'), ['--version'], { encoding: 'utf8' });
    expect(bin.trim()).toBe(api.VERSION);
  });
});
