// Settings → how the Streamable HTTP endpoint listens and whom it lets in.
import { type HttpAuth, isLoopbackHost } from '../server/http-auth.js';
import { defaultOriginPolicy, type OriginPolicy } from '../server/http-origin.js';
import { ConfigError, type ReadOptions } from './read-options.js';

export interface HttpConfig {
  host: string;
  port: number;
  auth: HttpAuth;
  origins: OriginPolicy;
}

export function resolveHttpConfig({ settings, sources }: ReadOptions): HttpConfig {
  const { host, port, httpToken: token, passthroughAuth: passthrough } = settings;
  if (token !== undefined && passthrough) {
    throw new ConfigError(
      `${sources.httpToken} and ${sources.passthroughAuth}: choose one; in passthrough mode the Authorization header carries the caller's Kibana credentials`,
    );
  }
  const auth: HttpAuth = token !== undefined ? { kind: 'token', token } : passthrough ? { kind: 'passthrough' } : { kind: 'none' };
  if (auth.kind === 'none' && !isLoopbackHost(host)) {
    throw new ConfigError(
      `${sources.host}: refusing to serve ${host} without caller authentication; set MCP_HTTP_TOKEN (--http-token) or --passthrough-auth, or bind 127.0.0.1`,
    );
  }
  return { host, port, auth, origins: defaultOriginPolicy(host, settings.allowedHosts ?? [], settings.allowedOrigins ?? []) };
}
