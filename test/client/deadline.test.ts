import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KibanaError } from '../../src/client/index.js';
import { MIN_RETRY_ATTEMPT_MS, type RetryPolicy, nextRetry } from '../../src/client/retry.js';
import type { Logger } from '../../src/logger.js';
import { type Handler, type RecordingKibana, json, startRecordingKibana } from '../../harness/recording-kibana.js';
import { rejection, testClient } from '../support/kibana-client.js';

// One server; each test picks the answer with the path.
const routes = new Map<string, Handler>();
let server: RecordingKibana;
beforeAll(async () => {
  server = await startRecordingKibana((request, res, req) => (routes.get(request.path) ?? json(200, { ok: true }))(request, res, req));
  routes.set('/silent', () => {});
  routes.set('/busy', json(503, { error: 'Service Unavailable', message: 'busy' }, { 'retry-after': '2' }));
  // undici loads on a client's first request: load it here, outside the deadlines under test.
  const warm = testClient(server.url);
  await warm.request({ method: 'GET', path: '/api/ok' });
  await warm.close();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
});

const sent = (path: string) => server.requests.filter((r) => r.path === path).length;

describe('nextRetry, the retry policy with a deadline', () => {
  const policy: RetryPolicy = { retries: 2, attemptTimeoutMs: 30_000, baseDelayMs: 200, maxDelayMs: 5000, random: () => 0.5 };
  const unavailable = new KibanaError({ category: 'unavailable', method: 'GET', path: '/x', detail: '503', status: 503 });
  const asksToWait = new KibanaError({
    category: 'rate_limited',
    method: 'GET',
    path: '/x',
    detail: '429',
    status: 429,
    retryAfterMs: 3000,
  });

  it('retries without a deadline as before, up to the retry count', () => {
    expect(nextRetry(policy, 'GET', unavailable, 1, undefined)).toEqual({ retry: true, waitMs: 100 });
    expect(nextRetry(policy, 'GET', unavailable, 2, undefined)).toEqual({ retry: true, waitMs: 200 });
    expect(nextRetry(policy, 'GET', unavailable, 3, undefined)).toEqual({ retry: false });
    expect(nextRetry(policy, 'POST', unavailable, 1, undefined)).toEqual({ retry: false });
  });

  it('retries only when the back-off and a useful attempt fit in what is left', () => {
    expect(nextRetry(policy, 'GET', unavailable, 1, 100 + MIN_RETRY_ATTEMPT_MS)).toEqual({ retry: true, waitMs: 100 });
    expect(nextRetry(policy, 'GET', unavailable, 1, 99 + MIN_RETRY_ATTEMPT_MS)).toEqual({
      retry: false,
      why: `${99 + MIN_RETRY_ATTEMPT_MS} ms left before the deadline, less than a 100 ms back-off and an attempt`,
    });
    expect(nextRetry(policy, 'GET', asksToWait, 1, 3500)).toMatchObject({ retry: false });
    expect(nextRetry(policy, 'GET', asksToWait, 1, 4000)).toEqual({ retry: true, waitMs: 3000 });
  });

  it('asks no more of the remaining time than an attempt may take', () => {
    const quick = { ...policy, attemptTimeoutMs: 300 };
    expect(nextRetry(quick, 'GET', unavailable, 1, 400)).toEqual({ retry: true, waitMs: 100 });
    expect(nextRetry(quick, 'GET', unavailable, 1, 399)).toMatchObject({ retry: false });
    expect(nextRetry(quick, 'GET', unavailable, 1, -5)).toMatchObject({ retry: false, why: expect.stringMatching(/^0 ms left/) });
  });
});

describe('a request with a deadline', () => {
  it('cuts an attempt at the deadline, shorter than the per-attempt timeout, and says so', async () => {
    const client = testClient(server.url, { timeoutMs: 10_000, retries: 2 });
    const started = Date.now();
    const err = await rejection(client.request({ method: 'GET', path: '/silent', deadline: started + 300 }));
    const elapsed = Date.now() - started;
    await client.close();
    expect(err).toMatchObject({ category: 'timeout', code: 'ETIMEDOUT', attempts: 1 });
    expect(err.message).toMatch(/^GET \/silent: no complete response before the request's deadline: gave up after \d+ ms and 1 attempt$/);
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(3000);
    expect(sent('/silent')).toBe(1);
  });

  it('starts no retry that would not fit before it, and logs why', async () => {
    const lines: string[] = [];
    const logger: Logger = { error: () => {}, info: () => {}, debug: () => {}, warn: (m) => void lines.push(m) };
    const delays: number[] = [];
    const client = testClient(server.url, { retries: 3, logger, sleep: async (ms) => void delays.push(ms) });
    const err = await rejection(client.request({ method: 'GET', path: '/busy', deadline: Date.now() + 1500 }));
    expect(err).toMatchObject({ category: 'unavailable', status: 503, attempts: 1 });
    expect(delays).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^GET \/busy: unavailable, not retried: \d+ ms left before the deadline, less than a 2000 ms back-off and an attempt$/,
    );
    // With room for them, the same retries run.
    await rejection(client.request({ method: 'GET', path: '/busy', deadline: Date.now() + 60_000 }));
    await client.close();
    expect(delays).toEqual([2000, 2000, 2000]);
    expect(sent('/busy')).toBe(5);
  });

  it('bounds retries of timed-out attempts by the deadline, naming each limit in the error', async () => {
    const client = testClient(server.url, { timeoutMs: 200, retries: 10, sleep: async () => {} });
    const started = Date.now();
    const err = await rejection(client.request({ method: 'GET', path: '/silent', deadline: started + 700 }));
    const elapsed = Date.now() - started;
    await client.close();
    expect(err.category).toBe('timeout');
    expect(err.message).toMatch(
      /^GET \/silent: no complete response (within 200 ms \(\d attempts, \d+ ms in all\)|before the request's deadline: gave up after \d+ ms and \d attempts)$/,
    );
    expect(elapsed).toBeLessThan(700 + 1000);
    expect(sent('/silent')).toBeLessThanOrEqual(err.attempts as number);
    expect(err.attempts).toBeGreaterThanOrEqual(2);
    expect(err.attempts).toBeLessThanOrEqual(4);
  });

  it('sends nothing when the deadline has already passed', async () => {
    const client = testClient(server.url);
    const err = await rejection(client.request({ method: 'POST', path: '/api/x', body: {}, deadline: Date.now() - 50 }));
    await client.close();
    expect(err).toMatchObject({ category: 'timeout', attempts: 0 });
    expect(err.message).toMatch(/^POST \/api\/x: not sent: the request's deadline passed \d+ ms before it could start$/);
    expect(server.requests).toHaveLength(0);
  });

  it('still answers at once when it has time, and still stops when the caller aborts', async () => {
    const client = testClient(server.url, { retries: 2 });
    expect((await client.request({ method: 'GET', path: '/api/ok', deadline: Date.now() + 5000 })).data).toEqual({ ok: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await rejection(
      client.request({ method: 'GET', path: '/silent', signal: controller.signal, deadline: Date.now() + 10_000 }),
    );
    await client.close();
    expect(err).toMatchObject({ category: 'aborted', attempts: 1 });
  });

  it('reports a per-attempt timeout of a retried GET with the attempts and the time in all', async () => {
    const client = testClient(server.url, { timeoutMs: 150, retries: 1, sleep: async () => {} });
    const err = await rejection(client.request({ method: 'GET', path: '/silent' }));
    await client.close();
    expect(err).toMatchObject({ category: 'timeout', attempts: 2 });
    expect(err.message).toMatch(/^GET \/silent: no complete response within 150 ms \(2 attempts, \d+ ms in all\)$/);
  });
});
