// Request headers: caller headers first, then the ones Kibana requires, which a caller cannot drop.

import type { HttpMethod } from './types.js';

export interface HeaderInput {
  method: HttpMethod;
  /** The path template, to recognise `/internal/` routes. */
  path: string;
  userAgent: string;
  /** What the response may be; JSON when undefined. */
  accept: string | undefined;
  authorization: string | undefined;
  /** Set when there is a body; for multipart, undici writes the type with its boundary. */
  body: { contentType: string | undefined } | undefined;
  extra: Record<string, string> | undefined;
}

export function requestHeaders(input: HeaderInput): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': input.userAgent, accept: input.accept ?? 'application/json' };
  if (input.extra !== undefined) {
    for (const name in input.extra) headers[name.toLowerCase()] = input.extra[name] as string;
  }
  if (input.authorization !== undefined) headers.authorization = input.authorization;
  if (input.method !== 'GET') headers['kbn-xsrf'] = 'true';
  if (input.path.startsWith('/internal/')) headers['x-elastic-internal-origin'] = 'kibana';
  if (input.body !== undefined) {
    if (input.body.contentType === undefined) delete headers['content-type'];
    else headers['content-type'] = input.body.contentType;
  }
  return headers;
}
