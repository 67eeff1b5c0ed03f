// `kibana-mcp` / `kibana-mcp serve`: settings → Kibana connection → tools → runtime → transport, until stopped.
// Each transport's modules load only when it is the one chosen.
import { KibanaClient } from '../client/index.js';
import { clientOptionsFrom } from '../config/client-options.js';
import type { HttpConfig } from '../config/http-config.js';
import { ConfigError, type ReadOptions } from '../config/read-options.js';
import { toolSelectionFrom } from '../config/tool-selection.js';
import { createLogger, type Logger } from '../logger.js';
import type { RunningServer } from '../server/stdio.js';
import * as generated from '../tools/generated/index.js';
import { loadSelectedTools } from '../tools/registry.js';
import type { ConfirmationPolicy } from '../tools/runtime/confirmation.js';
import { ToolRuntime } from '../tools/runtime/runtime.js';
import type { Tool } from '../tools/runtime/tool.js';
import { servedCatalog } from '../tools/tasks/catalog.js';
import * as tasks from '../tools/tasks/index.js';
import { connectKibana } from './kibana-connection.js';

export async function runServe(options: ReadOptions): Promise<number> {
  const { settings } = options;
  const logger = createLogger(settings.logLevel);
  const http = settings.http ? (await import('../config/http-config.js')).resolveHttpConfig(options) : undefined;
  const tools = await loadSelectedTools(servedCatalog(generated, tasks), toolSelectionFrom(settings));
  const kibana = await connectKibana(options, logger, { passthroughAuth: http?.auth.kind === 'passthrough' });
  const runtime = new ToolRuntime({
    tools,
    client: new KibanaClient({ ...clientOptionsFrom(kibana.config), logger }),
    defaultSpace: kibana.config.space,
    maxResultChars: settings.maxResultChars,
    confirmation: settings.confirm,
    logger,
  });
  try {
    const warning = confirmationWarning(settings.confirm, http !== undefined, tools);
    if (warning) logger.warn(warning);
    const running = http
      ? await listenHttp(runtime, logger, http, options)
      : await (await import('../server/stdio.js')).serveStdio(runtime, logger);
    await untilStopped(running, logger);
  } finally {
    await runtime.close();
    await kibana.stop();
  }
  logger.info('stopped');
  return 0;
}

/** What the operator should know at start about destructive calls nobody will be asked to confirm. */
function confirmationWarning(policy: ConfirmationPolicy, overHttp: boolean, tools: readonly Tool[]): string | undefined {
  if (!tools.some((tool) => tool.tier === 'destructive')) return undefined;
  if (policy === 'never') return '--confirm never: destructive calls run without asking the user';
  if (!overHttp) return undefined;
  // Elicitation needs the client's capabilities from initialize, which a stateless server never keeps.
  return policy === 'always'
    ? 'over stateless HTTP no destructive call can be confirmed, so with --confirm always every one is refused'
    : 'over stateless HTTP, destructive calls run without asking the user to confirm: expose tier destructive only to callers you trust';
}

async function listenHttp(runtime: ToolRuntime, logger: Logger, config: HttpConfig, { sources }: ReadOptions): Promise<RunningServer> {
  const { serveHttp } = await import('../server/http.js');
  try {
    return await serveHttp(runtime, logger, config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ConfigError(`${sources.port} / ${sources.host}: cannot listen on ${config.host}:${config.port} (${code})`);
    }
    throw error;
  }
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
