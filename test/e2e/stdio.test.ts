import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { ALL_TOOLS as allTools, toolsets } from '../support/tools.js';
import { connectStdio, textOf, type StdioPeer } from './support/mcp-peers.js';
import { kibanaError, startRecordingKibana, type RecordedRequest, type RecordingKibana } from './support/recording-kibana.js';

let kibana: RecordingKibana;
const peers: StdioPeer[] = [];

beforeAll(async () => {
  kibana = await startRecordingKibana();
});
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  kibana.requests.length = 0;
});
afterAll(() => kibana.stop());

const env = () => ({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'aWQ6a2V5', KIBANA_RETRIES: '0' });

async function connect(args: string[] = [], extraEnv: Record<string, string> = {}, options = {}): Promise<StdioPeer> {
  const peer = await connectStdio(args, { ...env(), ...extraEnv }, options);
  peers.push(peer);
  return peer;
}

const defaultToolsets = new Set(toolsets.filter((toolset) => toolset.default).map((toolset) => toolset.id));

describe('tools/list as configured', () => {
  it('defaults to the default toolsets at tier write', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    const expected = allTools.filter((tool) => defaultToolsets.has(tool.toolset) && tool.tier !== 'destructive').map((tool) => tool.name);
    expect(tools.map((tool) => tool.name).sort()).toEqual(expected.sort());
    expect(tools.some((tool) => tool.name.startsWith('delete_'))).toBe(false);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations).toEqual(allTools.find((spec) => spec.name === tool.name)!.annotations);
    }
  });

  it('--tier read leaves only read-only tools', async () => {
    const { client } = await connect(['--tier', 'read']);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(5);
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('--toolsets all --tier destructive exposes every tool', async () => {
    const { client } = await connect(['--toolsets', 'all', '--tier', 'destructive']);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(allTools.length);
  });

  it('--include and --exclude by name', async () => {
    const { client } = await connect(['--toolsets', 'platform', '--include', 'find_cases', '--exclude', 'get_task_manager_health']);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['find_cases', 'get_status']);
  });

  it('gives instructions on spaces, tiers and narrowing', async () => {
    const { client } = await connect();
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toMatch(/space_id/);
    expect(instructions).toMatch(/Tiers/);
    expect(instructions).toMatch(/per_page/);
  });
});

describe('tools/call reaches Kibana with the right request', () => {
  it('sends auth, user-agent and no kbn-xsrf on a GET', async () => {
    kibana.handle(() => ({ body: { version: { number: '8.18.2' } } }));
    const { client } = await connect();
    const result = await client.callTool({ name: 'get_status', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result))).toEqual({ version: { number: '8.18.2' } });
    expect(result.structuredContent).toEqual({ version: { number: '8.18.2' } });
    const [request] = kibana.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/api/status' });
    expect(request!.headers.authorization).toBe('ApiKey aWQ6a2V5');
    expect(request!.headers['user-agent']).toMatch(/^kibana-mcp\/\d+\.\d+\.\d+/);
    expect(request!.headers['kbn-xsrf']).toBeUndefined();
  });

  it('checks the space exists, then writes under /s/{space} with kbn-xsrf and the JSON body', async () => {
    kibana.handle((request) => ({ body: request.path.startsWith('/api/spaces/') ? { id: 'marketing' } : { data_view: { id: 'dv1' } } }));
    const { client } = await connect();
    const result = await client.callTool({
      name: 'create_data_view',
      arguments: { space_id: 'marketing', data_view: { title: 'logs-*', name: 'Logs' } },
    });
    expect(result.isError).toBeFalsy();
    const [spaceCheck, write] = kibana.requests;
    expect(spaceCheck).toMatchObject({ method: 'GET', path: '/api/spaces/space/marketing' });
    expect(write).toMatchObject({ method: 'POST', path: '/s/marketing/api/data_views/data_view' });
    expect(write!.headers['kbn-xsrf']).toBe('true');
    expect(write!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(write!.body)).toEqual({ data_view: { title: 'logs-*', name: 'Logs' } });
  });

  it('uses the configured default space and skips the check for "default"', async () => {
    kibana.handle(() => ({ body: { data_view: [] } }));
    const { client } = await connect([], { KIBANA_SPACE: 'security' });
    await client.callTool({ name: 'list_data_views', arguments: {} });
    await client.callTool({ name: 'list_data_views', arguments: { space_id: 'default' } });
    expect(kibana.requests.map((request) => request.path)).toEqual(['/s/security/api/data_views', '/api/data_views']);
  });

  it('refuses a write into a space that does not exist, before it reaches Kibana', async () => {
    kibana.handle((request) =>
      request.path.startsWith('/api/spaces/') ? kibanaError(404, 'Not Found', 'Saved object [space/nope] not found') : { body: {} },
    );
    const { client } = await connect();
    const result = await client.callTool({ name: 'create_data_view', arguments: { space_id: 'nope', data_view: { title: 'x-*' } } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Space "nope" does not exist, so nothing was written/);
    expect(kibana.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/spaces/space/nope']);
  });

  it('never sends the space prefix on space-agnostic APIs', async () => {
    kibana.handle(() => ({ body: [] }));
    const { client } = await connect([], { KIBANA_SPACE: 'security' });
    await client.callTool({ name: 'list_spaces', arguments: {} });
    expect(kibana.requests[0]!.path).toBe('/api/spaces/space');
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'list_spaces')!.inputSchema.properties).not.toHaveProperty('space_id');
  });

  it('encodes path values so they stay one segment', async () => {
    kibana.handle(() => ({ body: {} }));
    const { client } = await connect();
    await client.callTool({ name: 'get_data_view', arguments: { view_id: '../../api/security/role' } });
    expect(kibana.requests[0]!.url).toBe('/api/data_views/data_view/..%2F..%2Fapi%2Fsecurity%2Frole');
  });
});

describe('operations newer Kibanas no longer have', () => {
  const dashboardsOn = (version: string) => (request: RecordedRequest) =>
    request.path === '/api/status' ? { body: { version: { number: version } } } : { body: { dashboards: [] } };

  it('are refused, not sent, on a Kibana at or past the version that replaced them', async () => {
    kibana.handle(dashboardsOn('9.4.1'));
    const { client } = await connect(['--toolsets', 'dashboards']);
    const result = await client.callTool({ name: 'list_dashboards', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "Not sent: Kibana 9.4.1 no longer has this API (GET /api/dashboards/dashboard was replaced in 9.4.0). The tool's description names what to use instead.",
    );
    await client.callTool({ name: 'list_dashboards', arguments: {} });
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/status']);
  });

  it('are sent on an older Kibana, and other tools never ask for the version', async () => {
    kibana.handle(dashboardsOn('8.18.2'));
    const { client } = await connect(['--toolsets', 'dashboards,data_views']);
    await client.callTool({ name: 'list_data_views', arguments: {} });
    const result = await client.callTool({ name: 'list_dashboards', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/data_views', '/api/status', '/api/dashboards/dashboard']);
  });
});

describe('invalid arguments are refused with field-level messages', () => {
  it('names a missing required argument, a wrong type and an unknown argument', async () => {
    const { client } = await connect();
    const missing = await client.callTool({ name: 'get_data_view', arguments: {} });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/view_id/);
    const wrongType = await client.callTool({ name: 'get_data_view', arguments: { view_id: { id: 42 } } });
    expect(textOf(wrongType)).toMatch(/view_id: expected string, got object/);
    const unknown = await client.callTool({ name: 'get_data_view', arguments: { view_id: 'a', colour: 'red' } });
    expect(textOf(unknown)).toMatch(/unknown argument "colour"/);
    expect(kibana.requests).toHaveLength(0);
  });

  it('answers an unknown tool with a protocol error', async () => {
    const { client } = await connect();
    await expect(client.callTool({ name: 'drop_everything', arguments: {} })).rejects.toThrow(/Unknown tool "drop_everything"/);
  });
});

describe('Kibana errors become isError results with a hint', () => {
  const cases: Array<[number, string, RegExp]> = [
    [401, 'Unauthorized', /credentials were rejected or have expired/],
    [403, 'Forbidden', /lack the privilege/],
    [404, 'Not Found', /Check the id and the space/],
    [409, 'Conflict', /already exists.*use the update tool/],
    [429, 'Too Many Requests', /rate limiting/],
    [500, 'Internal Server Error', /failed while handling the call/],
  ];
  for (const [status, error, hint] of cases) {
    it(`${status} ${error}`, async () => {
      kibana.handle(() => kibanaError(status, error, `kibana says ${status}`));
      const { client } = await connect();
      const result = await client.callTool({ name: 'get_data_view', arguments: { view_id: 'dv' } });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toContain(String(status));
      expect(text).toContain(`kibana says ${status}`);
      expect(text).toMatch(hint);
      expect(text).not.toContain('aWQ6a2V5');
    });
  }

  it('a Kibana that is down', async () => {
    const { client } = await connect([], { KIBANA_URL: 'http://127.0.0.1:9' });
    const result = await client.callTool({ name: 'get_status', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/cannot be reached/);
  });

  it('a Kibana that is too slow', async () => {
    kibana.handle(() => ({ body: {}, delayMs: 2_000 }));
    const { client } = await connect(['--timeout', '300']);
    const result = await client.callTool({ name: 'get_status', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/did not answer in time/);
  });
});

describe('destructive calls ask the user when the client can be asked', () => {
  const deleteArgs = { view_id: 'dv-1' };
  const isDelete = (request: RecordedRequest) => request.method === 'DELETE';

  for (const [answer, performed] of [
    [{ action: 'accept', content: { confirm: true } }, true],
    [{ action: 'accept', content: { confirm: false } }, false],
    [{ action: 'decline' }, false],
  ] as const) {
    it(`${JSON.stringify(answer)} → ${performed ? 'deleted' : 'nothing deleted'}`, async () => {
      kibana.handle(() => ({ status: 200, body: {} }));
      const peer = await connect(['--tier', 'destructive'], {}, { capabilities: { elicitation: { form: {} } } });
      const asked: string[] = [];
      peer.client.setRequestHandler(ElicitRequestSchema, async (request) => {
        asked.push(request.params.message);
        return answer;
      });
      const result = await peer.client.callTool({ name: 'delete_data_view', arguments: deleteArgs });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(/delete_data_view.*dv-1/);
      expect(kibana.requests.some(isDelete)).toBe(performed);
      expect(result.isError ?? false).toBe(!performed);
    });
  }

  it('does nothing when the question itself fails', async () => {
    kibana.handle(() => ({ status: 200, body: {} }));
    const peer = await connect(['--tier', 'destructive'], {}, { capabilities: { elicitation: { form: {} } } });
    peer.client.setRequestHandler(ElicitRequestSchema, async () => {
      throw new Error('user closed the dialog');
    });
    const result = await peer.client.callTool({ name: 'delete_data_view', arguments: deleteArgs });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Not done: the user could not be asked to confirm delete_data_view \(.*user closed the dialog.*\)\. Nothing was changed\.$/,
    );
    expect(kibana.requests.some(isDelete)).toBe(false);
  });

  it('proceeds without asking when the client has no elicitation', async () => {
    kibana.handle(() => ({ status: 200, body: {} }));
    const { client } = await connect(['--tier', 'destructive']);
    const result = await client.callTool({ name: 'delete_data_view', arguments: deleteArgs });
    expect(result.isError).toBeFalsy();
    expect(kibana.requests.filter(isDelete)).toHaveLength(1);
  });
});

describe('large results', () => {
  it('are cut with a notice naming the arguments that narrow the call', async () => {
    const saved_objects = Array.from({ length: 400 }, (_, i) => ({
      id: `obj-${i}`,
      type: 'dashboard',
      attributes: { title: `Dashboard number ${i}` },
    }));
    kibana.handle(() => ({ body: { page: 1, per_page: 400, total: 400, saved_objects } }));
    const { client } = await connect(['--max-result-chars', '5000']);
    const result = await client.callTool({ name: 'find_saved_objects', arguments: { type: 'dashboard' } });
    const [data, notice] = (result.content as Array<{ text: string }>).map((part) => part.text);
    expect(data!.length).toBeLessThanOrEqual(5000);
    expect(notice).toMatch(/^Truncated: showing \d+ of 400 items of "saved_objects"/);
    expect(notice).toMatch(/"per_page"/);
  });
});

describe('shutdown over stdio', () => {
  it('SIGTERM lets the call under way finish and answer', async () => {
    kibana.handle(() => ({ body: { version: { number: 'slow' } }, delayMs: 800 }));
    const peer = await connect([], { KIBANA_MCP_LOG_LEVEL: 'info' });
    const call = peer.client.callTool({ name: 'get_status', arguments: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(peer.pid, 'SIGTERM');
    expect(JSON.parse(textOf(await call))).toEqual({ version: { number: 'slow' } });
    await expect.poll(() => peer.stderr(), { timeout: 5_000 }).toMatch(/stopped/);
  });

  it('ends when the client closes stdin', async () => {
    const peer = await connect([], { KIBANA_MCP_LOG_LEVEL: 'info' });
    // The SDK client ends stdin, then sends SIGTERM if the server is still there after 2 s.
    await peer.client.close();
    expect(peer.stderr()).toMatch(/stopped/);
    expect(peer.stderr()).not.toMatch(/SIGTERM/);
  });
});

describe('a client that sends its calls and closes stdin at once', () => {
  it('still gets every answer before the server exits', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI, serverEnv } = await import('./support/mcp-peers.js');
    kibana.handle(() => ({ body: { version: { number: 'late' } }, delayMs: 500 }));
    const child = spawn(process.execPath, [CLI], { env: serverEnv(env()), stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const messages = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_status', arguments: {} } },
    ];
    child.stdin.end(messages.map((message) => JSON.stringify(message)).join('\n') + '\n');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const call = answers.find((answer) => answer.id === 2);
    expect(call?.result?.structuredContent).toEqual({ version: { number: 'late' } });
  });
});

describe('malformed tools/call requests', () => {
  it('are answered with -32602 Invalid params, and the server keeps serving', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI, serverEnv } = await import('./support/mcp-peers.js');
    kibana.handle(() => ({ body: { version: { number: '8.18.2' } } }));
    const child = spawn(process.execPath, [CLI], { env: serverEnv(env()), stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const calls = [{ name: 'get_status', arguments: null }, { name: 123 }, undefined, { name: 'get_status', arguments: [] }];
    const messages = [
      {
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      ...calls.map((params, index) => ({
        jsonrpc: '2.0',
        id: index + 1,
        method: 'tools/call',
        ...(params === undefined ? {} : { params }),
      })),
      { jsonrpc: '2.0', id: 99, method: 'tools/call', params: { name: 'get_status', arguments: {} } },
    ];
    child.stdin.end(messages.map((message) => JSON.stringify(message)).join('\n') + '\n');
    await new Promise((resolve) => child.once('exit', resolve));
    const answers = new Map(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map((answer) => [answer.id, answer]),
    );
    for (let id = 1; id <= calls.length; id += 1) expect(answers.get(id)?.error?.code, `call ${id}`).toBe(-32602);
    expect(answers.get(99)?.result?.structuredContent).toEqual({ version: { number: '8.18.2' } });
  });
});
