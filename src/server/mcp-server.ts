// The MCP server for a set of tools: `tools/list` from the specs, `tools/call` through the tool runtime.
// Transports (stdio, Streamable HTTP) plug in without touching anything here.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { z } from 'zod';
import {
  type CallToolRequest,
  ElicitResultSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { KibanaClient } from '../client/index.js';
import type { Logger } from '../logger.js';
import { callTool, type CallContext } from '../tools/call.js';
import { KibanaVersion } from '../tools/kibana-version.js';
import { SpaceGuard } from '../tools/space-guard.js';
import { listedTool } from '../tools/listing.js';
import type { ToolSpec } from '../tools/spec.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import { InFlight } from './in-flight.js';
import { serverInstructions } from './instructions.js';

export interface ServerRuntime {
  tools: readonly ToolSpec[];
  client: KibanaClient;
  defaultSpace: string;
  spaceGuard: SpaceGuard;
  kibanaVersion: KibanaVersion;
  maxResultChars: number;
  logger: Logger;
  inFlight: InFlight;
}

export function createRuntime(parts: Omit<ServerRuntime, 'spaceGuard' | 'kibanaVersion' | 'inFlight'>): ServerRuntime {
  return { ...parts, spaceGuard: new SpaceGuard(parts.client), kibanaVersion: new KibanaVersion(parts.client), inFlight: new InFlight() };
}

interface Catalogue {
  listing: Tool[];
  byName: Map<string, ToolSpec>;
}

// Built once per tool set, not once per server: stateless HTTP makes a server per request.
const catalogues = new WeakMap<readonly ToolSpec[], Catalogue>();

function catalogueOf(tools: readonly ToolSpec[]): Catalogue {
  let catalogue = catalogues.get(tools);
  if (!catalogue) {
    catalogue = { listing: tools.map((tool) => listedTool(tool) as Tool), byName: new Map(tools.map((tool) => [tool.name, tool])) };
    catalogues.set(tools, catalogue);
  }
  return catalogue;
}

/** What one connection (or one stateless HTTP request) brings of its own. */
export interface CallerContext {
  authorization?: string;
}

/**
 * The SDK's Server checks tools/call params itself and answers -32602 Invalid params when they
 * are malformed; registering with the strict schema would make the generic layer fail first,
 * with -32603 Internal error.
 */
const LOOSE_CALL_TOOL_REQUEST = z.looseObject({ method: z.literal('tools/call'), params: z.unknown().optional() });

// The SDK builds an Ajv instance per server unless given one; stateless HTTP makes a server per request.
let sharedValidator: AjvJsonSchemaValidator | undefined;

export function createMcpServer(runtime: ServerRuntime, caller: CallerContext = {}): Server {
  sharedValidator ??= new AjvJsonSchemaValidator();
  const server = new Server(
    { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    { capabilities: { tools: {} }, instructions: serverInstructions(runtime.defaultSpace), jsonSchemaValidator: sharedValidator },
  );
  // Messages the SDK cannot parse or answer are dropped by it; at least say so on stderr.
  server.onerror = (error) => runtime.logger.warn(`protocol error: ${error.message.split('\n')[0]}`);
  const { listing, byName } = catalogueOf(runtime.tools);

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listing }));
  server.setRequestHandler(LOOSE_CALL_TOOL_REQUEST, async (raw, extra) => {
    const request = raw as unknown as CallToolRequest;
    const spec = byName.get(request.params.name);
    if (!spec)
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${request.params.name}"; call tools/list for the available tools`);
    const canAsk = server.getClientCapabilities()?.elicitation?.form !== undefined;
    const context: CallContext = {
      client: runtime.client,
      defaultSpace: runtime.defaultSpace,
      spaceGuard: runtime.spaceGuard,
      kibanaVersion: runtime.kibanaVersion,
      maxResultChars: runtime.maxResultChars,
      signal: extra.signal,
      ...(caller.authorization === undefined ? {} : { authorization: caller.authorization }),
      ...(canAsk ? { confirm: (message: string) => askToConfirm(message, extra.sendRequest, extra.signal) } : {}),
    };
    const started = Date.now();
    const result = await runtime.inFlight.track(() => callTool(spec, request.params.arguments, context));
    runtime.logger.debug('tool call', { tool: spec.name, ms: Date.now() - started, isError: result.isError === true });
    return result;
  });
  return server;
}

type SendRequest = Parameters<Parameters<Server['setRequestHandler']>[1]>[1]['sendRequest'];

async function askToConfirm(message: string, sendRequest: SendRequest, signal: AbortSignal): Promise<boolean> {
  const answer = await sendRequest(
    {
      method: 'elicitation/create',
      params: {
        mode: 'form',
        message,
        requestedSchema: {
          type: 'object',
          properties: { confirm: { type: 'boolean', title: 'Proceed', description: 'Yes, do it' } },
          required: ['confirm'],
        },
      },
    },
    ElicitResultSchema,
    { signal },
  );
  return answer.action === 'accept' && answer.content?.confirm === true;
}
