import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();

const SOURCE_MAP = JSON.stringify({ version: 3, file: 'main.js', sources: ['src/main.ts'], names: [], mappings: 'AAAA' });

function sourceMapForm(sourcemap: string, version = '1.4.0'): FormData {
  const form = new FormData();
  form.set('service_name', 'checkout-web');
  form.set('service_version', version);
  form.set('bundle_filepath', 'https://shop.example.com/static/main.js');
  form.set('sourcemap', new Blob([sourcemap], { type: 'application/json' }), 'main.js.map');
  return form;
}

describe('APM agent keys', () => {
  it('creates a key whose encoded form is base64 of id:api_key, and keeps no secret', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/apm/agent_keys', {
      body: { name: 'checkout-rum', privileges: ['event:write'] },
    });
    expect(status).toBe(200);
    const { id, name, api_key: apiKey, encoded } = body.agentKey;
    expect(name).toBe('checkout-rum');
    expect(Buffer.from(encoded, 'base64').toString()).toBe(`${id}:${apiKey}`);
    expect(sandbox().state.apm.agentKeys.at(-1)).toEqual({
      id,
      name,
      privileges: ['event:write'],
      created: expect.any(String),
      createdBy: 'sandbox_api_key',
    });
    expect(JSON.stringify(sandbox().state.apm)).not.toContain(apiKey);
  });

  it('refuses an unknown privilege and a missing name', async () => {
    const bad = await call(sandbox(), 'POST', '/api/apm/agent_keys', { body: { name: 'x', privileges: ['admin'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('[request body.privileges.0]: expected one of [event:write|config_agent:read] but got [admin]');
    const missing = await call(sandbox(), 'POST', '/api/apm/agent_keys', { body: { privileges: ['event:write'] } });
    expect(missing.body.message).toBe('[request body.name]: expected value of type [string] but got [undefined]');
  });
});

describe('APM annotations', () => {
  it('creates a deployment annotation and finds it by service, environment and time', async () => {
    const timestamp = new Date(Date.now() - 60_000).toISOString();
    const created = await call(sandbox(), 'POST', '/api/apm/services/checkout/annotation', {
      body: {
        '@timestamp': timestamp,
        service: { version: '2.1.0', environment: 'production' },
        message: 'Deployed 2.1.0',
        tags: ['release'],
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      _index: 'observability-annotations',
      _source: {
        service: { name: 'checkout', version: '2.1.0', environment: 'production' },
        tags: ['apm', 'release'],
        annotation: { type: 'deployment' },
        message: 'Deployed 2.1.0',
      },
    });
    const found = await call(sandbox(), 'GET', '/api/apm/services/checkout/annotation/search', {
      query: { environment: 'production', start: 'now-1h', end: 'now' },
    });
    expect(found.body.annotations).toEqual([{ type: 'version', id: created.body._id, '@timestamp': Date.parse(timestamp), text: '2.1.0' }]);
    const otherEnvironment = await call(sandbox(), 'GET', '/api/apm/services/checkout/annotation/search', {
      query: { environment: 'staging' },
    });
    expect(otherEnvironment.body.annotations).toEqual([]);
    const before = await call(sandbox(), 'GET', '/api/apm/services/checkout/annotation/search', { query: { end: 'now-2h' } });
    expect(before.body.annotations).toEqual([]);
  });

  it('wants a timestamp and a service version', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/apm/services/checkout/annotation', {
      body: { '@timestamp': 'yesterday', service: {} },
    });
    expect(status).toBe(400);
    expect(body.message).toBe('[request body.service.version]: expected value of type [string] but got [undefined]');
    const badDate = await call(sandbox(), 'POST', '/api/apm/services/checkout/annotation', {
      body: { '@timestamp': 'yesterday', service: { version: '1' } },
    });
    expect(badDate.body.message).toMatch(/^\[request body\.@timestamp\]/);
  });
});

describe('APM source maps', () => {
  it('uploads a source map as a multipart form, lists it, and deletes it', async () => {
    const uploaded = await call(sandbox(), 'POST', '/api/apm/sourcemaps', { rawBody: sourceMapForm(SOURCE_MAP) });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({
      identifier: 'checkout-web-1.4.0',
      type: 'sourcemap',
      packageName: 'apm',
      body: {
        serviceName: 'checkout-web',
        serviceVersion: '1.4.0',
        bundleFilepath: 'https://shop.example.com/static/main.js',
        sourceMap: { version: 3, file: 'main.js' },
      },
    });
    expect(uploaded.body.id).toMatch(/^apm:checkout-web-1\.4\.0-[0-9a-f]{64}$/);
    const listed = await call(sandbox(), 'GET', '/api/apm/sourcemaps', { query: { perPage: '10' } });
    expect(listed.body.artifacts.map((artifact: { id: string }) => artifact.id)).toContain(uploaded.body.id);

    expect((await call(sandbox(), 'DELETE', `/api/apm/sourcemaps/${encodeURIComponent(uploaded.body.id)}`)).body).toEqual({});
    expect((await call(sandbox(), 'DELETE', `/api/apm/sourcemaps/${encodeURIComponent(uploaded.body.id)}`)).status).toBe(404);
    expect((await call(sandbox(), 'GET', '/api/apm/sourcemaps')).body.artifacts).toEqual([]);
    const before = await call(sandbox(), 'GET', '/api/apm/sourcemaps', { query: { page: '0' } });
    expect(before.status).toBe(400);
    expect(before.body.message).toBe('[request query.page]: Value must be equal to or greater than [1].');
  });

  it('refuses a file that is not a source map, and a form without the file', async () => {
    const notJson = await call(sandbox(), 'POST', '/api/apm/sourcemaps', { rawBody: sourceMapForm('not json') });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toBe('[request body.sourcemap]: the source map is not valid JSON');
    const noMappings = await call(sandbox(), 'POST', '/api/apm/sourcemaps', { rawBody: sourceMapForm('{"version":3}') });
    expect(noMappings.body.message).toMatch(/mappings string/);
    const form = sourceMapForm(SOURCE_MAP);
    form.delete('sourcemap');
    const missing = await call(sandbox(), 'POST', '/api/apm/sourcemaps', { rawBody: form });
    expect(missing.body.message).toBe('[request body.sourcemap]: expected value of type [string] but got [undefined]');
  });
});
