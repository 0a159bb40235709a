import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'examples/*/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // Files run in parallel: each takes its ports from the OS and builds into folders of its own.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
