// The request pipeline, in Kibana's order: route lookup (404), authentication (401),
// kbn-xsrf on non-GET (400), query and body validation (400), then the handler.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type SandboxCredentials } from './auth.js';
import { readBody } from './body.js';
import { badRequest, KibanaError, notFound } from './errors.js';
import { splitSpacePrefix } from '../kibana/spaces.js';
import { Reply, type Router } from './router.js';
import type { SandboxState } from './state.js';
import type { RequestValidator } from './validation.js';

export interface RequestLogEntry {
  method: string;
  /** The path as requested, `/s/{space}` prefix included, without the query string. */
  path: string;
  space: string;
  status: number;
  /** The message of an unexpected (500) error, for debugging tests. */
  error?: string;
}

export interface PipelineOptions {
  router: Router;
  validator: RequestValidator;
  credentials: SandboxCredentials;
  state: SandboxState;
  /** Receives every request handled; absent in long-running use, where it would only grow. */
  log?: RequestLogEntry[];
  isAvailable: () => boolean;
}

export function createRequestListener(options: PipelineOptions) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, options)
      .then(({ reply, entry }) => {
        options.log?.push(entry);
        send(response, reply, request.readableEnded || !announcesBody(request));
      })
      .catch(() => response.destroy());
  };
}

async function handle(request: IncomingMessage, options: PipelineOptions): Promise<{ reply: Reply; entry: RequestLogEntry }> {
  const method = request.method ?? 'GET';
  const entry: RequestLogEntry = { method, path: request.url ?? '', space: 'default', status: 0 };
  let reply: Reply;
  try {
    const url = parseUrl(request.url);
    const { space, path } = splitSpacePrefix(url.pathname);
    Object.assign(entry, { path: url.pathname, space });
    reply = await dispatch(request, method, url, space, path, options);
  } catch (error) {
    if (!(error instanceof KibanaError)) entry.error = error instanceof Error ? error.message : String(error);
    const kibanaError = error instanceof KibanaError ? error : new KibanaError(500, 'An internal server error occurred.');
    reply = new Reply(kibanaError.statusCode, kibanaError.toBody());
  }
  entry.status = reply.status;
  return { reply, entry };
}

async function dispatch(
  request: IncomingMessage,
  method: string,
  url: URL,
  space: string,
  path: string,
  options: PipelineOptions,
): Promise<Reply> {
  if (!options.isAvailable()) throw new KibanaError(503, 'Kibana server is not ready yet');
  const match = options.router.match(method, path);
  if (!match) throw notFound();
  const username = authenticate(request.headers.authorization, options.credentials);
  if (method !== 'GET' && request.headers['kbn-xsrf'] === undefined) {
    throw badRequest('Request must contain a kbn-xsrf header.');
  }
  const { route, params } = match;
  const validator = options.validator.forOperation(method, route.specPath ?? route.path);
  const query = validator ? validator.query(url.searchParams) : Object.fromEntries(url.searchParams);
  const body = await readBody(request);
  validator?.body(body);
  const result = await route.handler({ space, params, query, body, state: options.state, username });
  return result instanceof Reply ? result : new Reply(200, result);
}

function announcesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function parseUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? '/', 'http://sandbox');
  } catch {
    throw badRequest(`Invalid request URL: ${JSON.stringify(raw)}`);
  }
}

/** `bodyRead` false: the answer came before the request body was read, so the connection cannot be reused. */
function send(response: ServerResponse, reply: Reply, bodyRead: boolean): void {
  const connection = bodyRead ? {} : { connection: 'close' };
  if (reply.body === undefined) {
    response.writeHead(reply.status, connection).end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response
    .writeHead(reply.status, {
      'content-type': reply.contentType ?? 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...connection,
    })
    .end(text);
}
