// DNS-rebinding protection: a web page must not reach a local server through a name it controls.
import type { IncomingHttpHeaders } from 'node:http';

export interface OriginPolicy {
  /** Host names (no port) that the Host header may name. */
  allowedHosts: readonly string[];
  /** Full origins (scheme://host[:port]) that browsers may send, beyond those on allowed hosts. */
  allowedOrigins: readonly string[];
}

export function defaultOriginPolicy(
  bindHost: string,
  extraHosts: readonly string[] = [],
  extraOrigins: readonly string[] = [],
): OriginPolicy {
  const wildcard = bindHost === '0.0.0.0' || bindHost === '::';
  const hosts = ['localhost', '127.0.0.1', '[::1]', ...(wildcard ? [] : [bracketed(bindHost)]), ...extraHosts.map(bracketed)];
  return { allowedHosts: [...new Set(hosts.map((host) => host.toLowerCase()))], allowedOrigins: extraOrigins };
}

/** Returns why the request is refused, or undefined when it may go on. */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, policy: OriginPolicy): string | undefined {
  const host = hostnameOf(headers.host);
  if (host === undefined || !policy.allowedHosts.includes(host)) {
    return `Forbidden: Host header "${headers.host ?? ''}" is not allowed (allowed: ${policy.allowedHosts.join(', ')})`;
  }
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  if (policy.allowedOrigins.includes(origin)) return undefined;
  const originHost = originHostname(origin);
  if (originHost !== undefined && policy.allowedHosts.includes(originHost)) return undefined;
  return `Forbidden: Origin "${origin}" is not allowed`;
}

function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return bracketed(new URL(`http://${hostHeader}`).hostname.toLowerCase());
  } catch {
    return undefined;
  }
}

function originHostname(origin: string): string | undefined {
  try {
    return bracketed(new URL(origin).hostname.toLowerCase());
  } catch {
    return undefined;
  }
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
