// The start-up version probe (node:http, one request, one time limit) against loopback Kibanas.
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kibanaError, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { probeKibanaStatus, type StatusProbeOptions } from '../../src/client/status-probe.js';
import { createTestPki, type TestPki } from '../support/certificates.js';

const STATUS = { version: { number: '9.3.0' }, status: { overall: { level: 'available' } } };
let kibana: RecordingKibana;

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: STATUS }));
});
afterAll(() => kibana.stop());

const options = (overrides: Partial<StatusProbeOptions> = {}): StatusProbeOptions => ({
  baseUrl: kibana.url,
  auth: { kind: 'apiKey', apiKey: 'a2V5' },
  userAgent: 'kibana-mcp-test',
  timeoutMs: 1_000,
  ...overrides,
});

async function listening(onConnection: (socket: import('node:net').Socket) => void = () => {}): Promise<{ server: Server; port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('probeKibanaStatus', () => {
  it('sends GET /api/status under the base path with the configured credentials, or a caller’s', async () => {
    kibana.handle(() => ({ body: STATUS }));
    expect(await probeKibanaStatus(options({ baseUrl: `${kibana.url}/kibana` }))).toEqual({ version: '9.3.0' });
    expect(await probeKibanaStatus(options(), 'Bearer caller')).toEqual({ version: '9.3.0' });
    const [configured, caller] = kibana.requests.slice(-2);
    expect([configured!.path, configured!.headers.authorization, configured!.headers['user-agent']]).toEqual([
      '/kibana/api/status',
      'ApiKey a2V5',
      'kibana-mcp-test',
    ]);
    expect(caller!.headers.authorization).toBe('Bearer caller');
  });

  it('says in a few words why there is no version, without any credential', async () => {
    kibana.handle(() => kibanaError(401, 'Unauthorized', 'missing credentials a2V5'));
    expect(await probeKibanaStatus(options())).toEqual({ failure: 'HTTP 401 from GET /api/status' });
    kibana.handle(() => ({ body: 'not json', headers: { 'content-type': 'text/plain' } }));
    expect(await probeKibanaStatus(options())).toEqual({ failure: 'GET /api/status answered something other than JSON' });
    kibana.handle(() => ({ body: { version: {} } }));
    expect(await probeKibanaStatus(options())).toEqual({ failure: 'GET /api/status answered without a version number' });
  });

  it('a port that refuses: at once', async () => {
    const { server, port } = await listening();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await probeKibanaStatus(options({ baseUrl: `http://127.0.0.1:${port}` }))).toEqual({ failure: 'connection refused' });
  });

  it('a port that accepts and never answers: bounded by the time limit, and the connection is closed', async () => {
    let closed: Promise<unknown> | undefined;
    const { server, port } = await listening((socket) => {
      closed = once(socket.resume(), 'close');
    });
    const answer = await probeKibanaStatus(options({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }));
    expect(answer).toEqual({ failure: 'no answer within 200 ms' });
    await closed;
    server.close();
  });
});

describe('probeKibanaStatus over TLS', () => {
  let pki: TestPki;
  let tlsKibana: RecordingKibana;
  beforeAll(async () => {
    pki = createTestPki();
    tlsKibana = await startRecordingKibana(() => ({ body: STATUS }), { tls: pki.issue('kibana', 'IP:127.0.0.1') });
  });
  afterAll(async () => {
    await tlsKibana.stop();
    pki.remove();
  });

  it('trusts the configured CA, refuses an unknown one, and skips the check only when told', async () => {
    expect(await probeKibanaStatus(options({ baseUrl: tlsKibana.url, caCert: pki.ca }))).toEqual({ version: '9.3.0' });
    expect(await probeKibanaStatus(options({ baseUrl: tlsKibana.url }))).toEqual({
      failure: expect.stringMatching(/CERT|SIGNATURE|ISSUER/),
    });
    expect(await probeKibanaStatus(options({ baseUrl: tlsKibana.url, tlsInsecure: true }))).toEqual({ version: '9.3.0' });
  });
});
