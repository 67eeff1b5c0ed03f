// Every fault of the fault Kibana, met by a read (GET, retried) and a write (POST, never retried)
// through the ToolRuntime: a clear error result (the request, what happened, a hint), in the right
// category, within the time limits, and never a POST sent twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KibanaClientConfig } from '../../src/client/index.js';
import { silentLogger } from '../../src/logger.js';
import { servedTools } from '../../src/tools/served-tools.js';
import * as generated from '../../src/tools/generated/index.js';
import { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { type Fault, type FaultKibana, type FaultOptions, startFaultKibana } from '../../harness/fault-kibana.js';
import { rejection, testClient } from '../support/kibana-client.js';
import { TEST_KIBANA_VERSION, textOf } from '../support/runtime.js';

const { tools: dataViewTools } = await generated.loadToolset.data_views!();

const LIMITS = { timeoutMs: 150, connectTimeoutMs: 150, retries: 2, retryBaseDelayMs: 20, retryMaxDelayMs: 50 } as const;
const MAX_RESPONSE_BYTES = 256 * 1024;
/** Per call: every attempt at its limit, the back-offs, and room for a loaded machine. */
const WORST_CASE_MS = (LIMITS.retries + 1) * LIMITS.timeoutMs + LIMITS.retries * LIMITS.retryMaxDelayMs + 1500;
/** Longest error text a fault may give: a message and a hint, not a page. */
const MAX_ERROR_CHARS = 1500;

let kibana: FaultKibana;
let runtime: ToolRuntime;
const config: Partial<KibanaClientConfig> = { ...LIMITS, maxResponseBytes: MAX_RESPONSE_BYTES };

beforeAll(async () => {
  kibana = await startFaultKibana();
  // The data views toolset has the read and the write used here; loading every toolset is the fuzz test's job.
  runtime = new ToolRuntime({
    tools: servedTools(dataViewTools, TEST_KIBANA_VERSION),
    client: testClient(kibana.url, config),
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
  });
  // undici and the validators load on first use, outside the time limits under test.
  await runtime.call('list_data_views', {});
  await runtime.call('set_default_data_view', { data_view_id: 'x' });
});
afterAll(async () => {
  await runtime.close();
  await kibana.stop();
});
beforeEach(() => {
  kibana.requests.length = 0;
});

const READ = { tool: 'list_data_views', args: {}, method: 'GET', path: '/api/data_views' } as const;
const WRITE = { tool: 'set_default_data_view', args: { data_view_id: 'logs-*' }, method: 'POST', path: '/api/data_views/default' } as const;

interface Expected {
  fault: Fault;
  options?: FaultOptions;
  /** The first line of the error, after `METHOD path: `. */
  says: RegExp;
  /** Requests that reach Kibana for the read, with its two retries where they are safe. */
  reads: number;
}

const FAULT_TABLE: Expected[] = [
  { fault: 'down', says: /^connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/, reads: 0 },
  { fault: 'slow', options: { slowMs: 600 }, says: /^no complete response within 150 ms/, reads: 3 },
  { fault: 'server-error', says: /^500 Internal Server Error: boom for /, reads: 1 },
  { fault: 'unavailable', says: /^503 Service Unavailable: not ready: /, reads: 3 },
  { fault: 'rate-limited', options: { retryAfterSeconds: 30 }, says: /^429 Too Many Requests: slow down /, reads: 3 },
  { fault: 'reset-mid-body', says: /^(connection reset by|connection to) 127\.0\.0\.1:\d+/, reads: 3 },
  { fault: 'invalid-json', says: /^200 OK: got a body that is not valid JSON \(.+\) instead of an API response/, reads: 1 },
  {
    fault: 'huge-body',
    options: { hugeBytes: 512 * 1024 },
    says: /^the response is 512 KiB, more than 256 KiB, so it was not read$/,
    reads: 1,
  },
  {
    fault: 'huge-body',
    options: { hugeBytes: 512 * 1024, hugeDeclared: false },
    says: /^the response is larger than 256 KiB, so it was not read$/,
    reads: 1,
  },
  { fault: 'html', says: /^200 OK: got an HTML page instead of an API response/, reads: 1 },
  { fault: 'redirect', says: /^302 Found: got a redirect to https:\/\/sso\.example\.com\/login\?h=/, reads: 1 },
  { fault: 'hang-after-headers', says: /^no complete response within 150 ms \(3 attempts, \d+ ms in all\)$/, reads: 3 },
  { fault: 'hang-before-headers', says: /^no complete response within 150 ms \(3 attempts, \d+ ms in all\)$/, reads: 3 },
];

async function timedCall(call: typeof READ | typeof WRITE) {
  const started = Date.now();
  const result = await runtime.call(call.tool, call.args);
  return { result, text: textOf(result), ms: Date.now() - started };
}

const sentTo = (call: typeof READ | typeof WRITE) => kibana.requests.filter((r) => r.method === call.method && r.path === call.path).length;

describe('every fault of the fault Kibana gives a clear, bounded, categorised error', () => {
  it.each(FAULT_TABLE)('$fault: read and write ($says)', async ({ fault, options, says, reads }) => {
    await kibana.inject(fault, options);
    for (const call of [READ, WRITE]) {
      const { result, text, ms } = await timedCall(call);
      const [first = '', ...rest] = text.split('\n');
      expect(result.isError, text).toBe(true);
      expect(first.startsWith(`${call.method} ${call.path}: `), first).toBe(true);
      expect(first.slice(`${call.method} ${call.path}: `.length).replace(/ \(HTTP \d+\)$/, '')).toMatch(
        call === WRITE ? new RegExp(says.source.replace(/ \\\(3 attempts, \\d\+ ms in all\\\)/, '')) : says,
      );
      expect(rest.join('\n')).toMatch(/^Hint: \S/);
      expect(text.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
      expect(ms).toBeLessThan(WORST_CASE_MS);
    }
    expect(sentTo(READ)).toBe(reads);
    expect(sentTo(WRITE)).toBeLessThanOrEqual(1);
  });

  it('answers well when the fault is gone, the slow answer within the limit included', async () => {
    await kibana.inject(undefined);
    expect((await timedCall(READ)).result.isError).toBeUndefined();
    await kibana.inject('slow', { slowMs: 50 });
    const slow = await timedCall(WRITE);
    expect(slow.result.isError).toBeUndefined();
    expect(JSON.parse(slow.text)).toEqual({ ok: true, slow: true });
  });
});

describe('a request deadline against a Kibana that never answers', () => {
  it.each(['hang-before-headers', 'hang-after-headers'] as const)('%s: one deadline for all attempts, said in the error', async (fault) => {
    await kibana.inject(fault);
    const client = testClient(kibana.url, { ...config, timeoutMs: 10_000 });
    const started = Date.now();
    const err = await rejection(client.request({ method: 'GET', path: READ.path, deadline: started + 400 }));
    const ms = Date.now() - started;
    await client.close();
    expect(err).toMatchObject({ category: 'timeout', attempts: 1 });
    expect(err.message).toMatch(
      /^GET \/api\/data_views: no complete response before the request's deadline: gave up after \d+ ms and 1 attempt$/,
    );
    expect(ms).toBeLessThan(400 + 1500);
  });
});
