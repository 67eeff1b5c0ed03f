// call_kibana_api through an in-process runtime against a recording Kibana: what reaches Kibana (headers,
// spaces, bodies), how answers come back (ndjson, limits, compact writes, hints), confirmations, and the
// refusals, after which nothing reaches Kibana at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Handler, kibanaError, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { KibanaVersion } from '../../src/tools/kibana-version.js';
import type { ConfirmationChannel, ConfirmationQuestion } from '../../src/tools/runtime/confirmation.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { Tool } from '../../src/tools/runtime/tool.js';
import type { Tier } from '../../src/tools/spec.js';
import { apiTools } from '../../src/tools/tasks/api.js';
import { testRuntime, textOf } from '../support/runtime.js';

let kibana: RecordingKibana;
let answer: Handler;
beforeAll(async () => {
  kibana = await startRecordingKibana((request, res, req) => answer(request, res, req));
});
afterAll(() => kibana.stop());
beforeEach(() => {
  kibana.requests.length = 0;
  answer = () => ({ body: { ok: true } });
});

interface Setup {
  tier?: Tier;
  allowInternal?: boolean;
  version?: string;
  maxResultChars?: number;
  defaultSpace?: string;
  servedTools?: string[];
}

/** The tools of each configuration, made once: their catalogue loads once per version, as in a server. */
const toolsOf = new Map<string, Tool[]>();

function toolsFor(tier: Tier, allowInternal: boolean, servedTools: string[] | undefined): Tool[] {
  const key = JSON.stringify([tier, allowInternal, servedTools]);
  let tools = toolsOf.get(key);
  if (!tools) {
    tools = apiTools({ tier, allowInternal, ...(servedTools ? { servedTools: () => new Set(servedTools) } : {}) });
    toolsOf.set(key, tools);
  }
  return tools;
}

function runtime({ tier = 'destructive', allowInternal = false, version = '8.18.2', ...options }: Setup = {}): ToolRuntime {
  const known = version === 'unknown' ? undefined : version;
  return testRuntime(kibana.url, {
    tools: toolsFor(tier, allowInternal, options.servedTools),
    kibanaVersion: new KibanaVersion(async () => ({ failure: 'not asked' }), known),
    ...(options.maxResultChars ? { maxResultChars: options.maxResultChars } : {}),
    ...(options.defaultSpace ? { defaultSpace: options.defaultSpace } : {}),
  });
}

const call = (args: Record<string, unknown>, setup?: Setup, invocation = {}) => runtime(setup).call('call_kibana_api', args, invocation);

describe('call_kibana_api: what reaches Kibana', () => {
  it('sends a write with kbn-xsrf and the query as given, a read without kbn-xsrf', async () => {
    await call({ method: 'GET', path: '/api/saved_objects/_find', query: { type: 'dashboard', per_page: 5 } });
    await call({ method: 'POST', path: '/api/alerting/rule/{id}/_disable', path_params: { id: 'r 1' } });
    const [read, write] = kibana.requests;
    expect(read).toMatchObject({ method: 'GET', url: '/api/saved_objects/_find?type=dashboard&per_page=5' });
    expect(read!.headers['kbn-xsrf']).toBeUndefined();
    expect(write).toMatchObject({ method: 'POST', path: '/api/alerting/rule/r%201/_disable' });
    expect(write!.headers['kbn-xsrf']).toBe('true');
  });

  it('sends the operation’s fixed headers (elastic-api-version) and an Accept for what it answers', async () => {
    answer = () => ({
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{"id":"a","type":"dashboard"}\n{"exportedCount":1,"missingRefCount":0}\n',
    });
    const exported = await call({ method: 'POST', path: '/api/saved_objects/_export', body: { type: ['dashboard'] } });
    expect(kibana.requests[0]!.headers.accept).toBe('application/x-ndjson, application/json');
    // ndjson comes back counted, its closing summary apart.
    expect(JSON.parse(textOf(exported))).toEqual({
      count: 1,
      details: { exportedCount: 1, missingRefCount: 0 },
      items: [{ id: 'a', type: 'dashboard' }],
    });
    answer = () => ({ body: {} });
    const body = { service_name: 'web', service_version: '1.0', bundle_filepath: '/main.js', sourcemap: '{"version":3}' };
    await call({ method: 'POST', path: '/api/apm/sourcemaps', body });
    expect(kibana.requests[1]!.headers['elastic-api-version']).toBe('2023-10-31');
  });

  it('prefixes /s/<space> on space-aware operations only, with the configured space by default', async () => {
    await call({ method: 'GET', path: '/api/data_views', space_id: 'marketing' });
    await call({ method: 'GET', path: '/s/sales/api/data_views' });
    await call({ method: 'GET', path: '/api/data_views' }, { defaultSpace: 'ops' });
    await call({ method: 'GET', path: '/api/security/role' }, { defaultSpace: 'ops' });
    expect(kibana.requests.map((request) => request.path)).toEqual([
      '/s/marketing/api/data_views',
      '/s/sales/api/data_views',
      '/s/ops/api/data_views',
      '/api/security/role',
    ]);
  });

  it('refuses a write into a space that does not exist, and sends nothing but the check', async () => {
    answer = (request) =>
      request.path === '/api/spaces/space/ghost' ? kibanaError(404, 'Not Found', 'Saved object [space/ghost] not found') : { body: [] };
    const result = await call({ method: 'POST', path: '/api/alerting/rule/{id}/_disable', path_params: { id: 'r1' }, space_id: 'ghost' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Space "ghost" does not exist, so nothing was written/);
    expect(kibana.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/spaces/space/ghost',
      'GET /api/spaces/space',
    ]);
  });

  it('builds a multipart body: a file from an array as ndjson lines, other fields as text', async () => {
    const objects = [{ type: 'index-pattern', id: 'logs', attributes: { title: 'logs-*' } }];
    await call({ method: 'POST', path: '/api/saved_objects/_import', query: { overwrite: true }, body: { file: objects } });
    const [sent] = kibana.requests;
    expect(sent!.url).toBe('/api/saved_objects/_import?overwrite=true');
    expect(sent!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent!.body).toContain('name="file"; filename="file.ndjson"');
    expect(sent!.body).toContain(`${JSON.stringify(objects[0])}\n`);
  });

  it('sends a path given filled in, or as a template with path_params, each value one encoded segment', async () => {
    await call({ method: 'GET', path: '/api/fleet/agents/a%2Bb' }, { version: '9.3.0' });
    await call({ method: 'GET', path: '/api/fleet/agents/{agentId}', path_params: { agentId: 'é x' } }, { version: '9.3.0' });
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/fleet/agents/a%2Bb', '/api/fleet/agents/%C3%A9%20x']);
  });

  it('sends the internal-origin header on an /internal/ operation of the catalogue when the operator allows them', async () => {
    await call({ method: 'GET', path: '/internal/observability/slos/_definitions' }, { allowInternal: true, version: '9.3.0' });
    expect(kibana.requests[0]!.headers['x-elastic-internal-origin']).toBe('kibana');
  });
});

describe('call_kibana_api: answers', () => {
  it('answers a write compactly unless full, and a read whole', async () => {
    const created = {
      id: 'c1',
      title: 'Outage',
      version: 'WzEsMV0=',
      comments: [],
      description: 'x'.repeat(2_000),
      settings: { syncAlerts: true },
    };
    answer = () => ({ body: created });
    const body = {
      title: 'Outage',
      description: 'x',
      tags: [],
      owner: 'cases',
      settings: { syncAlerts: true },
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
    };
    const compact = await call({ method: 'POST', path: '/api/cases', body });
    expect(JSON.parse(textOf(compact).split('\n')[0]!)).toMatchObject({ id: 'c1', title: 'Outage', version: 'WzEsMV0=' });
    expect(textOf(compact)).not.toContain('x'.repeat(2_000));
    expect(textOf(await call({ method: 'POST', path: '/api/cases', body, full: true }))).toContain('x'.repeat(2_000));
    expect(textOf(await call({ method: 'GET', path: '/api/cases/{caseId}', path_params: { caseId: 'c1' } }))).toContain('x'.repeat(2_000));
  });

  it('cuts a long answer to the result limit and says how to narrow the call', async () => {
    answer = () => ({
      body: { saved_objects: Array.from({ length: 500 }, (_, i) => ({ id: `object-${i}`, type: 'dashboard' })), total: 500 },
    });
    const result = await call({ method: 'GET', path: '/api/saved_objects/_find', query: { type: 'dashboard' } }, { maxResultChars: 2_000 });
    expect(textOf(result)).toMatch(/Truncated: showing \d+ of 500 items of "saved_objects".*Narrow the call with "query"/s);
  });

  it('answers a failure with Kibana’s message and a hint that fits the call', async () => {
    answer = () => kibanaError(404, 'Not Found', 'Agent abc not found');
    const missing = await call({ method: 'GET', path: '/api/fleet/agents/abc' }, { version: '9.3.0' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/Agent abc not found.*\nHint: Check the id and the space/s);
    answer = () => kibanaError(409, 'Conflict', 'Space already exists');
    expect(textOf(await call({ method: 'POST', path: '/api/spaces/space', body: { id: 'a', name: 'A' } }))).toMatch(
      /Hint: An object with this id already exists/,
    );
  });
});

describe('call_kibana_api: confirmation of destructive calls', () => {
  const channel = (approve: boolean, asked: ConfirmationQuestion[]): ConfirmationChannel => ({
    ask: async (question) => {
      asked.push(question);
      return approve;
    },
  });

  it('asks before a destructive call, naming what it acts on and the space; a declined one sends nothing', async () => {
    const asked: ConfirmationQuestion[] = [];
    const args = { method: 'DELETE', path: '/api/cases', query: { ids: ['c1'] }, space_id: 'ops' };
    answer = (request) => (request.path === '/api/spaces/space/ops' ? { body: { id: 'ops' } } : { status: 204 });
    const declined = await call(args, {}, { confirmations: channel(false, asked) });
    expect(textOf(declined)).toMatch(/^Not done: the user did not confirm call_kibana_api/);
    expect(asked[0]!.message).toBe(
      'Allow "Delete cases" (call_kibana_api DELETE /api/cases) on query {"ids":["c1"]} in space "ops"? It cannot be undone.',
    );
    expect(kibana.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
    await call(args, {}, { confirmations: channel(true, asked) });
    expect(kibana.requests.filter((request) => request.method === 'DELETE').map((request) => request.url)).toEqual([
      '/s/ops/api/cases?ids=c1',
    ]);
  });
});

describe('call_kibana_api: refusals, after which nothing reaches Kibana', () => {
  it.each([
    [
      'a call above the tier',
      { method: 'POST', path: '/api/cases', body: {} },
      { tier: 'read' as Tier },
      /^Not sent: POST \/api\/cases is a write operation and this server runs at tier read\. It needs tier write/,
    ],
    [
      'a delete at tier write',
      { method: 'DELETE', path: '/api/cases', query: { ids: ['a'] } },
      { tier: 'write' as Tier },
      /It needs tier destructive/,
    ],
    [
      'a path outside the catalogue',
      { method: 'GET', path: '/api/no/such/thing' },
      {},
      /^Not sent: GET \/api\/no\/such\/thing is not an operation of the connected Kibana/,
    ],
    ['a method the path does not take', { method: 'PATCH', path: '/api/data_views' }, {}, /This path takes: GET/],
    [
      'an /internal/ path',
      { method: 'GET', path: '/internal/observability/slos/_definitions' },
      { version: '9.3.0' },
      /\/internal\/ paths are Kibana's own/,
    ],
    [
      'an /internal/ path not in the catalogue, even when allowed',
      { method: 'GET', path: '/internal/security/me' },
      { allowInternal: true },
      /is not an operation of the connected Kibana/,
    ],
    [
      'a dot segment',
      { method: 'GET', path: '/api/fleet/agents/../agent_policies' },
      {},
      /has a segment "\.\." that is "\.\.", which would move to another path/,
    ],
    ['an encoded slash', { method: 'GET', path: '/api/fleet/agents/a%2Fb' }, {}, /contains a slash/],
    ['an encoded slash encoded twice', { method: 'GET', path: '/api/fleet/agents/a%252Fb' }, {}, /percent-encoded separator/],
    ['a query string in the path', { method: 'GET', path: '/api/fleet/agents?perPage=1' }, {}, /put query parameters in query/],
    [
      'a query string in a path value',
      { method: 'GET', path: '/api/fleet/agents/{agentId}', path_params: { agentId: 'a?b=c' } },
      { version: '9.3.0' },
      /path_params\.agentId contains "\?" or "#"/,
    ],
    [
      'a slash in a path value',
      { method: 'GET', path: '/api/fleet/agents/{agentId}', path_params: { agentId: '../x' } },
      { version: '9.3.0' },
      /path_params\.agentId contains a slash/,
    ],
    ['a full URL', { method: 'GET', path: 'https://evil.example/api/status' }, {}, /is a URL/],
    [
      'a space on a global operation',
      { method: 'GET', path: '/api/security/role', space_id: 'ops' },
      {},
      /is global to Kibana, not in a space/,
    ],
    ['two spaces that disagree', { method: 'GET', path: '/s/a/api/data_views', space_id: 'b' }, {}, /the call names two spaces/],
    [
      'an unknown query parameter',
      { method: 'GET', path: '/api/saved_objects/_find', query: { type: 'x', nope: 1 } },
      {},
      /query\.nope: unknown field/,
    ],
    ['a body an operation does not take', { method: 'GET', path: '/api/data_views', body: {} }, {}, /unknown argument "body"/],
  ])('%s', async (_, args, setup, message) => {
    const result = await call(args, setup);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(kibana.requests).toEqual([]);
  });

  it('a body that fails validation, with a message per bad field', async () => {
    const result = await call({ method: 'POST', path: '/api/cases', body: { title: 7, owner: 'nobody', tags: [] } });
    expect(textOf(result)).toBe(
      [
        'Not sent: invalid arguments for POST /api/cases:',
        'body.connector: missing required field',
        'body.description: missing required field',
        'body.owner: expected one of "cases", "observability", "securitySolution"',
        'body.settings: missing required field',
        'body.title: expected string, got number',
      ].join('\n'),
    );
    expect(kibana.requests).toEqual([]);
  });

  it('a required body left out', async () => {
    expect(textOf(await call({ method: 'POST', path: '/api/cases' }))).toMatch(/missing required argument "body"/);
    expect(kibana.requests).toEqual([]);
  });
});

describe('call_kibana_api follows the connected Kibana’s version', () => {
  it('serves the operations of that version: the 9.4 dashboards API on 9.4, not on 8.18', async () => {
    expect(textOf(await call({ method: 'GET', path: '/api/dashboards' }, { version: '8.18.2' }))).toMatch(
      /is not an operation of the connected Kibana/,
    );
    await call({ method: 'GET', path: '/api/dashboards' }, { version: '9.4.0' });
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/dashboards']);
  });

  it('serves every version’s operations while the version is not known', async () => {
    await call({ method: 'GET', path: '/api/dashboards' }, { version: 'unknown' });
    await call({ method: 'GET', path: '/api/dashboards/dashboard' }, { version: 'unknown' });
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/dashboards', '/api/dashboards/dashboard']);
  });
});

describe('search_kibana_api in a server', () => {
  it('offers a curated tool as use_instead only when the server serves it', async () => {
    const search = async (servedTools: string[]) =>
      JSON.parse(textOf(await runtime({ servedTools }).call('search_kibana_api', { query: 'list data views' }))) as {
        operations: Array<{ path: string; use_instead?: string }>;
      };
    const served = await search(['list_data_views']);
    expect(served.operations.find((hit) => hit.path === '/api/data_views')?.use_instead).toBe('list_data_views');
    const unserved = await search([]);
    expect(unserved.operations.find((hit) => hit.path === '/api/data_views')).not.toHaveProperty('use_instead');
  });
});
