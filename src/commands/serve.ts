// `kibana-mcp` / `kibana-mcp serve`: settings → Kibana connection → tools → runtime → transport, until stopped.
// Each transport's modules load only when it is the one chosen.
import { KibanaClient } from '../client/index.js';
import { clientOptionsFrom } from '../config/client-options.js';
import type { HttpConfig } from '../config/http-config.js';
import { ConfigError, type ReadOptions } from '../config/read-options.js';
import { createLogger, type Logger } from '../logger.js';
import type { McpServing } from '../server/mcp-server.js';
import type { RunningServer } from '../server/stdio.js';
import type { ConfirmationPolicy } from '../tools/runtime/confirmation.js';
import { ToolRuntime } from '../tools/runtime/runtime.js';
import type { Tool } from '../tools/runtime/tool.js';
import { connectKibana } from './kibana-connection.js';
import { asListenError } from './listen-error.js';
import { toolsAtStart } from './tools-at-start.js';

export async function runServe(options: ReadOptions): Promise<number> {
  const { settings } = options;
  const logger = createLogger(settings.logLevel);
  const http = settings.http ? (await import('../config/http-config.js')).resolveHttpConfig(options) : undefined;
  const seal = await confirmationSeal(options);
  const passthrough = http?.auth.kind === 'passthrough';
  const kibana = await connectKibana(options, logger, { passthroughAuth: passthrough });
  const { tools, kibanaVersion } = await toolsAtStart(options, kibana, passthrough, logger).catch(async (error: unknown) => {
    await kibana.stop();
    throw error;
  });
  const runtime = new ToolRuntime({
    tools,
    kibanaVersion,
    client: new KibanaClient({ ...clientOptionsFrom(kibana.config), logger }),
    defaultSpace: kibana.config.space,
    maxResultChars: settings.maxResultChars,
    confirmation: settings.confirm,
    callTimeoutMs: settings.callTimeout,
    logger,
  });
  try {
    const warning = confirmationWarning(settings.confirm, http !== undefined, tools);
    if (warning) logger.warn(warning);
    const { mcpServing } = await import('../server/mcp-server.js');
    const serving = mcpServing(runtime, logger, seal);
    const running = http ? await listenHttp(serving, http, options) : await (await import('../server/stdio.js')).serveStdio(serving);
    await untilStopped(running, logger);
  } finally {
    await runtime.close();
    await kibana.stop();
  }
  logger.info('stopped');
  return 0;
}

/**
 * What the operator should know at start about destructive calls nobody will be asked to confirm:
 * once per process, since which clients come is known only call by call.
 */
function confirmationWarning(policy: ConfirmationPolicy, overHttp: boolean, tools: readonly Tool[]): string | undefined {
  if (!tools.some((tool) => tool.tier === 'destructive')) return undefined;
  if (policy === 'never') return '--confirm never: destructive calls run without asking the user';
  // 2026-07-28 clients with elicitation are asked over either transport; 2025 ones only over stdio, with elicitation.
  const unaskable = overHttp
    ? 'clients of 2025 protocol revisions over stateless HTTP, and clients without elicitation,'
    : 'clients without elicitation';
  return policy === 'always'
    ? `--confirm always: destructive calls from ${unaskable} cannot be confirmed and are refused`
    : `destructive calls from ${unaskable} run without asking the user to confirm (--confirm always refuses them instead)`;
}

/** The key that seals confirmation rounds: the configured one (several instances), or a random one for this process. */
async function confirmationSeal({ settings, sources }: ReadOptions) {
  const { ConfirmationSeal, MIN_SECRET_BYTES } = await import('../server/confirmation-seal.js');
  const secret = settings.confirmSecret;
  if (secret !== undefined && Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new ConfigError(`${sources.confirmSecret}: expected a secret of at least ${MIN_SECRET_BYTES} bytes`);
  }
  return new ConfirmationSeal(secret === undefined ? {} : { secret });
}

async function listenHttp(serving: McpServing, config: HttpConfig, { sources }: ReadOptions): Promise<RunningServer> {
  const { serveHttp } = await import('../server/http.js');
  try {
    return await serveHttp(serving, config);
  } catch (error) {
    throw asListenError(error, `${sources.port} / ${sources.host}`, config.host, config.port);
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
