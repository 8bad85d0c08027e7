import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { MemoryWireStore, openLmdbWireStore } from '../src/index.js';
import { checkFeedParity, parityPool } from './helpers.js';

const runs = Number(process.env.PARITY_RUNS ?? 12);

describe('feed parity with compare (property)', () => {
  it('should report every story as compare does, and revise every result to its final value: memory store', async () => {
    await checkFeedParity(async () => new MemoryWireStore(), parityPool(), runs, 20261201);
  });

  it('should do the same on the embedded (LMDB) store', async () => {
    await checkFeedParity(() => openLmdbWireStore(mkdtempSync(join(tmpdir(), 'wiretrace-parity-'))), parityPool(), runs, 20261202);
  });
});
