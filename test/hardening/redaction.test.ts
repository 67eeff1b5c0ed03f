// A redaction sweep (issue 14 §3, §6): Kibana, or what stands in front of it, echoes the caller's
// credentials, raw, percent-encoded, base64 and decoded, into every kind of answer: each error
// category, and success bodies too. Neither the call's result nor the server's log may carry any
// form of them, for configured credentials and for a passthrough caller's own header.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Handler, type RecordedRequest, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import type { KibanaAuth, KibanaErrorCategory } from '../../src/client/index.js';
import { createLogger } from '../../src/logger.js';
import { servedTools } from '../../src/tools/served-tools.js';
import * as generated from '../../src/tools/generated/index.js';
import { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testClient } from '../support/kibana-client.js';
import { TEST_KIBANA_VERSION, textOf } from '../support/runtime.js';

const { tools: dataViewTools } = await generated.loadToolset.data_views!();

const PASSWORD = 'S3cr3t-Passw0rd!';
const API_KEY_ID = 'VuaCfGcBCdbkQm';
const API_KEY_SECRET = 'ui2lp2axTNmsyakw9tvNnw';
const PASSTHROUGH_KEY = Buffer.from(`${API_KEY_ID}:${API_KEY_SECRET}`).toString('base64');
const BASIC = Buffer.from(`elastic:${PASSWORD}`).toString('base64');
const CALLERS: Array<{ who: string; auth: KibanaAuth; authorization?: string; secrets: string[] }> = [
  { who: 'configured Basic credentials', auth: { kind: 'basic', username: 'elastic', password: PASSWORD }, secrets: [PASSWORD, BASIC] },
  {
    who: "a passthrough caller's API key",
    auth: { kind: 'none' },
    authorization: `ApiKey ${PASSTHROUGH_KEY}`,
    secrets: [PASSTHROUGH_KEY, API_KEY_SECRET, API_KEY_ID],
  },
];

/** Every form a careless server might echo a request's credentials in. */
function echoOf(request: RecordedRequest): string {
  const header = String(request.headers.authorization ?? '');
  const credential = header.slice(header.indexOf(' ') + 1);
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  return [header, encodeURIComponent(header), encodeURIComponent(encodeURIComponent(header)), decoded, encodeURIComponent(decoded)].join(
    ' | ',
  );
}

const kibanaErrorBody = (status: number, request: RecordedRequest) => ({
  status,
  body: { statusCode: status, error: `Error for ${echoOf(request)}`, message: `refused ${echoOf(request)}` },
});

/** One answer per error category a Kibana answer can produce, and a success; each echoes the credentials. */
const ANSWERS: Array<[KibanaErrorCategory | 'success', Handler]> = [
  ['bad_request', (request) => kibanaErrorBody(400, request)],
  ['auth', (request) => kibanaErrorBody(401, request)],
  ['forbidden', (request) => kibanaErrorBody(403, request)],
  ['not_found', (request) => kibanaErrorBody(404, request)],
  ['conflict', (request) => kibanaErrorBody(409, request)],
  ['rate_limited', (request) => kibanaErrorBody(429, request)],
  ['server', (request) => ({ status: 500, headers: { 'content-type': 'text/plain' }, body: `proxy error for ${echoOf(request)}` })],
  ['unavailable', (request) => kibanaErrorBody(503, request)],
  [
    'not_api',
    (request) => ({ status: 302, headers: { location: `https://sso.example.com/login?h=${encodeURIComponent(echoOf(request))}` } }),
  ],
  ['unsupported_response', (request) => ({ headers: { 'content-type': 'application/octet-stream' }, body: echoOf(request) })],
  ['too_large', (request) => ({ body: { echo: echoOf(request), padding: 'x'.repeat(70 * 1024) } })],
  ['timeout', (request) => ({ body: { echo: echoOf(request) }, delayMs: 1_000 })],
  ['network', (_request, res) => void res.destroy()],
  ['success', (request) => ({ body: { data_view: [{ id: 'a', name: echoOf(request), title: `logs ${echoOf(request)}` }] } })],
];

let kibana: RecordingKibana;
let current: Handler = () => ({ body: {} });
beforeAll(async () => {
  kibana = await startRecordingKibana((request, res, req) => current(request, res, req));
});
afterAll(() => kibana.stop());
beforeEach(() => {
  kibana.requests.length = 0;
});

describe.each(CALLERS)('with $who', ({ auth, authorization, secrets }) => {
  const logged: string[] = [];
  let runtime: ToolRuntime;
  beforeAll(() => {
    runtime = new ToolRuntime({
      tools: servedTools(dataViewTools, TEST_KIBANA_VERSION),
      client: testClient(kibana.url, { auth, timeoutMs: 300, retries: 1, retryBaseDelayMs: 1, maxResponseBytes: 64 * 1024 }),
      defaultSpace: 'default',
      maxResultChars: 200_000,
      confirmation: 'never',
      logger: createLogger('debug', (line) => logged.push(line)),
    });
  });
  afterAll(() => runtime.close());

  const forms = (secret: string) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64').replace(/=+$/, '')];
  const forbidden = secrets.flatMap(forms);

  it.each(ANSWERS)('%s: neither the result nor the log carries the credentials', async (category, handler) => {
    current = handler;
    logged.length = 0;
    const calls = [
      runtime.call('list_data_views', {}, authorization ? { authorization } : {}),
      runtime.call('set_default_data_view', { data_view_id: 'a' }, authorization ? { authorization } : {}),
    ];
    for (const result of await Promise.all(calls)) {
      const text = textOf(result);
      if (category !== 'success') expect(text).toMatch(/\nHint: \S/);
      for (const secret of forbidden) expect(text).not.toContain(secret);
      if (category === 'success' || category === 'bad_request') expect(text).toContain('[REDACTED]');
    }
    // Every request really carried the credentials the answers echo.
    expect(kibana.requests.length).toBeGreaterThan(0);
    for (const request of kibana.requests) expect(echoOf(request)).toContain(secrets[0]!.slice(0, 8));
    for (const secret of forbidden) expect(logged.join('')).not.toContain(secret);
  });
});
