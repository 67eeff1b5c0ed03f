import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttp, startHttpServer, textOf, type HttpServerProcess } from './support/mcp-peers.js';
import { startRecordingKibana, type RecordingKibana } from './support/recording-kibana.js';

const TOKEN = 'mcp-test-token-0123456789';
let kibana: RecordingKibana;

beforeAll(async () => {
  kibana = await startRecordingKibana((request) => ({
    body: request.path.startsWith('/api/spaces/space/') ? { id: 'x' } : { version: { number: '8.18.2' } },
  }));
});
afterAll(() => kibana.stop());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP call, so that Host and Origin can be whatever a hostile page would send. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('HTTP with a bearer token', () => {
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer([], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'c2VydmVyOmtleQ==', MCP_HTTP_TOKEN: TOKEN });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('serves tools/list and tools/call to a client with the token, using the server credentials', async () => {
    const client = await connectHttp(server.url, { authorization: `Bearer ${TOKEN}` });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('get_status');
    kibana.requests.length = 0;
    const result = await client.callTool({ name: 'get_status', arguments: {} });
    expect(JSON.parse(textOf(result))).toEqual({ version: { number: '8.18.2' } });
    expect(kibana.requests[0]!.headers.authorization).toBe('ApiKey c2VydmVyOmtleQ==');
    await client.close();
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const missing = await raw(server.url, { headers: MCP_HEADERS, body: INITIALIZE });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const wrong = await raw(server.url, { headers: { ...MCP_HEADERS, authorization: 'Bearer nope' }, body: INITIALIZE });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.message).toBe('Unauthorized: wrong bearer token');
    await expect(connectHttp(server.url)).rejects.toThrow();
  });

  it('refuses a foreign Host or Origin with 403 even with the token', async () => {
    const headers = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };
    const badHost = await raw(server.url, { headers: { ...headers, host: 'evil.example.com' }, body: INITIALIZE });
    expect(badHost.status).toBe(403);
    const badOrigin = await raw(server.url, { headers: { ...headers, origin: 'http://evil.example.com' }, body: INITIALIZE });
    expect(badOrigin.status).toBe(403);
    const goodOrigin = await raw(server.url, { headers: { ...headers, origin: new URL(server.url).origin }, body: INITIALIZE });
    expect(goodOrigin.status).toBe(200);
  });

  it('answers GET /mcp with 405, /healthz with 200, anything else with 404', async () => {
    const get = await raw(server.url, { method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const health = await raw(server.url.replace('/mcp', '/healthz'), { method: 'GET' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    expect((await raw(server.url.replace('/mcp', '/other'), { method: 'GET' })).status).toBe(404);
  });

  it('answers in plain JSON, not an event stream', async () => {
    const response = await raw(server.url, { headers: { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` }, body: INITIALIZE });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body).result.serverInfo.name).toBe('kibana-mcp');
  });

  it('answers invalid JSON with a parse error', async () => {
    const response = await raw(server.url, { headers: { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` }, body: '{not json' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe(-32700);
  });
});

describe('HTTP passthrough', () => {
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer(['--passthrough-auth'], { KIBANA_URL: kibana.url });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("forwards each caller's own credentials and nobody else's", async () => {
    const alice = await connectHttp(server.url, { authorization: 'ApiKey YWxpY2U6a2V5' });
    const bob = await connectHttp(server.url, { authorization: 'Basic Ym9iOnB3' });
    kibana.requests.length = 0;
    await alice.callTool({ name: 'get_status', arguments: {} });
    await bob.callTool({ name: 'list_data_views', arguments: { space_id: 'marketing' } });
    await alice.callTool({ name: 'create_data_view', arguments: { space_id: 'marketing', data_view: { title: 'a-*' } } });
    const seen = kibana.requests.map((request) => `${request.method} ${request.path} ${request.headers.authorization}`);
    expect(seen).toEqual([
      'GET /api/status ApiKey YWxpY2U6a2V5',
      'GET /s/marketing/api/data_views Basic Ym9iOnB3',
      'GET /api/spaces/space/marketing ApiKey YWxpY2U6a2V5',
      'POST /s/marketing/api/data_views/data_view ApiKey YWxpY2U6a2V5',
    ]);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('answers 401 to a caller without credentials', async () => {
    const response = await raw(server.url, { headers: MCP_HEADERS, body: INITIALIZE });
    expect(response.status).toBe(401);
  });
});

describe('destructive tools over HTTP', () => {
  it('warn at start-up that they run unconfirmed, and run', async () => {
    const server = await startHttpServer(['--tier', 'destructive'], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
    expect(server.stderr()).toMatch(/over stateless HTTP, destructive calls run without asking the user to confirm/);
    kibana.handle(() => ({ body: {} }));
    kibana.requests.length = 0;
    const client = await connectHttp(server.url, {}, { capabilities: { elicitation: { form: {} } } });
    const result = await client.callTool({ name: 'delete_data_view', arguments: { view_id: 'v1' } });
    expect(result.isError).toBeFalsy();
    expect(kibana.requests.map((request) => request.method)).toEqual(['DELETE']);
    await client.close();
    await server.stop();
  });

  it('no warning at the default tier', async () => {
    const server = await startHttpServer([], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
    expect(server.stderr()).not.toMatch(/destructive calls run/);
    await server.stop();
  });
});

describe('--demo over HTTP', () => {
  it('serves the built-in sandbox Kibana without any Kibana settings', async () => {
    const server = await startHttpServer(['--demo'], {});
    expect(server.stderr()).toMatch(/demo: using the built-in sandbox Kibana at http:\/\/127\.0\.0\.1:\d+/);
    const client = await connectHttp(server.url);
    const status = await client.callTool({ name: 'get_status', arguments: {} });
    expect(JSON.parse(textOf(status)).version.number).toMatch(/^8\.18\./);
    const spaces = JSON.parse(textOf(await client.callTool({ name: 'list_spaces', arguments: {} })));
    expect(spaces.map((space: { id: string }) => space.id)).toEqual(expect.arrayContaining(['default', 'security', 'marketing']));
    await client.close();
    expect(await server.stop()).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('lets a call under way finish, then exits 0', async () => {
    const server = await startHttpServer([], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
    kibana.handle(() => ({ body: { version: { number: 'slow' } }, delayMs: 800 }));
    const client = await connectHttp(server.url);
    const call = client.callTool({ name: 'get_status', arguments: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exit = server.stop();
    const result = await call;
    expect(JSON.parse(textOf(result))).toEqual({ version: { number: 'slow' } });
    expect(await exit).toBe(0);
    expect(server.stderr()).toMatch(/SIGTERM: finishing calls under way/);
  });
});

describe('MCP conformance (@modelcontextprotocol/conformance 0.1.13)', () => {
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer([], { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' });
  });
  afterAll(async () => {
    await server.stop();
  });

  const conformance = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url));
  for (const scenario of ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection']) {
    it(scenario, async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [conformance, 'server', '--url', server.url, '--scenario', scenario], {
        timeout: 60_000,
      });
      const summary = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(stdout);
      expect(summary, stdout).not.toBeNull();
      expect(Number(summary![1])).toBeGreaterThan(0);
      expect(summary![1]).toBe(summary![2]);
      expect(summary![3]).toBe('0');
    });
  }
});
