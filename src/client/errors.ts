// KibanaError and the mapping of HTTP statuses and socket failures onto its categories.

import type * as Http from 'node:http';
import { createRequire } from 'node:module';
import type { Redact } from './redact.js';
import type { HttpMethod, KibanaErrorCategory } from './types.js';

/** What every error names: the request, never its query string or credentials. */
export interface ErrorContext {
  method: HttpMethod;
  path: string;
  redact: Redact;
}

export interface KibanaErrorInit {
  category: KibanaErrorCategory;
  method: HttpMethod;
  path: string;
  /** The part after `METHOD path: `. */
  detail: string;
  status?: number;
  kibanaError?: string;
  kibanaMessage?: string;
  retryAfterMs?: number;
  code?: string;
  /** The request's deadline ended it (or passed before it could start), not its own time limit. */
  pastDeadline?: boolean;
  cause?: Error;
}

export class KibanaError extends Error {
  override readonly name = 'KibanaError';
  readonly category: KibanaErrorCategory;
  readonly method: HttpMethod;
  readonly path: string;
  readonly status?: number;
  readonly kibanaError?: string;
  readonly kibanaMessage?: string;
  readonly retryAfterMs?: number;
  /** System or undici error code of a network failure (`ENOTFOUND`, `ECONNREFUSED` and the like). */
  readonly code?: string;
  /** True when the request's deadline ended it (or passed before it could start): the caller ran out of time, not Kibana's attempt. */
  readonly pastDeadline?: boolean;
  /** Attempts made, retries included. */
  attempts = 1;

  constructor(init: KibanaErrorInit) {
    super(`${init.method} ${init.path}: ${oneLine(init.detail)}`, init.cause ? { cause: init.cause } : undefined);
    this.category = init.category;
    this.method = init.method;
    this.path = init.path;
    if (init.status !== undefined) this.status = init.status;
    if (init.kibanaError !== undefined) this.kibanaError = init.kibanaError;
    if (init.kibanaMessage !== undefined) this.kibanaMessage = init.kibanaMessage;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.code !== undefined) this.code = init.code;
    if (init.pastDeadline) this.pastDeadline = true;
  }
}

/**
 * Every error the client builds goes through here: the request's redactor runs over each text in
 * it (path, detail, Kibana's words, the cause), whatever a server echoed into them.
 */
function clientError(ctx: ErrorContext, init: Omit<KibanaErrorInit, 'method' | 'path'>): KibanaError {
  const { redact } = ctx;
  // A fresh, flat cause: the original may reference sockets or request options.
  const cause = init.cause && Object.assign(new Error(redact(init.cause.message)), init.code === undefined ? {} : { code: init.code });
  return new KibanaError({
    ...init,
    method: ctx.method,
    path: redact(ctx.path),
    detail: redact(init.detail),
    ...(init.kibanaError === undefined ? {} : { kibanaError: redact(init.kibanaError) }),
    ...(init.kibanaMessage === undefined ? {} : { kibanaMessage: redact(init.kibanaMessage) }),
    ...(cause ? { cause } : {}),
  });
}

// node:http is loaded for its status texts when an error first needs one, not at start:
// a server over stdio has no other use for the HTTP module until undici loads it.
const require = createRequire(import.meta.url);
const statusText = (status: number): string | undefined => (require('node:http') as typeof Http).STATUS_CODES[status];

const MAX_TEXT_MESSAGE = 500;

export function categoryOfStatus(status: number): KibanaErrorCategory {
  switch (status) {
    case 401:
      return 'auth';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return status >= 500 ? 'server' : 'bad_request';
  }
}

/** An error response. `data` is the decoded body: Kibana's `{error, message}`, Security's `{message, status_code}`, text, or nothing. */
export function httpError(ctx: ErrorContext, status: number, data: unknown, retryAfterMs: number | undefined): KibanaError {
  let kibanaError: string | undefined;
  let kibanaMessage: string | undefined;
  if (typeof data === 'string') {
    const text = oneLine(data);
    if (text !== '') kibanaMessage = text.length > MAX_TEXT_MESSAGE ? `${text.slice(0, MAX_TEXT_MESSAGE)}…` : text;
  } else if (typeof data === 'object' && data !== null) {
    const body = data as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') kibanaError = body.error;
    if (typeof body.message === 'string') kibanaMessage = body.message;
  }
  const reason = kibanaError ?? statusText(status) ?? 'Error';
  return clientError(ctx, {
    category: categoryOfStatus(status),
    detail: kibanaMessage === undefined ? `${status} ${reason}` : `${status} ${reason}: ${kibanaMessage}`,
    status,
    kibanaError,
    kibanaMessage,
    retryAfterMs,
  });
}

export function unsupportedResponse(ctx: ErrorContext, status: number, contentType: string): KibanaError {
  const type = contentType === '' ? 'no content type' : `content type '${contentType}'`;
  return clientError(ctx, {
    category: 'unsupported_response',
    status,
    detail: `response has ${type}: this tool cannot return binary or streaming content`,
  });
}

/** A login page or a redirect where an API answer was due: a proxy in front of Kibana, or a wrong base URL. */
export function notAnApiAnswer(ctx: ErrorContext, status: number, what: string): KibanaError {
  return clientError(ctx, {
    category: 'not_api',
    status,
    detail: `${status} ${statusText(status) ?? ''}: got ${what} instead of an API response (a login proxy in front of Kibana, or a wrong base URL?)`,
  });
}

export function tooLarge(ctx: ErrorContext, status: number, maxBytes: number, declaredBytes?: number): KibanaError {
  const size = declaredBytes === undefined ? 'larger than' : `${bytes(declaredBytes)}, more than`;
  return clientError(ctx, { category: 'too_large', status, detail: `the response is ${size} ${bytes(maxBytes)}, so it was not read` });
}

function bytes(count: number): string {
  return count >= 1_048_576 ? `${Math.round(count / 1_048_576)} MiB` : `${Math.round(count / 1024)} KiB`;
}

/** Refused here, before anything was sent. */
export function invalidRequest(ctx: ErrorContext, detail: string): KibanaError {
  return clientError(ctx, { category: 'invalid_request', detail });
}

export function abortedError(ctx: ErrorContext): KibanaError {
  return clientError(ctx, { category: 'aborted', detail: 'request aborted by the caller' });
}

/** How a request ran out of time: which limit ended it, after how long and how many attempts. */
export interface TimeoutFacts {
  /** The time limit of the attempt that timed out. */
  attemptLimitMs: number;
  /** True when that limit was what was left of the request's deadline, not the per-attempt timeout. */
  byDeadline: boolean;
  attempt: number;
  /** Since the first attempt started. */
  elapsedMs: number;
  /** Spent waiting for the byte budget while other large answers were read. */
  waitedMs: number;
}

export function timeoutError(ctx: ErrorContext, facts: TimeoutFacts): KibanaError {
  const attempts = `${facts.attempt} attempt${facts.attempt === 1 ? '' : 's'}`;
  let detail = facts.byDeadline
    ? `no complete response before the request's deadline: gave up after ${facts.elapsedMs} ms and ${attempts}`
    : `no complete response within ${facts.attemptLimitMs} ms${facts.attempt === 1 ? '' : ` (${attempts}, ${facts.elapsedMs} ms in all)`}`;
  if (facts.waitedMs > 0) detail += `; the last attempt waited ${facts.waitedMs} ms for other large answers to be read first`;
  return clientError(ctx, { category: 'timeout', code: 'ETIMEDOUT', detail, ...(facts.byDeadline ? { pastDeadline: true } : {}) });
}

/** The request's deadline had passed before its first attempt: nothing was sent. */
export function deadlinePassed(ctx: ErrorContext, overdueMs: number): KibanaError {
  return clientError(ctx, {
    category: 'timeout',
    code: 'ETIMEDOUT',
    pastDeadline: true,
    detail: `not sent: the request's deadline passed ${overdueMs} ms before it could start`,
  });
}

const TLS_HINT = 'trust that certificate authority (a custom CA), or, for testing only, turn certificate verification off';

const UNKNOWN_CA = {
  category: 'tls',
  say: (host: string) => `TLS: ${host}'s certificate is signed by an unknown CA; ${TLS_HINT}`,
} as const;

/** What each failure code means to the person configuring the server. */
const NETWORK_CODES: Record<string, { category: KibanaErrorCategory; say: (host: string, original: string) => string }> = {
  // undici refusing what it was given (say a header value with a line break): never worth a retry.
  UND_ERR_INVALID_ARG: { category: 'invalid_request', say: (_host, original) => `invalid request: ${original}` },
  ENOTFOUND: { category: 'network', say: (host) => `cannot resolve host ${host}` },
  EAI_AGAIN: { category: 'network', say: (host) => `cannot resolve host ${host} (DNS temporarily unavailable)` },
  ECONNREFUSED: { category: 'network', say: (host) => `connection refused by ${host}` },
  ECONNRESET: { category: 'network', say: (host) => `connection reset by ${host}` },
  EPIPE: { category: 'network', say: (host) => `connection to ${host} closed while sending` },
  EHOSTUNREACH: { category: 'network', say: (host) => `host ${host} is unreachable` },
  ENETUNREACH: { category: 'network', say: (host) => `network unreachable for ${host}` },
  UND_ERR_SOCKET: { category: 'network', say: (host) => `connection to ${host} closed unexpectedly` },
  ETIMEDOUT: { category: 'timeout', say: (host) => `connection to ${host} timed out` },
  UND_ERR_CONNECT_TIMEOUT: { category: 'timeout', say: (host) => `cannot connect to ${host} within the connect timeout` },
  UND_ERR_HEADERS_TIMEOUT: { category: 'timeout', say: (host) => `${host} sent no response headers in time` },
  UND_ERR_BODY_TIMEOUT: { category: 'timeout', say: (host) => `${host} stopped sending the response body` },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    category: 'tls',
    say: (host) => `TLS: ${host} presented a self-signed certificate that is not trusted; ${TLS_HINT}`,
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    category: 'tls',
    say: (host) => `TLS: ${host}'s certificate chain ends in an untrusted self-signed CA; ${TLS_HINT}`,
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNKNOWN_CA,
  UNABLE_TO_GET_ISSUER_CERT: UNKNOWN_CA,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNKNOWN_CA,
  CERT_HAS_EXPIRED: { category: 'tls', say: (host) => `TLS: ${host}'s certificate has expired` },
  CERT_NOT_YET_VALID: { category: 'tls', say: (host) => `TLS: ${host}'s certificate is not yet valid` },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    category: 'tls',
    say: (host) => `TLS: ${host}'s certificate does not match the host name (use the name the certificate was issued for)`,
  },
};

/** A failure below HTTP: DNS, TCP, TLS, or undici's own timeouts. */
export function networkError(ctx: ErrorContext, err: unknown, host: string): KibanaError {
  const code = codeOf(err);
  const known = code === undefined ? undefined : NETWORK_CODES[code];
  const original = err instanceof Error ? err.message : 'unknown error';
  let category = known?.category ?? 'network';
  let detail = known?.say(host, original) ?? `request to ${host} failed: ${original}`;
  if (known === undefined && code?.startsWith('ERR_SSL_')) {
    category = 'tls';
    detail = `TLS handshake with ${host} failed: ${original}`;
  }
  const cause = err instanceof Error ? err : new Error(original);
  return clientError(ctx, { category, detail: code ? `${detail} (${code})` : detail, code, cause });
}

/** Node reports happy-eyeballs failures as an AggregateError and some wrappers nest the real error in `cause`. */
function codeOf(err: unknown): string | undefined {
  for (let current = err, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current instanceof AggregateError && current.errors.length > 0 ? current.errors[0] : current.cause;
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
