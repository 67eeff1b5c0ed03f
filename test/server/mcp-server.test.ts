// The MCP adapter in-process: an SDK client and the server over an in-memory transport, the runtime behind it.
// The protocol adapter on a 2025 connection that remembers its client (as stdio does), in-process.
// The 2026-07-28 era and stateless HTTP are tested in test/protocol/.
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { InMemoryTransport, type JSONRPCMessage } from '@modelcontextprotocol/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { silentLogger } from '../../src/logger.js';
import { type CallerContext, createMcpServer, mcpServing } from '../../src/server/mcp-server.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { Tool } from '../../src/tools/runtime/tool.js';
import { GENERATED_TOOLS, testRuntime } from '../support/runtime.js';

/** A task tool that reports three steps of progress. */
const countToThree: Tool = {
  name: 'count_to_three',
  toolset: 'tasks',
  tier: 'read',
  description: 'Counts, reporting each step.',
  inputSchema: { type: 'object', properties: {} },
  annotations: { title: 'Count', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  validator: async () => z.object({}).strict(),
  async run(_args, context) {
    for (const step of [1, 2, 3]) context.progress({ progress: step, total: 3, message: `step ${step}` });
    return context.results.value({ counted: 3 });
  },
};

let kibana: RecordingKibana;
let runtime: ToolRuntime;
const clients: Client[] = [];

beforeAll(async () => {
  kibana = await startRecordingKibana(() => ({ body: { version: { number: '8.18.2' } } }));
  runtime = testRuntime(kibana.url, { tools: [...GENERATED_TOOLS, countToThree], defaultSpace: 'ops' });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  kibana.requests.length = 0;
});
afterAll(async () => {
  await runtime.close();
  await kibana.stop();
});

async function connect(options: ClientOptions = {}, caller: CallerContext = {}): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(mcpServing(runtime, silentLogger), 'legacy', caller).connect(serverSide);
  const client = new Client({ name: 'adapter-test', version: '1.0.0' }, options);
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

describe('tools/list', () => {
  it("is the runtime's listing, and the instructions speak of spaces, tiers and narrowing", async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools).toEqual(runtime.listing);
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toMatch(/use "ops" when it is omitted/);
    expect(instructions).toMatch(/Tiers/);
    expect(instructions).toMatch(/per_page/);
  });
});

describe('tools/call', () => {
  it("answers with the runtime's result, with the caller's credentials", async () => {
    const client = await connect({}, { authorization: 'ApiKey Y2FsbGVy' });
    const result = await client.callTool({ name: 'get_status', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: '{"version":{"number":"8.18.2"}}' }]);
    expect(kibana.requests[0]!.headers.authorization).toBe('ApiKey Y2FsbGVy');
  });

  it('answers an unknown tool with -32602 Invalid params', async () => {
    const client = await connect();
    await expect(client.callTool({ name: 'drop_everything', arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('Unknown tool "drop_everything"'),
    });
  });

  it('sends progress notifications when the client asks for them', async () => {
    const client = await connect();
    const seen: unknown[] = [];
    const result = await client.callTool({ name: 'count_to_three', arguments: {} }, { onprogress: (progress) => seen.push(progress) });
    expect(result.content).toEqual([{ type: 'text', text: '{"counted":3}' }]);
    expect(seen).toEqual([1, 2, 3].map((step) => ({ progress: step, total: 3, message: `step ${step}` })));
  });

  it('answers malformed params with -32602 and keeps serving', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(mcpServing(runtime, silentLogger), 'legacy').connect(serverSide);
    const answers = new Map<unknown, { error?: { code: number }; result?: { content?: unknown } }>();
    clientSide.onmessage = (message) => {
      if ('id' in message) answers.set(message.id, message as never);
    };
    await clientSide.start();
    const initialize = {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    };
    const malformed = [{ name: 'get_status', arguments: null }, { name: 123 }, undefined, { name: 'get_status', arguments: [] }];
    const messages = [
      initialize,
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      ...malformed.map((params, index) => ({
        jsonrpc: '2.0',
        id: index + 1,
        method: 'tools/call',
        ...(params === undefined ? {} : { params }),
      })),
      { jsonrpc: '2.0', id: 99, method: 'tools/call', params: { name: 'get_status', arguments: {} } },
    ];
    for (const message of messages) await clientSide.send(message as JSONRPCMessage);
    await expect.poll(() => answers.has(99)).toBe(true);
    for (let id = 1; id <= malformed.length; id += 1) expect(answers.get(id)?.error?.code, `call ${id}`).toBe(-32602);
    expect(answers.get(99)?.result?.content).toEqual([{ type: 'text', text: '{"version":{"number":"8.18.2"}}' }]);
    await clientSide.close();
  });
});

describe('destructive calls over a connection that can be asked (elicitation)', () => {
  const elicitation = { capabilities: { elicitation: { form: {} } } };

  it.each([
    [{ action: 'accept', content: { confirm: true } }, true],
    [{ action: 'accept', content: { confirm: false } }, false],
    [{ action: 'decline' }, false],
    [{ action: 'cancel' }, false],
  ] as const)('%j → deleted: %s', async (answer, performed) => {
    const client = await connect(elicitation);
    const asked: string[] = [];
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(request.params.message);
      return answer;
    });
    const result = await client.callTool({ name: 'delete_data_view', arguments: { view_id: 'dv-1' } });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/delete_data_view.*dv-1/);
    expect(kibana.requests.some((request) => request.method === 'DELETE')).toBe(performed);
    expect(result.isError ?? false).toBe(!performed);
  });

  it('are not asked about when the client offers no elicitation', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'delete_data_view', arguments: { view_id: 'dv-1' } });
    expect(result.isError).toBeFalsy();
    expect(kibana.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });
});
