// The real path over Streamable HTTP: `kibana-mcp --http` as a process, the SDK client, a Kibana on
// loopback. The endpoint's rules (auth, Host/Origin, JSON-RPC errors) are tested in-process in test/server/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttp, startHttpServer, textOf, type HttpServerProcess } from '../../harness/mcp-peers.js';
import { startRecordingKibana, type RecordingKibana } from '../../harness/recording-kibana.js';

const TOKEN = 'mcp-test-token-0123456789';
let kibana: RecordingKibana;

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: { version: { number: '8.18.2' } } }));
});
afterAll(() => kibana.stop());

describe('kibana-mcp --http --tier destructive with a bearer token', () => {
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer(['--tier', 'destructive'], {
      KIBANA_URL: kibana.url,
      KIBANA_API_KEY: 'c2VydmVyOmtleQ==',
      MCP_HTTP_TOKEN: TOKEN,
    });
  });

  it('warns once at start that destructive calls of clients that cannot be asked run unconfirmed', () => {
    const warnings = server
      .stderr()
      .match(/destructive calls from clients of 2025 protocol revisions over stateless HTTP.*run without asking/g);
    expect(warnings).toHaveLength(1);
  });

  it('lists and calls tools for a client with the token, with the server credentials', async () => {
    const client = await connectHttp(server.url, { authorization: `Bearer ${TOKEN}` });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['get_status', 'delete_data_view']));
    kibana.requests.length = 0;
    const result = await client.callTool({ name: 'get_status', arguments: {} });
    expect(JSON.parse(textOf(result))).toEqual({ version: { number: '8.18.2' } });
    expect(kibana.requests.map((request) => request.headers.authorization)).toEqual(['ApiKey c2VydmVyOmtleQ==']);
    await client.close();
  });

  it('on SIGTERM lets a call under way finish and answer, then exits 0', async () => {
    kibana.handle(() => ({ body: { version: { number: 'slow' } }, delayMs: 800 }));
    const client = await connectHttp(server.url, { authorization: `Bearer ${TOKEN}` });
    kibana.requests.length = 0;
    const call = client.callTool({ name: 'get_status', arguments: {} });
    await expect.poll(() => kibana.requests.length, { timeout: 10_000 }).toBe(1);
    const exit = server.stop();
    expect(JSON.parse(textOf(await call))).toEqual({ version: { number: 'slow' } });
    expect(await exit).toBe(0);
    expect(server.stderr()).toMatch(/SIGTERM: finishing calls under way/);
  });
});

describe('kibana-mcp --demo --http', () => {
  it('serves the built-in sandbox Kibana without any Kibana settings, and warns of nothing at the default tier', async () => {
    const server = await startHttpServer(['--demo'], {});
    expect(server.stderr()).toMatch(/demo: using the built-in sandbox Kibana at http:\/\/127\.0\.0\.1:\d+/);
    expect(server.stderr()).not.toMatch(/destructive calls/);
    const client = await connectHttp(server.url);
    const status = await client.callTool({ name: 'get_status', arguments: {} });
    expect(JSON.parse(textOf(status)).version.number).toMatch(/^8\.18\./);
    const spaces = JSON.parse(textOf(await client.callTool({ name: 'list_spaces', arguments: {} })));
    expect(spaces.map((space: { id: string }) => space.id)).toEqual(expect.arrayContaining(['default', 'security', 'marketing']));
    await client.close();
    expect(await server.stop()).toBe(0);
  });
});
