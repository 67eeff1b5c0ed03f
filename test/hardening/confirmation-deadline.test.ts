// The wait for a user's confirmation fits inside the call's deadline (issue 14 §2): it ends early
// enough to leave time for the confirmed action, the call answers that the confirmation timed out,
// and nothing is sent to Kibana. Through the runtime, and through a 2025 MCP connection whose client
// is asked by elicitation and never answers.
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { silentLogger } from '../../src/logger.js';
import { createMcpServer, mcpServing } from '../../src/server/mcp-server.js';
import type { ConfirmationChannel } from '../../src/tools/runtime/confirmation.js';
import { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testClient } from '../support/kibana-client.js';
import { GENERATED_TOOLS, textOf } from '../support/runtime.js';

const CALL_TIMEOUT_MS = 1_000;
const TIMED_OUT =
  /^Not done: the confirmation timed out: the user did not answer within [\d.]+ s whether to run delete_data_view, and the call must answer within its time limit \(--call-timeout\)\. Nothing was changed\.$/;

let kibana: RecordingKibana;
let runtime: ToolRuntime;

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: {} }));
  runtime = new ToolRuntime({
    tools: GENERATED_TOOLS,
    client: testClient(kibana.url),
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
    callTimeoutMs: CALL_TIMEOUT_MS,
  });
});
afterAll(async () => {
  await runtime.close();
  await kibana.stop();
});
beforeEach(() => {
  kibana.requests.length = 0;
});

describe('a confirmation nobody answers', () => {
  it('is withdrawn before the deadline, with time left for the action, and the call says it timed out', async () => {
    let withdrawnAt: number | undefined;
    const silentUser: ConfirmationChannel = {
      ask: (_question, _subject, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => {
            withdrawnAt = Date.now();
            reject(signal.reason);
          }),
        ),
    };
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    const result = await runtime.call('delete_data_view', { view_id: 'dv-1' }, { confirmations: silentUser, deadline });
    expect(textOf(result)).toMatch(TIMED_OUT);
    expect(result.isError).toBe(true);
    // Half of the time left stays for the action (10 s of it on the default limit).
    expect(withdrawnAt).toBeLessThan(deadline);
    expect(kibana.requests).toEqual([]);
  });

  it('counts for nothing when it comes after its time', async () => {
    const lateYes: ConfirmationChannel = {
      ask: (_question, _subject, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve(true))),
    };
    const result = await runtime.call('delete_data_view', { view_id: 'dv-1' }, { confirmations: lateYes });
    expect(textOf(result)).toMatch(TIMED_OUT);
    expect(kibana.requests).toEqual([]);
  });

  it('over a 2025 connection (elicitation): the question is withdrawn and the call answers before the client gives up', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(mcpServing(runtime, silentLogger), 'legacy').connect(serverSide);
    const client = new Client({ name: 'silent-user', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
    const asked: string[] = [];
    client.setRequestHandler('elicitation/create', (request) => {
      asked.push(request.params.message);
      return new Promise(() => {});
    });
    await client.connect(clientSide);
    try {
      const result = await client.callTool({ name: 'delete_data_view', arguments: { view_id: 'dv-1' } });
      expect(asked).toHaveLength(1);
      expect(textOf(result as never)).toMatch(TIMED_OUT);
      expect(kibana.requests).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
