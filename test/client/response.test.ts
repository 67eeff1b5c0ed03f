import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KibanaError, type KibanaClient } from '../../src/client/index.js';
import { type Handler, type RecordingKibana, json, startRecordingKibana } from '../../harness/recording-kibana.js';
import { testClient, rejection } from '../support/kibana-client.js';

// One server; each test picks the answer with the path.
const routes = new Map<string, Handler>();
let server: RecordingKibana;
let client: KibanaClient;

beforeAll(async () => {
  server = await startRecordingKibana((request, res, req) =>
    (routes.get(request.path) ?? json(500, { error: 'no route' }))(request, res, req),
  );
  client = testClient(server.url);
});
afterAll(async () => {
  await client.close();
  await server.stop();
});

const raw =
  (status: number, contentType: string | undefined, body: string): Handler =>
  (_req, res) => {
    res.writeHead(status, contentType === undefined ? {} : { 'content-type': contentType });
    res.end(body);
  };

async function get(path: string, handler: Handler) {
  routes.set(path, handler);
  return client.request({ method: 'GET', path });
}

describe('size limit', () => {
  it('refuses a body larger than maxResponseBytes without buffering it all', async () => {
    routes.set('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`[${'"0123456789",'.repeat(10_000)}"end"]`);
    });
    const small = testClient(server.url, { maxResponseBytes: 50_000 });
    const err = await rejection(small.request({ method: 'GET', path: '/huge' }));
    await small.close();
    expect(err).toMatchObject({ category: 'too_large', status: 200 });
    expect(err.message).toBe('GET /huge: the response is larger than 49 KiB, so it was not read');
    expect((await client.request({ method: 'GET', path: '/huge' })).data).toHaveLength(10_001);
  });
});

describe('answers that are not API answers', () => {
  it('refuses a redirect (a login proxy) instead of treating it as success', async () => {
    const err = await rejection(
      get('/redirect', (_request, res) => {
        res.writeHead(302, { location: 'https://sso.example.com/login' }).end();
      }),
    );
    expect(err).toMatchObject({ category: 'not_api', status: 302 });
    expect(err.message).toBe(
      'GET /redirect: 302 Found: got a redirect to https://sso.example.com/login instead of an API response (a login proxy in front of Kibana, or a wrong base URL?)',
    );
  });

  it('refuses a redirect with an empty body too', async () => {
    const err = await rejection(
      get('/empty-redirect', (_request, res) => {
        res.writeHead(302, { location: '/oauth2/start', 'content-length': '0' }).end();
      }),
    );
    expect(err).toMatchObject({ category: 'not_api', status: 302 });
  });

  it('refuses an HTML page answered with 200', async () => {
    const err = await rejection(get('/login', raw(200, 'text/html; charset=utf-8', '<html>log in</html>')));
    expect(err).toMatchObject({ category: 'not_api', status: 200 });
    expect(err.message).toContain('got an HTML page instead of an API response');
  });
});

describe('successful responses', () => {
  it('parses JSON and returns status, content type and lower-cased headers', async () => {
    const res = await get('/json', json(200, { a: [1, 'b'] }, { 'X-Custom-Header': 'v' }));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ a: [1, 'b'] });
    expect(res.contentType).toBe('application/json');
    expect(res.headers['x-custom-header']).toBe('v');
  });

  it.each([
    'application/json; charset=utf-8',
    'application/json; Elastic-Api-Version=2023-10-31',
    'application/vnd.elastic+json',
    'application:json',
    'Application/JSON',
  ])('parses %s as JSON', async (type) => {
    expect((await get('/typed', raw(200, type, '{"ok":true}'))).data).toEqual({ ok: true });
  });

  it.each(['application/ndjson', 'application/x-ndjson'])('parses %s into an array', async (type) => {
    const res = await get('/ndjson', raw(200, type, '{"id":"1"}\n{"id":"2"}\r\n\n{"exportedCount":2}\n'));
    expect(res.data).toEqual([{ id: '1' }, { id: '2' }, { exportedCount: 2 }]);
  });

  it('returns undefined data for 204 and for an empty body', async () => {
    const noContent = await get('/204', (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    expect(noContent.status).toBe(204);
    expect(noContent.data).toBeUndefined();
    expect((await get('/empty', raw(200, 'application/json', ''))).data).toBeUndefined();
  });

  it('returns text as a string', async () => {
    expect((await get('/text', raw(200, 'text/plain; charset=utf-8', 'hello'))).data).toBe('hello');
    expect((await get('/csv', raw(200, 'text/csv', 'a,b\n1,2'))).data).toBe('a,b\n1,2');
  });

  it('refuses a success whose body claims JSON but is not, and keeps such an error body as text', async () => {
    for (const [type, body] of [
      ['application/json', '{"cut": "off'],
      ['application/x-ndjson', '{"id":"1"}\n{"id":'],
    ]) {
      const err = await rejection(get('/badjson', raw(200, type as string, body as string)));
      expect(err).toMatchObject({ category: 'not_api', status: 200 });
      expect(err.message).toMatch(/^GET \/badjson: 200 OK: got a body that is not valid JSON \(.+\) instead of an API response/);
    }
    const failed = await rejection(get('/badjson-500', raw(500, 'application/json', '<html>oops</html>')));
    expect(failed).toMatchObject({ category: 'server', kibanaMessage: '<html>oops</html>' });
  });

  it.each(['application/octet-stream', 'text/event-stream', 'image/png', 'application/zip'])(
    'refuses %s without reading the body',
    async (type) => {
      let response: ServerResponse | undefined;
      const err = await rejection(
        get('/binary', (_req, res) => {
          response = res;
          res.writeHead(200, { 'content-type': type });
          res.write(Buffer.alloc(1024, 1)); // and never end: reading it would hang
        }),
      );
      expect(err).toBeInstanceOf(KibanaError);
      expect(err.category).toBe('unsupported_response');
      expect(err.message).toContain(type);
      expect(err.message).toMatch(/cannot return binary or streaming content/);
      expect(err.message.startsWith('GET /binary: ')).toBe(true);
      // The client dropped the connection instead of draining it.
      if (!response) throw new Error('no response');
      if (!response.closed) await once(response, 'close');
      expect(response.writableFinished).toBe(false);
    },
  );
});

describe('error responses', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'bad_request'],
    [409, 'conflict'],
    [413, 'bad_request'],
    [422, 'bad_request'],
    [429, 'rate_limited'],
    [500, 'server'],
    [501, 'server'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
  ])("maps %i to %s with Kibana's error and message", async (status, category) => {
    const err = await rejection(get(`/status-${status}`, json(status, { statusCode: status, error: 'Some Error', message: 'it\nbroke' })));
    expect(err).toBeInstanceOf(KibanaError);
    expect(err).toMatchObject({
      category,
      status,
      method: 'GET',
      path: `/status-${status}`,
      kibanaError: 'Some Error',
      kibanaMessage: 'it\nbroke',
      attempts: 1,
    });
    expect(err.message).toBe(`GET /status-${status}: ${status} Some Error: it broke`);
  });

  it('reads Security-style {message, status_code} bodies', async () => {
    const err = await rejection(get('/api/security/role/x', json(403, { message: 'unauthorized to create role', status_code: 403 })));
    expect(err).toMatchObject({ category: 'forbidden', status: 403, kibanaMessage: 'unauthorized to create role' });
    expect(err.kibanaError).toBeUndefined();
    expect(err.message).toBe('GET /api/security/role/x: 403 Forbidden: unauthorized to create role');
  });

  it('keeps a non-JSON error body, on one line and truncated', async () => {
    const html = `<html>\n<head><title>502 Bad Gateway</title></head>\n<body>${'x'.repeat(2000)}</body></html>`;
    const err = await rejection(get('/proxy', raw(502, 'text/html', html)));
    expect(err.category).toBe('unavailable');
    expect(err.kibanaMessage).toMatch(/^<html> <head><title>502 Bad Gateway<\/title>/);
    expect(String(err.kibanaMessage).length).toBeLessThanOrEqual(501);
    expect(err.message).not.toContain('\n');
  });

  it('reports an error with a binary or empty body by its status alone', async () => {
    const binary = await rejection(get('/bin500', raw(500, 'application/octet-stream', 'xx')));
    expect(binary.message).toBe('GET /bin500: 500 Internal Server Error');
    const empty = await rejection(get('/empty404', raw(404, undefined, '')));
    expect(empty.message).toBe('GET /empty404: 404 Not Found');
  });

  it('leaves the query string out of the error path and message', async () => {
    routes.set('/private-query', json(404, { error: 'Not Found', message: 'nope' }));
    const err = await rejection(client.request({ method: 'GET', path: '/private-query', query: { token: 'abc' } }));
    expect(err.path).toBe('/private-query');
    expect(err.message).not.toContain('abc');
  });

  it('names the space-prefixed path in errors', async () => {
    routes.set('/s/ops/api/x', json(404, { error: 'Not Found', message: 'nope' }));
    const err = await rejection(client.request({ method: 'GET', path: '/api/x', space: 'ops' }));
    expect(err.path).toBe('/s/ops/api/x');
  });
});
