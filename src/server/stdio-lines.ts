// What reaches the SDK's stdio transport: whole lines, each a valid JSON-RPC message. Two kinds of
// line the SDK would not answer are answered here, with the request's id, as HTTP answers them:
// - a line over the read limit (the SDK closes the connection at its 10 MiB, and the server took
//   that for the client leaving): -32600, saying how large a message may be and how to split an
//   import; its id is read as the line streams past, and nothing of it is kept;
// - a request that is JSON but not a valid JSON-RPC request (`params: []`, an object progress
//   token, …), which the SDK drops without a word: -32600, or -32602 when only its params are wrong.
// Everything else passes as it came, one line per chunk.
import { Transform, type TransformCallback } from 'node:stream';
import { INVALID_PARAMS, INVALID_REQUEST, parseJSONRPCMessage } from '@modelcontextprotocol/server';
import { RequestIdScanner } from './request-id-scanner.js';

const NEWLINE = 0x0a;

export interface StdioRefusal {
  jsonrpc: '2.0';
  id: string | number;
  error: { code: number; message: string };
}

export interface LineGuardOptions {
  /** The longest line passed on, in bytes (its newline not counted). */
  maxLineBytes: number;
  /** What a line over the limit is answered with, given its size. */
  tooLarge: (sizeBytes: number) => string;
  /** Sends an answer of the guard's own. */
  answer: (refusal: StdioRefusal) => void;
  /** Hears of lines that cannot be answered (no id): not JSON, an invalid notification or response, a large one without id. */
  warn: (message: string) => void;
}

export class StdioLineGuard extends Transform {
  readonly #options: LineGuardOptions;
  #parts: Buffer[] = [];
  #size = 0;
  /** Reading a line past the limit: only its id is looked for. */
  #oversized: RequestIdScanner | undefined;

  constructor(options: LineGuardOptions) {
    super();
    this.#options = options;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.#take(chunk.subarray(start, end));
      this.#endLine();
      start = end + 1;
    }
    if (start < chunk.length) this.#take(chunk.subarray(start));
    done();
  }

  /** A last line without its newline goes on as it came: the SDK reads it as it would have. */
  override _flush(done: TransformCallback): void {
    if (!this.#oversized && this.#size > 0) this.push(Buffer.concat(this.#parts, this.#size));
    done();
  }

  #take(bytes: Buffer): void {
    if (!this.#oversized && this.#size + bytes.length > this.#options.maxLineBytes) {
      this.#oversized = new RequestIdScanner();
      for (const part of this.#parts) this.#oversized.feed(part);
      this.#parts = [];
    }
    if (this.#oversized) this.#oversized.feed(bytes);
    else this.#parts.push(bytes);
    this.#size += bytes.length;
  }

  #endLine(): void {
    const scanner = this.#oversized;
    const line = scanner ? undefined : Buffer.concat(this.#parts, this.#size);
    const size = this.#size;
    this.#parts = [];
    this.#size = 0;
    this.#oversized = undefined;
    if (scanner) return this.#refuseOversized(scanner, size);
    this.#check(line!);
  }

  #refuseOversized(scanner: RequestIdScanner, size: number): void {
    const message = this.#options.tooLarge(size);
    const { id } = scanner;
    if (id === undefined || !scanner.hasMethod)
      return this.#options.warn(`a message of ${size} bytes without a request id was not read: ${message}`);
    this.#options.answer({ jsonrpc: '2.0', id, error: { code: INVALID_REQUEST, message } });
  }

  #check(line: Buffer): void {
    const text = line.toString('utf8');
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.#options.warn(`a line that is not JSON was skipped (${line.length} bytes)`);
    }
    let invalid: unknown;
    try {
      parseJSONRPCMessage(value);
      this.push(Buffer.concat([line, Buffer.from([NEWLINE])]));
      return;
    } catch (error) {
      invalid = error;
    }
    const refusals = refusalsOf(value, invalid);
    if (refusals.length === 0)
      return this.#options.warn(`a message that is not valid JSON-RPC and has no request id was skipped: ${firstIssue(invalid)}`);
    for (const refusal of refusals) this.#options.answer(refusal);
  }
}

type Message = Record<string, unknown>;

const isObject = (value: unknown): value is Message => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRequestId = (value: unknown): value is string | number => typeof value === 'string' || typeof value === 'number';
/** A message that asks for an answer: it has an id and is not itself an answer. */
const isRequestLike = (value: unknown): value is Message & { id: string | number } =>
  isObject(value) && isRequestId(value.id) && !('result' in value) && !('error' in value);

/** The answers a message the SDK refuses is owed: one per request in it (a batch holds several). */
function refusalsOf(value: unknown, invalid: unknown): StdioRefusal[] {
  if (Array.isArray(value)) {
    const message = 'Invalid Request: JSON-RPC batches are not accepted over stdio; send each message on a line of its own';
    return value.filter(isRequestLike).map((request) => refusal(request.id, INVALID_REQUEST, message));
  }
  if (!isRequestLike(value)) return [];
  if (value.jsonrpc !== '2.0') return [refusal(value.id, INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be "2.0"')];
  if (typeof value.method !== 'string') return [refusal(value.id, INVALID_REQUEST, 'Invalid Request: "method" must be a string')];
  if (typeof value.id === 'number' && !Number.isInteger(value.id)) {
    return [refusal(value.id, INVALID_REQUEST, 'Invalid Request: "id" must be a string or a whole number')];
  }
  return [refusal(value.id, INVALID_PARAMS, `Invalid params of ${value.method}: ${paramsProblem(value.params) ?? firstIssue(invalid)}`)];
}

/** What is wrong with the params, where it is one of the common mistakes. */
function paramsProblem(params: unknown): string | undefined {
  if (params === undefined) return undefined;
  if (!isObject(params)) return `"params" must be an object, got ${kindOf(params)}`;
  const meta = params._meta;
  if (meta === undefined) return undefined;
  if (!isObject(meta)) return `"params._meta" must be an object, got ${kindOf(meta)}`;
  const token = meta.progressToken;
  if (token !== undefined && !isRequestId(token)) return `"params._meta.progressToken" must be a string or a number, got ${kindOf(token)}`;
  return undefined;
}

function refusal(id: string | number, code: number, message: string): StdioRefusal {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const kind = typeof value;
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** The SDK's own words for what it refused (a validation dump), on one line. */
function firstIssue(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 300);
}
