// The MCP conformance suite's server scenarios that apply to a tools-only stateless server, over HTTP.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { silentLogger } from '../../src/logger.js';
import { type RunningHttpServer, serveHttp } from '../../src/server/http.js';
import { mcpServing } from '../../src/server/mcp-server.js';
import { defaultOriginPolicy } from '../../src/server/http-origin.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testRuntime } from '../support/runtime.js';

let kibana: RecordingKibana;
let runtime: ToolRuntime;
let server: RunningHttpServer;

beforeAll(async () => {
  kibana = await startRecordingKibana();
  runtime = testRuntime(kibana.url);
  server = await serveHttp(mcpServing(runtime, silentLogger), {
    host: '127.0.0.1',
    port: 0,
    auth: { kind: 'none' },
    origins: defaultOriginPolicy('127.0.0.1'),
  });
});
afterAll(async () => {
  await server.close();
  await runtime.close();
  await kibana.stop();
});

describe('MCP conformance (@modelcontextprotocol/conformance 0.1.13)', () => {
  const conformance = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url));
  it.each(['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'])('%s', async (scenario) => {
    const { stdout } = await promisify(execFile)(process.execPath, [conformance, 'server', '--url', server.url, '--scenario', scenario], {
      timeout: 60_000,
    });
    const summary = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(stdout);
    expect(summary, stdout).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    expect(summary![1]).toBe(summary![2]);
    expect(summary![3]).toBe('0');
  });
});
