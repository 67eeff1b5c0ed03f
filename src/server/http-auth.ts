// Who may call the HTTP endpoint, and with which Kibana credentials.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type HttpAuth =
  /** Callers present this bearer token; the server uses its own Kibana credentials. */
  | { kind: 'token'; token: string }
  /** Callers present their own Kibana credentials, forwarded as they are. */
  | { kind: 'passthrough' }
  /** No caller authentication: allowed on loopback addresses only. */
  | { kind: 'none' };

export type CallerCheck = { ok: true; authorization?: string } | { ok: false; reason: string };

export function authorizeCaller(headers: IncomingHttpHeaders, auth: HttpAuth): CallerCheck {
  const authorization = headers.authorization;
  switch (auth.kind) {
    case 'none':
      return { ok: true };
    case 'token': {
      const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
      if (presented === undefined) return { ok: false, reason: 'Unauthorized: send Authorization: Bearer <token>' };
      return sameSecret(presented, auth.token) ? { ok: true } : { ok: false, reason: 'Unauthorized: wrong bearer token' };
    }
    case 'passthrough':
      return authorization && /^(ApiKey|Basic|Bearer)\s+\S+/i.test(authorization)
        ? { ok: true, authorization }
        : { ok: false, reason: 'Unauthorized: send your Kibana credentials as Authorization: ApiKey …, Basic … or Bearer …' };
  }
}

/** Compares digests so that neither the length nor the content leaks through timing. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}
