// For result tests: one recording Kibana per test file, its requests cleared after each test, and
// the runtimes made against it closed at the end.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testRuntime } from '../support/runtime.js';

export interface RecordingRuntimes {
  /** The file's recording Kibana (started in beforeAll). */
  readonly kibana: RecordingKibana;
  /** A runtime of the generated tools against it, with its own space guard. */
  runtime(options?: Parameters<typeof testRuntime>[1]): ToolRuntime;
  /** The requests since the test began, as `METHOD path`. */
  seen(): string[];
  /** Registers a runtime made elsewhere, to be closed with the others. */
  closeAtEnd(runtime: ToolRuntime): ToolRuntime;
}

export function useRecordingRuntimes(): RecordingRuntimes {
  let kibana: RecordingKibana | undefined;
  const runtimes: ToolRuntime[] = [];
  beforeAll(async () => {
    kibana = await startRecordingKibana();
  });
  afterEach(() => {
    if (kibana) kibana.requests.length = 0;
  });
  afterAll(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
    await kibana?.stop();
  });
  const harness: RecordingRuntimes = {
    get kibana() {
      if (!kibana) throw new Error('the recording Kibana starts in beforeAll');
      return kibana;
    },
    runtime: (options) => harness.closeAtEnd(testRuntime(harness.kibana.url, options)),
    seen: () => harness.kibana.requests.map((request) => `${request.method} ${request.path}`),
    closeAtEnd(runtime) {
      runtimes.push(runtime);
      return runtime;
    },
  };
  return harness;
}
