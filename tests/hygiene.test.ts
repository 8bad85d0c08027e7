import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('a test run leaves nothing behind', () => {
  it("should make scratch folders under the run's own temporary folder, which the run removes", () => {
    // tests/setup/tmp.ts points TMPDIR there for the test processes and what they start.
    expect(tmpdir()).toMatch(/wiretrace-tests-[^/]+$/);
    expect(mkdtempSync(join(tmpdir(), 'scratch-')).startsWith(tmpdir())).toBe(true);
  });
});
