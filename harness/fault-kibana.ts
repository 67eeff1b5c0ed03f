// A Kibana on loopback that fails on purpose: the faults a real Kibana, its proxies and the network
// between them produce. A test picks the fault with `inject`; every request is recorded, as by the
// recording Kibana this one is built on. Each fault can echo what the caller sent (its
// Authorization header, in several encodings) where a careless server would: redaction sweeps use it.
import type { ServerResponse } from 'node:http';
import { type Handler, type RecordedRequest, type RecordingKibana, startRecordingKibana } from './recording-kibana.js';

export const FAULTS = [
  'down',
  'slow',
  'server-error',
  'unavailable',
  'rate-limited',
  'reset-mid-body',
  'invalid-json',
  'huge-body',
  'html',
  'redirect',
  'hang-after-headers',
  'hang-before-headers',
] as const;

export type Fault = (typeof FAULTS)[number];

export interface FaultOptions {
  /** How long `slow` waits before its (good) answer, in milliseconds. */
  slowMs?: number;
  /** Bytes of the `huge-body` answer. */
  hugeBytes?: number;
  /** Whether `huge-body` declares its length (Content-Length) or streams (chunked). */
  hugeDeclared?: boolean;
  /** Seconds `rate-limited` asks to wait (Retry-After). */
  retryAfterSeconds?: number;
}

export interface FaultKibana {
  /** Where clients connect; with `down` nothing listens there. */
  url: string;
  requests: RecordedRequest[];
  /** The fault every request meets from now on; `undefined` for good answers (`{"ok":true}`). */
  inject(fault: Fault | undefined, options?: FaultOptions): Promise<void>;
  stop(): Promise<void>;
}

/** What a careless server would echo of a request: its Authorization header, raw and percent-encoded. */
export function echoOf(request: RecordedRequest): string {
  const sent = String(request.headers.authorization ?? '');
  return `${sent} ${encodeURIComponent(sent)} ${encodeURIComponent(encodeURIComponent(sent))}`;
}

/** Answers a fault leaves hanging, to end when the fault changes. */
type Hold = (res: ServerResponse) => void;

function handlerFor(fault: Fault | undefined, options: FaultOptions, hold: Hold): Handler {
  switch (fault) {
    case undefined:
    case 'down':
      return () => ({ body: { ok: true } });
    case 'slow':
      return () => ({ body: { ok: true, slow: true }, delayMs: options.slowMs ?? 200 });
    case 'server-error':
      return (request) => ({
        status: 500,
        body: { statusCode: 500, error: 'Internal Server Error', message: `boom for ${echoOf(request)}` },
      });
    case 'unavailable':
      return (request) => ({
        status: 503,
        body: { statusCode: 503, error: 'Service Unavailable', message: `not ready: ${echoOf(request)}` },
      });
    case 'rate-limited':
      return (request) => ({
        status: 429,
        headers: { 'retry-after': String(options.retryAfterSeconds ?? 1) },
        body: { statusCode: 429, error: 'Too Many Requests', message: `slow down ${echoOf(request)}` },
      });
    case 'reset-mid-body':
      return (_request, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '10000' });
        res.write('{"items":[', () => res.destroy());
      };
    case 'invalid-json':
      return (request) => ({ headers: { 'content-type': 'application/json' }, body: `{"cut": "${echoOf(request)}", "off` });
    case 'huge-body':
      return (_request, res) => {
        const bytes = options.hugeBytes ?? 33 * 1024 * 1024;
        const declared = options.hugeDeclared ?? true;
        res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(bytes) } : {}) });
        const chunk = Buffer.alloc(Math.min(bytes, 1 << 20), 0x20);
        let sent = 0;
        const more = () => {
          while (sent < bytes && !res.destroyed) {
            const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
            sent += part.length;
            if (!res.write(part)) return void res.once('drain', more);
          }
          if (!res.destroyed) res.end();
        };
        more();
      };
    case 'html':
      return (request) => ({
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<html><body><form action="/login?next=${encodeURIComponent(echoOf(request))}">Log in</form></body></html>`,
      });
    case 'redirect':
      return (request) => ({
        status: 302,
        headers: { location: `https://sso.example.com/login?h=${encodeURIComponent(echoOf(request))}` },
      });
    case 'hang-after-headers':
      return (_request, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        hold(res);
      };
    case 'hang-before-headers':
      return (_request, res) => hold(res);
  }
}

export async function startFaultKibana(): Promise<FaultKibana> {
  const requests: RecordedRequest[] = [];
  const held = new Set<ServerResponse>();
  const hold: Hold = (res) => {
    held.add(res);
    res.once('close', () => held.delete(res));
  };
  let current = handlerFor(undefined, {}, hold);
  const handler: Handler = (request, res, req) => {
    requests.push(request);
    return current(request, res, req);
  };
  let server: RecordingKibana | undefined = await startRecordingKibana(handler);
  const { port, url } = server;
  const release = () => {
    for (const res of held) res.destroy();
  };
  return {
    url,
    requests,
    async inject(fault, options = {}) {
      release();
      current = handlerFor(fault, options, hold);
      if (fault === 'down') {
        await server?.stop();
        server = undefined;
      } else if (!server) {
        // Back on the same port, so that clients pointed at `url` reach it again.
        server = await startRecordingKibana(handler, { port });
      }
    },
    async stop() {
      release();
      await server?.stop();
    },
  };
}
