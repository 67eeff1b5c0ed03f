// Confirmation of destructive calls by input-required rounds (2026-07-28) over stateless HTTP, in
// process: the question, the answers, and every way a retry must not confirm a call (forged,
// replayed, expired, for other arguments, from another caller). One server per auth mode for the file.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectClient, type McpClient, resultText } from '../../harness/mcp-clients.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { ConfirmationSeal } from '../../src/server/confirmation-seal.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import { serveOnLoopback } from '../support/http-server.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testClient } from '../support/kibana-client.js';
import { testRuntime } from '../support/runtime.js';

let kibana: RecordingKibana;
let runtime: ToolRuntime;
let passthroughRuntime: ToolRuntime;
let server: RunningHttpServer;
let passthrough: RunningHttpServer;
const clients: McpClient[] = [];

const listen = (on: ToolRuntime, kind: 'none' | 'passthrough') =>
  serveOnLoopback(on, { auth: { kind }, seal: new ConfirmationSeal({ ttlSeconds: 60 }) });

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: {} }));
  runtime = testRuntime(kibana.url, { defaultSpace: 'ops' });
  passthroughRuntime = testRuntime(kibana.url, { client: testClient(kibana.url, { auth: { kind: 'none' } }) });
  [server, passthrough] = await Promise.all([listen(runtime, 'none'), listen(passthroughRuntime, 'passthrough')]);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  kibana.requests.length = 0;
  vi.useRealTimers();
});
afterAll(async () => {
  await Promise.all([server.close(), passthrough.close()]);
  await Promise.all([runtime.close(), passthroughRuntime.close()]);
  await kibana.stop();
});

async function modernClient(options: { elicitation?: boolean; manualRounds?: boolean } = {}, headers?: Record<string, string>) {
  const url = headers ? passthrough.url : server.url;
  const client = await connectClient(
    'v2 2026-07-28',
    { http: { url, ...(headers ? { headers } : {}) } },
    { elicitation: true, ...options },
  );
  clients.push(client);
  return client;
}

const deletes = () => kibana.requests.filter((request) => request.method === 'DELETE').map((request) => request.path);
const DELETE_VIEW = { view_id: 'dv-1', space_id: 'marketing' };

describe('a 2026-07-28 client that can be asked', () => {
  it.each([
    [{ action: 'accept', content: { confirm: true } }, true],
    [{ action: 'accept', content: { confirm: false } }, false],
    [{ action: 'decline' }, false],
    [{ action: 'cancel' }, false],
  ] as const)('answers %j: deleted %s', async (answer, performed) => {
    const client = await modernClient();
    const asked: string[] = [];
    client.onElicit((message) => {
      asked.push(message);
      expect(deletes()).toEqual([]);
      return answer;
    });
    const result = await client.callTool('delete_data_view', DELETE_VIEW);
    expect(asked).toEqual([
      expect.stringMatching(/^Allow ".+" \(delete_data_view\) on view_id "dv-1" in space "marketing"\? It cannot be undone\.$/),
    ]);
    expect(deletes()).toEqual(performed ? ['/s/marketing/api/data_views/data_view/dv-1'] : []);
    if (!performed) expect(resultText(result)).toBe('Not done: the user did not confirm delete_data_view. Nothing was changed.');
  });

  it('names the default space when the call names none', async () => {
    const client = await modernClient();
    const asked: string[] = [];
    client.onElicit((message) => {
      asked.push(message);
      return { action: 'decline' };
    });
    await client.callTool('delete_data_view', { view_id: 'dv-2' });
    expect(asked[0]).toMatch(/on view_id "dv-2" in space "ops"\?/);
  });
});

describe('a 2026-07-28 client without elicitation', () => {
  it('is not asked, and under --confirm auto the call runs', async () => {
    const client = await modernClient({ elicitation: false });
    expect((await client.callTool('delete_data_view', DELETE_VIEW)).isError).toBeFalsy();
    expect(deletes()).toHaveLength(1);
  });
});

describe('retries that must not confirm', () => {
  type Round = { resultType?: string; requestState?: string; inputRequests?: Record<string, { params: { message: string } }> };
  const ACCEPT = { confirm: { action: 'accept', content: { confirm: true } } };

  /** The first round by hand: the question and its sealed state. */
  async function firstRound(client: McpClient, args: Record<string, unknown> = DELETE_VIEW): Promise<Round> {
    const round = (await client.v2!.callTool({ name: 'delete_data_view', arguments: args }, { allowInputRequired: true })) as Round;
    expect(round.resultType).toBe('input_required');
    expect(round.inputRequests?.confirm?.params.message).toMatch(/delete_data_view/);
    return round;
  }
  const retry = (client: McpClient, args: Record<string, unknown>, extra: Record<string, unknown>) =>
    client.v2!.callTool({ name: 'delete_data_view', arguments: args, ...extra }, { allowInputRequired: true });

  it('the accepted retry runs once; the same state and answer sent again are refused', async () => {
    const client = await modernClient({ manualRounds: true });
    const { requestState } = await firstRound(client);
    expect(deletes()).toEqual([]);
    expect((await retry(client, DELETE_VIEW, { requestState, inputResponses: ACCEPT })).isError).toBeFalsy();
    const replayed = await retry(client, DELETE_VIEW, { requestState, inputResponses: ACCEPT });
    expect(resultText(replayed)).toBe(
      'Not done: this confirmation was already used once; call again to be asked again. Nothing was changed.',
    );
    expect(deletes()).toHaveLength(1);
  });

  it('a retry with other arguments than the ones confirmed is refused', async () => {
    const client = await modernClient({ manualRounds: true });
    const { requestState } = await firstRound(client);
    const other = await retry(client, { ...DELETE_VIEW, view_id: 'dv-other' }, { requestState, inputResponses: ACCEPT });
    expect(resultText(other)).toBe(
      'Not done: the arguments differ from the ones the user confirmed; call again to be asked about these. Nothing was changed.',
    );
    // Same values, keys in another order: the same call.
    const { requestState: second } = await firstRound(client);
    expect(
      (await retry(client, { space_id: 'marketing', view_id: 'dv-1' }, { requestState: second, inputResponses: ACCEPT })).isError,
    ).toBeFalsy();
    expect(deletes()).toEqual(['/s/marketing/api/data_views/data_view/dv-1']);
  });

  it('a forged or tampered state is refused, and an answer without any state is only a new question', async () => {
    const client = await modernClient({ manualRounds: true });
    const { requestState } = await firstRound(client);
    const [version, payload, mac] = requestState!.split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = `${version}.${Buffer.from(JSON.stringify({ ...decoded, p: { ...decoded.p, tool: 'delete_space' } })).toString('base64url')}.${mac}`;
    for (const state of [tampered, 'v1.e30.AAAA', 'not a state']) {
      expect(resultText(await retry(client, DELETE_VIEW, { requestState: state, inputResponses: ACCEPT }))).toBe(
        'Not done: the confirmation that came with this call is not one this server issued. Nothing was changed.',
      );
    }
    const unasked = (await retry(client, DELETE_VIEW, { inputResponses: ACCEPT })) as Round;
    expect(unasked.resultType).toBe('input_required');
    expect(deletes()).toEqual([]);
  });

  it('a retry without the answer asks again', async () => {
    const client = await modernClient({ manualRounds: true });
    const { requestState } = await firstRound(client);
    const again = (await retry(client, DELETE_VIEW, { requestState })) as Round;
    expect(again.resultType).toBe('input_required');
    expect(again.requestState).not.toBe(requestState);
    expect(deletes()).toEqual([]);
  });

  it('a state past its time is refused as timed out', async () => {
    const client = await modernClient({ manualRounds: true });
    const { requestState } = await firstRound(client);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect(resultText(await retry(client, DELETE_VIEW, { requestState, inputResponses: ACCEPT }))).toBe(
      'Not done: the confirmation timed out (it is valid for 60 s); call again to be asked again. Nothing was changed.',
    );
    expect(deletes()).toEqual([]);
  });

  it("another caller cannot use a caller's confirmation (passthrough credentials)", async () => {
    const alice = await modernClient({ manualRounds: true }, { authorization: 'ApiKey YWxpY2U6a2V5' });
    const bob = await modernClient({ manualRounds: true }, { authorization: 'ApiKey Ym9iOmtleQ==' });
    const { requestState } = await firstRound(alice);
    expect(resultText(await retry(bob, DELETE_VIEW, { requestState, inputResponses: ACCEPT }))).toBe(
      'Not done: the confirmation was given to another caller. Nothing was changed.',
    );
    expect(deletes()).toEqual([]);
    expect((await retry(alice, DELETE_VIEW, { requestState, inputResponses: ACCEPT })).isError).toBeFalsy();
    expect(kibana.requests.filter((request) => request.method === 'DELETE').map((request) => request.headers.authorization)).toEqual([
      'ApiKey YWxpY2U6a2V5',
    ]);
  });
});
