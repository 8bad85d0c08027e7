import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { IN_TEXT, SOURCING } from '../src/chrome/credits.js';
import { builtinPatterns, inlinePatterns } from '../src/chrome/rules.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every regular-expression literal in src/, found by the TypeScript parser. */
function literals(): Array<{ where: string; source: string; flags: string }> {
  const out: Array<{ where: string; source: string; flags: string }> = [];
  for (const file of files(src)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        out.push({ where: `${file.slice(src.length)}:${line + 1}`, source: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe('regex safety', () => {
  it('should find no regular expression in src/ that can backtrack catastrophically (recheck)', () => {
    const all = [
      ...literals(),
      ...[...builtinPatterns, ...inlinePatterns].map((p, i) => ({ where: `chrome rule ${i}`, source: p.pattern.source, flags: p.pattern.flags })),
      ...[...IN_TEXT, ...SOURCING].map((re, i) => ({ where: `credit pattern ${i}`, source: re.source, flags: re.flags })),
    ];
    expect(all.length).toBeGreaterThan(30);
    const unsafe = all
      .map((r) => ({ ...r, status: checkSync(r.source, r.flags.replace(/[gy]/g, '')).status }))
      .filter((r) => r.status !== 'safe');
    expect(unsafe).toEqual([]);
  }, 300_000);
});
