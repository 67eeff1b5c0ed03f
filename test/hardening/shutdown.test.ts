// Shutdown that loses nothing (issue 14 §4). A second SIGTERM during shutdown cuts the calls under
// way off, and each still answers, saying it was cut off and that a write may have been done; the
// log names those calls (tool and ids). Over stdio with real signals; the HTTP side in-process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, connectHttp, serverEnv, textOf } from '../../harness/mcp-peers.js';
import { type SilentKibana, startSilentKibana } from '../../harness/silent-kibana.js';
import { serveOnLoopback } from '../support/http-server.js';
import { testRuntime } from '../support/runtime.js';

let kibana: SilentKibana;
beforeAll(async () => {
  kibana = await startSilentKibana();
});
afterAll(() => kibana.stop());
beforeEach(() => {
  kibana.requests.length = 0;
});

const CUT_OFF =
  /^Not finished: the server cut the call off \(SIGTERM during shutdown\) before Kibana answered POST \/api\/data_views\/default\. A write may have been done anyway: read the object before you retry\.$/;

describe('a second SIGTERM over stdio', () => {
  it('cuts the calls under way off: they answer, the log names them, the process exits 0', async () => {
    const child = spawn(process.execPath, [CLI, '--kibana-version', '8.18.2'], {
      env: serverEnv({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'aWQ6a2V5', KIBANA_MCP_LOG_LEVEL: 'info' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = once(child, 'exit');
    const messages = [
      {
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'set_default_data_view', arguments: { data_view_id: 'logs-view' } } },
    ];
    child.stdin.write(`${messages.map((message) => JSON.stringify(message)).join('\n')}\n`);
    await expect.poll(() => kibana.requests, { timeout: 10_000 }).toEqual(['POST /api/data_views/default']);
    child.kill('SIGTERM');
    await expect.poll(() => stderr, { timeout: 5_000 }).toMatch(/SIGTERM: finishing calls under way/);
    child.kill('SIGTERM');
    const [code] = await exited;
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const answer = answers.find((message) => message.id === 1);
    expect(answer?.result?.isError).toBe(true);
    expect(answer?.result?.content?.[0]?.text).toMatch(CUT_OFF);
    expect(stderr).toMatch(
      /SIGTERM again: cut off 1 call under way, which Kibana may have done: set_default_data_view \(data_view_id="logs-view"\)/,
    );
    expect(code).toBe(0);
  });
});

describe('a hurried shutdown over HTTP', () => {
  it('waits for the answers of the calls it cut off, not for the grace period', async () => {
    const runtime = testRuntime(kibana.url);
    const server = await serveOnLoopback(runtime, { shutdownGraceMs: 60_000 });
    const client = await connectHttp(server.url);
    const call = client.callTool({ name: 'set_default_data_view', arguments: { data_view_id: 'logs-view' } });
    await expect.poll(() => kibana.requests, { timeout: 10_000 }).toEqual(['POST /api/data_views/default']);
    const closed = server.close();
    expect(runtime.cutOff('SIGTERM during shutdown')).toEqual(['set_default_data_view (data_view_id="logs-view")']);
    server.hurry();
    expect(textOf(await call)).toMatch(CUT_OFF);
    await closed;
    await runtime.close();
  });
});
