// Streamable HTTP, stateless, both eras: every POST /mcp gets a fresh server, so instances behind a
// load balancer share nothing but the confirmation secret. 2026-07-28 requests go to the SDK's
// handler; 2025 ones to a per-request transport that answers plain JSON, or an event stream when
// the client asked for progress (the SDK's own fallback would always stream).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, isLegacyRequest, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { InFlight } from '../tools/runtime/in-flight.js';
import { authorizeCaller, type HttpAuth } from './http-auth.js';
import { checkHostAndOrigin, type OriginPolicy } from './http-origin.js';
import { HTTP_REFUSED, INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR, UNAUTHORIZED } from './json-rpc.js';
import { FILE_IMPORT_TOOL } from '../tools/tasks/import-file-names.js';
import { tooLargeMessage } from './large-messages.js';
import { type McpServing, protocolErrorLog, serverFactory } from './mcp-server.js';
import type { RunningServer } from './stdio.js';
import { sendWebResponse, webRequest } from './web-bridge.js';

export interface HttpOptions {
  host: string;
  port: number;
  auth: HttpAuth;
  origins: OriginPolicy;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /** How long shutdown waits for exchanges under way before cutting connections. */
  shutdownGraceMs?: number;
}

export interface RunningHttpServer extends RunningServer {
  url: string;
}

const MCP_PATH = '/mcp';

export async function serveHttp(serving: McpServing, options: HttpOptions): Promise<RunningHttpServer> {
  const { runtime, logger } = serving;
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const factory = serverFactory(serving, options.auth.kind === 'passthrough');
  const modern = createMcpHandler(factory, { legacy: 'reject', onerror: protocolErrorLog(logger) });
  // Exchanges end when their response is fully sent: shutdown waits for these, not just for tool calls.
  const exchanges = new InFlight();
  // Exchanges past their body, whose answer is being made or sent: a hurried shutdown still waits for these.
  const answering = new InFlight();
  const httpServer = createServer((req, res) => {
    const finished = new Promise<void>((resolve) => res.once('close', resolve));
    void exchanges.track(async () => {
      await handle(req, res).catch((error: unknown) => {
        logger.error('http request failed', { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) sendJsonRpcError(res, 500, INTERNAL_ERROR, 'Internal server error');
        else res.end();
      });
      await finished;
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url);
    if (path === undefined) return refuse(res, 400, INVALID_REQUEST, 'Bad request: unreadable request URL');
    const refused = checkHostAndOrigin(req.headers, options.origins);
    if (refused) return refuse(res, 403, HTTP_REFUSED, refused);
    // Status only: whoever may reach the port learns nothing about what is served.
    if (path === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (path !== MCP_PATH) {
      res.setHeader('connection', 'close');
      return sendJson(res, 404, { error: `Not found: the MCP endpoint is POST ${MCP_PATH}` });
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse(res, 405, HTTP_REFUSED, `Method not allowed: this stateless server takes POST ${MCP_PATH} only`);
    }
    const caller = authorizeCaller(req.headers, options.auth);
    if (!caller.ok) {
      res.setHeader('www-authenticate', 'Bearer');
      return refuse(res, 401, UNAUTHORIZED, caller.reason);
    }
    const body = await readJsonBody(req, maxBodyBytes);
    if (body === TOO_LARGE) {
      const message = tooLargeMessage({
        what: 'HTTP',
        limitBytes: maxBodyBytes,
        fileImport: runtime.has(FILE_IMPORT_TOOL),
      });
      return refuse(res, 413, INVALID_REQUEST, message);
    }
    if (!body.ok) return sendJsonRpcError(res, 400, PARSE_ERROR, 'Parse error: the request body is not valid JSON');

    const request = webRequest(req, res, path);
    await answering.track(async () => {
      if (await isLegacyRequest(request, body.value)) return answerLegacy(request, body.value, res);
      await sendWebResponse(await modern.fetch(request, { parsedBody: body.value }), res);
    });
  }

  async function answerLegacy(request: Request, body: unknown, res: ServerResponse): Promise<void> {
    const server = await factory({ era: 'legacy', requestInfo: request });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: !asksForProgress(body),
    });
    // A client gone before its answer: closing the server aborts the call it made (Kibana's request is
    // cancelled too), and the answer is not awaited, since a closed transport never gives one.
    const gone = new Promise<undefined>((resolve) => request.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    try {
      await server.connect(transport);
      const response = await Promise.race([transport.handleRequest(request, { parsedBody: body }), gone]);
      if (response) await sendWebResponse(response, res);
    } finally {
      await server.close();
    }
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}${MCP_PATH}`;
  logger.info(`serving ${runtime.tools.length} tools on ${url}`);

  const closed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
  let endGrace = () => {};
  return {
    url,
    closed,
    async close() {
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      // A client trickling a request body must not hold the shutdown for long; tool calls under
      // way still finish and their answers leave before the connections are cut.
      const graceMs = options.shutdownGraceMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        endGrace = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([exchanges.idle(), grace.then(() => answering.idle())]);
      clearTimeout(timer);
      await modern.close();
      httpServer.closeAllConnections();
      await stopped;
    },
    hurry() {
      endGrace();
    },
  };
}

/** Whether a message (or any in a batch) carries a progress token: only an event stream can carry progress mid-call. */
function asksForProgress(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.some(
    (message) => (message as { params?: { _meta?: { progressToken?: unknown } } } | null)?.params?._meta?.progressToken !== undefined,
  );
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** A body past the limit: reading stopped there, and the rest must not be read. */
const TOO_LARGE = Symbol('too large');

async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false } | typeof TOO_LARGE> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * A refusal before the body was read (or read to its end): the connection closes once it is sent,
 * rather than reading, and discarding, whatever the client still sends.
 */
function refuse(res: ServerResponse, status: number, code: number, message: string): void {
  res.setHeader('connection', 'close');
  sendJsonRpcError(res, status, code, message);
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}
