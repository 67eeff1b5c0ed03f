// Public contract of the Kibana client. Knows nothing of MCP or OpenAPI.

import type { HttpMethod } from '../kibana/http.js';

export type { HttpMethod };

export type KibanaAuth =
  | { kind: 'apiKey'; apiKey: string } // the encoded value sent after `ApiKey `
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'none' }; // passthrough mode: each request carries its caller's `authorization`

export interface KibanaClientOptions {
  /** Kibana base URL, may carry a sub-path (`https://host/kibana`). */
  baseUrl: string;
  auth: KibanaAuth;
  /** PEM text of extra certificate authorities to trust. */
  caCert?: string;
  /** Skip TLS verification (explicit opt-in only). */
  tlsInsecure?: boolean;
  /** Milliseconds to establish a connection. */
  connectTimeoutMs: number;
  /** Milliseconds for one attempt, response body included (a request's `deadline` may cut it shorter). */
  timeoutMs: number;
  /** Extra attempts for idempotent requests that failed with 429/502/503/504 or a network error. */
  retries: number;
  /** Base delay of the exponential back-off, in milliseconds. */
  retryBaseDelayMs?: number;
  /** Upper bound of a single back-off delay (and of an honoured `Retry-After`), in milliseconds. */
  retryMaxDelayMs?: number;
  userAgent: string;
  /** Largest response body read, in bytes (default 32 MiB); a larger one is refused, not buffered. */
  maxResponseBytes?: number;
  /**
   * Bytes of large response bodies (over 1 MiB) read and decoded at once by all requests together
   * (default: twice `maxResponseBytes`, never less than it); a large answer waits for its turn
   * within its request's time limits.
   */
  maxBytesInFlight?: number;
}

export type QueryValue = string | number | boolean | null | undefined | unknown[] | Record<string, unknown>;

export interface MultipartPart {
  name: string;
  value: string;
  /** When set, the part is sent as a file with this name. */
  filename?: string;
  contentType?: string;
}

export interface KibanaRequest {
  method: HttpMethod;
  /** Path relative to the base URL; `{name}` placeholders are filled from `params`, percent-encoded. */
  path: string;
  params?: Record<string, string | number>;
  /** Space id; adds `/s/{space}` on space-aware paths when not `default`. */
  space?: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: unknown;
  /** `json` (default when a body is given), `ndjson` (body is an array), `multipart` (body is MultipartPart[]). */
  bodyType?: 'json' | 'ndjson' | 'multipart';
  /** The `Accept` header; `application/json` when absent. */
  accept?: string;
  /** Overrides the configured credentials with a caller's own `Authorization` value (passthrough). */
  authorization?: string;
  signal?: AbortSignal;
  /**
   * When the whole request must have ended, in epoch milliseconds: every attempt is cut at it, and no
   * retry starts that would not fit before it. Without one, each attempt has `timeoutMs`.
   */
  deadline?: number;
}

export interface KibanaResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, an array for ndjson, `undefined` for an empty body, a string for text. */
  data: T;
  contentType: string;
}

export type KibanaErrorCategory =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'bad_request'
  | 'rate_limited'
  | 'unavailable'
  | 'server'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'unsupported_response'
  /** A redirect or an HTML page where an API answer was due. */
  | 'not_api'
  /** A response body larger than the client reads. */
  | 'too_large'
  /** Refused by the client before anything was sent (an unsafe path value, a bad space id). */
  | 'invalid_request'
  | 'aborted';
