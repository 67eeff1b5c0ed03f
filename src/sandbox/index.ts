// A stateful Kibana simulator over real HTTP, for trying the MCP server and for scenario tests.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_CREDENTIALS, type SandboxCredentials } from './http/auth.js';
import { checkBindHost } from './http/bind.js';
import { Router } from './http/router.js';
import { createRequestListener, type RequestLogEntry } from './http/server.js';
import { allRoutes } from './resources/index.js';
import { seedState } from './seed/index.js';
import { createState, type SandboxState } from './state/index.js';
import { requestValidator } from './validation/request-validator.js';
import { checkSandboxVersion, DEFAULT_SANDBOX_VERSION } from './versions.js';

export type { SandboxCredentials } from './http/auth.js';
export type { RequestLogEntry } from './http/server.js';
export type { SandboxState } from './state/index.js';
export { DEFAULT_SANDBOX_VERSION, SANDBOX_VERSIONS } from './versions.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only (default 127.0.0.1) unless `allowRemote` is set. */
  host?: string;
  /**
   * Allow a `host` beyond loopback. The demo credentials are public, so this exposes the sandbox's
   * data to whoever reaches the address; `onWarning` is told so when it binds.
   */
  allowRemote?: boolean;
  /** Receives the warning of a bind beyond loopback (default: a process warning on stderr). */
  onWarning?: (message: string) => void;
  /** Kibana version to simulate: reported by /api/status, and it decides which routes exist (default 8.18.2). */
  version?: string;
  auth?: Partial<SandboxCredentials>;
  /** Load the demo data set (spaces, data views, dashboards, rules, cases, alerts...). */
  seed?: boolean;
  /** Keep a log of every request in `requests` (default true; off for long-running use). */
  recordRequests?: boolean;
}

/**
 * How Kibana is down: `unavailable` answers every request with a 503,
 * `refusing` closes the listening socket so connections are refused.
 */
export type Outage = 'unavailable' | 'refusing';

export interface Sandbox {
  url: string;
  credentials: SandboxCredentials;
  state: SandboxState;
  requests: RequestLogEntry[];
  setAvailable(up: boolean, outage?: Outage): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const bindWarning = checkBindHost(host, options.allowRemote === true);
  const version = checkSandboxVersion(options.version ?? DEFAULT_SANDBOX_VERSION);
  const credentials = { ...DEMO_CREDENTIALS, ...options.auth };
  const state = createState(version);
  if (options.seed ?? true) seedState(state);
  else state.spaces.set('default', { id: 'default', name: 'Default', disabledFeatures: [], _reserved: true });

  const requests: RequestLogEntry[] = [];
  let available = true;
  const server = createServer(
    createRequestListener({
      router: new Router(allRoutes, version),
      validator: requestValidator(version),
      credentials,
      state,
      ...(options.recordRequests === false ? {} : { log: requests }),
      isAvailable: () => available,
    }),
  );
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  if (bindWarning) (options.onWarning ?? ((message) => process.emitWarning(message, 'SandboxWarning')))(bindWarning);

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    credentials,
    state,
    requests,
    async setAvailable(up, outage = 'unavailable') {
      available = up || outage !== 'unavailable';
      if (up && !server.listening) await listen(server, port, host);
      if (!up && outage === 'refusing') await close(server);
    },
    async stop() {
      if (server.listening) await close(server);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
