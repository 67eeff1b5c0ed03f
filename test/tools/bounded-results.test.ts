// Every result obeys --max-result-chars, errors included, with the same notice: Kibana's error
// message (read in full, up to 32 MiB), a path it echoes, arguments a refusal echoes.
import { beforeAll, describe, expect, it } from 'vitest';
import { kibanaError } from '../../harness/recording-kibana.js';
import { boundResult, cutAt } from '../../src/tools/results.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { ToolResult } from '../../src/tools/runtime/tool.js';
import { textOf } from '../support/runtime.js';
import { useRecordingRuntimes } from './recording-runtime.js';

const CAP = 2_000;

const recording = useRecordingRuntimes();
let runtime: ToolRuntime;

beforeAll(() => {
  runtime = recording.runtime({ maxResultChars: CAP });
});

/** Each text part within the cap, the first one cut, and the cut announced as successes announce it. */
function expectBounded(result: ToolResult): void {
  for (const part of result.content) expect(part.text.length).toBeLessThanOrEqual(CAP);
  expect(result.content.at(-1)!.text).toMatch(/^Truncated: showing the first \d+ of \d+ characters\./);
}

describe('error results within the cap', () => {
  it("Kibana's message of several megabytes is cut and the hint kept", async () => {
    recording.kibana.handle(() => kibanaError(400, 'Bad Request', `bad value ${'v'.repeat(3_000_000)}`));
    const result = await runtime.call('get_data_view', { view_id: 'a' });
    expect(result.isError).toBe(true);
    expectBounded(result);
    expect(result.content[0]!.text).toMatch(
      /^GET \/api\/data_views\/data_view\/a: 400 Bad Request: bad value v+\nHint: Kibana rejected the arguments/,
    );
    expect(result.content[1]!.text).toMatch(/of 30000\d\d characters\.$/);
  });

  it('an error echoing a huge path is cut', async () => {
    recording.kibana.handle(() => kibanaError(404, 'Not Found', 'Not Found'));
    const result = await runtime.call('get_data_view', { view_id: 'x'.repeat(12_000) });
    expect(result.isError).toBe(true);
    expectBounded(result);
    expect(textOf(result)).toMatch(/Hint: Check the id/);
  });

  it('a refusal echoing a huge argument name is cut', async () => {
    const result = await runtime.call('get_status', { ['n'.repeat(1_000_000)]: 1 });
    expect(result.isError).toBe(true);
    expectBounded(result);
    expect(result.content[0]!.text).toMatch(/^Invalid arguments for get_status: unknown argument "n+$/);
  });

  it('a missing space with a huge id is cut', async () => {
    recording.kibana.handle(() => kibanaError(404, 'Not Found', 'not found'));
    const result = await runtime.call('create_data_view', { space_id: 's'.repeat(3_000), data_view: { title: 'x-*' } });
    expectBounded(result);
    expect(result.content[0]!.text).toMatch(/^Space "s+/);
  });
});

describe('boundResult', () => {
  it('leaves results within the cap as they are', () => {
    const result: ToolResult = { content: [{ type: 'text', text: 'short' }], isError: true };
    expect(boundResult(result, 10)).toBe(result);
  });

  it('cuts each part over the cap and says how much was shown', () => {
    const result = boundResult(
      {
        content: [
          { type: 'text', text: 'x'.repeat(25) },
          { type: 'text', text: 'note' },
        ],
        isError: true,
      },
      10,
    );
    expect(result).toEqual({
      isError: true,
      content: [
        { type: 'text', text: 'x'.repeat(10) },
        { type: 'text', text: 'Truncated: showing the first 10 of 25 characters.' },
        { type: 'text', text: 'note' },
      ],
    });
  });

  it('never ends a cut in half a surrogate pair', () => {
    expect(cutAt('ab😀', 3)).toBe('ab');
    expect(cutAt('ab😀', 4)).toBe('ab😀');
  });
});
