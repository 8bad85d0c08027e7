import { defineConfig } from 'tsup';

// The library ships as ESM + CJS with types for both; the CLI is an ESM-only executable.
// The demo and the benchmark scripts are development tools, built to build/ and never published.
const node = { target: 'es2022', platform: 'node', sourcemap: true } as const;

export default defineConfig([
  { ...node, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: true, clean: true },
  { ...node, entry: { cli: 'src/bin.ts' }, format: ['esm'], splitting: false, banner: { js: '#!/usr/bin/env node' } },
  // The worker threads of `compare --jobs`, loaded by the CLI from beside it.
  { ...node, entry: { 'compare-worker': 'src/parallel/worker.ts' }, format: ['esm'], splitting: false },
  { ...node, entry: { demo: 'src/demo.ts', bench: 'bench/bench.ts', adversarial: 'bench/adversarial.ts', eval: 'bench/eval.ts' }, outDir: 'build', format: ['esm'], splitting: false, clean: true },
]);
