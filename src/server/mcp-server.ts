// The MCP protocol adapter: `tools/list` and `tools/call` translated into the tool runtime's terms,
// for both protocol eras (2025 revisions through `initialize`, 2026-07-28 through `server/discover`).
// Transports (stdio, Streamable HTTP) make one server per connection or request through the factory.
import {
  CLIENT_CAPABILITIES_META_KEY,
  type CacheHint,
  type ClientCapabilities,
  type CallToolResult,
  type InputRequiredResult,
  inputRequired,
  type McpServerFactory,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type ServerContext,
  type Tool as ListedTool,
} from '@modelcontextprotocol/server';
import type { Logger } from '../logger.js';
import { CallSlots } from '../tools/runtime/call-slots.js';
import { AnswerOnRetry } from '../tools/runtime/confirmation.js';
import type { Invocation } from '../tools/runtime/context.js';
import { type ToolRuntime, UnknownToolError } from '../tools/runtime/runtime.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import { ConfirmationSeal } from './confirmation-seal.js';
import { canElicitForms, confirmationForm, elicitationChannel, retryChannel } from './elicitation.js';
import { serverInstructions } from './instructions.js';

export type ProtocolEra = 'legacy' | 'modern';

/** What one connection (or one stateless HTTP request) brings of its own. */
export interface CallerContext {
  authorization?: string;
}

export interface McpServing {
  runtime: ToolRuntime;
  logger: Logger;
  /** Seals confirmation rounds; every instance behind one load balancer needs the same secret. */
  seal: ConfirmationSeal;
}

export function mcpServing(runtime: ToolRuntime, logger: Logger, seal = new ConfirmationSeal()): McpServing {
  return { runtime, logger, seal };
}

/**
 * The tool list changes only when the server restarts, so clients may keep it for as long as they
 * keep anything (the SDK client caps hints at a day); private, since passthrough callers may differ.
 */
const LIST_CACHE: CacheHint = { ttlMs: 86_400_000, cacheScope: 'private' };

/**
 * Tool calls of one server instance (a stdio connection, one HTTP request: a JSON-RPC batch holds
 * many) that run at once; the others wait their turn within their deadline.
 */
export const CALLS_AT_ONCE = 8;

/** Why a 2025 client over stateless HTTP cannot be asked, as the refusal under --confirm always says. */
const STATELESS_LEGACY =
  'a client of a 2025 protocol revision over stateless HTTP cannot be asked in the middle of a call; a 2026-07-28 client can confirm';

/** The SDK's factory, for serveStdio and createMcpHandler; the caller's credentials come from the HTTP request in passthrough. */
export function serverFactory(serving: McpServing, passthrough = false): McpServerFactory {
  return ({ era, requestInfo }) => {
    const authorization = passthrough ? requestInfo?.headers.get('authorization') : null;
    return createMcpServer(serving, era, authorization ? { authorization } : {});
  };
}

export function createMcpServer({ runtime, logger, seal }: McpServing, era: ProtocolEra, caller: CallerContext = {}): Server {
  const server = new Server(
    { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    {
      capabilities: { tools: {} },
      instructions: serverInstructions(runtime.defaultSpace),
      cacheHints: { 'tools/list': LIST_CACHE, 'server/discover': LIST_CACHE },
    },
  );
  server.onerror = protocolErrorLog(logger);
  const slots = new CallSlots(CALLS_AT_ONCE);

  server.setRequestHandler('tools/list', () => ({ tools: runtime.listing as ListedTool[] }));
  server.setRequestHandler('tools/call', async (request, context): Promise<CallToolResult | InputRequiredResult> => {
    const { name, arguments: args } = request.params;
    const invocation: Invocation = { ...caller, signal: context.mcpReq.signal, slots, ...askingOf(), ...progressOf(context) };
    try {
      return await runtime.call(name, args, invocation);
    } catch (error) {
      if (error instanceof AnswerOnRetry) {
        return inputRequired({
          inputRequests: { [error.question.key]: inputRequired.elicit(confirmationForm(error.question)) },
          requestState: await seal.mint(error.question.key, error.subject, context),
        });
      }
      if (error instanceof UnknownToolError) throw new ProtocolError(ProtocolErrorCode.InvalidParams, error.message);
      // The SDK would send the raw message to the client; keep it in the log.
      logger.error('tools/call failed', { tool: name, error: error instanceof Error ? error.message : String(error) });
      throw new ProtocolError(ProtocolErrorCode.InternalError, 'Internal error');
    }

    /** How this caller's user is asked to confirm, or why they cannot be. */
    function askingOf(): Pick<Invocation, 'confirmations' | 'unaskable'> {
      // From initialize on a 2025 connection (absent on stateless HTTP); from each request's envelope on 2026-07-28.
      const capabilities =
        era === 'modern'
          ? ((context.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as
              | ClientCapabilities
              | undefined)
          : server.getClientCapabilities();
      if (era === 'legacy' && capabilities === undefined) return { unaskable: STATELESS_LEGACY };
      if (!canElicitForms(capabilities)) return { unaskable: 'it offers no elicitation' };
      return { confirmations: era === 'modern' ? retryChannel(seal, context) : elicitationChannel(context) };
    }
  });
  return server;
}

/** Transport errors and messages the SDK cannot parse or refuses; its messages can span lines (validation dumps). */
export function protocolErrorLog(logger: Logger): (error: Error) => void {
  return (error) => logger.warn(`protocol error: ${error.message.replace(/\s+/g, ' ').slice(0, 500)}`);
}

function progressOf(context: ServerContext): Pick<Invocation, 'progress'> {
  const progressToken = context.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return {};
  return {
    progress: (update) => {
      // A progress notice that cannot be sent (the client went away) must not fail the call.
      void context.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, ...update } }).catch(() => {});
    },
  };
}
