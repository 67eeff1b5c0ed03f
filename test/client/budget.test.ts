import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetWaitAborted, ByteBudget } from '../../src/client/byte-budget.js';
import type { KibanaClient } from '../../src/client/index.js';
import { type Handler, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { rejection, testClient } from '../support/kibana-client.js';

class Abort extends EventEmitter {
  aborted = false;
  abort(): void {
    this.aborted = true;
    this.emit('abort');
  }
}

const never = new Abort();

describe('ByteBudget', () => {
  it('grants what fits at once, makes the rest wait first come first served, and grants on release', async () => {
    const budget = new ByteBudget(100);
    const first = await budget.reserve(60, never);
    const granted: string[] = [];
    const second = budget.reserve(60, never).then((release) => (granted.push('second'), release));
    const third = budget.reserve(10, never).then((release) => (granted.push('third'), release));
    await Promise.resolve();
    // The third would fit, but it does not overtake the second: a large read is never starved.
    expect(granted).toEqual([]);
    expect(budget.available).toBe(40);
    first();
    first();
    const releases = await Promise.all([second, third]);
    expect(granted).toEqual(['second', 'third']);
    expect(budget.available).toBe(30);
    for (const release of releases) release();
    expect(budget.available).toBe(100);
  });

  it('clamps a reservation to the capacity, so that one read larger than it can still run alone', async () => {
    const budget = new ByteBudget(100);
    const release = await budget.reserve(1000, never);
    expect(budget.available).toBe(0);
    release();
    expect(budget.available).toBe(100);
  });

  it('gives up a wait when its signal aborts, saying how long it waited, and lets the next one in', async () => {
    const budget = new ByteBudget(100);
    const held = await budget.reserve(100, never);
    const signal = new Abort();
    const waiting = budget.reserve(50, signal);
    const next = budget.reserve(50, never);
    signal.abort();
    expect(await rejection(waiting)).toBeInstanceOf(BudgetWaitAborted);
    held();
    (await next)();
    expect(budget.available).toBe(100);
    const aborted = new Abort();
    aborted.abort();
    await budget.reserve(100, never);
    expect(await rejection(budget.reserve(1, aborted))).toMatchObject({ waitedMs: 0 });
  });
});

describe('the client reads large bodies within its budget', () => {
  const MIB = 1024 * 1024;
  const routes = new Map<string, Handler>();
  let server: RecordingKibana;
  let client: KibanaClient;
  /** Responses a test holds open, to end when it says. */
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    server = await startRecordingKibana((request, res, req) => (routes.get(request.path) as Handler)(request, res, req));
    // 3 MiB read limit, 3 MiB budget: one large answer at a time.
    client = testClient(server.url, { maxResponseBytes: 3 * MIB, maxBytesInFlight: 3 * MIB });
    const body = (bytes: number) => `"${'x'.repeat(bytes - 2)}"`;
    routes.set('/large', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MIB) }).end(body(2 * MIB));
    });
    routes.set('/large-held', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MIB) });
      res.write('"x');
      held.push(res);
    });
    routes.set('/large-chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(body(2 * MIB).slice(0, MIB));
      res.end(body(2 * MIB).slice(MIB));
    });
    routes.set('/small-chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"small":');
      res.end('true}');
    });
    routes.set('/declared-too-large', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * MIB) });
      res.write('"x');
    });
    routes.set('/reset-mid-body', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MIB) });
      res.write(body(MIB), () => res.destroy());
    });
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it('makes a large answer wait while another holds the budget, and says so when its time runs out', async () => {
    const first = client.request({ method: 'GET', path: '/large-held' });
    while (held.length === 0) await new Promise(setImmediate);
    // A round trip after the held answer's headers went out: by then the client has read them and reserved.
    expect((await client.request({ method: 'GET', path: '/small-chunked' })).data).toEqual({ small: true });
    const waiting = await rejection(client.request({ method: 'GET', path: '/large', deadline: Date.now() + 400 }));
    expect(waiting).toMatchObject({ category: 'timeout' });
    expect(waiting.message).toMatch(/the last attempt waited \d+ ms for other large answers to be read first$/);
    // Small answers, and large ones after the holder is done, are not held up.
    expect((await client.request({ method: 'GET', path: '/small-chunked' })).data).toEqual({ small: true });
    (held.shift() as ServerResponse).end(`${'x'.repeat(2 * MIB - 3)}"`);
    expect(((await first).data as string).length).toBe(2 * MIB - 2);
    expect(((await client.request({ method: 'GET', path: '/large' })).data as string).length).toBe(2 * MIB - 2);
    expect(((await client.request({ method: 'GET', path: '/large-chunked' })).data as string).length).toBe(2 * MIB - 2);
  });

  it('refuses a body whose declared length is past the read limit before reading it', async () => {
    const err = await rejection(client.request({ method: 'GET', path: '/declared-too-large' }));
    expect(err).toMatchObject({ category: 'too_large', status: 200 });
    expect(err.message).toBe('GET /declared-too-large: the response is 5 MiB, more than 3 MiB, so it was not read');
  });

  it('gives the budget back when a large read fails', async () => {
    expect(await rejection(client.request({ method: 'GET', path: '/reset-mid-body' }))).toMatchObject({ category: 'network' });
    const results = await Promise.all([1, 2, 3].map(() => client.request({ method: 'GET', path: '/large', deadline: Date.now() + 3000 })));
    expect(results.map((r) => (r.data as string).length)).toEqual([2 * MIB - 2, 2 * MIB - 2, 2 * MIB - 2]);
  });
});
