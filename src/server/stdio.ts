import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type ServerRuntime } from './mcp-server.js';

export interface RunningServer {
  /** Resolves when the transport ends on its own (stdin ended); close() then finishes the work. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveStdio(runtime: ServerRuntime): Promise<RunningServer> {
  const server = createMcpServer(runtime);
  const transport = new StdioServerTransport();
  // The SDK's transport ignores the end of stdin: a client that goes away must end the server too,
  // through close() below, so that calls under way still answer.
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  runtime.logger.info(`serving ${runtime.tools.length} tools on stdio`);
  return {
    closed,
    async close() {
      await runtime.inFlight.idle();
      // Let the last results leave through stdout before the transport closes.
      await new Promise((resolve) => setImmediate(resolve));
      await server.close();
    },
  };
}
