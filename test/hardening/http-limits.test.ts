// The HTTP endpoint's own limits (issue 14 §1–§3): a refusal that comes before the body is read
// closes the connection instead of reading what the client still sends; /healthz says nothing but
// the status; one request (a JSON-RPC batch of calls) runs a bounded number of calls at once.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { CALLS_AT_ONCE } from '../../src/server/mcp-server.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { serveOnLoopback } from '../support/http-server.js';
import { testRuntime } from '../support/runtime.js';

const TOKEN = 'limits-test-token-0123456789';
const MAX_BODY_BYTES = 64 * 1024;
/** What a client tries to push after its request was refused. */
const PUSHED_BYTES = 64 * 1024 * 1024;

let kibana: RecordingKibana;
let runtime: ToolRuntime;
let server: RunningHttpServer;
let open = 0;
let mostOpen = 0;

beforeAll(async () => {
  kibana = await startRecordingKibana(async () => {
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    await new Promise((resolve) => setTimeout(resolve, 20));
    open -= 1;
    return { body: { version: { number: '8.18.2' } } };
  });
  runtime = testRuntime(kibana.url);
  server = await serveOnLoopback(runtime, { auth: { kind: 'token', token: TOKEN }, maxBodyBytes: MAX_BODY_BYTES });
});
afterAll(async () => {
  await server.close();
  await runtime.close();
  await kibana.stop();
});

interface Pushed {
  /** What the server answered, as far as it arrived. */
  response: string;
  /** Bytes of body written before the connection closed. */
  sent: number;
  /** Whether the server closed the connection. */
  closed: boolean;
}

/** Sends a request head announcing PUSHED_BYTES of body, then writes body until done or the connection closes. */
async function push(head: string): Promise<Pushed> {
  const { port } = new URL(server.url);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  let response = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => (response += chunk.toString('utf8')));
  socket.on('error', () => {});
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void ended.then(() => (closed = true));
  socket.write(`${head}\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${PUSHED_BYTES}\r\n\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  while (sent < PUSHED_BYTES && !closed) {
    const drained = socket.write(chunk);
    sent += chunk.length;
    if (!drained) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), ended]);
  }
  socket.destroy();
  return { response, sent, closed };
}

describe('a refusal before the body is read', () => {
  const refusals: Array<[number, string]> = [
    [401, 'POST /mcp HTTP/1.1'],
    [403, 'POST /mcp HTTP/1.1\r\nOrigin: https://evil.example'],
    [404, 'POST /elsewhere HTTP/1.1'],
    [405, 'PUT /mcp HTTP/1.1'],
    [413, `POST /mcp HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}`],
  ];
  it.each(refusals)('%i: is sent, and the connection closes instead of reading what follows', async (status, head) => {
    const pushed = await push(head);
    expect(pushed.closed).toBe(true);
    expect(pushed.sent).toBeLessThan(PUSHED_BYTES);
    expect(pushed.response).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(pushed.response).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('413 says how large a body may be and how to split an import', async () => {
    const pushed = await push(`POST /mcp HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}`);
    const body = JSON.parse(/\{.*\}/s.exec(pushed.response)?.[0] ?? '');
    expect(body.error.code).toBe(-32600);
    expect(body.error.message).toMatch(/^Request too large: a message over HTTP may be at most 64 KiB \(65536 bytes\)/);
    expect(body.error.message).toMatch(/split its objects over several import_saved_objects calls/);
  });
});

describe('/healthz', () => {
  it('answers the status and nothing about what is served', async () => {
    const response = await fetch(server.url.replace('/mcp', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('a JSON-RPC batch of many calls', () => {
  it(`runs at most ${CALLS_AT_ONCE} of them at once, and answers them all`, async () => {
    const calls = Array.from({ length: 30 }, (_, index) => ({
      jsonrpc: '2.0',
      id: index + 1,
      method: 'tools/call',
      params: { name: 'get_status', arguments: {} },
    }));
    mostOpen = 0;
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify(calls),
    });
    const text = await response.text();
    const answers = JSON.parse(text) as Array<{ id: number; result?: { isError?: boolean } }>;
    expect(Array.isArray(answers), text.slice(0, 500)).toBe(true);
    expect(answers.filter((answer) => answer.result && !answer.result.isError)).toHaveLength(calls.length);
    expect(mostOpen).toBeGreaterThan(1);
    expect(mostOpen).toBeLessThanOrEqual(CALLS_AT_ONCE);
  });
});
