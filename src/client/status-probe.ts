// Kibana's version from GET /api/status, read with node:http(s): one request, never retried, bounded
// as a whole by one time limit. A server start reads the version this way before it lists its tools:
// undici (the client's transport) takes longer to load than a local round trip, and loads with the first call.
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { authorizationFor } from './auth.js';
import { requestHeaders } from './headers.js';
import type { KibanaClientOptions } from './types.js';
import { parseBaseUrl } from './url.js';

/** The version Kibana reports, or in a few words why there is none. */
export type StatusAnswer = { version: string } | { failure: string };

export interface StatusProbeOptions extends Pick<KibanaClientOptions, 'baseUrl' | 'auth' | 'caCert' | 'tlsInsecure' | 'userAgent'> {
  /** The whole exchange, connection to last byte, in milliseconds. */
  timeoutMs: number;
}

const STATUS_PATH = '/api/status';
// Kibana's status body lists every plugin's status: tens of kilobytes, far below this.
const MAX_STATUS_BYTES = 4 * 1024 * 1024;
const VERSION_NUMBER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** `version.number` of a GET /api/status body, when it is a version number. */
export function statusVersion(body: unknown): string | undefined {
  const number = (body as { version?: { number?: unknown } } | null | undefined)?.version?.number;
  return typeof number === 'string' && VERSION_NUMBER.test(number) ? number : undefined;
}

/** Reads the version with the configured credentials, or with `authorization` (a passthrough caller's). */
export async function probeKibanaStatus(options: StatusProbeOptions, authorization?: string): Promise<StatusAnswer> {
  const { origin, basePath } = parseBaseUrl(options.baseUrl);
  const url = new URL(origin);
  const secure = url.protocol === 'https:';
  const request: RequestOptions = {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || (secure ? 443 : 80),
    path: `${basePath}${STATUS_PATH}`,
    method: 'GET',
    agent: false,
    headers: requestHeaders({
      method: 'GET',
      path: STATUS_PATH,
      userAgent: options.userAgent,
      accept: undefined,
      authorization: authorization ?? authorizationFor(options.auth),
      body: undefined,
      extra: undefined,
    }),
  };
  if (!secure) return exchange((await import('node:http')).request, request, options.timeoutMs);
  const tls = {
    rejectUnauthorized: options.tlsInsecure !== true,
    ...(options.caCert ? { ca: await withPublicRoots(options.caCert) } : {}),
  };
  return exchange((await import('node:https')).request, { ...request, ...tls }, options.timeoutMs);
}

// `ca` replaces Node's trust store: keep the public roots beside the given CA, as the client does.
async function withPublicRoots(caCert: string): Promise<string[]> {
  return [...(await import('node:tls')).rootCertificates, caCert];
}

type Send = (options: RequestOptions, onResponse: (response: IncomingMessage) => void) => ClientRequest;

function exchange(send: Send, options: RequestOptions, timeoutMs: number): Promise<StatusAnswer> {
  return new Promise((resolve) => {
    let request: ClientRequest | undefined;
    const timer = setTimeout(() => settle({ failure: `no answer within ${timeoutMs} ms` }), timeoutMs);
    const settle = (answer: StatusAnswer) => {
      clearTimeout(timer);
      request?.destroy();
      resolve(answer);
    };
    request = send(options, (response) => {
      readAnswer(response).then(settle, (error: Error) => settle({ failure: error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => settle({ failure: describeError(error) }));
    request.end();
  });
}

async function readAnswer(response: IncomingMessage): Promise<StatusAnswer> {
  const status = response.statusCode ?? 0;
  if (status !== 200) return { failure: `HTTP ${status} from GET ${STATUS_PATH}` };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_STATUS_BYTES) return { failure: `an answer over ${MAX_STATUS_BYTES} bytes` };
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { failure: `GET ${STATUS_PATH} answered something other than JSON` };
  }
  const version = statusVersion(body);
  return version === undefined ? { failure: `GET ${STATUS_PATH} answered without a version number` } : { version };
}

function describeError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not resolved';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return error.code ?? error.message;
  }
}
