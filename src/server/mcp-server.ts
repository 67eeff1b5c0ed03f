// The MCP protocol adapter: `tools/list` and `tools/call` translated into the tool runtime's terms.
// Transports (stdio, Streamable HTTP) plug in without touching anything here, nor the runtime.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { type CallToolRequest, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Invocation } from '../tools/runtime/context.js';
import { type ToolRuntime, UnknownToolError } from '../tools/runtime/runtime.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import { elicitationChannel } from './elicitation.js';
import { serverInstructions } from './instructions.js';
import { INVALID_PARAMS } from './json-rpc.js';

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

export function createMcpServer(runtime: ToolRuntime, logger: Logger, caller: CallerContext = {}): Server {
  sharedValidator ??= new AjvJsonSchemaValidator();
  const server = new Server(
    { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    { capabilities: { tools: {} }, instructions: serverInstructions(runtime.defaultSpace), jsonSchemaValidator: sharedValidator },
  );
  // Messages the SDK cannot parse or answer are dropped by it; at least say so on stderr.
  server.onerror = (error) => logger.warn(`protocol error: ${error.message.split('\n')[0]}`);

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...runtime.listing] }));
  server.setRequestHandler(LOOSE_CALL_TOOL_REQUEST, async (raw, extra) => {
    const { name, arguments: args, _meta } = (raw as unknown as CallToolRequest).params;
    const progressToken = _meta?.progressToken;
    const invocation: Invocation = {
      ...caller,
      signal: extra.signal,
      ...(server.getClientCapabilities()?.elicitation?.form !== undefined ? { confirmations: elicitationChannel(extra.sendRequest) } : {}),
      ...(progressToken === undefined
        ? {}
        : {
            progress: (update) => {
              // A progress notice that cannot be sent (the client went away) must not fail the call.
              void extra.sendNotification({ method: 'notifications/progress', params: { progressToken, ...update } }).catch(() => {});
            },
          }),
    };
    return runtime.call(name, args, invocation).catch((error: unknown) => {
      throw error instanceof UnknownToolError ? new McpError(INVALID_PARAMS, error.message) : error;
    });
  });
  return server;
}
