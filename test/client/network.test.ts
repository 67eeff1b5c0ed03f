import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KibanaError } from '../../src/client/index.js';
import { createTestPki, type KeyPair, type TestPki } from '../support/certificates.js';
import { type RecordingKibana, json, startRecordingKibana } from '../../harness/recording-kibana.js';
import { testClient, rejection } from '../support/kibana-client.js';

const servers: RecordingKibana[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
async function serve(...args: Parameters<typeof startRecordingKibana>): Promise<RecordingKibana> {
  const server = await startRecordingKibana(...args);
  servers.push(server);
  return server;
}

const silent = () => {}; // a handler that never answers

describe('timeouts and cancellation', () => {
  it('bounds a request to a server that never answers by timeoutMs', async () => {
    const server = await serve(silent);
    const client = testClient(server.url, { timeoutMs: 300 });
    const started = Date.now();
    const err = await rejection(client.request({ method: 'POST', path: '/api/x', body: {} }));
    await client.close();
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(KibanaError);
    expect(err).toMatchObject({ category: 'timeout', method: 'POST', path: '/api/x', attempts: 1 });
    expect(err.message).toBe('POST /api/x: no complete response within 300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(2000);
  });

  it('bounds the whole body read, even when the server keeps trickling data', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const tick = setInterval(() => (res.writable ? res.write('1,') : clearInterval(tick)), 50);
      res.on('close', () => clearInterval(tick));
    });
    const client = testClient(server.url, { timeoutMs: 400 });
    const started = Date.now();
    const err = await rejection(client.request({ method: 'GET', path: '/api/x' }));
    await client.close();
    expect(err.category).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries a timed-out GET but not a timed-out POST', async () => {
    const server = await serve(silent);
    const delays: number[] = [];
    const client = testClient(server.url, { timeoutMs: 100, retries: 1, sleep: async (ms) => void delays.push(ms) });
    expect(await rejection(client.request({ method: 'GET', path: '/api/x' }))).toMatchObject({ category: 'timeout', attempts: 2 });
    expect(await rejection(client.request({ method: 'POST', path: '/api/x' }))).toMatchObject({ category: 'timeout', attempts: 1 });
    await client.close();
    expect(server.requests).toHaveLength(3);
  });

  it('stops at once when the caller aborts mid-request, and says so', async () => {
    const server = await serve(silent);
    const client = testClient(server.url, { timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await rejection(client.request({ method: 'GET', path: '/api/x', signal: controller.signal }));
    await client.close();
    expect(err).toMatchObject({ category: 'aborted', attempts: 1 });
    expect(err.message).toBe('GET /api/x: request aborted by the caller');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops when the caller aborts while the body is being read', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const client = testClient(server.url, { timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const err = await rejection(client.request({ method: 'GET', path: '/api/x', signal: controller.signal }));
    await client.close();
    expect(err.category).toBe('aborted');
  });

  it('refuses to start with an already aborted signal', async () => {
    const server = await serve();
    const client = testClient(server.url);
    const err = await rejection(client.request({ method: 'GET', path: '/api/x', signal: AbortSignal.abort() }));
    await client.close();
    expect(err.category).toBe('aborted');
    expect(server.requests).toHaveLength(0);
  });
});

describe('network failures', () => {
  it('reports a host that does not resolve', async () => {
    const client = testClient('http://kibana.invalid:5601', { connectTimeoutMs: 5000 });
    const err = await rejection(client.request({ method: 'GET', path: '/api/status' }));
    await client.close();
    expect(err).toMatchObject({ category: 'network', code: 'ENOTFOUND' });
    expect(err.message).toBe('GET /api/status: cannot resolve host kibana.invalid:5601 (ENOTFOUND)');
    expect((err.cause as { code?: string }).code).toBe('ENOTFOUND');
  });

  it('reports a refused connection', async () => {
    const closed = await startRecordingKibana();
    await closed.stop();
    const client = testClient(`http://127.0.0.1:${closed.port}`);
    const err = await rejection(client.request({ method: 'GET', path: '/api/status' }));
    await client.close();
    expect(err).toMatchObject({ category: 'network', code: 'ECONNREFUSED' });
    expect(err.message).toBe(`GET /api/status: connection refused by 127.0.0.1:${closed.port} (ECONNREFUSED)`);
  });

  it('reports a connection reset by the server', async () => {
    const server = await serve((_request, _res, req) => {
      req.socket.destroy();
    });
    const client = testClient(server.url);
    const err = await rejection(client.request({ method: 'POST', path: '/api/x' }));
    await client.close();
    expect(err.category).toBe('network');
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(err.code);
  });
});

describe('TLS', () => {
  let pki: TestPki;
  let ca: string;
  let trusted: KeyPair;
  let wrongName: KeyPair;
  let selfSigned: KeyPair;

  beforeAll(() => {
    pki = createTestPki();
    ca = pki.ca;
    trusted = pki.issue('server', 'IP:127.0.0.1,DNS:localhost');
    wrongName = pki.issue('other', 'DNS:kibana.example.test');
    selfSigned = pki.selfSigned();
  });
  afterAll(() => pki.remove());

  it('trusts a server certificate signed by caCert', async () => {
    const server = await serve(json(200, { tls: true }), { tls: trusted });
    const client = testClient(server.url, { caCert: ca });
    const res = await client.request({ method: 'GET', path: '/api/status' });
    await client.close();
    expect(res.data).toEqual({ tls: true });
  });

  it('rejects it without caCert, saying the CA is unknown', async () => {
    const server = await serve(json(200, {}), { tls: trusted });
    const client = testClient(server.url);
    const err = await rejection(client.request({ method: 'GET', path: '/api/status' }));
    await client.close();
    expect(err).toMatchObject({ category: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', attempts: 1 });
    expect(err.message).toMatch(/signed by an unknown CA; trust that certificate authority/);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a self-signed certificate plainly', async () => {
    const server = await serve(json(200, {}), { tls: selfSigned });
    const client = testClient(server.url, { retries: 3 });
    const err = await rejection(client.request({ method: 'GET', path: '/api/status' }));
    await client.close();
    expect(err).toMatchObject({ category: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', attempts: 1 });
    expect(err.message).toMatch(/self-signed certificate/);
  });

  it('rejects a certificate issued for another host name, even from a trusted CA', async () => {
    const server = await serve(json(200, {}), { tls: wrongName });
    const client = testClient(server.url, { caCert: ca });
    const err = await rejection(client.request({ method: 'GET', path: '/api/status' }));
    await client.close();
    expect(err).toMatchObject({ category: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(err.message).toMatch(/does not match the host name/);
  });

  it('accepts any certificate with tlsInsecure', async () => {
    const server = await serve(json(200, { insecure: true }), { tls: selfSigned });
    const client = testClient(server.url, { tlsInsecure: true });
    expect((await client.request({ method: 'GET', path: '/api/status' })).data).toEqual({ insecure: true });
    await client.close();
  });
});
