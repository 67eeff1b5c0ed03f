// The Streamable HTTP endpoint in-process: who may call it, what it answers besides MCP, and how it
// answers MCP (stateless, plain JSON). One server per authentication mode, shared by the file's tests.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttp, textOf } from '../../harness/mcp-peers.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import type { HttpAuth } from '../../src/server/http-auth.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testClient } from '../support/kibana-client.js';
import { serveOnLoopback } from '../support/http-server.js';
import { testRuntime } from '../support/runtime.js';

const TOKEN = 'mcp-test-token-0123456789';
let kibana: RecordingKibana;
let runtime: ToolRuntime;
let passthroughRuntime: ToolRuntime;
let withToken: RunningHttpServer;
let passthrough: RunningHttpServer;

const serve = (on: ToolRuntime, auth: HttpAuth, maxBodyBytes?: number) =>
  serveOnLoopback(on, { auth, ...(maxBodyBytes ? { maxBodyBytes } : {}) });

beforeAll(async () => {
  kibana = await startRecordingKibana((request) => ({
    body: request.path.startsWith('/api/spaces/space/') ? { id: 'x' } : { version: { number: '8.18.2' } },
  }));
  runtime = testRuntime(kibana.url);
  passthroughRuntime = testRuntime(kibana.url, { client: testClient(kibana.url, { auth: { kind: 'none' } }) });
  withToken = await serve(runtime, { kind: 'token', token: TOKEN }, 64 * 1024);
  passthrough = await serve(passthroughRuntime, { kind: 'passthrough' });
});
afterAll(async () => {
  await Promise.all([withToken.close(), passthrough.close()]);
  await Promise.all([runtime.close(), passthroughRuntime.close()]);
  await kibana.stop();
});

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
const AUTHORIZED = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };
const errorOf = (response: RawResponse) => JSON.parse(response.body).error as { code: number; message: string };

describe('with a bearer token', () => {
  it('serves tools/list and tools/call to a client with the token, using the server credentials', async () => {
    const client = await connectHttp(withToken.url, { authorization: `Bearer ${TOKEN}` });
    expect((await client.listTools()).tools).toEqual(runtime.listing);
    kibana.requests.length = 0;
    const result = await client.callTool({ name: 'get_status', arguments: {} });
    expect(JSON.parse(textOf(result))).toEqual({ version: { number: '8.18.2' } });
    expect(kibana.requests[0]!.headers.authorization).toBe('ApiKey aWQ6a2V5');
    await client.close();
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const missing = await raw(withToken.url, { headers: MCP_HEADERS, body: INITIALIZE });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(errorOf(missing).code).toBe(-32001);
    const wrong = await raw(withToken.url, { headers: { ...MCP_HEADERS, authorization: 'Bearer nope' }, body: INITIALIZE });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).message).toBe('Unauthorized: wrong bearer token');
  });

  it('refuses a foreign Host or Origin with 403 even with the token', async () => {
    const badHost = await raw(withToken.url, { headers: { ...AUTHORIZED, host: 'evil.example.com' }, body: INITIALIZE });
    expect(badHost.status).toBe(403);
    expect(errorOf(badHost).code).toBe(-32000);
    const badOrigin = await raw(withToken.url, { headers: { ...AUTHORIZED, origin: 'http://evil.example.com' }, body: INITIALIZE });
    expect(badOrigin.status).toBe(403);
    const goodOrigin = await raw(withToken.url, { headers: { ...AUTHORIZED, origin: new URL(withToken.url).origin }, body: INITIALIZE });
    expect(goodOrigin.status).toBe(200);
  });

  it('answers GET /mcp with 405, /healthz with 200 without authentication, anything else with 404', async () => {
    const get = await raw(withToken.url, { method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const health = await raw(withToken.url.replace('/mcp', '/healthz'), { method: 'GET' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    expect((await raw(withToken.url.replace('/mcp', '/other'), { method: 'GET' })).status).toBe(404);
  });

  it('answers in plain JSON, not an event stream', async () => {
    const response = await raw(withToken.url, { headers: AUTHORIZED, body: INITIALIZE });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body).result.serverInfo.name).toBe('kibana-mcp');
  });

  it('answers a body that is not JSON with -32700 Parse error, and one too large to read with -32600 Invalid Request', async () => {
    const garbled = await raw(withToken.url, { headers: AUTHORIZED, body: '{not json' });
    expect([garbled.status, errorOf(garbled).code]).toEqual([400, -32700]);
    const huge = await raw(withToken.url, { headers: AUTHORIZED, body: JSON.stringify({ padding: 'x'.repeat(70 * 1024) }) });
    expect([huge.status, errorOf(huge).code]).toEqual([413, -32600]);
    expect(errorOf(huge).message).toMatch(/^Request too large: a message over HTTP may be at most 64 KiB \(65536 bytes\)/);
  });
});

describe('with passthrough', () => {
  it("forwards each caller's own credentials and nobody else's", async () => {
    const alice = await connectHttp(passthrough.url, { authorization: 'ApiKey YWxpY2U6a2V5' });
    const bob = await connectHttp(passthrough.url, { authorization: 'Basic Ym9iOnB3' });
    kibana.requests.length = 0;
    await alice.callTool({ name: 'get_status', arguments: {} });
    await bob.callTool({ name: 'list_data_views', arguments: { space_id: 'marketing' } });
    await alice.callTool({ name: 'create_data_view', arguments: { space_id: 'marketing', data_view: { title: 'a-*' } } });
    expect(kibana.requests.map((request) => `${request.method} ${request.path} ${request.headers.authorization}`)).toEqual([
      'GET /api/status ApiKey YWxpY2U6a2V5',
      'GET /s/marketing/api/data_views Basic Ym9iOnB3',
      'GET /api/spaces/space/marketing ApiKey YWxpY2U6a2V5',
      'POST /s/marketing/api/data_views/data_view ApiKey YWxpY2U6a2V5',
    ]);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('answers 401 to a caller without credentials', async () => {
    const response = await raw(passthrough.url, { headers: MCP_HEADERS, body: INITIALIZE });
    expect(response.status).toBe(401);
  });
});

describe('destructive calls of a 2025 client over stateless HTTP', () => {
  it('under --confirm always are refused, saying why', async () => {
    const strict = testRuntime(kibana.url, { confirmation: 'always' });
    const strictServer = await serve(strict, { kind: 'none' });
    const client = await connectHttp(strictServer.url, {}, { capabilities: { elicitation: { form: {} } } });
    kibana.requests.length = 0;
    const result = await client.callTool({ name: 'delete_data_view', arguments: { view_id: 'v1' } });
    expect(textOf(result)).toBe(
      "Not done: delete_data_view needs the user's confirmation and this client cannot be asked (a client of a 2025 protocol revision over stateless HTTP cannot be asked in the middle of a call; a 2026-07-28 client can confirm); the server refuses such calls (--confirm always). Nothing was changed.",
    );
    expect(kibana.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
    await client.close();
    await strictServer.close();
    await strict.close();
  });

  it('under --confirm auto run unconfirmed even for a client that offers elicitation: the server never sees its capabilities', async () => {
    const client = await connectHttp(withToken.url, { authorization: `Bearer ${TOKEN}` }, { capabilities: { elicitation: { form: {} } } });
    kibana.requests.length = 0;
    const result = await client.callTool({ name: 'delete_data_view', arguments: { view_id: 'v1' } });
    expect(result.isError).toBeFalsy();
    expect(kibana.requests.map((request) => request.method)).toEqual(['DELETE']);
    await client.close();
  });
});
