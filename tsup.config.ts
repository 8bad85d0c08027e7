import { defineConfig } from 'tsup';

// The library ships as ESM + CJS with types for both; the CLI, demo and benchmark are
// ESM-only entry points that import the library build like any user would.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
  },
  {
    entry: { cli: 'src/cli.ts', demo: 'src/demo.ts', bench: 'src/bench/index.ts' },
    format: ['esm'],
    dts: false,
    splitting: false,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
