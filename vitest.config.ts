import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites that start Prism or child servers are heavy: keep parallelism to the 2 cores.
    maxWorkers: 2,
    // Test files share a worker's module cache: each would otherwise load and transform the generated
    // tools again (most of the suite's import time). No test mocks modules; the one that fakes Date restores it.
    isolate: false,
  },
});
