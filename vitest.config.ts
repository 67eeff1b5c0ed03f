import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites that start Prism or child servers are heavy: keep parallelism to the 2 cores.
    maxWorkers: 2,
  },
});
