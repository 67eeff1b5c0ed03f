// `kibana-mcp` / `kibana-mcp serve`: the MCP server over stdio (default) or Streamable HTTP.
import { KibanaClient } from '../client/index.js';
import { clientOptionsFrom } from '../config/client-options.js';
import { ConfigError, type ReadOptions } from '../config/read-options.js';
import { createLogger, type Logger, type LogLevel } from '../logger.js';
import { isLoopbackHost, type HttpAuth } from '../server/http-auth.js';
import { defaultOriginPolicy } from '../server/http-origin.js';
import { serveHttp } from '../server/http.js';
import { createRuntime, type ServerRuntime } from '../server/mcp-server.js';
import { serveStdio, type RunningServer } from '../server/stdio.js';
import { connectKibana } from './kibana-connection.js';
import { toolSelectionFrom } from './tool-selection.js';
import * as generated from '../tools/generated/index.js';
import { loadSelectedTools } from '../tools/registry.js';

export async function runServe(options: ReadOptions): Promise<number> {
  const { values } = options;
  const logger = createLogger(values['log-level'] as LogLevel);
  const httpMode = values.http === true;
  const httpAuth = httpMode ? resolveHttpAuth(options) : undefined;
  const tools = await loadSelectedTools(generated, toolSelectionFrom(options));
  const kibana = await connectKibana(options, logger, { passthroughAuth: httpAuth?.kind === 'passthrough' });
  const { config } = kibana;

  const client = new KibanaClient({ ...clientOptionsFrom(config), logger });
  try {
    const runtime = createRuntime({
      tools,
      client,
      defaultSpace: config.space,
      maxResultChars: values['max-result-chars'] as number,
      logger,
    });
    if (httpAuth && tools.some((tool) => tool.tier === 'destructive')) {
      // Elicitation needs the client's capabilities from initialize, which a stateless server never keeps.
      logger.warn(
        'over stateless HTTP, destructive calls run without asking the user to confirm: expose tier destructive only to callers you trust',
      );
    }
    const running: RunningServer = httpAuth ? await listenHttp(runtime, httpAuth, options) : await serveStdio(runtime);
    await untilStopped(running, logger);
  } finally {
    await client.close();
    await kibana.stop();
  }
  logger.info('stopped');
  return 0;
}

async function listenHttp(runtime: ServerRuntime, auth: HttpAuth, { values, sources }: ReadOptions): Promise<RunningServer> {
  const host = values.host as string;
  const port = values.port as number;
  try {
    return await serveHttp(runtime, {
      host,
      port,
      auth,
      origins: defaultOriginPolicy(host, (values['allowed-hosts'] as string[]) ?? [], (values['allowed-origins'] as string[]) ?? []),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ConfigError(`${sources.port} / ${sources.host}: cannot listen on ${host}:${port} (${code})`);
    }
    throw error;
  }
}

function resolveHttpAuth(options: ReadOptions): HttpAuth {
  const { values, sources } = options;
  const token = values['http-token'] as string | undefined;
  const passthrough = values['passthrough-auth'] === true;
  const host = values.host as string;
  if (token !== undefined && passthrough) {
    throw new ConfigError(
      `${sources['http-token']} and ${sources['passthrough-auth']}: choose one; in passthrough mode the Authorization header carries the caller's Kibana credentials`,
    );
  }
  if (token !== undefined) return { kind: 'token', token };
  if (passthrough) return { kind: 'passthrough' };
  if (!isLoopbackHost(host)) {
    throw new ConfigError(
      `${sources.host}: refusing to serve ${host} without caller authentication; set MCP_HTTP_TOKEN (--http-token) or --passthrough-auth, or bind 127.0.0.1`,
    );
  }
  return { kind: 'none' };
}

/** Waits for SIGINT/SIGTERM (then lets in-flight calls finish) or for the transport to close by itself. */
async function untilStopped(running: RunningServer, logger: Logger): Promise<void> {
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const signalled = new Promise<void>((resolve) => {
    onSignal = (signal) => {
      logger.info(`${signal}: finishing calls under way, then stopping`);
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  await Promise.race([signalled, running.closed]);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await running.close();
}
