// When to retry and how long to wait: exponential back-off with full jitter, bounded by Retry-After
// and by what is left of the request's deadline.

import { setTimeout as delay } from 'node:timers/promises';
import type { KibanaError } from './errors.js';
import type { HttpMethod } from './types.js';

export const DEFAULT_RETRY_BASE_DELAY_MS = 200;
export const DEFAULT_RETRY_MAX_DELAY_MS = 5000;

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/**
 * A PUT or DELETE may have done its work when a gateway timed out (502/504) or the connection
 * broke mid-response: retrying would report a failure for a change that happened (a second
 * DELETE answers 404) or run a long operation twice. Retry writes only when Kibana surely did nothing.
 */
const WRITE_RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 503]);
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Rejects with an AbortError as soon as `signal` aborts. */
export const sleep: Sleep = (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined);

export function isRetryable(method: HttpMethod, error: KibanaError): boolean {
  if (!IDEMPOTENT.has(method)) return false;
  if (method !== 'GET') {
    if (error.status !== undefined) return WRITE_RETRYABLE_STATUS.has(error.status);
    return error.code !== undefined && NOT_SENT_CODES.has(error.code);
  }
  if (error.status !== undefined) return RETRYABLE_STATUS.has(error.status);
  return error.category === 'network' || error.category === 'timeout';
}

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

export interface RetryPolicy extends BackoffPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** The time limit of one attempt: a retry needs some of it left after its back-off. */
  attemptTimeoutMs: number;
}

/** A retry is worth starting only with this much time for its attempt (or the attempt's own limit, if smaller). */
export const MIN_RETRY_ATTEMPT_MS = 1000;

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; why?: string };

/**
 * After failed attempt number `attempt` (1-based): retry, after how long, or not. `remainingMs` is
 * what is left of the request's deadline, if it has one: no retry starts that its back-off and a
 * useful attempt would not fit in.
 */
export function nextRetry(
  policy: RetryPolicy,
  method: HttpMethod,
  error: KibanaError,
  attempt: number,
  remainingMs: number | undefined,
): RetryDecision {
  if (attempt > policy.retries || !isRetryable(method, error)) return { retry: false };
  const waitMs = backoffDelay(policy, attempt, error.retryAfterMs);
  if (remainingMs === undefined) return { retry: true, waitMs };
  const needed = waitMs + Math.min(MIN_RETRY_ATTEMPT_MS, policy.attemptTimeoutMs);
  if (remainingMs >= needed) return { retry: true, waitMs };
  return {
    retry: false,
    why: `${Math.max(0, Math.round(remainingMs))} ms left before the deadline, less than a ${waitMs} ms back-off and an attempt`,
  };
}

/** Delay before retry number `retry` (1-based): the server's Retry-After if it gave one, else full jitter. Both capped. */
export function backoffDelay(policy: BackoffPolicy, retry: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
