// Response decoding: JSON, ndjson and text are read; binary and streaming bodies are refused unread.

import type { Dispatcher } from 'undici';
import { type ErrorContext, notAnApiAnswer, tooLarge, unsupportedResponse } from './errors.js';

export interface DecodedResponse {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  data: unknown;
}

type BodyKind = 'json' | 'ndjson' | 'text' | 'unsupported';

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Reads and decodes the body. Error statuses never throw here: their body, if readable, becomes the error's message. */
export async function decodeResponse(
  res: Dispatcher.ResponseData,
  ctx: ErrorContext,
  maxBytes = DEFAULT_MAX_RESPONSE_BYTES,
): Promise<DecodedResponse> {
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
  result.data = parse(kind, await readText(res.body, maxBytes, () => tooLarge(ctx, status, maxBytes)));
  return result;
}

/** Reads the body as text, giving up (and dropping the connection) past `maxBytes`. */
async function readText(body: Dispatcher.ResponseData['body'], maxBytes: number, refuse: () => Error): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.on('error', ignore).destroy();
      throw refuse();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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

function parse(kind: Exclude<BodyKind, 'unsupported'>, text: string): unknown {
  if (text === '') return undefined;
  switch (kind) {
    case 'json':
      return parseJson(text);
    case 'ndjson':
      return text.split('\n').flatMap((line) => (line.trim() === '' ? [] : [parseJson(line)]));
    case 'text':
      return text;
  }
}

/** Lenient: a body that claims to be JSON but is not is handed back as text rather than lost. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
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
