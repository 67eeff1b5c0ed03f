// Response decoding: JSON, ndjson and text are read; binary and streaming bodies are refused unread.
// Large bodies are read and decoded inside a reservation of the client's byte budget.

import type { Dispatcher } from 'undici';
import type { AbortSource, ByteBudget } from './byte-budget.js';
import { type ErrorContext, notAnApiAnswer, tooLarge, unsupportedResponse } from './errors.js';

export interface DecodedResponse {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  data: unknown;
}

type BodyKind = 'json' | 'ndjson' | 'text' | 'unsupported';

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Bodies up to this size are read without a reservation: many small answers at once cost little. */
export const UNBUDGETED_BYTES = 1024 * 1024;

export interface BodyLimits {
  /** The largest body read at all. */
  maxBytes: number;
  /** Shared by every request of the client. */
  budget: ByteBudget;
  /** Aborts the read, and a wait for the budget. */
  signal: AbortSource;
}

/** Reads and decodes the body. Error statuses never throw here: their body, if readable, becomes the error's message. */
export async function decodeResponse(res: Dispatcher.ResponseData, ctx: ErrorContext, limits: BodyLimits): Promise<DecodedResponse> {
  const headers = flattenHeaders(res.headers);
  const contentType = headers['content-type'] ?? '';
  const status = res.statusCode;
  const result: DecodedResponse = { status, headers, contentType, data: undefined };
  // Before the empty-body shortcut: login proxies often redirect with no body at all.
  if (status >= 300 && status < 400 && status !== 304) {
    await res.body.dump();
    throw notAnApiAnswer(ctx, status, `a redirect to ${headers.location ?? '(no location)'}`);
  }
  if (status === 204 || status === 304 || headers['content-length'] === '0') {
    await res.body.dump();
    return result;
  }
  const kind = bodyKind(contentType);
  if (status < 300 && /^\s*text\/html/i.test(contentType)) {
    await res.body.dump();
    throw notAnApiAnswer(ctx, status, 'an HTML page');
  }
  if (kind === 'unsupported') {
    // Destroying an unfinished body emits an abort error nobody needs to hear about.
    res.body.on('error', ignore).destroy();
    if (status >= 400) return result;
    throw unsupportedResponse(ctx, status, contentType);
  }
  const declared = declaredLength(headers['content-length']);
  const read = await readText(res.body, declared, limits, (size) => tooLarge(ctx, status, limits.maxBytes, size));
  try {
    result.data = parse(
      kind,
      read.text,
      status < 400 ? (reason) => notAnApiAnswer(ctx, status, `a body that is not valid JSON (${reason})`) : undefined,
    );
  } finally {
    read.release();
  }
  return result;
}

interface ReadText {
  text: string;
  /** Gives back the budget the read reserved, once the text is decoded. */
  release: () => void;
}

const NOTHING_RESERVED = () => {};

/**
 * Reads the body as text, giving up (and dropping the connection) past `maxBytes`, or at once when
 * the declared length is past it. A body larger than UNBUDGETED_BYTES reserves its declared length
 * before it is read, or, with no length declared, the read limit once it grows past that size.
 */
async function readText(
  body: Dispatcher.ResponseData['body'],
  declared: number | undefined,
  limits: BodyLimits,
  refuse: (size?: number) => Error,
): Promise<ReadText> {
  if (declared !== undefined && declared > limits.maxBytes) {
    body.on('error', ignore).destroy();
    throw refuse(declared);
  }
  let release = NOTHING_RESERVED;
  try {
    if (declared !== undefined && declared > UNBUDGETED_BYTES) release = await limits.budget.reserve(declared, limits.signal);
    const collected = new Collected(declared);
    for await (const chunk of body) {
      if (collected.size + (chunk as Buffer).length > limits.maxBytes) {
        body.on('error', ignore).destroy();
        throw refuse();
      }
      collected.add(chunk as Buffer);
      if (collected.size > UNBUDGETED_BYTES && release === NOTHING_RESERVED) {
        release = await limits.budget.reserve(limits.maxBytes, limits.signal);
      }
    }
    return { text: collected.text(), release };
  } catch (error) {
    release();
    body.on('error', ignore).destroy();
    throw error;
  }
}

/**
 * The bytes of a body: copied into one buffer of the declared length, so that a large body is held
 * once rather than as chunks and then their concatenation; as chunks when no length is declared
 * (or more arrives than declared, which undici then reports).
 */
class Collected {
  size = 0;
  #buffer: Buffer | undefined;
  readonly #chunks: Buffer[] = [];

  constructor(declared: number | undefined) {
    if (declared !== undefined && declared > 0) this.#buffer = Buffer.allocUnsafe(declared);
  }

  add(chunk: Buffer): void {
    if (this.#buffer && this.size + chunk.length <= this.#buffer.length) chunk.copy(this.#buffer, this.size);
    else {
      if (this.#buffer) this.#chunks.push(this.#buffer.subarray(0, this.size));
      this.#buffer = undefined;
      this.#chunks.push(chunk);
    }
    this.size += chunk.length;
  }

  text(): string {
    const bytes = this.#buffer ? this.#buffer.subarray(0, this.size) : Buffer.concat(this.#chunks, this.size);
    return bytes.toString('utf8');
  }
}

function declaredLength(value: string | undefined): number | undefined {
  const length = value === undefined ? Number.NaN : Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function ignore(): void {}

function bodyKind(contentType: string): BodyKind {
  const semicolon = contentType.indexOf(';');
  const media = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  // `application:json` is a typo some Kibana routes really send.
  if (media === 'application/json' || media === 'application:json' || media.endsWith('+json')) return 'json';
  if (media === 'application/ndjson' || media === 'application/x-ndjson') return 'ndjson';
  if (media === 'text/event-stream') return 'unsupported';
  // A missing content type is read as text: proxies send bare error pages that way.
  if (media === '' || media.startsWith('text/')) return 'text';
  return 'unsupported';
}

/**
 * `invalid` makes the error for a body that claims JSON and is not: a success that cannot be read
 * (often cut off) must not pass for one. Without it (error answers) such a body is kept as text.
 */
function parse(kind: Exclude<BodyKind, 'unsupported'>, text: string, invalid: ((reason: string) => Error) | undefined): unknown {
  if (text === '') return undefined;
  switch (kind) {
    case 'json':
      return parseJson(text, invalid);
    case 'ndjson':
      return text.split('\n').flatMap((line) => (line.trim() === '' ? [] : [parseJson(line, invalid)]));
    case 'text':
      return text;
  }
}

function parseJson(text: string, invalid: ((reason: string) => Error) | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (invalid) throw invalid(error instanceof Error ? error.message : String(error));
    return text;
  }
}

function flattenHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
