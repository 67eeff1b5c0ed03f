// The whole project type-checks: src, tests, benches, harness and scripts in one tsc program
// (`npm run typecheck`; incremental, build info in .tmp/). A test rather than a step before the suite, so
// that it runs beside the other tests instead of ahead of them: the build does not type-check.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const TSC = resolve(ROOT, 'node_modules/typescript/bin/tsc');

it('type-checks with no error', { timeout: 240_000 }, async () => {
  const outcome = await promisify(execFile)(process.execPath, [TSC, '-p', 'tsconfig.json', '--pretty', 'false'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  );
  expect(outcome.output.trim()).toBe('');
  expect(outcome.code).toBe(0);
});
