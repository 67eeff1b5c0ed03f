import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox({ version: '8.17.4' });

describe('sandbox HTTP behaviour', () => {
  it('reports the configured version in /api/status', async () => {
    const { status, body } = await call(sandbox(), 'GET', '/api/status');
    expect(status).toBe(200);
    expect(body.version.number).toBe('8.17.4');
    expect(body.status.overall.level).toBe('available');
  });

  it('answers 401 with Kibana’s error body without credentials or with wrong ones', async () => {
    const none = await call(sandbox(), 'GET', '/api/status', { auth: false });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });

    const wrongKey = await call(sandbox(), 'GET', '/api/status', { auth: 'ApiKey bm90OnRoZWtleQ==' });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error).toBe('Unauthorized');

    const wrongPassword = Buffer.from('elastic:wrong').toString('base64');
    const basic = await call(sandbox(), 'GET', '/api/status', { auth: `Basic ${wrongPassword}` });
    expect(basic.status).toBe(401);
    expect(basic.body.message).toContain('unable to authenticate user [elastic]');
  });

  it('accepts the API key and basic credentials it prints', async () => {
    const { username, password } = sandbox().credentials;
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    expect((await call(sandbox(), 'GET', '/api/status', { auth: `Basic ${basic}` })).status).toBe(200);
    expect((await call(sandbox(), 'GET', '/api/status')).status).toBe(200);
  });

  it('requires kbn-xsrf on every non-GET request', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/short_url', {
      body: { locatorId: 'DASHBOARD_APP_LOCATOR', params: {} },
      xsrf: false,
    });
    expect(status).toBe(400);
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Request must contain a kbn-xsrf header.' });
  });

  it('answers a route it does not simulate with a 501 that names it, unlike a missing id', async () => {
    const unknown = await call(sandbox(), 'GET', '/s/marketing/api/no_such_api', { query: { page: '2' } });
    expect(unknown.status).toBe(501);
    expect(unknown.body).toMatchObject({ statusCode: 501, error: 'Not Implemented' });
    expect(unknown.body.message).toMatch(
      /^The Kibana sandbox \(simulating Kibana 8\.17\.4\) does not simulate GET \/s\/marketing\/api\/no_such_api\./,
    );
    const wrongMethod = await call(sandbox(), 'PATCH', '/api/status');
    expect(wrongMethod.status).toBe(501);
    expect(wrongMethod.body.message).toContain('PATCH /api/status');

    const missingId = await call(sandbox(), 'GET', '/api/short_url/no-such-id');
    expect(missingId.status).toBe(404);
    expect(missingId.body.message).toBe('Short URL with ID [no-such-id] not found.');
  });

  it('cuts a long unsimulated path in its answer', async () => {
    const { status, body } = await call(sandbox(), 'GET', `/api/${'x'.repeat(5000)}`);
    expect(status).toBe(501);
    expect(body.message.length).toBeLessThan(500);
  });

  it('names the offending field of an invalid body, Kibana style', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/data_views/data_view', { body: { data_view: { title: 42 } } });
    expect(status).toBe(400);
    expect(body.message).toBe('[request body.data_view.title]: expected value of type [string] but got [number]');

    const missing = await call(sandbox(), 'POST', '/api/spaces/space', { body: { id: 'ops' } });
    expect(missing.body.message).toBe('[request body.name]: expected value of type [string] but got [undefined]');

    const unknownKey = await call(sandbox(), 'POST', '/api/spaces/space', { body: { id: 'ops', name: 'Ops', owner: 'me' } });
    expect(unknownKey.body.message).toBe('[request body.owner]: definition for this key is missing');
  });

  it('validates query parameters, decoding numbers, arrays and JSON objects', async () => {
    const badPage = await call(sandbox(), 'GET', '/api/saved_objects/_find', { query: { type: 'dashboard', per_page: 'many' } });
    expect(badPage.status).toBe(400);
    expect(badPage.body.message).toBe('[request query.per_page]: expected value of type [integer] but got [string]');

    const noType = await call(sandbox(), 'GET', '/api/saved_objects/_find');
    expect(noType.body.message).toMatch(/^\[request query\.type\]/);

    const badEnum = await call(sandbox(), 'GET', '/api/cases/_find', { query: { status: 'pending' } });
    expect(badEnum.body.message).toBe('[request query.status]: expected one of [closed|in-progress|open] but got [pending]');

    const ok = await call(sandbox(), 'GET', '/api/saved_objects/_find', {
      query: { type: ['dashboard', 'lens'], per_page: '1', has_reference: JSON.stringify({ type: 'lens', id: 'web-errors-lens' }) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.per_page).toBe(1);
    expect(ok.body.saved_objects.map((object: { id: string }) => object.id)).toEqual(['web-traffic-dashboard']);
  });

  it('refuses query parameters a route does not take, on routes the spec facts do not cover too', async () => {
    const { status, body } = await call(sandbox(), 'DELETE', '/api/apm/sourcemaps/x', { query: { force: 'true' } });
    expect(status).toBe(400);
    expect(body.message).toBe('[request query.force]: definition for this key is missing');
  });

  it('logs each request with its space and status', async () => {
    await call(sandbox(), 'GET', '/s/marketing/api/data_views');
    expect(sandbox().requests.at(-1)).toEqual({ method: 'GET', path: '/s/marketing/api/data_views', space: 'marketing', status: 200 });
  });

  it('answers 503 while unavailable and recovers', async () => {
    await sandbox().setAvailable(false);
    const down = await call(sandbox(), 'GET', '/api/status');
    expect(down.status).toBe(503);
    expect(down.body.error).toBe('Service Unavailable');
    await sandbox().setAvailable(true);
    expect((await call(sandbox(), 'GET', '/api/status')).status).toBe(200);
  });

  it('refuses connections while down and serves the same state on the same URL afterwards', async () => {
    await sandbox().setAvailable(false, 'refusing');
    await expect(fetch(`${sandbox().url}/api/status`)).rejects.toThrow();
    await sandbox().setAvailable(true);
    const { status, body } = await call(sandbox(), 'GET', '/api/data_views');
    expect(status).toBe(200);
    expect(body.data_view).toHaveLength(3);
  });
});

describe('long-running use', () => {
  it('keeps no request log when asked not to', async () => {
    const quiet = await startSandbox({ recordRequests: false, seed: false });
    const response = await fetch(`${quiet.url}/api/status`, { headers: { authorization: `ApiKey ${quiet.credentials.apiKey}` } });
    expect(response.status).toBe(200);
    expect(quiet.requests).toEqual([]);
    await quiet.stop();
  });
});

describe('hostile or sloppy input', () => {
  async function rawExchange(url: string, text: string): Promise<string> {
    const { connect } = await import('node:net');
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers an unparsable request URL with 400 and keeps serving', async () => {
    const answer = await rawExchange(sandbox().url, 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await call(sandbox(), 'GET', '/api/status')).status).toBe(200);
  });

  it('wants the body of a write whose schema has required fields', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/spaces/space');
    expect(status).toBe(400);
    expect(body.message).toBe('[request body]: expected value of type [object] but got [undefined]');
  });

  it('keeps the connection open when a request without a body is refused', async () => {
    const { status, headers } = await call(sandbox(), 'GET', '/api/no-such-route');
    expect(status).toBe(501);
    expect(headers.get('connection')).not.toBe('close');
  });

  it('closes the connection when it answers before reading the body', async () => {
    const { status, headers } = await call(sandbox(), 'POST', '/api/spaces/space', { body: { id: 'x', name: 'X' }, auth: false });
    expect(status).toBe(401);
    expect(headers.get('connection')).toBe('close');
  });
});
