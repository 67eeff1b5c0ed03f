// MCP clients of every kind the server must serve, behind one small interface, so that one test
// runs against each: the v2 SDK client in the 2026-07-28 era and in a 2025 revision, and the 1.x
// SDK client (what most hosts ship today), over stdio (`node dist/cli.js`) or Streamable HTTP.
import { Client as V2Client, StreamableHTTPClientTransport as V2HttpTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport as V2StdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1HttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { CLI, serverEnv } from './mcp-peers.js';

export type ClientKind = 'v2 2026-07-28' | 'v2 2025-06-18' | 'v1 2025-11-25';
export const CLIENT_KINDS: readonly ClientKind[] = ['v2 2026-07-28', 'v2 2025-06-18', 'v1 2025-11-25'];

export interface ToolCallResult {
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export type ElicitAnswer =
  | { action: 'accept'; content: Record<string, string | number | boolean | string[]> }
  | { action: 'decline' }
  | { action: 'cancel' };

export interface CallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/** One connected client, whatever its SDK and era. */
export interface McpClient {
  kind: ClientKind;
  /** The revision the connection speaks. */
  protocolVersion(): string | undefined;
  listTools(): Promise<Array<{ name: string }>>;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolCallResult>;
  /** Answers the server's confirmation questions (elicitation, or input-required rounds on 2026-07-28). */
  onElicit(answer: (message: string) => ElicitAnswer | Promise<ElicitAnswer>): void;
  close(): Promise<void>;
  /** The v2 client itself, for what the interface does not cover (input-required rounds by hand). */
  v2?: V2Client;
}

export type Endpoint =
  | { stdio: { args: string[]; env: Record<string, string> } }
  | { http: { url: string; headers?: Record<string, string> } };

export interface ConnectOptions {
  /** Declare form elicitation (the client can be asked to confirm). */
  elicitation?: boolean;
  /** v2 only: input-required results come back to the caller instead of being answered by the client. */
  manualRounds?: boolean;
}

export async function connectClient(kind: ClientKind, endpoint: Endpoint, options: ConnectOptions = {}): Promise<McpClient> {
  const capabilities = options.elicitation ? { elicitation: { form: {} } } : {};
  return kind.startsWith('v1') ? connectV1(endpoint, capabilities) : connectV2(kind, endpoint, capabilities, options.manualRounds ?? false);
}

async function connectV2(kind: ClientKind, endpoint: Endpoint, capabilities: object, manualRounds: boolean): Promise<McpClient> {
  const era =
    kind === 'v2 2026-07-28'
      ? { versionNegotiation: { mode: { pin: '2026-07-28' as const } } }
      : { supportedProtocolVersions: ['2025-06-18'] };
  const client = new V2Client(
    { name: 'test-v2', version: '1.0.0' },
    { capabilities, ...era, ...(manualRounds ? { inputRequired: { autoFulfill: false } } : {}) },
  );
  const transport =
    'stdio' in endpoint
      ? new V2StdioTransport({
          command: process.execPath,
          args: [CLI, ...endpoint.stdio.args],
          env: serverEnv(endpoint.stdio.env),
          stderr: 'ignore',
        })
      : new V2HttpTransport(new URL(endpoint.http.url), { requestInit: { headers: endpoint.http.headers ?? {} } });
  await client.connect(transport);
  return {
    kind,
    protocolVersion: () => client.getNegotiatedProtocolVersion(),
    listTools: async () => (await client.listTools()).tools,
    callTool: (name, args, { signal, onprogress } = {}) =>
      client.callTool(
        { name, arguments: args },
        { ...(signal ? { signal } : {}), ...(onprogress ? { onprogress } : {}) },
      ) as Promise<ToolCallResult>,
    onElicit(answer) {
      client.setRequestHandler('elicitation/create', async (request) => answer(request.params.message));
    },
    close: () => client.close(),
    v2: client,
  };
}

async function connectV1(endpoint: Endpoint, capabilities: object): Promise<McpClient> {
  const client = new V1Client({ name: 'test-v1', version: '1.0.0' }, { capabilities });
  const transport =
    'stdio' in endpoint
      ? new V1StdioTransport({
          command: process.execPath,
          args: [CLI, ...endpoint.stdio.args],
          env: serverEnv(endpoint.stdio.env),
          stderr: 'ignore',
        })
      : new V1HttpTransport(new URL(endpoint.http.url), { requestInit: { headers: endpoint.http.headers ?? {} } });
  await client.connect(transport);
  return {
    kind: 'v1 2025-11-25',
    // The 1.x client does not say what it negotiated; it offers 2025-11-25 first.
    protocolVersion: () => undefined,
    listTools: async () => (await client.listTools()).tools,
    callTool: (name, args, { signal, onprogress } = {}) =>
      client.callTool({ name, arguments: args }, undefined, {
        ...(signal ? { signal } : {}),
        ...(onprogress ? { onprogress } : {}),
      }) as Promise<ToolCallResult>,
    onElicit(answer) {
      client.setRequestHandler(ElicitRequestSchema, async (request) => answer(request.params.message));
    },
    close: () => client.close(),
  };
}

/** The text parts of a tool result, joined; any SDK's result type will do. */
export function resultText(result: { content?: unknown }): string {
  const parts = Array.isArray(result.content) ? (result.content as Array<{ text?: unknown }>) : [];
  return parts.map((part) => (typeof part.text === 'string' ? part.text : '')).join('\n');
}
