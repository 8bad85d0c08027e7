import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/tmp.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
