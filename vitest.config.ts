import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'examples/*/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // Browser journeys share the shop's fixed ports (4000-4002): run files one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
