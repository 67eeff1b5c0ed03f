// In-process checks of the HTTP layer against sloppy or slow clients.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KINDS, connectClient } from '../../harness/mcp-clients.js';
import { connectHttp } from '../../harness/mcp-peers.js';
import { startRecordingKibana } from '../../harness/recording-kibana.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import { serveOnLoopback } from '../support/http-server.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testClient } from '../support/kibana-client.js';
import { testRuntime } from '../support/runtime.js';

let runtime: ToolRuntime;
let server: RunningHttpServer;

beforeAll(async () => {
  runtime = testRuntime('http://127.0.0.1:9', { client: testClient('http://127.0.0.1:9', { connectTimeoutMs: 500, timeoutMs: 500 }) });
  server = await serveOnLoopback(runtime, { shutdownGraceMs: 300 });
});
afterAll(() => runtime.close());

const port = () => Number(new URL(server.url).port);

function rawExchange(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port(), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n\r\n')) socket.end();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('shutdown with a slow Kibana', () => {
  it('lets a tool call under way finish past the grace period, and answers it', async () => {
    const kibana = await startRecordingKibana(() => ({ body: { version: { number: 'slow' } }, delayMs: 600 }));
    const slowRuntime = testRuntime(kibana.url);
    const slowServer = await serveOnLoopback(slowRuntime, { shutdownGraceMs: 100 });
    const mcp = await connectHttp(slowServer.url);
    const call = mcp.callTool({ name: 'get_status', arguments: {} });
    await expect.poll(() => kibana.requests.length, { timeout: 10_000 }).toBe(1);
    const closed = slowServer.close();
    expect(JSON.parse(((await call).content as Array<{ text: string }>)[0]!.text)).toEqual({ version: { number: 'slow' } });
    await closed;
    await slowRuntime.close();
    await kibana.stop();
  });
});

describe('a client that goes away in the middle of a call', () => {
  it.each([...CLIENT_KINDS, 'a 2025 request without a client'])('has its Kibana request cancelled: %s', async (kind) => {
    const cancelled: string[] = [];
    const kibana = await startRecordingKibana((request, res) => {
      res.once('close', () => {
        if (!res.writableFinished) cancelled.push(request.path);
      });
      return { body: {}, delayMs: 20_000 };
    });
    // Kibana's answer, and the call's own time limit, lie well past the wait for the cancellation.
    const slowRuntime = testRuntime(kibana.url, { client: testClient(kibana.url, { timeoutMs: 30_000 }) });
    const slowServer = await serveOnLoopback(slowRuntime);
    const arrived = () => kibana.requests.length === 1;
    if (kind === 'a 2025 request without a client') {
      const call = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_status', arguments: {} } });
      const socket = connect(Number(new URL(slowServer.url).port), '127.0.0.1', () => {
        socket.write(
          `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: ${call.length}\r\n\r\n${call}`,
        );
      });
      socket.on('error', () => {});
      await expect.poll(arrived, { timeout: 10_000 }).toBe(true);
      socket.destroy();
    } else {
      const client = await connectClient(kind as (typeof CLIENT_KINDS)[number], { http: { url: slowServer.url } });
      const hangUp = new AbortController();
      const call = client.callTool('get_status', {}, { signal: hangUp.signal });
      await expect.poll(arrived, { timeout: 10_000 }).toBe(true);
      hangUp.abort();
      await expect(call).rejects.toThrow();
      await client.close();
    }
    await expect.poll(() => cancelled, { timeout: 5_000 }).toEqual(['/api/status']);
    await slowServer.close();
    await slowRuntime.close();
    await kibana.stop();
  });
});

describe('the HTTP layer', () => {
  it('answers an unreadable request URL with 400, not 500', async () => {
    const answer = await rawExchange('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });

  it('does not let a client trickling its body hold shutdown past the grace period', async () => {
    const socket = connect(port(), '127.0.0.1', () => {
      socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    });
    socket.on('error', () => {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closedSocket = new Promise((resolve) => socket.once('close', resolve));
    await server.close();
    await closedSocket;
    expect(socket.destroyed).toBe(true);
  });
});
