// A server that started without knowing Kibana's version: it lists every version's tools, learns the
// version on the first call that needs it (per caller), runs that version's variant, and refuses what
// the version lacks. Synthetic ToolSpecs, the production status probe, a recording Kibana.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Handler, kibanaError, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { probeKibanaStatus } from '../../src/client/status-probe.js';
import type { KibanaAuth } from '../../src/client/types.js';
import { silentLogger } from '../../src/logger.js';
import { KibanaVersion } from '../../src/tools/kibana-version.js';
import { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { servedTools } from '../../src/tools/served-tools.js';
import { testClient } from '../support/kibana-client.js';
import { textOf } from '../support/runtime.js';
import { SYNTHETIC_TOOLS } from './support/synthetic-tools.js';

const PROBE_TIMEOUT_MS = 300;
let kibana: RecordingKibana;
const runtimes: ToolRuntime[] = [];

beforeAll(async () => {
  kibana = await startRecordingKibana();
});
afterEach(() => {
  kibana.requests.length = 0;
});
afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.close()));
  await kibana.stop();
});

/** Kibana answering /api/status with `status` and everything else with `{ok: true}`. */
const kibanaWith =
  (status: Handler): Handler =>
  (request, res, req) =>
    request.path === '/api/status' ? status(request, res, req) : { body: { ok: true } };
const reportsVersion = (number: string) => kibanaWith(() => ({ body: { version: { number } } }));

function startedWithout(options: { auth?: KibanaAuth; known?: string; probeTimeoutMs?: number } = {}): ToolRuntime {
  const auth = options.auth ?? { kind: 'apiKey', apiKey: 'aWQ6a2V5' };
  const timeoutMs = options.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
  const probe = (authorization: string | undefined) =>
    probeKibanaStatus({ baseUrl: kibana.url, auth, userAgent: 'test', timeoutMs }, authorization);
  const runtime = new ToolRuntime({
    tools: servedTools(SYNTHETIC_TOOLS, options.known),
    kibanaVersion: new KibanaVersion(probe, options.known),
    client: testClient(kibana.url, { auth }),
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'never',
    logger: silentLogger,
  });
  runtimes.push(runtime);
  return runtime;
}

const seen = () => kibana.requests.map((request) => `${request.method} ${request.path}`);

describe('tools/list without a known version', () => {
  it('lists every name of every version once, with its newest variant’s schema, and never changes', async () => {
    kibana.handle(reportsVersion('8.18.2'));
    const runtime = startedWithout();
    const listed = structuredClone(runtime.listing);
    expect(listed.map((tool) => tool.name)).toEqual([...new Set(SYNTHETIC_TOOLS.map((tool) => tool.name))]);
    expect(Object.keys(listed.find((tool) => tool.name === 'create_dashboard')!.inputSchema.properties!)).toEqual([
      'title',
      'panels',
      'full',
    ]);
    await runtime.call('create_dashboard', { title: 't' });
    expect(runtime.listing).toEqual(listed);
  });
});

describe('a call, once the version is known', () => {
  it('runs the variant of that version: its operation, validated against its own schema', async () => {
    kibana.handle(reportsVersion('8.18.2'));
    const runtime = startedWithout();
    const result = await runtime.call('create_dashboard', { title: 't' });
    expect(result.isError).toBeUndefined();
    expect(seen()).toEqual(['GET /api/status', 'POST /api/dashboards/dashboard']);
    expect(JSON.parse(kibana.requests[1]!.body)).toEqual({ title: 't' });
  });

  it('refuses arguments of the listed schema the version’s variant lacks, and shows that variant’s schema', async () => {
    kibana.handle(reportsVersion('8.18.2'));
    const runtime = startedWithout();
    const result = await runtime.call('create_dashboard', { title: 't', panels: '[]' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/unknown argument "panels"; expected only: title/);
    expect(textOf(result)).toContain(
      'Kibana 8.18.2 takes other arguments for create_dashboard than tools/list shows; its input schema: {"type":"object","properties":{"title":{"type":"string"},"full":',
    );
    expect(seen()).toEqual(['GET /api/status']);
  });

  it('refuses a call whose operation the version does not have yet, naming the version and where the operation is', async () => {
    kibana.handle(reportsVersion('8.18.2'));
    const result = await startedWithout().call('create_maintenance_window', { title: 'tonight' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Not sent: Kibana 8.18.2 does not have create_maintenance_window yet (POST /api/maintenance_window is on Kibana 9.1.0 and later). Nothing was changed; no variant of this tool serves Kibana 8.18.2, so use another tool or Kibana itself for the task.',
    );
    expect(seen()).toEqual(['GET /api/status']);
  });

  it('refuses a call whose operation the version no longer has', async () => {
    kibana.handle(reportsVersion('9.4.0'));
    const result = await startedWithout().call('delete_legacy_thing', {});
    expect(textOf(result)).toMatch(
      /^Not sent: Kibana 9\.4\.0 no longer has delete_legacy_thing \(DELETE \/api\/legacy is on Kibana before 9\.0\.0\)/,
    );
    expect(seen()).toEqual(['GET /api/status']);
  });

  it('reads the version once, on the first call that needs it; a tool the same on every version never asks', async () => {
    kibana.handle(reportsVersion('9.4.0'));
    const runtime = startedWithout();
    await runtime.call('list_spaces', {});
    expect(seen()).toEqual(['GET /api/list_spaces']);
    await runtime.call('create_dashboard', { title: 't', panels: '[]' });
    await runtime.call('create_case', { title: 't', owner: 'cases' });
    expect(seen()).toEqual(['GET /api/list_spaces', 'GET /api/status', 'POST /api/dashboards', 'POST /api/cases']);
  });
});

describe('a version probe that gets no version', () => {
  const failures: Array<[string, Handler]> = [
    ['401', () => kibanaError(401, 'Unauthorized', 'bad key')],
    ['503', () => kibanaError(503, 'Service Unavailable', 'not ready')],
    ['an HTML page', () => ({ body: '<html>login</html>', headers: { 'content-type': 'text/html' } })],
    ['JSON without a version', () => ({ body: { status: { overall: { level: 'available' } } } })],
    ['a version that is not one', () => ({ body: { version: { number: 'banana' } } })],
    ['a version that is a number', () => ({ body: { version: { number: 9 } } })],
    ['no answer at all (it accepts and never answers)', () => undefined],
  ];
  it.each(failures)('%s: the call runs the listed variant, Kibana’s answer tells, and the next call asks again', async (_case, status) => {
    kibana.handle(kibanaWith(status));
    const runtime = startedWithout();
    const result = await runtime.call('create_dashboard', { title: 't', panels: '[]' });
    expect(result.isError).toBeUndefined();
    await runtime.call('create_dashboard', { title: 'u', panels: '[]' });
    expect(seen()).toEqual(['GET /api/status', 'POST /api/dashboards', 'GET /api/status', 'POST /api/dashboards']);
  });
});

describe('a probe that hangs longer than the call may take', () => {
  it('ends with the call’s deadline, which the probe shares, and sends nothing else', async () => {
    kibana.handle(kibanaWith(() => undefined));
    const runtime = startedWithout({ probeTimeoutMs: 60_000 });
    const result = await runtime.call('create_dashboard', { title: 't', panels: '[]' }, { deadline: Date.now() + 200 });
    expect(textOf(result)).toBe(
      "Not sent: the call's time limit (--call-timeout) ran out while the server read Kibana's version (GET /api/status). Nothing was changed.",
    );
    const cancelled = new AbortController();
    const call = runtime.call('create_dashboard', { title: 't', panels: '[]' }, { signal: cancelled.signal });
    cancelled.abort();
    expect(textOf(await call)).toMatch(/^Not sent: the call was cancelled while/);
    expect(seen()).toEqual(['GET /api/status']);
  });
});

describe('passthrough: the version is kept per caller', () => {
  it('a caller Kibana rejects never learns the version from another caller’s answer', async () => {
    kibana.handle((request) =>
      request.headers.authorization === 'ApiKey good'
        ? request.path === '/api/status'
          ? { body: { version: { number: '9.4.0' } } }
          : { body: { ok: true } }
        : kibanaError(401, 'Unauthorized', 'bad key'),
    );
    const runtime = startedWithout({ auth: { kind: 'none' } });
    const good = await runtime.call('delete_legacy_thing', {}, { authorization: 'ApiKey good' });
    expect(textOf(good)).toMatch(/^Not sent: Kibana 9\.4\.0 no longer has/);
    const bad = await runtime.call('delete_legacy_thing', {}, { authorization: 'ApiKey bad' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/401/);
    expect(textOf(bad)).not.toContain('9.4.0');
    expect(kibana.requests.map((request) => `${request.headers.authorization} ${request.method} ${request.path}`)).toEqual([
      'ApiKey good GET /api/status',
      'ApiKey bad GET /api/status',
      'ApiKey bad DELETE /api/legacy',
    ]);
  });
});

describe('a server that knew the version at start', () => {
  it('serves that version’s variants and never asks Kibana for it', async () => {
    kibana.handle(reportsVersion('8.18.2'));
    const runtime = startedWithout({ known: '9.4.0' });
    expect(runtime.listing.map((tool) => tool.name)).not.toContain('delete_legacy_thing');
    await runtime.call('create_dashboard', { title: 't', panels: '[]' });
    expect(seen()).toEqual(['POST /api/dashboards']);
  });
});
