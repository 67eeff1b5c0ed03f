// Progress on long calls, for every kind of client over HTTP in process: the call says what it is
// doing, that it is still under way while Kibana works, and what Kibana's answer says was done.
// 2025 clients that send a progress token get an event stream; without one, plain JSON.
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KINDS, connectClient, type McpClient } from '../../harness/mcp-clients.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import { serveOnLoopback } from '../support/http-server.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testRuntime } from '../support/runtime.js';

const EXPORT = [
  { type: 'index-pattern', id: 'a', attributes: { title: 'logs-*' } },
  { type: 'dashboard', id: 'b', attributes: { title: 'Ops' } },
  { exportedCount: 2, missingRefCount: 1, missingReferences: [{ type: 'index-pattern', id: 'gone' }] },
];
const RULES_BULK = { success: true, rules_count: 3, attributes: { summary: { total: 3, succeeded: 2, failed: 1, skipped: 0 } } };

let kibana: RecordingKibana;
let runtime: ToolRuntime;
let server: RunningHttpServer;
const clients: McpClient[] = [];

beforeAll(async () => {
  kibana = await startRecordingKibana((request) => {
    if (request.path.endsWith('/_export')) {
      const ndjson = EXPORT.map((line) => JSON.stringify(line)).join('\n');
      return { headers: { 'content-type': 'application/ndjson' }, body: ndjson, delayMs: 120 };
    }
    if (request.path.endsWith('/_bulk_action')) return { body: RULES_BULK };
    return { body: { id: 'x' } };
  });
  runtime = testRuntime(kibana.url, { progressTickMs: 40 });
  server = await serveOnLoopback(runtime);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await server.close();
  await runtime.close();
  await kibana.stop();
});

describe.each(CLIENT_KINDS)('the %s client over HTTP', (kind) => {
  it('hears how a saved-object export goes, ending with what Kibana counted', async () => {
    const client = await connectClient(kind, { http: { url: server.url } });
    clients.push(client);
    const heard: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = await client.callTool(
      'export_saved_objects',
      { space_id: 'marketing', type: ['index-pattern', 'dashboard'] },
      {
        onprogress: (update) => heard.push(update),
      },
    );
    expect(result.isError).toBeFalsy();
    // Kibana takes three ticks to answer: at least one "still" comes between.
    expect(heard.length).toBeGreaterThanOrEqual(3);
    expect(heard[0]).toEqual({ progress: 0, message: 'exporting saved objects in space "marketing"' });
    expect(
      heard.slice(1, -1).every((update) => /^still exporting saved objects in space "marketing" after \d+ s$/.test(update.message ?? '')),
    ).toBe(true);
    expect(heard.at(-1)).toEqual({
      progress: heard.length - 1,
      total: heard.length - 1,
      message: 'exported 2 objects, 1 missing references',
    });
    expect(heard.map((update) => update.progress)).toEqual([...heard.keys()]);
  });

  it('hears what a rules bulk action did', async () => {
    const client = await connectClient(kind, { http: { url: server.url } });
    clients.push(client);
    const heard: string[] = [];
    await client.callTool(
      'perform_detection_rules_bulk_action',
      { body: { action: 'disable', ids: ['r1', 'r2', 'r3'] } },
      { onprogress: (update) => heard.push(update.message ?? '') },
    );
    expect(heard.filter((message) => !message.startsWith('still '))).toEqual([
      'running a bulk action on rules',
      '2 of 3 rules done, 1 failed, 0 skipped',
    ]);
  });
});

describe('a 2025 call over HTTP', () => {
  const post = (body: unknown) =>
    new Promise<string | undefined>((resolve, reject) => {
      const req = httpRequest(
        server.url,
        { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' } },
        (res) => {
          res.resume();
          resolve(res.headers['content-type']);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  const call = (meta: Record<string, unknown>) => ({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'get_status', arguments: {}, _meta: meta },
  });

  it('is answered in plain JSON, and as an event stream only when it carries a progress token', async () => {
    expect(await post(call({}))).toMatch(/^application\/json/);
    expect(await post(call({ progressToken: 7 }))).toMatch(/^text\/event-stream/);
  });
});
