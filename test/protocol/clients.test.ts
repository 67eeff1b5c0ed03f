// Real clients against real processes: the v2 SDK client in the 2026-07-28 era and in 2025-06-18,
// and the 1.x SDK client (2025-11-25), each over stdio (one `node dist/cli.js` per client) and over
// Streamable HTTP (one `--http` process for all). List, call, an error, and a destructive call that
// is confirmed, declined and cancelled wherever the client can be asked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KINDS, type ClientKind, connectClient, type Endpoint, type McpClient, resultText } from '../../harness/mcp-clients.js';
import { type HttpServerProcess, startHttpServer } from '../../harness/mcp-peers.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';

const ARGS = ['--tier', 'destructive', '--toolsets', 'data_views,platform'];
let kibana: RecordingKibana;
let http: HttpServerProcess;
/** The first tool list seen: every client over every transport must see the same, in the same order. */
let reference: string[] | undefined;

/** Kibana requests the server gave up before Kibana answered. */
const aborted: string[] = [];

beforeAll(async () => {
  kibana = await startRecordingKibana((request, res) => {
    if (request.path.endsWith('/slow')) {
      res.once('close', () => {
        if (!res.writableFinished) aborted.push(request.path);
      });
      return { body: {}, delayMs: 10_000 };
    }
    return { body: request.path === '/api/status' ? { version: { number: '8.18.2' } } : {} };
  });
  http = await startHttpServer(ARGS, env());
});
afterAll(async () => {
  await http?.stop();
  await kibana?.stop();
});
afterEach(() => {
  kibana.requests.length = 0;
});

function env(): Record<string, string> {
  return { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'aWQ6a2V5', KIBANA_RETRIES: '0' };
}

const deletes = () => kibana.requests.filter((request) => request.method === 'DELETE').map((request) => request.path);

/**
 * Whether a call of this client stays tied to the client while it runs: so it can be asked to confirm
 * and its cancellation reaches the server. Not so for 2025 revisions over stateless HTTP: there the
 * server never sees the client's capabilities, and a cancellation arrives as a separate request that
 * cannot be told from another client's with the same credentials (the call ends when the connection does).
 */
const tiedToClient = (kind: ClientKind, transport: 'stdio' | 'http') => transport === 'stdio' || kind === 'v2 2026-07-28';

describe.each(['stdio', 'http'] as const)('over %s', (transport) => {
  describe.each(CLIENT_KINDS)('the %s client', (kind) => {
    let client: McpClient;
    let asked: string[];
    let answer: () => { action: 'accept'; content: { confirm: boolean } } | { action: 'decline' } | { action: 'cancel' };
    beforeAll(async () => {
      const endpoint: Endpoint = transport === 'stdio' ? { stdio: { args: ARGS, env: env() } } : { http: { url: http.url } };
      client = await connectClient(kind, endpoint, { elicitation: true });
      client.onElicit((message) => {
        asked.push(message);
        return answer();
      });
    });
    afterAll(() => client?.close());

    it('speaks its revision and lists the same tools in the same order as every other client', async () => {
      if (kind !== 'v1 2025-11-25') expect(client.protocolVersion()).toBe(kind.split(' ')[1]);
      const names = (await client.listTools()).map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['get_status', 'delete_data_view']));
      reference ??= names;
      expect(names).toEqual(reference);
    });

    it('calls a tool, and gets errors as errors', async () => {
      const status = await client.callTool('get_status', {});
      expect(status.structuredContent).toBeUndefined();
      expect(JSON.parse(resultText(status))).toEqual({ version: { number: '8.18.2' } });
      await expect(client.callTool('drop_everything', {})).rejects.toMatchObject({ code: -32602 });
      const invalid = await client.callTool('create_data_view', { data_view: { title: 7 } });
      expect(invalid.isError).toBe(true);
      expect(resultText(invalid)).toMatch(/data_view\.title: expected string, got number/);
    });

    it.runIf(tiedToClient(kind, transport))('asks before a destructive call: confirmed, declined, cancelled', async () => {
      const outcomes: string[] = [];
      for (const given of [{ action: 'accept', content: { confirm: true } }, { action: 'decline' }, { action: 'cancel' }] as const) {
        asked = [];
        answer = () => given;
        kibana.requests.length = 0;
        const result = await client.callTool('delete_data_view', { view_id: 'dv-1' });
        expect(asked).toEqual([expect.stringMatching(/\(delete_data_view\) on view_id "dv-1" in space "default"\? It cannot be undone\./)]);
        outcomes.push(`${given.action}: ${deletes().length} deleted, ${result.isError ? resultText(result) : 'done'}`);
      }
      expect(outcomes).toEqual([
        'accept: 1 deleted, done',
        'decline: 0 deleted, Not done: the user did not confirm delete_data_view. Nothing was changed.',
        'cancel: 0 deleted, Not done: the user did not confirm delete_data_view. Nothing was changed.',
      ]);
    });

    it.runIf(tiedToClient(kind, transport))('a cancelled call aborts its Kibana request', async () => {
      aborted.length = 0;
      const cancel = new AbortController();
      const call = client.callTool('get_data_view', { view_id: 'slow' }, { signal: cancel.signal });
      await expect.poll(() => kibana.requests.some((request) => request.path.endsWith('/slow'))).toBe(true);
      cancel.abort();
      await expect(call).rejects.toThrow();
      await expect.poll(() => aborted).toEqual(['/api/data_views/data_view/slow']);
    });

    it.runIf(!tiedToClient(kind, transport))('cannot be asked over stateless HTTP: under --confirm auto the call runs', async () => {
      asked = [];
      const result = await client.callTool('delete_data_view', { view_id: 'dv-1' });
      expect(result.isError).toBeFalsy();
      expect(asked).toEqual([]);
      expect(deletes()).toEqual(['/api/data_views/data_view/dv-1']);
    });
  });
});

describe.each(['stdio', 'http'] as const)('confirmations a 2026-07-28 client did not get over %s', (transport) => {
  let client: McpClient;
  beforeAll(async () => {
    const endpoint: Endpoint = transport === 'stdio' ? { stdio: { args: ARGS, env: env() } } : { http: { url: http.url } };
    client = await connectClient('v2 2026-07-28', endpoint, { elicitation: true, manualRounds: true });
  });
  afterAll(() => client?.close());

  it('are refused: a forged state, and a state used twice', async () => {
    const call = (extra: Record<string, unknown> = {}) =>
      client.v2!.callTool({ name: 'delete_data_view', arguments: { view_id: 'dv-1' }, ...extra }, { allowInputRequired: true });
    const accept = { confirm: { action: 'accept', content: { confirm: true } } };
    const forged = await call({ requestState: 'v1.eyJwIjp7fX0.c2lnbmVk', inputResponses: accept });
    expect(resultText(forged)).toMatch(/^Not done: the confirmation that came with this call is not one this server issued\./);
    const { requestState } = (await call()) as { requestState?: string };
    expect((await call({ requestState, inputResponses: accept })).isError).toBeFalsy();
    expect(resultText(await call({ requestState, inputResponses: accept }))).toMatch(/^Not done: this confirmation was already used once/);
    expect(deletes()).toEqual(['/api/data_views/data_view/dv-1']);
  });
});
