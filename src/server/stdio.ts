import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from '../logger.js';
import type { ToolRuntime } from '../tools/runtime/runtime.js';
import { createMcpServer } from './mcp-server.js';

export interface RunningServer {
  /** Resolves when the transport ends on its own (stdin ended); close() then finishes the work. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveStdio(runtime: ToolRuntime, logger: Logger): Promise<RunningServer> {
  const server = createMcpServer(runtime, logger);
  const transport = new StdioServerTransport();
  // The SDK's transport ignores the end of stdin: a client that goes away must end the server too,
  // through close() below, so that calls under way still answer.
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  logger.info(`serving ${runtime.tools.length} tools on stdio`);
  return {
    closed,
    async close() {
      await runtime.idle();
      // Let the last results leave through stdout before the transport closes.
      await new Promise((resolve) => setImmediate(resolve));
      await server.close();
    },
  };
}
