import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { LONGEST_FIRST } from './test/support/longest-first.js';

/** Vitest's order (failed first, then by the durations it remembers), but the known longest files first. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: LongestFirst },
  },
});
