import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KibanaClient } from '../../src/client/index.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { testClient, rejection } from '../support/kibana-client.js';

let server: RecordingKibana;
let client: KibanaClient;

beforeAll(async () => {
  server = await startRecordingKibana();
  client = testClient(server.url);
});
afterAll(async () => {
  await client.close();
  await server.stop();
});
beforeEach(() => {
  server.requests.length = 0;
});

const last = () => {
  const req = server.requests.at(-1);
  if (!req) throw new Error('no request arrived');
  return req;
};

describe('auth headers', () => {
  it.each([
    [{ kind: 'apiKey', apiKey: 'a2V5aWQ6c2VjcmV0' }, 'ApiKey a2V5aWQ6c2VjcmV0'],
    [{ kind: 'basic', username: 'elastic', password: 'changeme' }, `Basic ${Buffer.from('elastic:changeme').toString('base64')}`],
    [{ kind: 'bearer', token: 'tok-123' }, 'Bearer tok-123'],
  ] as const)('sends %j as %s', async (auth, expected) => {
    const c = testClient(server.url, { auth });
    await c.request({ method: 'GET', path: '/api/status' });
    await c.close();
    expect(last().headers.authorization).toBe(expected);
  });

  it('sends no authorization with auth none', async () => {
    const c = testClient(server.url, { auth: { kind: 'none' } });
    await c.request({ method: 'GET', path: '/api/status' });
    await c.close();
    expect(last().headers).not.toHaveProperty('authorization');
  });

  it('lets req.authorization override the configured credentials (passthrough)', async () => {
    await client.request({ method: 'GET', path: '/api/status', authorization: 'Bearer caller-token' });
    expect(last().headers.authorization).toBe('Bearer caller-token');
    const c = testClient(server.url, { auth: { kind: 'none' } });
    await c.request({ method: 'GET', path: '/api/status', authorization: 'ApiKey callerkey' });
    await c.close();
    expect(last().headers.authorization).toBe('ApiKey callerkey');
  });
});

describe('standard headers', () => {
  it('sends user-agent and accept on every request', async () => {
    await client.request({ method: 'GET', path: '/api/status' });
    expect(last().headers['user-agent']).toBe('kibana-mcp-test/1.0');
    expect(last().headers.accept).toBe('application/json');
  });

  it('sends kbn-xsrf on every non-GET and not on GET', async () => {
    await client.request({ method: 'GET', path: '/api/data_views' });
    expect(last().headers).not.toHaveProperty('kbn-xsrf');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      await client.request({ method, path: '/api/data_views' });
      expect(last().headers['kbn-xsrf'], method).toBe('true');
    }
  });

  it('keeps kbn-xsrf even when a caller tries to override it, and adds caller headers', async () => {
    await client.request({ method: 'POST', path: '/api/x', headers: { 'KBN-XSRF': 'nope', 'elastic-api-version': '2023-10-31' } });
    expect(last().headers['kbn-xsrf']).toBe('true');
    expect(last().headers['elastic-api-version']).toBe('2023-10-31');
  });

  it('refuses a header value undici cannot send, as a bad request that is not retried', async () => {
    const retrying = testClient(server.url, { retries: 2, sleep: async () => {} });
    const err = await rejection(retrying.request({ method: 'GET', path: '/api/x', headers: { 'x-note': 'a\r\nb' } }));
    await retrying.close();
    expect(err).toMatchObject({ category: 'invalid_request', code: 'UND_ERR_INVALID_ARG', attempts: 1 });
    expect(err.message).toMatch(/^GET \/api\/x: invalid request: /);
    expect(server.requests).toHaveLength(0);
  });

  it('sends x-elastic-internal-origin only on /internal/ paths', async () => {
    await client.request({ method: 'GET', path: '/internal/search/es' });
    expect(last().headers['x-elastic-internal-origin']).toBe('kibana');
    await client.request({ method: 'GET', path: '/api/internal_things' });
    expect(last().headers).not.toHaveProperty('x-elastic-internal-origin');
  });
});

describe('URL building', () => {
  it.each([
    ['/kibana', '/api/status', '/kibana/api/status'],
    ['/kibana/', '/api/status', '/kibana/api/status'],
    ['/_plugin/kibana//', 'api/status', '/_plugin/kibana/api/status'],
    ['', '/api/status', '/api/status'],
    ['/', '/api/status', '/api/status'],
  ])('joins base sub-path %j with %j', async (sub, path, expected) => {
    const c = testClient(server.url + sub);
    await c.request({ method: 'GET', path });
    await c.close();
    expect(last().url).toBe(expected);
  });

  it('keeps a path value as one encoded segment', async () => {
    await client.request({
      method: 'GET',
      path: '/api/saved_objects/{type}/{id}',
      params: { type: 'dashboard', id: '../../api/security/role' },
    });
    expect(last().url).toBe('/api/saved_objects/dashboard/..%2F..%2Fapi%2Fsecurity%2Frole');
    await client.request({ method: 'GET', path: '/api/cases/{id}', params: { id: 'a b?c#d&e' } });
    expect(last().url).toBe('/api/cases/a%20b%3Fc%23d%26e');
    await client.request({ method: 'GET', path: '/api/alerting/rule/{id}', params: { id: 42 } });
    expect(last().url).toBe('/api/alerting/rule/42');
  });

  it('rejects a missing, empty or dot-segment path value, naming it, without sending anything', async () => {
    for (const params of [undefined, {}, { ruleId: '' }, { ruleId: '..' }] as Array<Record<string, string> | undefined>) {
      const err = await rejection(client.request({ method: 'DELETE', path: '/api/alerting/rule/{ruleId}', params }));
      expect(err.category).toBe('invalid_request');
      expect(err.message).toContain("'ruleId'");
      expect(err.message.startsWith('DELETE /api/alerting/rule/{ruleId}: ')).toBe(true);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a lone surrogate in a path or query value, naming it, without sending anything', async () => {
    const path = await rejection(client.request({ method: 'GET', path: '/api/cases/{caseId}', params: { caseId: 'a\ud800b' } }));
    expect(path).toMatchObject({ category: 'invalid_request' });
    expect(path.message).toBe("GET /api/cases/{caseId}: path parameter 'caseId' is not valid Unicode (it holds a lone surrogate)");
    const query = await rejection(client.request({ method: 'GET', path: '/api/x', query: { search: ['ok', '\udc00'] } }));
    expect(query.message).toBe("GET /api/x: query parameter 'search' is not valid Unicode (it holds a lone surrogate)");
    expect(server.requests).toHaveLength(0);
    await client.request({
      method: 'GET',
      path: '/api/cases/{caseId}',
      params: { caseId: 'ok \ud83d\ude00' },
      query: { q: '\ud83d\ude00' },
    });
    expect(last().url).toBe('/api/cases/ok%20%F0%9F%98%80?q=%F0%9F%98%80');
  });

  it('prefixes /s/{space} on a space-aware path', async () => {
    await client.request({ method: 'GET', path: '/api/data_views', space: 'marketing' });
    expect(last().url).toBe('/s/marketing/api/data_views');
    const c = testClient(`${server.url}/kibana`);
    await c.request({ method: 'GET', path: '/api/saved_objects/_find', space: 'ops-2', query: { type: 'dashboard' } });
    await c.close();
    expect(last().url).toBe('/kibana/s/ops-2/api/saved_objects/_find?type=dashboard');
  });

  it('does not prefix the default space or an absent one', async () => {
    await client.request({ method: 'GET', path: '/api/data_views', space: 'default' });
    expect(last().url).toBe('/api/data_views');
    await client.request({ method: 'GET', path: '/api/data_views' });
    expect(last().url).toBe('/api/data_views');
  });

  it("prefixes whatever path it is given a space for: which operations live in a space is the caller's fact", async () => {
    await client.request({ method: 'POST', path: '/api/spaces/_copy_saved_objects', space: 'marketing', body: {} });
    expect(last().url).toBe('/s/marketing/api/spaces/_copy_saved_objects');
    await client.request({ method: 'GET', path: '/api/spaces/space/{id}', params: { id: 'x' } });
    expect(last().url).toBe('/api/spaces/space/x');
  });

  it('fills an explicit /s/{spaceId} path (SLO) without adding another prefix', async () => {
    await client.request({ method: 'GET', path: '/s/{spaceId}/api/observability/slos', params: { spaceId: 'ops' }, space: 'other' });
    expect(last().url).toBe('/s/ops/api/observability/slos');
  });

  it('rejects a space id that could escape its segment', async () => {
    const err = await rejection(client.request({ method: 'GET', path: '/api/data_views', space: '../x' }));
    expect(err.category).toBe('invalid_request');
    expect(server.requests).toHaveLength(0);
  });
});

describe('query strings', () => {
  const query = async (q: Record<string, unknown>) => {
    await client.request({ method: 'GET', path: '/api/x', query: q as never });
    return last().url.slice('/api/x'.length);
  };

  it('omits null and undefined values', async () => {
    expect(await query({ a: null, b: undefined })).toBe('');
    expect(await query({ a: null, b: 'x', c: [null, 'y'] })).toBe('?b=x&c=y');
  });
  it('sends booleans and numbers as text', async () => {
    expect(await query({ t: true, f: false, n: 10, d: 1.5, z: 0, neg: -3 })).toBe('?t=true&f=false&n=10&d=1.5&z=0&neg=-3');
    expect(await query({ big: 1e21, small: 1e-7 })).toBe('?big=1000000000000000000000&small=0.0000001');
  });
  it('repeats the key for arrays', async () => {
    expect(await query({ fields: ['title', 'type'], per_page: 2 })).toBe('?fields=title&fields=type&per_page=2');
  });
  it('sends objects, and arrays of objects, as JSON', async () => {
    const url = await query({ has_reference: { type: 'x', id: 'y' } });
    expect(url).toBe(`?has_reference=${encodeURIComponent('{"type":"x","id":"y"}')}`);
    const params = new URLSearchParams(
      await query({
        has_reference: [
          { type: 'a', id: '1' },
          { type: 'b', id: '2' },
        ],
      }),
    );
    expect(params.getAll('has_reference').map((v) => JSON.parse(v))).toEqual([
      { type: 'a', id: '1' },
      { type: 'b', id: '2' },
    ]);
  });
  it('percent-encodes keys and values', async () => {
    expect(await query({ 'search fields': 'a&b=c', filter: 'attributes.title:"x y"' })).toBe(
      '?search%20fields=a%26b%3Dc&filter=attributes.title%3A%22x%20y%22',
    );
  });
  it('rejects a non-finite number', async () => {
    expect((await rejection(client.request({ method: 'GET', path: '/api/x', query: { n: Number.NaN } }))).category).toBe('invalid_request');
  });
});

describe('request bodies', () => {
  it('sends JSON by default, top-level arrays included', async () => {
    await client.request({ method: 'POST', path: '/api/x', body: { title: 'é', n: 1 } });
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body)).toEqual({ title: 'é', n: 1 });
    await client.request({ method: 'POST', path: '/api/saved_objects/_bulk_get', body: [{ type: 'a', id: '1' }] });
    expect(JSON.parse(last().body)).toEqual([{ type: 'a', id: '1' }]);
  });

  it('sends no body and no content type when body is undefined', async () => {
    await client.request({ method: 'DELETE', path: '/api/x' });
    expect(last().body.length).toBe(0);
    expect(last().headers).not.toHaveProperty('content-type');
  });

  it('sends ndjson: one line per element and a trailing newline', async () => {
    await client.request({ method: 'POST', path: '/api/x', bodyType: 'ndjson', body: [{ a: 1 }, { b: 'two\nlines' }] });
    expect(last().headers['content-type']).toBe('application/x-ndjson');
    expect(last().body).toBe('{"a":1}\n{"b":"two\\nlines"}\n');
  });

  it('rejects an ndjson body that is not an array', async () => {
    expect((await rejection(client.request({ method: 'POST', path: '/api/x', bodyType: 'ndjson', body: { a: 1 } }))).category).toBe(
      'invalid_request',
    );
  });

  it('refuses a body or query object it cannot encode as JSON, naming it, without sending anything', async () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level++) deep = { a: deep };
    const cases: Array<[Parameters<typeof client.request>[0], string]> = [
      [{ method: 'POST', path: '/api/x', body: deep }, 'the request body cannot be sent as JSON: it is nested too deeply'],
      [
        { method: 'POST', path: '/api/x', bodyType: 'ndjson', body: [{}, deep] },
        'line 2 of the ndjson body cannot be sent as JSON: it is nested too deeply',
      ],
      [
        { method: 'GET', path: '/api/x', query: { filter: deep as Record<string, unknown> } },
        "query parameter 'filter' cannot be sent as JSON: it is nested too deeply",
      ],
      [
        { method: 'POST', path: '/api/x', body: { n: 10n } },
        'the request body cannot be sent as JSON: Do not know how to serialize a BigInt',
      ],
    ];
    for (const [request, says] of cases) {
      const err = await rejection(client.request(request));
      expect(err).toMatchObject({ category: 'invalid_request' });
      expect(err.message).toBe(`${request.method} /api/x: ${says}`);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('sends multipart/form-data with file and plain parts', async () => {
    const ndjson = '{"type":"index-pattern","id":"1"}\n{"type":"dashboard","id":"2"}\n';
    await client.request({
      method: 'POST',
      path: '/api/saved_objects/_import',
      query: { overwrite: true },
      bodyType: 'multipart',
      headers: { 'content-type': 'application/json' },
      body: [
        { name: 'file', value: ndjson, filename: 'export.ndjson', contentType: 'application/x-ndjson' },
        { name: 'note', value: 'plain field' },
      ],
    });
    const req = last();
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.headers['kbn-xsrf']).toBe('true');
    const form = await new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': String(req.headers['content-type']) },
      body: new Uint8Array(req.bytes),
    }).formData();
    const file = form.get('file') as File;
    expect(file.name).toBe('export.ndjson');
    expect(file.type).toBe('application/x-ndjson');
    expect(await file.text()).toBe(ndjson);
    expect(form.get('note')).toBe('plain field');
  });
});
