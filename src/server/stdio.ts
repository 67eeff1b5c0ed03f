// stdio, both eras: the client's first message decides (initialize → 2025 revisions, server/discover
// → 2026-07-28), and one server instance serves the connection.
import { PassThrough } from 'node:stream';
import { StdioServerTransport, serveStdio as serveOverStdio } from '@modelcontextprotocol/server/stdio';
import { type McpServing, protocolErrorLog, serverFactory } from './mcp-server.js';

export interface RunningServer {
  /** Resolves when the transport ends on its own (stdin ended); close() then finishes the work. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveStdio(serving: McpServing): Promise<RunningServer> {
  const { runtime, logger } = serving;
  // The SDK's transport closes, and aborts the calls under way unanswered, as soon as its input
  // ends. It reads a copy of stdin instead, which ends only once those calls have answered.
  const input = new PassThrough();
  process.stdin.pipe(input, { end: false });
  const closed = new Promise<void>((resolve) => process.stdin.once('end', resolve));
  const handle = serveOverStdio(serverFactory(serving), {
    transport: new StdioServerTransport(input, process.stdout),
    onerror: protocolErrorLog(logger),
  });
  logger.info(`serving ${runtime.tools.length} tools on stdio`);
  return {
    closed,
    async close() {
      await runtime.idle();
      // Let the last results leave through stdout before the transport closes.
      await new Promise((resolve) => setImmediate(resolve));
      process.stdin.unpipe(input);
      input.end();
      await handle.close();
    },
  };
}
