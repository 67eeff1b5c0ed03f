// `kibana-mcp` / `kibana-mcp serve`: settings → Kibana connection → tools → runtime → transport, until stopped.
// Each transport's modules load only when it is the one chosen.
import { KibanaClient } from '../client/index.js';
import { clientOptionsFrom } from '../config/client-options.js';
import type { HttpConfig } from '../config/http-config.js';
import { ConfigError, type ReadOptions } from '../config/read-options.js';
import { createLogger, type Logger } from '../logger.js';
import type { McpServing } from '../server/mcp-server.js';
import type { RunningServer } from '../server/stdio.js';
import { type ConfirmationPolicy, MIN_SECRET_BYTES } from '../tools/runtime/confirmation.js';
import { ToolRuntime } from '../tools/runtime/runtime.js';
import type { Tool } from '../tools/runtime/tool.js';
import { connectKibana } from './kibana-connection.js';
import { asListenError } from './listen-error.js';
import { toolsAtStart } from './tools-at-start.js';

export async function runServe(options: ReadOptions): Promise<number> {
  const { settings } = options;
  const logger = createLogger(settings.logLevel);
  const http = settings.http ? (await import('../config/http-config.js')).resolveHttpConfig(options) : undefined;
  const secret = confirmationSecret(options);
  // The protocol's modules (the SDK: most of what a start loads) load while Kibana is asked and the
  // tools are read, whose work fills the loader's waits for files. Awaited below; a failure before
  // then must not count as unhandled.
  const protocol = Promise.all([import('../server/mcp-server.js'), import('../server/confirmation-seal.js'), transport(http, options)]);
  protocol.catch(() => {});
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
    const [{ mcpServing }, { ConfirmationSeal }, serve] = await protocol;
    const serving = mcpServing(runtime, logger, new ConfirmationSeal(secret === undefined ? {} : { secret }));
    await untilStopped(await serve(serving), runtime, logger);
  } finally {
    await runtime.close();
    await kibana.stop();
  }
  logger.info('stopped');
  return 0;
}

/** How the chosen transport serves: its modules, loaded now. */
async function transport(http: HttpConfig | undefined, options: ReadOptions): Promise<(serving: McpServing) => Promise<RunningServer>> {
  if (http === undefined) return (await import('../server/stdio.js')).serveStdio;
  const { serveHttp } = await import('../server/http.js');
  return async (serving) => {
    try {
      return await serveHttp(serving, http);
    } catch (error) {
      throw asListenError(error, `${options.sources.port} / ${options.sources.host}`, http.host, http.port);
    }
  };
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

/** The configured key that seals confirmation rounds (several instances), if any: a random one per process otherwise. */
function confirmationSecret({ settings, sources }: ReadOptions): string | undefined {
  const secret = settings.confirmSecret;
  if (secret !== undefined && Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new ConfigError(`${sources.confirmSecret}: expected a secret of at least ${MIN_SECRET_BYTES} bytes`);
  }
  return secret;
}

/** After a second signal, how long answers may take to leave before the process exits anyway. */
const FORCED_EXIT_AFTER_MS = 5_000;

/**
 * Waits for SIGINT/SIGTERM or for the transport to close by itself, then closes: the calls under way
 * finish and answer. A second signal cuts them off (each still answers, saying so) and stops waiting
 * for anything else; what was cut off is logged, since Kibana may have done it. A third signal, or
 * answers that still have not left a while after the second, end the process at once, logging the
 * calls that never answered.
 */
async function untilStopped(running: RunningServer, runtime: ToolRuntime, logger: Logger): Promise<void> {
  let signals = 0;
  let stop = () => {};
  const signalled = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const forcedExit = (why: string) => {
    const unanswered = runtime.callsUnderWay;
    logger.error(`${why}: exiting now; ${calls(unanswered.length)} had not answered${listed(unanswered)}`);
    process.exit(1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals === 1) {
      logger.info(`${signal}: finishing calls under way, then stopping (a second ${signal} cuts them off)`);
      stop();
    } else if (signals === 2) {
      const cut = runtime.cutOff(`${signal} during shutdown`);
      logger.warn(`${signal} again: cut off ${calls(cut.length)} under way, which Kibana may have done${listed(cut)}`);
      running.hurry();
      setTimeout(() => forcedExit(`answers still unsent ${FORCED_EXIT_AFTER_MS} ms after the second signal`), FORCED_EXIT_AFTER_MS).unref();
    } else {
      forcedExit(`${signal} a third time`);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await Promise.race([signalled, running.closed]);
    await running.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function calls(count: number): string {
  return `${count} call${count === 1 ? '' : 's'}`;
}

function listed(descriptions: readonly string[]): string {
  return descriptions.length === 0 ? '' : `: ${descriptions.join('; ')}`;
}
