// The MCP Inspector (0.15, the last that runs on Node 20) in its CLI mode, as a person would run it:
// it lists and calls tools over stdio and over HTTP. It sends every argument as a string and no HTTP
// headers, so the calls use string-only tools and the HTTP server runs on loopback without auth. It
// declares no elicitation: destructive calls take the --confirm path.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../harness/mcp-peers.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import { serveOnLoopback } from '../support/http-server.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testRuntime } from '../support/runtime.js';

const INSPECTOR = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/inspector/cli/build/cli.js', import.meta.url));
let kibana: RecordingKibana;
let runtime: ToolRuntime;
let server: RunningHttpServer;

beforeAll(async () => {
  kibana = await startRecordingKibana((request) => ({ body: { data_view: { id: request.path.split('/').pop() } } }));
  runtime = testRuntime(kibana.url);
  server = await serveOnLoopback(runtime);
});
afterAll(async () => {
  await server.close();
  await runtime.close();
  await kibana.stop();
});

/** `mcp-inspector --cli …`; its answer is the JSON it prints. */
async function inspector(args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)(process.execPath, [INSPECTOR, '--cli', ...args], {
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '' },
  });
  return JSON.parse(stdout);
}

const overStdio = (...serverArgs: string[]) => [
  process.execPath,
  CLI,
  ...serverArgs,
  '-e',
  `KIBANA_URL=${kibana.url}`,
  '-e',
  'KIBANA_API_KEY=aWQ6a2V5',
  '-e',
  'KIBANA_MCP_LOG_LEVEL=error',
];
const overHttp = () => [server.url, '--transport', 'http'];
const call = (tool: string, ...args: string[]) => [
  '--method',
  'tools/call',
  '--tool-name',
  tool,
  ...args.flatMap((arg) => ['--tool-arg', arg]),
];

describe('the MCP Inspector CLI', () => {
  it('lists and calls tools over stdio and over HTTP; a destructive call it cannot confirm is refused under --confirm always', async () => {
    // At once: each run starts the Inspector and, over stdio, a server.
    const [stdioList, stdioCall, refused, httpList, httpCall] = await Promise.all([
      inspector([...overStdio(), '--method', 'tools/list']),
      inspector([...overStdio(), ...call('get_data_view', 'view_id=dv-1', 'space_id=marketing')]),
      inspector([...overStdio('--tier', 'destructive', '--confirm', 'always'), ...call('delete_data_view', 'view_id=dv-1')]),
      inspector([...overHttp(), '--method', 'tools/list']),
      inspector([...overHttp(), ...call('get_data_view', 'view_id=dv-2')]),
    ]);
    const names = (result: { tools: Array<{ name: string }> }) => result.tools.map((tool) => tool.name);
    expect(names(stdioList)).toEqual(expect.arrayContaining(['get_status', 'get_data_view']));
    expect(names(httpList)).toEqual(runtime.listing.map((tool) => tool.name));
    // The data travels once, as text.
    expect(JSON.parse(stdioCall.content[0].text)).toEqual({ data_view: { id: 'dv-1' } });
    expect(JSON.parse(httpCall.content[0].text)).toEqual({ data_view: { id: 'dv-2' } });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toMatch(
      /cannot be asked \(it offers no elicitation\); the server refuses such calls \(--confirm always\)/,
    );
    // Besides the version each server reads once at start (GET /api/status), only the two reads.
    const calls = kibana.requests.filter((request) => request.path !== '/api/status');
    expect(calls.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /api/data_views/data_view/dv-2',
      'GET /s/marketing/api/data_views/data_view/dv-1',
    ]);
  }, 90_000);
});
