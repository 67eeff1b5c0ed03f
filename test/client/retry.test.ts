import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { backoffDelay, parseRetryAfter } from '../../src/client/retry.js';
import { type Handler, type RecordingKibana, json, startRecordingKibana } from '../../harness/recording-kibana.js';
import { testClient, rejection } from '../support/kibana-client.js';

const servers: RecordingKibana[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** Fails the first `failures` requests with `failure`, then answers 200. */
async function flaky(failures: number, failure: Handler): Promise<RecordingKibana> {
  let seen = 0;
  const server = await startRecordingKibana((request, res, req) =>
    (++seen <= failures ? failure : json(200, { ok: true }))(request, res, req),
  );
  servers.push(server);
  return server;
}

/** A client whose back-off waits are recorded, not slept. */
function recordingClient(url: string, retries: number, extra: Parameters<typeof testClient>[1] = {}) {
  const delays: number[] = [];
  const client = testClient(url, {
    retries,
    retryBaseDelayMs: 100,
    retryMaxDelayMs: 1000,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...extra,
  });
  return { client, delays };
}

describe('retries', () => {
  it.each([429, 503])('retries GET, PUT and DELETE on %i and then succeeds', async (status) => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const server = await flaky(2, json(status, { error: 'busy' }));
      const { client, delays } = recordingClient(server.url, 3);
      const res = await client.request({ method, path: '/api/x' });
      await client.close();
      expect(res.status, method).toBe(200);
      expect(server.requests, method).toHaveLength(3);
      expect(delays, method).toEqual([50, 100]);
    }
  });

  it.each([502, 504])('retries GET on %i, but not a PUT or DELETE a gateway may have passed on', async (status) => {
    const recovering = await flaky(2, json(status, { error: 'gateway' }));
    const reads = recordingClient(recovering.url, 3).client;
    expect((await reads.request({ method: 'GET', path: '/api/x' })).status).toBe(200);
    await reads.close();
    const failing = await flaky(100, json(status, { error: 'gateway' }));
    const writes = recordingClient(failing.url, 3).client;
    for (const method of ['PUT', 'DELETE'] as const) {
      expect(await rejection(writes.request({ method, path: '/api/x' })), method).toMatchObject({ status, attempts: 1 });
    }
    expect(failing.requests).toHaveLength(2);
    await writes.close();
  });

  it('retries a DELETE refused before sending, never one that timed out after sending', async () => {
    const { client } = recordingClient('http://127.0.0.1:9', 2);
    expect(await rejection(client.request({ method: 'DELETE', path: '/api/x' }))).toMatchObject({ code: 'ECONNREFUSED', attempts: 3 });
    await client.close();
    const slow = await startRecordingKibana((_req, res) => {
      setTimeout(() => res.end('{}'), 300);
    });
    servers.push(slow);
    const timing = testClient(slow.url, { retries: 2, timeoutMs: 100 });
    expect(await rejection(timing.request({ method: 'DELETE', path: '/api/x' }))).toMatchObject({ category: 'timeout', attempts: 1 });
    expect(await rejection(timing.request({ method: 'GET', path: '/api/x' }))).toMatchObject({ category: 'timeout', attempts: 3 });
    await timing.close();
  });

  it('gives up after `retries` extra attempts and reports the attempt count', async () => {
    const server = await flaky(100, json(503, { error: 'Service Unavailable', message: 'down' }));
    const { client, delays } = recordingClient(server.url, 2);
    const err = await rejection(client.request({ method: 'PUT', path: '/api/x', body: { a: 1 } }));
    await client.close();
    expect(err).toMatchObject({ category: 'unavailable', status: 503, attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.body.toString() === '{"a":1}')).toBe(true);
    expect(delays).toEqual([50, 100]);
  });

  it.each(['POST', 'PATCH'] as const)('never retries %s', async (method) => {
    const server = await flaky(100, json(503, { error: 'down' }));
    const { client, delays } = recordingClient(server.url, 5);
    const err = await rejection(client.request({ method, path: '/api/x', body: {} }));
    await client.close();
    expect(err).toMatchObject({ status: 503, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it.each([400, 401, 403, 404, 409, 500])('does not retry a %i', async (status) => {
    const server = await flaky(100, json(status, { error: 'no' }));
    const { client } = recordingClient(server.url, 3);
    expect((await rejection(client.request({ method: 'GET', path: '/api/x' }))).attempts).toBe(1);
    await client.close();
    expect(server.requests).toHaveLength(1);
  });

  it('retries a refused connection for GET, never for POST', async () => {
    const port = await closedPort();
    const { client, delays } = recordingClient(`http://127.0.0.1:${port}`, 2);
    const get = await rejection(client.request({ method: 'GET', path: '/api/x' }));
    expect(get).toMatchObject({ category: 'network', code: 'ECONNREFUSED', attempts: 3 });
    expect(delays).toHaveLength(2);
    const post = await rejection(client.request({ method: 'POST', path: '/api/x' }));
    expect(post).toMatchObject({ category: 'network', attempts: 1 });
    await client.close();
  });

  it('logs each retry without credentials', async () => {
    const server = await flaky(1, json(503, { error: 'down' }));
    const lines: string[] = [];
    const logger: Logger = { error: () => {}, info: () => {}, debug: () => {}, warn: (m, f) => lines.push(m + JSON.stringify(f)) };
    const { client } = recordingClient(server.url, 1, { logger, auth: { kind: 'basic', username: 'u', password: 'hunter22' } });
    await client.request({ method: 'GET', path: '/api/x' });
    await client.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('GET /api/x: unavailable, retry 1/1 in 50 ms');
    expect(lines.join()).not.toMatch(/hunter22|dTpodW50ZXIyMg/);
  });
});

describe('back-off', () => {
  const policy = (random: () => number) => ({ baseDelayMs: 100, maxDelayMs: 500, random });

  it('draws each delay uniformly below an exponentially growing, capped ceiling', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((n) =>
      backoffDelay(
        policy(() => 0.999999),
        n,
        undefined,
      ),
    );
    expect(ceilings).toEqual([99, 199, 399, 499, 499, 499]);
    expect(
      [1, 2, 3, 4].map((n) =>
        backoffDelay(
          policy(() => 0),
          n,
          undefined,
        ),
      ),
    ).toEqual([0, 0, 0, 0]);
    expect(
      backoffDelay(
        policy(() => 0.25),
        3,
        undefined,
      ),
    ).toBe(100);
  });

  it('uses the injected random source and sleep through the client', async () => {
    const server = await flaky(3, json(502, {}));
    const draws = [0.1, 0.9, 0.5];
    const { client, delays } = recordingClient(server.url, 3, { random: () => draws.shift() ?? 0 });
    await client.request({ method: 'GET', path: '/api/x' });
    await client.close();
    expect(delays).toEqual([10, 180, 200]);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('honours Retry-After in seconds, up to the cap', async () => {
    const server = await flaky(2, (_req, res) => {
      res.writeHead(429, { 'retry-after': server.requests.length === 1 ? '0' : '30', 'content-type': 'application/json' });
      res.end('{"error":"Too Many Requests"}');
    });
    const { client, delays } = recordingClient(server.url, 2);
    await client.request({ method: 'GET', path: '/api/x' });
    await client.close();
    expect(delays).toEqual([0, 1000]);
  });

  it('honours Retry-After as an HTTP date, capped, and exposes it on the final error', async () => {
    const server = await flaky(100, (_req, res) => {
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() });
      res.end();
    });
    const { client, delays } = recordingClient(server.url, 1);
    const err = await rejection(client.request({ method: 'GET', path: '/api/x' }));
    await client.close();
    expect(delays).toEqual([1000]);
    expect(err.retryAfterMs).toBeGreaterThan(3_500_000);
  });

  it('stops waiting at once when the caller aborts during a back-off', async () => {
    const server = await flaky(100, json(503, {}, { 'retry-after': '20' }));
    const client = testClient(server.url, { retries: 3, retryMaxDelayMs: 20_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await rejection(client.request({ method: 'GET', path: '/api/x', signal: controller.signal }));
    await client.close();
    expect(err).toMatchObject({ category: 'aborted', attempts: 1 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });
});

async function closedPort(): Promise<number> {
  const server = await startRecordingKibana();
  await server.stop();
  return server.port;
}
