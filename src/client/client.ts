// KibanaClient: one keep-alive undici Agent per client; each request is built, sent with a
// per-attempt deadline, decoded, and retried when that is safe.

import { rootCertificates } from 'node:tls';
import type { Agent, FormData } from 'undici';
import type { Logger } from '../logger.js';
import { authorizationFor, secretsOf, secretsOfHeader } from './auth.js';
import { encodeBody } from './body.js';
import { Deadline } from './deadline.js';
import { type ErrorContext, KibanaError, abortedError, httpError, invalidRequest, networkError, timeoutError } from './errors.js';
import { requestHeaders } from './headers.js';
import { encodeQuery } from './query.js';
import { type Redact, redactor } from './redact.js';
import { decodeResponse } from './response.js';
import {
  type BackoffPolicy,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  type Sleep,
  backoffDelay,
  isRetryable,
  parseRetryAfter,
  sleep,
} from './retry.js';
import type { KibanaClientOptions, KibanaRequest, KibanaResponse } from './types.js';
import { type BaseUrl, parseBaseUrl, resolvePath } from './url.js';

export interface KibanaClientConfig extends KibanaClientOptions {
  /** Receives retry notices; never credentials. */
  logger?: Logger;
  /** Jitter source in [0, 1) (default `Math.random`); injectable for exact tests. */
  random?: () => number;
  /** Back-off wait (default: a timer); must reject promptly when `signal` aborts. */
  sleep?: Sleep;
}

interface Prepared {
  ctx: ErrorContext;
  path: string;
  headers: Record<string, string>;
  body: ReturnType<typeof encodeBody>['body'];
}

export class KibanaClient {
  readonly #agentOptions: Agent.Options;
  #undici: Promise<{ agent: Agent; FormData: typeof FormData }> | undefined;
  readonly #base: BaseUrl;
  readonly #host: string;
  readonly #userAgent: string;
  readonly #authorization: string | undefined;
  readonly #redact: Redact;
  readonly #secrets: readonly string[];
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number | undefined;
  readonly #retries: number;
  readonly #backoff: BackoffPolicy;
  readonly #sleep: Sleep;
  readonly #logger: Logger | undefined;

  constructor(options: KibanaClientConfig) {
    this.#base = parseBaseUrl(options.baseUrl);
    this.#host = new URL(this.#base.origin).host;
    this.#userAgent = options.userAgent;
    this.#authorization = authorizationFor(options.auth);
    this.#secrets = secretsOf(options.auth);
    this.#redact = redactor(this.#secrets);
    this.#timeoutMs = options.timeoutMs;
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#retries = Math.max(0, options.retries);
    this.#backoff = {
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
      maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS,
      random: options.random ?? Math.random,
    };
    this.#sleep = options.sleep ?? sleep;
    this.#logger = options.logger;
    this.#agentOptions = {
      connect: {
        timeout: options.connectTimeoutMs,
        rejectUnauthorized: options.tlsInsecure !== true,
        // `ca` replaces Node's trust store: keep the public roots and add the given CA.
        ...(options.caCert ? { ca: [...rootCertificates, options.caCert] } : {}),
      },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    };
  }

  /** undici loads on the first request: a server answers initialize and tools/list without it. */
  #loadUndici(): Promise<{ agent: Agent; FormData: typeof FormData }> {
    this.#undici ??= import('undici').then((undici) => ({ agent: new undici.Agent(this.#agentOptions), FormData: undici.FormData }));
    return this.#undici;
  }

  async request<T = unknown>(req: KibanaRequest): Promise<KibanaResponse<T>> {
    const { agent, FormData } = await this.#loadUndici();
    const prepared = this.#prepare(req, FormData);
    const { ctx } = prepared;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.#attempt(agent, prepared, req.signal)) as KibanaResponse<T>;
      } catch (err) {
        if (!(err instanceof KibanaError)) throw err;
        err.attempts = attempt;
        if (attempt > this.#retries || !isRetryable(req.method, err)) throw err;
        const waitMs = backoffDelay(this.#backoff, attempt, err.retryAfterMs);
        this.#logger?.warn(`${ctx.method} ${ctx.path}: ${err.category}, retry ${attempt}/${this.#retries} in ${waitMs} ms`, {
          status: err.status,
          code: err.code,
        });
        try {
          await this.#sleep(waitMs, req.signal);
        } catch (sleepError) {
          if (req.signal?.aborted) throw Object.assign(abortedError(ctx), { attempts: attempt });
          throw sleepError;
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.#undici) await (await this.#undici).agent.close();
  }

  #prepare(req: KibanaRequest, formData: typeof FormData): Prepared {
    const ctx: ErrorContext = { method: req.method, path: req.path, redact: this.#redact };
    try {
      ctx.path = resolvePath(req.path, req.params, req.space);
      const encoded = encodeBody(req.body, req.bodyType, formData);
      const headers = requestHeaders({
        method: req.method,
        path: req.path,
        userAgent: this.#userAgent,
        accept: req.accept,
        authorization: req.authorization ?? this.#authorization,
        body: encoded.body === undefined ? undefined : encoded,
        extra: req.headers,
      });
      // Passthrough credentials (ours overridden, or a caller's own header) must be redacted too.
      const sent = headers.authorization;
      if (sent !== undefined && sent !== this.#authorization) ctx.redact = redactor([...this.#secrets, ...secretsOfHeader(sent)]);
      return { ctx, path: this.#base.basePath + ctx.path + encodeQuery(req.query), body: encoded.body, headers };
    } catch (err) {
      if (err instanceof TypeError) throw invalidRequest(ctx, err.message);
      throw err;
    }
  }

  async #attempt(agent: Agent, prepared: Prepared, signal: AbortSignal | undefined): Promise<KibanaResponse> {
    const { ctx } = prepared;
    if (signal?.aborted) throw abortedError(ctx);
    const deadline = new Deadline(this.#timeoutMs, signal);
    try {
      const res = await agent.request({
        origin: this.#base.origin,
        path: prepared.path,
        method: ctx.method,
        headers: prepared.headers,
        body: prepared.body,
        signal: deadline,
      });
      const decoded = await decodeResponse(res, ctx, this.#maxResponseBytes);
      if (decoded.status >= 400) {
        throw httpError(ctx, decoded.status, decoded.data, parseRetryAfter(decoded.headers['retry-after']));
      }
      return decoded;
    } catch (err) {
      if (err instanceof KibanaError) throw err;
      if (signal?.aborted) throw abortedError(ctx);
      if (deadline.expired) throw timeoutError(ctx, this.#timeoutMs);
      throw networkError(ctx, err, this.#host);
    } finally {
      deadline.dispose();
    }
  }
}
