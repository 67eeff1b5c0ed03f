import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KibanaAuth } from '../../src/client/index.js';
import type { Logger } from '../../src/logger.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { testClient, rejection } from '../support/kibana-client.js';

const API_KEY = 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==';
const PASSWORD = 'S3cr3t-Passw0rd!';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bearer-token-value';
const PASSTHROUGH = 'passthrough-credential-xyz';
const BASIC = Buffer.from(`elastic:${PASSWORD}`).toString('base64');
const FORBIDDEN = [API_KEY, PASSWORD, TOKEN, PASSTHROUGH, BASIC];

const AUTHS: KibanaAuth[] = [
  { kind: 'apiKey', apiKey: API_KEY },
  { kind: 'basic', username: 'elastic', password: PASSWORD },
  { kind: 'bearer', token: TOKEN },
];

/** Every way an error or client could be turned into text. */
function renderings(value: unknown): string[] {
  const err = value as Error;
  return [
    JSON.stringify(value),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    String(value),
    err.stack ?? '',
    err.cause === undefined ? '' : inspect(err.cause, { depth: Infinity, showHidden: true }),
    JSON.stringify(Object.fromEntries(Object.getOwnPropertyNames(value).map((k) => [k, String((value as Record<string, unknown>)[k])]))),
  ];
}

function expectNoSecrets(value: unknown): void {
  for (const text of renderings(value)) {
    for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
  }
}

// A hostile server that echoes the credentials it receives back in error bodies.
let server: RecordingKibana;
beforeAll(async () => {
  server = await startRecordingKibana((req, res) => {
    const auth = String(req.headers.authorization);
    if (req.url?.startsWith('/text')) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`proxy error for ${auth}`);
    } else {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          statusCode: 401,
          error: `Unauthorized ${auth}`,
          message: `[security_exception] unable to authenticate with ${auth}`,
        }),
      );
    }
  });
});
afterAll(() => server.stop());

describe('secrets never leak', () => {
  it.each(AUTHS)('keeps $kind credentials out of errors echoed by the server', async (auth) => {
    const client = testClient(server.url, { auth });
    for (const path of ['/api/x', '/text']) {
      const err = await rejection(client.request({ method: 'GET', path, query: { q: 'v' } }));
      expect(err.category).toMatch(/auth|server/);
      expect(String(err.kibanaMessage)).toContain('[REDACTED]');
      expectNoSecrets(err);
    }
    await client.close();
  });

  it.each(AUTHS)('keeps $kind credentials out of a redirect location, URL-encoded once or twice', async (auth) => {
    const redirecting = await startRecordingKibana((req, res) => {
      const sent = String(req.headers.authorization);
      const once = encodeURIComponent(sent);
      res.writeHead(302, { location: `https://sso.example.com/login?h=${once}&again=${encodeURIComponent(once)}` }).end();
    });
    const client = testClient(redirecting.url, { auth });
    const err = await rejection(client.request({ method: 'GET', path: '/api/status' }));
    await client.close();
    await redirecting.stop();
    expect(err.category).toBe('not_api');
    expect(err.message).toContain('https://sso.example.com/login?h=[REDACTED]&again=[REDACTED] instead of an API response');
    expectNoSecrets(err);
  });

  it('keeps passthrough credentials out of errors', async () => {
    const client = testClient(server.url, { auth: { kind: 'none' } });
    const viaField = await rejection(client.request({ method: 'GET', path: '/api/x', authorization: `Bearer ${PASSTHROUGH}` }));
    const viaHeader = await rejection(
      client.request({ method: 'GET', path: '/text', headers: { Authorization: `ApiKey ${PASSTHROUGH}` } }),
    );
    await client.close();
    expectNoSecrets(viaField);
    expectNoSecrets(viaHeader);
  });

  it('keeps the password of a passthrough Basic header out of errors, even decoded', async () => {
    const echoing = await startRecordingKibana((req, res) => {
      const [, encoded = ''] = String(req.headers.authorization).split(' ');
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end(`bad login ${Buffer.from(encoded, 'base64').toString('utf8')}`);
    });
    const client = testClient(echoing.url, { auth: { kind: 'none' } });
    const err = await rejection(client.request({ method: 'GET', path: '/api/x', authorization: `Basic ${BASIC}` }));
    await client.close();
    await echoing.stop();
    expect(err.message).toContain('elastic:[REDACTED]');
    expectNoSecrets(err);
  });

  it.each(AUTHS)('keeps $kind credentials out of network, invalid-request and abort errors', async (auth) => {
    const closed = await startRecordingKibana();
    await closed.stop();
    const errors = [];
    const refused = testClient(`http://127.0.0.1:${closed.port}`, { auth });
    errors.push(await rejection(refused.request({ method: 'GET', path: '/api/x' })));
    await refused.close();
    const dns = testClient('http://kibana.invalid', { auth });
    errors.push(await rejection(dns.request({ method: 'GET', path: '/api/x' })));
    await dns.close();
    const local = testClient(server.url, { auth });
    errors.push(await rejection(local.request({ method: 'GET', path: '/api/{id}' })));
    errors.push(await rejection(local.request({ method: 'GET', path: '/api/x', signal: AbortSignal.abort() })));
    await local.close();
    for (const err of errors) expectNoSecrets(err);
  });

  it.each(AUTHS)('keeps $kind credentials out of the client object and its logs', async (auth) => {
    const lines: string[] = [];
    const record = (m: string, f?: Record<string, unknown>) => void lines.push(m + JSON.stringify(f ?? {}));
    const logger: Logger = { error: record, warn: record, info: record, debug: record };
    const retrying = await startRecordingKibana((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const client = testClient(retrying.url, { auth, logger, retries: 2, sleep: async () => {} });
    await rejection(client.request({ method: 'GET', path: '/api/x' }));
    expect(lines.length).toBe(2);
    for (const text of [...lines, inspect(client, { depth: Infinity, showHidden: true }), JSON.stringify(client)]) {
      for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
    }
    await client.close();
    await retrying.stop();
  });

  it('refuses credentials embedded in the base URL without echoing them', () => {
    expect(() => testClient(`http://elastic:${PASSWORD}@127.0.0.1:1`)).toThrow(/must not contain credentials/);
    try {
      testClient(`http://elastic:${PASSWORD}@127.0.0.1:1`);
    } catch (err) {
      expectNoSecrets(err);
    }
  });
});
