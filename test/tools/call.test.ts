// Generated tools through the runtime, in-process against a recording Kibana: what reaches Kibana,
// what is refused before, and what comes back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kibanaError, type RecordedRequest, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import type { ConfirmationChannel } from '../../src/tools/runtime/confirmation.js';
import { type ToolRuntime, UnknownToolError } from '../../src/tools/runtime/runtime.js';
import { testClient } from '../support/kibana-client.js';
import { GENERATED_TOOLS, testRuntime, textOf } from '../support/runtime.js';

let kibana: RecordingKibana;
let runtime: ToolRuntime;
const runtimes: ToolRuntime[] = [];

beforeAll(async () => {
  kibana = await startRecordingKibana();
  runtime = testRuntime(kibana.url);
});
afterEach(() => {
  kibana.requests.length = 0;
});
afterAll(async () => {
  await Promise.all([runtime, ...runtimes].map((each) => each.close()));
  await kibana.stop();
});

function runtimeWith(options: Parameters<typeof testRuntime>[1]): ToolRuntime {
  const made = testRuntime(kibana.url, options);
  runtimes.push(made);
  return made;
}

const seen = () => kibana.requests.map((request) => `${request.method} ${request.path}`);

describe('what reaches Kibana', () => {
  it('a GET with the credentials, the user agent and no kbn-xsrf; the answer comes back once, as text', async () => {
    kibana.handle(() => ({ body: { version: { number: '8.18.2' } } }));
    const result = await runtime.call('get_status', {});
    expect(result).toEqual({ content: [{ type: 'text', text: '{"version":{"number":"8.18.2"}}' }] });
    const [request] = kibana.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/api/status' });
    expect(request!.headers.authorization).toBe('ApiKey aWQ6a2V5');
    expect(request!.headers['user-agent']).toBe('kibana-mcp-test/1.0');
    expect(request!.headers['kbn-xsrf']).toBeUndefined();
  });

  it('a write into a space: the space is checked first, then the write goes under /s/{space} with kbn-xsrf and the JSON body', async () => {
    kibana.handle((request) => ({ body: request.path.startsWith('/api/spaces/') ? { id: 'marketing' } : { data_view: { id: 'dv1' } } }));
    const result = await runtime.call('create_data_view', { space_id: 'marketing', data_view: { title: 'logs-*', name: 'Logs' } });
    expect(result.isError).toBeUndefined();
    expect(seen()).toEqual(['GET /api/spaces/space/marketing', 'POST /s/marketing/api/data_views/data_view']);
    const write = kibana.requests[1]!;
    expect(write.headers['kbn-xsrf']).toBe('true');
    expect(write.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(write.body)).toEqual({ data_view: { title: 'logs-*', name: 'Logs' } });
  });

  it('the configured default space when the call names none, and no check for "default"', async () => {
    kibana.handle(() => ({ body: { data_view: [{ id: 'v1' }] } }));
    const inSecurity = runtimeWith({ defaultSpace: 'security' });
    await inSecurity.call('list_data_views', {});
    await inSecurity.call('list_data_views', { space_id: 'default' });
    await inSecurity.call('create_data_view', { space_id: 'default', data_view: { title: 'x-*' } });
    expect(seen()).toEqual(['GET /s/security/api/data_views', 'GET /api/data_views', 'POST /api/data_views/data_view']);
  });

  it('never the space prefix on space-agnostic APIs, which take no space_id', async () => {
    kibana.handle(() => ({ body: [] }));
    await runtimeWith({ defaultSpace: 'security' }).call('list_spaces', {});
    expect(seen()).toEqual(['GET /api/spaces/space']);
    expect(runtime.listing.find((tool) => tool.name === 'list_spaces')!.inputSchema.properties).not.toHaveProperty('space_id');
  });

  it('path values encoded so that they stay one segment', async () => {
    kibana.handle(() => ({ body: {} }));
    await runtime.call('get_data_view', { view_id: '../../api/security/role' });
    expect(kibana.requests[0]!.url).toBe('/api/data_views/data_view/..%2F..%2Fapi%2Fsecurity%2Frole');
  });

  it("in passthrough, the caller's own credentials for the space check and the write", async () => {
    kibana.handle(() => ({ body: {} }));
    await runtime.call(
      'create_data_view',
      { space_id: 'marketing', data_view: { title: 'a-*' } },
      { authorization: 'ApiKey YWxpY2U6a2V5' },
    );
    expect(kibana.requests.map((request) => request.headers.authorization)).toEqual(['ApiKey YWxpY2U6a2V5', 'ApiKey YWxpY2U6a2V5']);
  });
});

describe('refused before anything is sent', () => {
  it('a write into a space that does not exist', async () => {
    kibana.handle((request) =>
      request.path.startsWith('/api/spaces/') ? kibanaError(404, 'Not Found', 'Saved object [space/nope] not found') : { body: {} },
    );
    const result = await runtime.call('create_data_view', { space_id: 'nope', data_view: { title: 'x-*' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Space "nope" does not exist, so nothing was written. Pass an existing space_id (list_spaces shows them all), or create the space first (create_space).',
    );
    // The guard lists the spaces to name the nearest: here Kibana answers that listing with a 404 too.
    expect(seen()).toEqual(['GET /api/spaces/space/nope', 'GET /api/spaces/space']);
  });

  it('a missing required argument, a wrong type, an unknown argument, each named', async () => {
    const missing = await runtime.call('get_data_view', {});
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toBe('Invalid arguments for get_data_view:\nmissing required argument "view_id"');
    expect(textOf(await runtime.call('get_data_view', { view_id: { id: 42 } }))).toBe(
      'Invalid arguments for get_data_view:\nview_id: expected string, got object',
    );
    expect(textOf(await runtime.call('get_data_view', { view_id: 'a', colour: 'red' }))).toBe(
      'Invalid arguments for get_data_view: unknown argument "colour"; expected only: view_id, space_id',
    );
    expect(kibana.requests).toHaveLength(0);
  });

  it('own properties named like Object.prototype members', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const result = await runtime.call('get_data_view', JSON.parse(`{"view_id":"a","${name}":{"x":1}}`));
      expect(result.isError, name).toBe(true);
      expect(textOf(result)).toContain(`unknown argument "${name}"`);
    }
    expect(kibana.requests).toHaveLength(0);
  });

  it('a tool the runtime does not serve', async () => {
    await expect(runtime.call('drop_everything', {})).rejects.toThrow(new UnknownToolError('drop_everything'));
  });
});

describe('operations the connected Kibana does not have', () => {
  const dashboardsOn = (version: string) => (request: RecordedRequest) =>
    request.path === '/api/status' ? { body: { version: { number: version } } } : { body: { dashboards: [] } };

  it('are refused, not sent, on a Kibana past every variant of the tool; the version is read once', async () => {
    kibana.handle(dashboardsOn('9.5.0'));
    const on95 = runtimeWith({ tools: GENERATED_TOOLS });
    const result = await on95.call('list_dashboards', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Not sent: Kibana 9.5.0 no longer has list_dashboards (GET /api/dashboards/dashboard is on Kibana before 9.4.0; GET /api/dashboards is on Kibana 9.4.0 to 9.5.0 (exclusive)). Nothing was changed; no variant of this tool serves Kibana 9.5.0, so use another tool or Kibana itself for the task.',
    );
    await on95.call('list_dashboards', {});
    expect(seen()).toEqual(['GET /api/status']);
  });

  it('follow the version: on 9.4 the same name calls the API that replaced the 8.x one', async () => {
    kibana.handle(dashboardsOn('9.4.1'));
    const result = await runtimeWith({ tools: GENERATED_TOOLS }).call('list_dashboards', {});
    expect(result.isError).toBeUndefined();
    expect(seen()).toEqual(['GET /api/status', 'GET /api/dashboards']);
  });

  it('are sent on an older Kibana, and other tools never ask for the version', async () => {
    kibana.handle(dashboardsOn('8.18.2'));
    const on818 = runtimeWith({ tools: GENERATED_TOOLS });
    await on818.call('list_data_views', {});
    const result = await on818.call('list_dashboards', {});
    expect(result.isError).toBeUndefined();
    expect(seen()).toEqual(['GET /api/data_views', 'GET /api/status', 'GET /api/dashboards/dashboard']);
  });
});

describe('Kibana failures become results with a hint, never with a secret', () => {
  const cases: Array<[number, string, RegExp]> = [
    [401, 'Unauthorized', /credentials were rejected or have expired/],
    [403, 'Forbidden', /lack the privilege/],
    [404, 'Not Found', /Check the id and the space/],
    [409, 'Conflict', /already exists.*use the update tool/],
    [429, 'Too Many Requests', /rate limiting/],
    [500, 'Internal Server Error', /failed while handling the call/],
  ];
  it.each(cases)('%i %s', async (status, error, hint) => {
    kibana.handle(() => kibanaError(status, error, `kibana says ${status}`));
    const result = await runtime.call('get_data_view', { view_id: 'dv' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toBe(`GET /api/data_views/data_view/dv: ${status} ${error}: kibana says ${status}\nHint: ${text.split('\nHint: ')[1]}`);
    expect(text).toMatch(hint);
    expect(text).not.toContain('aWQ6a2V5');
  });

  it('a Kibana that is down', async () => {
    const down = runtimeWith({ client: testClient('http://127.0.0.1:9') });
    const result = await down.call('get_status', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/cannot be reached/);
  });

  it('a Kibana that is too slow', async () => {
    kibana.handle(() => ({ body: {}, delayMs: 1_000 }));
    const slow = runtimeWith({ client: testClient(kibana.url, { timeoutMs: 200 }) });
    const result = await slow.call('get_status', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/did not answer in time/);
  });
});

describe('destructive calls are confirmed through the caller’s channel', () => {
  const channel = (answer: () => Promise<boolean>) => {
    const asked: string[] = [];
    const confirmations: ConfirmationChannel = {
      ask: async (question, subject) => {
        asked.push(`${question.key} ${subject.tool} ${JSON.stringify(subject.args)}: ${question.message}`);
        return answer();
      },
    };
    return { asked, confirmations };
  };
  const deletes = () => kibana.requests.filter((request) => request.method === 'DELETE').length;

  it.each([
    [true, 1, undefined],
    [false, 0, 'Not done: the user did not confirm delete_data_view. Nothing was changed.'],
  ])('answered %s → %i deletes', async (answer, performed, refusal) => {
    kibana.handle(() => ({ body: {} }));
    const { asked, confirmations } = channel(async () => answer);
    const result = await runtime.call('delete_data_view', { view_id: 'dv-1' }, { confirmations });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(
      /^confirm delete_data_view {"view_id":"dv-1"}: Allow ".+" \(delete_data_view\) on view_id "dv-1" in space "default"\? It cannot be undone\.$/,
    );
    expect(deletes()).toBe(performed);
    if (refusal) expect(textOf(result)).toBe(refusal);
    else expect(result.isError).toBeUndefined();
  });

  it('does nothing when the question itself fails', async () => {
    const { confirmations } = channel(() => Promise.reject(new Error('user closed the dialog')));
    const result = await runtime.call('delete_data_view', { view_id: 'dv-1' }, { confirmations });
    expect(textOf(result)).toBe(
      'Not done: the user could not be asked to confirm delete_data_view (user closed the dialog). Nothing was changed.',
    );
    expect(kibana.requests).toHaveLength(0);
  });

  it('auto: runs without asking when the caller cannot be asked', async () => {
    kibana.handle(() => ({ body: {} }));
    expect((await runtime.call('delete_data_view', { view_id: 'dv-1' })).isError).toBeUndefined();
    expect(deletes()).toBe(1);
  });

  it('always: refuses when the caller cannot be asked, and says why', async () => {
    const result = await runtimeWith({ confirmation: 'always' }).call('delete_data_view', { view_id: 'dv-1' });
    expect(textOf(result)).toBe(
      "Not done: delete_data_view needs the user's confirmation and this client cannot be asked (it offers no elicitation); the server refuses such calls (--confirm always). Nothing was changed.",
    );
    expect(kibana.requests).toHaveLength(0);
  });

  it('never: does not ask even a caller who could be asked', async () => {
    kibana.handle(() => ({ body: {} }));
    const { asked, confirmations } = channel(async () => false);
    expect(
      (await runtimeWith({ confirmation: 'never' }).call('delete_data_view', { view_id: 'dv-1' }, { confirmations })).isError,
    ).toBeUndefined();
    expect(asked).toEqual([]);
    expect(deletes()).toBe(1);
  });

  it('are not asked for when the tool is not destructive', async () => {
    kibana.handle(() => ({ body: {} }));
    const { asked, confirmations } = channel(async () => false);
    await runtime.call('get_status', {}, { confirmations });
    expect(asked).toEqual([]);
  });
});

describe('large results', () => {
  it('are cut with a notice naming the arguments that narrow the call', async () => {
    const saved_objects = Array.from({ length: 400 }, (_, i) => ({
      id: `obj-${i}`,
      type: 'dashboard',
      attributes: { title: `Dashboard ${i}` },
    }));
    kibana.handle(() => ({ body: { page: 1, per_page: 400, total: 400, saved_objects } }));
    const result = await runtimeWith({ maxResultChars: 5_000 }).call('find_saved_objects', { type: 'dashboard' });
    const [data, notice] = result.content.map((part) => part.text);
    expect(data!.length).toBeLessThanOrEqual(5_000);
    expect(notice).toMatch(/^Truncated: showing \d+ of 400 items of "saved_objects"/);
    expect(notice).toMatch(/"per_page"/);
  });
});
