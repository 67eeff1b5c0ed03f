// The runtime's interface as a hand-written task tool sees it: written against ToolContext, never MCP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kibanaError, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { silentLogger } from '../../src/logger.js';
import { AnswerOnRetry, type ConfirmationChannel } from '../../src/tools/runtime/confirmation.js';
import type { Invocation } from '../../src/tools/runtime/context.js';
import { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { ProgressUpdate, Tool } from '../../src/tools/runtime/tool.js';
import { testClient } from '../support/kibana-client.js';
import { textOf } from '../support/runtime.js';

/** Renames every data view of a space: reads, confirms, guards the space, writes one by one, reports progress. */
const renameDataViews: Tool = {
  name: 'rename_data_views',
  toolset: 'tasks',
  tier: 'destructive',
  description: 'Adds a prefix to the name of every data view of a space.',
  inputSchema: { type: 'object', properties: { space_id: { type: 'string' }, prefix: { type: 'string' } }, required: ['prefix'] },
  annotations: { title: 'Rename data views', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  validator: async () => z.object({ space_id: z.string().optional(), prefix: z.string().min(1) }).strict(),
  async run(args, context) {
    const space = typeof args.space_id === 'string' ? args.space_id : context.defaultSpace;
    const listed = await context.kibana<{ data_view: Array<{ id: string; name: string }> }>({
      method: 'GET',
      path: '/api/data_views',
      space,
    });
    const views = listed.data.data_view;
    const confirmation = await context.confirm({ key: 'rename', message: `Rename ${views.length} data views in ${space}?` });
    if (!confirmation.approved) return confirmation.refusal;
    for (const [index, view] of views.entries()) {
      const request = {
        method: 'POST' as const,
        path: '/api/data_views/data_view/{viewId}',
        params: { viewId: view.id },
        space,
        body: { data_view: { name: `${args.prefix}${view.name}` } },
      };
      await context.spaces.assertWritable(request, true);
      await context.kibana(request);
      context.progress({ progress: index + 1, total: views.length, message: `renamed ${index + 1} of ${views.length}` });
    }
    return context.results.value({ renamed: views.length, on: await context.version() });
  },
};

let kibana: RecordingKibana;
let runtime: ToolRuntime;

beforeAll(async () => {
  kibana = await startRecordingKibana();
  runtime = new ToolRuntime({
    tools: [renameDataViews],
    client: testClient(kibana.url, { timeoutMs: 2_000 }),
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
  });
});
beforeEach(() => {
  kibana.handle((request) => {
    if (request.path === '/api/status') return { body: { version: { number: '9.3.0' } } };
    if (request.path.endsWith('/api/data_views'))
      return {
        body: {
          data_view: [
            { id: 'a', name: 'Logs' },
            { id: 'b', name: 'Metrics' },
          ],
        },
      };
    return { body: {} };
  });
});
afterEach(() => {
  kibana.requests.length = 0;
});
afterAll(async () => {
  await runtime.close();
  await kibana.stop();
});

const seen = () => kibana.requests.map((request) => `${request.method} ${request.path}`);
const accepting: ConfirmationChannel = { ask: async () => true };

describe('a task tool on the runtime', () => {
  it('reaches Kibana as the caller, guards the space it writes, reports progress and shapes its own value', async () => {
    const progress: ProgressUpdate[] = [];
    const result = await runtime.call(
      'rename_data_views',
      { space_id: 'ops', prefix: 'old ' },
      { authorization: 'ApiKey Y2FsbGVy', confirmations: accepting, progress: (update) => progress.push(update) },
    );
    expect(result).toEqual({
      content: [{ type: 'text', text: '{"renamed":2,"on":"9.3.0"}' }],
    });
    expect(seen()).toEqual([
      'GET /s/ops/api/data_views',
      'GET /api/spaces/space/ops',
      'POST /s/ops/api/data_views/data_view/a',
      'POST /s/ops/api/data_views/data_view/b',
      'GET /api/status',
    ]);
    expect(new Set(kibana.requests.map((request) => request.headers.authorization))).toEqual(new Set(['ApiKey Y2FsbGVy']));
    expect(progress.map((update) => update.message)).toEqual(['renamed 1 of 2', 'renamed 2 of 2']);
  });

  it('gets its arguments validated first, and its Kibana failures turned into results with a hint', async () => {
    expect(textOf(await runtime.call('rename_data_views', { prefix: '' }))).toBe(
      'Invalid arguments for rename_data_views:\nprefix: Too small: expected string to have >=1 characters',
    );
    kibana.handle(() => kibanaError(403, 'Forbidden', 'no access to data views'));
    const result = await runtime.call('rename_data_views', { prefix: 'x' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^GET \/api\/data_views: 403 Forbidden: no access to data views\nHint: .*privilege/);
  });

  it('is stopped by the space guard before a write into a missing space', async () => {
    kibana.handle((request) =>
      request.path.startsWith('/api/spaces/') ? kibanaError(404, 'Not Found', 'gone') : { body: { data_view: [{ id: 'a', name: 'x' }] } },
    );
    const result = await runtime.call('rename_data_views', { space_id: 'gone', prefix: 'x' }, { confirmations: accepting });
    expect(textOf(result)).toMatch(/^Space "gone" does not exist, so nothing was written/);
    expect(seen()).toEqual(['GET /s/gone/api/data_views', 'GET /api/spaces/space/gone', 'GET /api/spaces/space']);
  });

  it('ends at its deadline with a result that says so, not at the client timeout', async () => {
    kibana.handle(() => ({ body: {}, delayMs: 1_500 }));
    const result = await runtime.call('rename_data_views', { prefix: 'x' }, { deadline: Date.now() + 150 });
    expect(textOf(result)).toMatch(
      /^GET \/api\/data_views: no complete response before the request's deadline: gave up after \d+ ms and 1 attempt\nHint: The whole call has one time limit \(--call-timeout\)/,
    );
  });
});

describe('confirmation answered on a retry (the shape of 2026-07-28 input-required rounds)', () => {
  /** A channel that has no answer on the first round, and on the retry holds the one the client sent. */
  function roundTrip(answers: Map<string, boolean>): ConfirmationChannel {
    return {
      async ask(question, subject) {
        const answer = answers.get(`${question.key} ${JSON.stringify(subject)}`);
        if (answer === undefined) throw new AnswerOnRetry(question, subject);
        return answer;
      },
    };
  }

  it('ends the first round with the question and its subject, having changed nothing, and runs on the retry', async () => {
    const args = { space_id: 'default', prefix: 'old ' };
    const first: Invocation = { confirmations: roundTrip(new Map()) };
    const asked = await runtime.call('rename_data_views', args, first).catch((error: unknown) => error);
    expect(asked).toBeInstanceOf(AnswerOnRetry);
    const { question, subject } = asked as AnswerOnRetry;
    expect(question).toEqual({ key: 'rename', message: 'Rename 2 data views in default?' });
    expect(subject).toEqual({ tool: 'rename_data_views', args });
    expect(seen()).toEqual(['GET /api/data_views']);

    const retry: Invocation = { confirmations: roundTrip(new Map([[`${question.key} ${JSON.stringify(subject)}`, true]])) };
    expect((await runtime.call('rename_data_views', args, retry)).isError).toBeUndefined();
    expect(seen().filter((request) => request.startsWith('POST'))).toHaveLength(2);
  });
});

describe('the runtime itself', () => {
  it('serves each name once', () => {
    const make = () =>
      new ToolRuntime({
        tools: [renameDataViews, renameDataViews],
        client: testClient(kibana.url),
        defaultSpace: 'default',
        maxResultChars: 20_000,
        confirmation: 'auto',
        logger: silentLogger,
      });
    expect(make).toThrow('two tools are named "rename_data_views": a runtime serves each name once');
  });

  it('lists its tools as tools/list shows them', () => {
    expect(runtime.listing).toEqual([
      {
        name: 'rename_data_views',
        title: 'Rename data views',
        description: renameDataViews.description,
        inputSchema: renameDataViews.inputSchema,
        annotations: renameDataViews.annotations,
      },
    ]);
  });

  it('is idle only once the calls under way have answered', async () => {
    kibana.handle(() => ({ body: { data_view: [] }, delayMs: 300 }));
    const call = runtime.call('rename_data_views', { prefix: 'x' });
    await expect.poll(() => kibana.requests.length).toBe(1);
    const started = Date.now();
    await runtime.idle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect((await call).isError).toBeUndefined();
  });
});
