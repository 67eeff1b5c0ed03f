import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadSelectedTools } from '../../src/tools/registry.js';
import { servedSelection } from '../../src/tools/served-tools.js';
import { servedCatalog } from '../../src/tools/tasks/catalog.js';
import * as tasks from '../../src/tools/tasks/index.js';
import { spawn } from 'node:child_process';
import { CLI, connectStdio, serverEnv, textOf, type StdioPeer } from '../../harness/mcp-peers.js';
import { startRecordingKibana, type RecordingKibana } from '../../harness/recording-kibana.js';

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

// Every tool the server can serve, generated and hand-written.
const catalog = servedCatalog(generated, tasks);
/** What a default start lists on Kibana 8.18.2: the default toolsets at the default tier. */
const defaultTools = servedSelection(await loadSelectedTools(catalog, { tier: 'write' }), '8.18.2');

// The real path over stdio, once: the process, the SDK client, a Kibana on loopback. What a call
// maps to, refuses and answers is tested in-process (test/tools/, test/server/).
describe('over stdio', () => {
  it('lists the default tools and calls them with the configured credentials and space', async () => {
    kibana.handle((request) => ({ body: request.path === '/api/status' ? { version: { number: '8.18.2' } } : { id: 'x' } }));
    const { client } = await connect([], { KIBANA_SPACE: 'marketing' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(defaultTools.map((tool) => tool.name));
    expect(client.getInstructions()).toMatch(/use "marketing" when it is omitted/);

    const status = await client.callTool({ name: 'get_status', arguments: {} });
    expect(status.content).toEqual([{ type: 'text', text: '{"version":{"number":"8.18.2"}}' }]);
    const created = await client.callTool({ name: 'create_data_view', arguments: { data_view: { title: 'logs-*' } } });
    expect(created.isError).toBeFalsy();
    expect(kibana.requests.map((request) => `${request.method} ${request.path} ${request.headers.authorization}`)).toEqual([
      'GET /api/status ApiKey aWQ6a2V5', // the start-up probe of the version, before tools/list
      'GET /api/status ApiKey aWQ6a2V5',
      'GET /api/spaces/space/marketing ApiKey aWQ6a2V5',
      'POST /s/marketing/api/data_views/data_view ApiKey aWQ6a2V5',
    ]);
  });

  it('asks the user to confirm a destructive call, through the client, before it is sent', async () => {
    kibana.handle(() => ({ body: {} }));
    const peer = await connect(
      ['--tier', 'destructive', '--kibana-version', '8.18.2'],
      {},
      { capabilities: { elicitation: { form: {} } } },
    );
    const asked: string[] = [];
    peer.client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      expect(kibana.requests).toHaveLength(0);
      return { action: 'accept', content: { confirm: true } };
    });
    const result = await peer.client.callTool({ name: 'delete_data_view', arguments: { view_id: 'dv-1' } });
    expect(result.isError).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(kibana.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['DELETE /api/data_views/data_view/dv-1']);
  });
});

describe('shutdown over stdio', () => {
  it('SIGTERM lets the call under way finish and answer', async () => {
    kibana.handle(() => ({ body: { version: { number: 'slow' } }, delayMs: 800 }));
    const peer = await connect(['--kibana-version', '8.18.2'], { KIBANA_MCP_LOG_LEVEL: 'info' });
    const call = peer.client.callTool({ name: 'get_status', arguments: {} });
    await expect.poll(() => kibana.requests.length, { timeout: 10_000 }).toBe(1);
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

const ENVELOPE = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
const OPENINGS = {
  '2025-06-18': [
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } },
    },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_status', arguments: {} } },
  ],
  '2026-07-28': [
    { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: ENVELOPE } },
    { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_status', arguments: {}, _meta: ENVELOPE } },
  ],
};

describe.each(Object.keys(OPENINGS) as Array<keyof typeof OPENINGS>)('a %s client that sends its calls and closes stdin at once', (era) => {
  it('still gets every answer before the server exits', async () => {
    kibana.handle(() => ({ body: { version: { number: 'late' } }, delayMs: 500 }));
    const child = spawn(process.execPath, [CLI], { env: serverEnv(env()), stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stdin.end(OPENINGS[era].map((message) => JSON.stringify(message)).join('\n') + '\n');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const call = answers.find((answer) => answer.id === 2);
    expect(call?.result?.content).toEqual([{ type: 'text', text: '{"version":{"number":"late"}}' }]);
  });
});
