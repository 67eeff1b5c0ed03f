// A stand-in Kibana on loopback (HTTP, or HTTPS with a given key pair) that records every request
// and answers through a replaceable handler: with a Reply, or by writing the response itself.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query string as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text, and as the bytes that arrived. */
  body: string;
  bytes: Buffer;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string; no body when absent. */
  body?: unknown;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/** Answers with a Reply, or returns nothing after writing `res` itself (partial bodies, resets, streams). */
export type Handler = (request: RecordedRequest, res: ServerResponse, req: IncomingMessage) => Reply | void | Promise<Reply | void>;

export interface RecordingKibana {
  url: string;
  port: number;
  requests: RecordedRequest[];
  handle(handler: Handler): void;
  stop(): Promise<void>;
}

export interface RecordingKibanaOptions {
  port?: number;
  /** Serve HTTPS with this key pair. */
  tls?: { key: string; cert: string };
}

export const okHandler: Handler = () => ({ body: { ok: true } });

/** A handler that always answers with this status and JSON body. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  () => ({ status, body, headers });

/** Kibana's error body for a status. */
export function kibanaError(status: number, error: string, message: string): Reply {
  return { status, body: { statusCode: status, error, message } };
}

export async function startRecordingKibana(handler: Handler = okHandler, options: RecordingKibanaOptions = {}): Promise<RecordingKibana> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const bytes = Buffer.concat(chunks);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: bytes.toString('utf8'),
      bytes,
    };
    requests.push(recorded);
    const reply = await current(recorded, res, req);
    if (!reply) return;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    const status = reply.status ?? 200;
    if (reply.body === undefined || status === 204) {
      res.writeHead(status, reply.headers).end();
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers }).end(text);
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    handle(next) {
      current = next;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
