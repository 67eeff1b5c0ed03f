// KibanaClient: one keep-alive undici Agent per client; each request is built, sent with a
// per-attempt time limit (never past the request's own deadline), decoded within the client's
// byte budget, and retried when that is safe and there is time left.

import { createRequire } from 'node:module';
import type * as Tls from 'node:tls';
import type { Agent, FormData } from 'undici';
import type { Logger } from '../logger.js';
import { authorizationFor, secretsOf, secretsOfHeader } from './auth.js';
import { encodeBody } from './body.js';
import { BudgetWaitAborted, ByteBudget } from './byte-budget.js';
import { Deadline } from './deadline.js';
import {
  type ErrorContext,
  KibanaError,
  abortedError,
  deadlinePassed,
  httpError,
  invalidRequest,
  networkError,
  timeoutError,
} from './errors.js';
import { requestHeaders } from './headers.js';
import { encodeQuery } from './query.js';
import { type Redact, redactor } from './redact.js';
import { DEFAULT_MAX_RESPONSE_BYTES, decodeResponse } from './response.js';
import {
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  type RetryPolicy,
  type Sleep,
  nextRetry,
  parseRetryAfter,
  sleep,
} from './retry.js';
import type { KibanaClientOptions, KibanaRequest, KibanaResponse } from './types.js';
import { loadFormData, loadSender, type Sender } from './undici-parts.js';
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
  signal: AbortSignal | undefined;
  /** Epoch milliseconds by which every attempt and back-off must have ended, if set. */
  deadline: number | undefined;
  /** When the first attempt started. */
  started: number;
}

/** Two answers at the read limit may be read at once by default. */
const DEFAULT_BUDGET_RESPONSES = 2;

// node:tls is loaded when a custom CA needs the public roots beside it, not by every start.
const require = createRequire(import.meta.url);
const publicRoots = (): readonly string[] => (require('node:tls') as typeof Tls).rootCertificates;

export class KibanaClient {
  readonly #agentOptions: Agent.Options;
  #sender: Promise<Sender> | undefined;
  #formData: Promise<typeof FormData> | undefined;
  readonly #base: BaseUrl;
  readonly #host: string;
  readonly #userAgent: string;
  readonly #authorization: string | undefined;
  readonly #redact: Redact;
  readonly #secrets: readonly string[];
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #budget: ByteBudget;
  readonly #retry: RetryPolicy;
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
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    // Never below the read limit: one answer at the limit must always be able to fit.
    const budget = options.maxBytesInFlight ?? DEFAULT_BUDGET_RESPONSES * this.#maxResponseBytes;
    this.#budget = new ByteBudget(Math.max(budget, this.#maxResponseBytes));
    this.#retry = {
      retries: Math.max(0, options.retries),
      attemptTimeoutMs: options.timeoutMs,
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
        ...(options.caCert ? { ca: [...publicRoots(), options.caCert] } : {}),
      },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    };
  }

  async request<T = unknown>(req: KibanaRequest): Promise<KibanaResponse<T>> {
    // undici loads on the first request (a server answers initialize and tools/list without it), its FormData on the first multipart one.
    this.#sender ??= loadSender(this.#agentOptions);
    if (req.bodyType === 'multipart') this.#formData ??= loadFormData();
    const [sender, FormData] = await Promise.all([this.#sender, this.#formData]);
    const prepared = this.#prepare(req, FormData);
    const { ctx, deadline } = prepared;
    if (deadline !== undefined && Date.now() >= deadline) throw Object.assign(deadlinePassed(ctx, Date.now() - deadline), { attempts: 0 });
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.#attempt(sender, prepared, attempt)) as KibanaResponse<T>;
      } catch (err) {
        if (!(err instanceof KibanaError)) throw err;
        err.attempts = attempt;
        const decision = nextRetry(this.#retry, req.method, err, attempt, deadline === undefined ? undefined : deadline - Date.now());
        const fields = { status: err.status, code: err.code };
        if (!decision.retry) {
          if (decision.why)
            this.#logger?.warn(ctx.redact(`${ctx.method} ${ctx.path}: ${err.category}, not retried: ${decision.why}`), fields);
          throw err;
        }
        const notice = `${ctx.method} ${ctx.path}: ${err.category}, retry ${attempt}/${this.#retry.retries} in ${decision.waitMs} ms`;
        this.#logger?.warn(ctx.redact(notice), fields);
        try {
          await this.#sleep(decision.waitMs, req.signal);
        } catch (sleepError) {
          if (req.signal?.aborted) throw Object.assign(abortedError(ctx), { attempts: attempt });
          throw sleepError;
        }
      }
    }
  }

  /**
   * Strips, from any text built of this client's answers, the configured credentials and a caller's
   * own `authorization` (passthrough), in every form redact.ts knows: for success bodies, which the
   * client hands on as they came.
   */
  redactorFor(authorization?: string): Redact {
    if (authorization === undefined || authorization === this.#authorization) return this.#redact;
    return redactor([...this.#secrets, ...secretsOfHeader(authorization)]);
  }

  async close(): Promise<void> {
    if (this.#sender) await (await this.#sender).agent.close();
  }

  #prepare(req: KibanaRequest, formData: typeof FormData | undefined): Prepared {
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
      return {
        ctx,
        path: this.#base.basePath + ctx.path + encodeQuery(req.query),
        body: encoded.body,
        headers,
        signal: req.signal,
        deadline: req.deadline,
        started: Date.now(),
      };
    } catch (err) {
      if (err instanceof TypeError) throw invalidRequest(ctx, err.message);
      throw err;
    }
  }

  async #attempt({ send }: Sender, prepared: Prepared, attempt: number): Promise<KibanaResponse> {
    const { ctx, signal, deadline } = prepared;
    if (signal?.aborted) throw abortedError(ctx);
    const remainingMs = deadline === undefined ? Number.POSITIVE_INFINITY : Math.max(0, deadline - Date.now());
    const limitMs = Math.min(this.#timeoutMs, remainingMs);
    const timer = new Deadline(limitMs, signal);
    try {
      const res = await send({
        origin: this.#base.origin,
        path: prepared.path,
        method: ctx.method,
        headers: prepared.headers,
        body: prepared.body,
        signal: timer,
      });
      const decoded = await decodeResponse(res, ctx, { maxBytes: this.#maxResponseBytes, budget: this.#budget, signal: timer });
      if (decoded.status >= 400) {
        throw httpError(ctx, decoded.status, decoded.data, parseRetryAfter(decoded.headers['retry-after']));
      }
      return decoded;
    } catch (err) {
      if (err instanceof KibanaError) throw err;
      if (signal?.aborted) throw abortedError(ctx);
      if (timer.expired) {
        throw timeoutError(ctx, {
          attemptLimitMs: limitMs,
          byDeadline: limitMs < this.#timeoutMs,
          attempt,
          elapsedMs: Date.now() - prepared.started,
          waitedMs: err instanceof BudgetWaitAborted ? err.waitedMs : 0,
        });
      }
      throw networkError(ctx, err, this.#host);
    } finally {
      timer.dispose();
    }
  }
}
