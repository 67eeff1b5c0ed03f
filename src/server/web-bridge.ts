// node:http ↔ the web Request/Response the SDK's HTTP side speaks. The request's signal aborts when
// the client goes away before its answer is complete, which cancels the call it made.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A bodiless web Request for `req` (the body was read and parsed already), and what aborts it. */
export function webRequest(req: IncomingMessage, res: ServerResponse, path: string): Request {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${path}`, { method: req.method ?? 'POST', headers });
  // The signal is set on the Request, not given as `init.signal`: undici's Request would follow that
  // one through a signal of its own and keep both, with their listeners, until a full collection found
  // the Request gone, which under load held a few megabytes past every collection.
  Object.defineProperty(request, 'signal', { value: abort.signal });
  return request;
}

/** Writes a web Response to `res`, streaming its body with back-pressure until it ends or `res` closes. */
export async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) await drained(res);
    }
  } catch {
    // The stream was cancelled because the client went away: nothing left to send.
  } finally {
    res.off('close', stop);
    res.end();
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
