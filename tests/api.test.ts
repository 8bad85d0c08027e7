/**
 * The public surface, values and types, pinned: the built declarations (`dist/index.d.ts`,
 * comments removed, printed by the TypeScript compiler) must equal the committed API report
 * `tests/api/wiretrace.api.d.ts`, so any change to the surface is a deliberate one, reviewed in
 * the diff of that file. After an intended change: `npm run api:update`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const built = fileURLToPath(new URL('../dist/index.d.ts', import.meta.url));
const committed = fileURLToPath(new URL('./api/wiretrace.api.d.ts', import.meta.url));

function apiReport(source: string): string {
  const file = ts.createSourceFile('index.d.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
  return printer.printFile(file);
}

/** Names declared at the top level of the declarations, and names exported. */
function declaredAndExported(source: string): { declared: string[]; exported: Set<string> } {
  const file = ts.createSourceFile('index.d.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const declared: string[] = [];
  const exported = new Set<string>();
  for (const s of file.statements) {
    if (ts.isExportDeclaration(s) && s.exportClause !== undefined && ts.isNamedExports(s.exportClause))
      for (const e of s.exportClause.elements) exported.add((e.propertyName ?? e.name).text);
    else if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s)) && s.name !== undefined)
      declared.push(s.name.text);
    else if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) declared.push(d.name.text);
  }
  return { declared, exported };
}

describe('api', () => {
  const source = readFileSync(built, 'utf8');

  it('should match the committed API report (npm run api:update after a deliberate change)', () => {
    const report = apiReport(source);
    if (process.env.UPDATE_API === '1') writeFileSync(committed, report);
    expect(report).toBe(readFileSync(committed, 'utf8'));
  });

  it('should export every type its signatures name, so every input can be built from the API', () => {
    const { declared, exported } = declaredAndExported(source);
    expect(declared.filter((n) => !exported.has(n))).toEqual([]);
  });
});
