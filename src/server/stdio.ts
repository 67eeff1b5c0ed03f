// stdio, both eras: the client's first message decides (initialize → 2025 revisions, server/discover
// → 2026-07-28), and one server instance serves the connection.
import { STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio as serveOverStdio } from '@modelcontextprotocol/server/stdio';
import { FILE_IMPORT_TOOL } from '../tools/tasks/import-file-names.js';
import { tooLargeMessage } from './large-messages.js';
import { type McpServing, protocolErrorLog, serverFactory } from './mcp-server.js';
import { StdioLineGuard } from './stdio-lines.js';

/** The largest message read over stdio: the SDK's own read limit. */
export const MAX_STDIO_MESSAGE_BYTES = STDIO_DEFAULT_MAX_BUFFER_SIZE;

export interface RunningServer {
  /** Resolves when the transport ends on its own (stdin ended); close() then finishes the work. */
  closed: Promise<void>;
  /** Stops taking work, lets the calls under way answer, then closes. */
  close(): Promise<void>;
  /** During close(): stop waiting for anything but answers (a client still sending a request is cut off now). */
  hurry(): void;
}

export async function serveStdio(serving: McpServing): Promise<RunningServer> {
  const { runtime, logger } = serving;
  // The SDK's transport closes, and aborts the calls under way unanswered, as soon as its input
  // ends. It reads a copy of stdin instead, which ends only once those calls have answered; the
  // copy holds only whole, valid messages within the limit (stdio-lines.ts answers the others).
  const input = new StdioLineGuard({
    maxLineBytes: MAX_STDIO_MESSAGE_BYTES,
    tooLarge: (sizeBytes) =>
      tooLargeMessage({ what: 'stdio', limitBytes: MAX_STDIO_MESSAGE_BYTES, sizeBytes, fileImport: runtime.has(FILE_IMPORT_TOOL) }),
    answer: (refusal) => process.stdout.write(`${JSON.stringify(refusal)}\n`),
    warn: (message) => logger.warn(`stdio: ${message}`),
  });
  process.stdin.pipe(input, { end: false });
  const closed = new Promise<void>((resolve) => process.stdin.once('end', resolve));
  const handle = serveOverStdio(serverFactory(serving), {
    // One line is one chunk of the guard's output, newline included: it always fits.
    transport: new StdioServerTransport(input, process.stdout, { maxBufferSize: MAX_STDIO_MESSAGE_BYTES + 1 }),
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
    // Nothing but calls to wait for: once the runtime has cut them off, they answer at once.
    hurry() {},
  };
}
