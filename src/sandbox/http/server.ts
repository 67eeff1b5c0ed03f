// The request pipeline, in Kibana's order: route lookup (404, or 501 for what the sandbox does not
// simulate), authentication (401), kbn-xsrf on non-GET (400), query and body validation (400),
// then the handler.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitSpacePrefix } from '../../kibana/spaces.js';
import type { SandboxState } from '../state/index.js';
import type { RequestValidator } from '../validation/request-validator.js';
import { authenticate, type SandboxCredentials } from './auth.js';
import { readBody } from './body.js';
import { badRequest, HttpError, notFound } from './errors.js';
import { Reply } from './reply.js';
import type { Router } from './router.js';

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
    if (!(error instanceof HttpError)) entry.error = error instanceof Error ? error.message : String(error);
    const httpError = error instanceof HttpError ? error : new HttpError(500, 'An internal server error occurred.');
    reply = new Reply(httpError.statusCode, httpError.toBody());
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
  if (!options.isAvailable()) throw new HttpError(503, 'Kibana server is not ready yet');
  const match = options.router.match(method, path);
  if (!match)
    throw options.router.servedByOtherVersions(method, path) ? notFound() : notSimulated(method, url.pathname, options.state.version);
  const username = authenticate(request.headers.authorization, options.credentials);
  if (method !== 'GET' && request.headers['kbn-xsrf'] === undefined) {
    throw badRequest('Request must contain a kbn-xsrf header.');
  }
  const { route, params } = match;
  const validator = options.validator.forRoute(route);
  const query = validator.query(url.searchParams);
  const body = validator.body(await readBody(request));
  const result = await route.handler({ space, params, query, body, state: options.state, username });
  return result instanceof Reply ? result : new Reply(200, result);
}

const MAX_ECHOED_PATH = 200;

/**
 * A route no simulated version has: Kibana may have it (the sandbox leaves much out) or not, so the
 * answer says which of the two the caller cannot tell, instead of a 404 that reads as "no such id".
 */
function notSimulated(method: string, pathname: string, version: string): HttpError {
  const path = pathname.length > MAX_ECHOED_PATH ? `${pathname.slice(0, MAX_ECHOED_PATH)}…` : pathname;
  return new HttpError(
    501,
    `The Kibana sandbox (simulating Kibana ${version}) does not simulate ${method} ${path}. This says nothing about whether an object exists: the route is either not part of Kibana or not part of the simulation.`,
  );
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
    response.writeHead(reply.status, { ...reply.headers, ...connection }).end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response
    .writeHead(reply.status, {
      ...reply.headers,
      'content-type': reply.contentType ?? 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...connection,
    })
    .end(text);
}
