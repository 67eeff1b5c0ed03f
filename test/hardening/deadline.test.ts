// One time limit for a whole tool call (issue 14 §2). Against a Kibana that accepts connections and
// never answers, with the client's own limits at their defaults (30 s an attempt, 2 retries), every
// step of a call shares the call's deadline: the version read, the space check, each attempt and
// retry. The call answers when its time is up, and the answer says what ran out of time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SilentKibana, startSilentKibana } from '../../harness/silent-kibana.js';
import { OPTIONS } from '../../src/config/options.js';
import { silentLogger } from '../../src/logger.js';
import { DEFAULT_CALL_TIMEOUT_MS, ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testClient } from '../support/kibana-client.js';
import { GENERATED_TOOLS, TEST_VERSION_TOOLS, textOf } from '../support/runtime.js';

/** What the server uses unless told otherwise. */
const CLIENT_DEFAULTS = { timeoutMs: 30_000, connectTimeoutMs: 10_000, retries: 2 } as const;
const CALL_TIMEOUT_MS = 800;
/** Far below the client's own limits: a call that waited for them would fail the test by its timeout. */
const WELL_BEFORE_THE_CLIENT_LIMITS_MS = 10_000;

let kibana: SilentKibana;
let runtime: ToolRuntime;
let everyVersion: ToolRuntime | undefined;

/** Kibana 8.18.2's tools (none reads the version), or every version's (those with variants read it first). */
const runtimeOf = (tools: ToolRuntime['tools']) =>
  new ToolRuntime({
    tools,
    client: testClient(kibana.url, CLIENT_DEFAULTS),
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
    callTimeoutMs: CALL_TIMEOUT_MS,
  });

beforeAll(async () => {
  kibana = await startSilentKibana();
  runtime = runtimeOf(TEST_VERSION_TOOLS);
  // undici and the validators load on first use, outside the time under test: the calls below are
  // refused before anything is sent (an invalid space id, a deadline already passed).
  for (const tool of ['list_data_views', 'create_data_view', 'set_default_data_view'])
    await runtime.call(tool, { space_id: 'NOT A SPACE' });
  await runtime.call('list_data_views', {}, { deadline: Date.now() - 1 });
});
afterAll(async () => {
  // The version read a call stopped waiting for is still under way: dropping the connections ends it.
  await kibana.stop();
  await runtime.close();
  await everyVersion?.close();
});
beforeEach(() => {
  kibana.requests.length = 0;
});

const DEADLINE_HINT = /\nHint: The whole call has one time limit \(--call-timeout\), every Kibana request and retry in it included/;

describe('a call against a Kibana that never answers', () => {
  it(
    'a read ends at the call deadline, not after three attempts of 30 s, and says which request ran out of time',
    async () => {
      const result = await runtime.call('list_data_views', {});
      const text = textOf(result);
      expect(result.isError).toBe(true);
      expect(text).toMatch(
        /^GET \/api\/data_views: no complete response before the request's deadline: gave up after \d+ ms and 1 attempt\n/,
      );
      expect(text).toMatch(DEADLINE_HINT);
      expect(text).not.toMatch(/A write may have been done/);
      // No retry was started that could not have ended in time.
      expect(kibana.requests).toEqual(['GET /api/data_views']);
    },
    WELL_BEFORE_THE_CLIENT_LIMITS_MS,
  );

  it(
    'a write into a space: the space check shares the deadline, and the write is never sent',
    async () => {
      const result = await runtime.call('create_data_view', { space_id: 'ops', data_view: { title: 'logs-*' } });
      expect(textOf(result)).toMatch(/^GET \/api\/spaces\/space\/ops: no complete response before the request's deadline/);
      expect(textOf(result)).toMatch(DEADLINE_HINT);
      expect(kibana.requests).toEqual(['GET /api/spaces/space/ops']);
    },
    WELL_BEFORE_THE_CLIENT_LIMITS_MS,
  );

  it(
    'a write that was sent says that it may have been done',
    async () => {
      const result = await runtime.call('set_default_data_view', { data_view_id: 'logs' });
      expect(textOf(result)).toMatch(/^POST \/api\/data_views\/default: no complete response before the request's deadline/);
      expect(textOf(result)).toMatch(/A write may have been done anyway: read the object before you retry\.$/);
    },
    WELL_BEFORE_THE_CLIENT_LIMITS_MS,
  );

  it(
    "a tool whose operation follows Kibana's version: the version read shares the deadline, and nothing else is sent",
    async () => {
      everyVersion = runtimeOf(GENERATED_TOOLS);
      const result = await everyVersion.call('list_dashboards', {});
      expect(textOf(result)).toBe(
        "Not sent: the call's time limit (--call-timeout) ran out while the server read Kibana's version (GET /api/status). Nothing was changed.",
      );
      expect(kibana.requests).toEqual(['GET /api/status']);
    },
    WELL_BEFORE_THE_CLIENT_LIMITS_MS,
  );

  it('keeps an earlier deadline the caller brings', async () => {
    const result = await runtime.call('list_data_views', {}, { deadline: Date.now() - 1 });
    expect(textOf(result)).toMatch(/^GET \/api\/data_views: not sent: the request's deadline passed \d+ ms before it could start\n/);
    expect(kibana.requests).toEqual([]);
  });
});

describe('the call timeout setting', () => {
  it('defaults to the runtime default, under the 60 s most MCP clients wait', () => {
    const option = OPTIONS.find((spec) => spec.flag === 'call-timeout');
    expect(option).toMatchObject({ env: 'KIBANA_MCP_CALL_TIMEOUT_MS', default: String(DEFAULT_CALL_TIMEOUT_MS) });
    expect(DEFAULT_CALL_TIMEOUT_MS).toBeLessThan(60_000);
  });
});
