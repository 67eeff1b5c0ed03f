// A call's deadline holds nothing once the call has answered: under load, a timer per call left to run
// for the whole --call-timeout would keep each call's signal, listeners and closures alive that long.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Tool } from '../../src/tools/runtime/tool.js';
import { testRuntime } from '../support/runtime.js';

/** Far longer than an answer at once takes, short enough to wait out. */
const CALL_TIMEOUT_MS = 300;

it('clears the deadline of each call when it answers: its signal never aborts afterwards', async () => {
  const seen: AbortSignal[] = [];
  const echo: Tool = {
    name: 'echo',
    toolset: 'tasks',
    tier: 'read',
    description: 'Answers at once.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { title: 'Echo', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    validator: async () => z.object({}).strict(),
    async run(_args, context) {
      if (context.signal) seen.push(context.signal);
      return { content: [{ type: 'text', text: 'ok' }] };
    },
  };
  const runtime = testRuntime('http://127.0.0.1:9', { tools: [echo], callTimeoutMs: CALL_TIMEOUT_MS });
  const caller = new AbortController();
  for (let call = 0; call < 5; call += 1) await runtime.call('echo', {}, { signal: caller.signal });
  expect(seen).toHaveLength(5);
  expect(seen.filter((signal) => signal.aborted)).toEqual([]);
  await sleep(2 * CALL_TIMEOUT_MS);
  expect(seen.filter((signal) => signal.aborted)).toEqual([]);
});
