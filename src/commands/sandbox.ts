// `kibana-mcp sandbox [--sandbox-port 5680] [--demo-version 9.4.0]`: a simulated Kibana with demo
// data, to try the MCP server without a real Kibana. Serves until SIGINT/SIGTERM.

import { ConfigError, type ReadOptions } from '../config/read-options.js';
import { isLoopbackHost } from '../sandbox/http/bind.js';
import { startSandbox } from '../sandbox/index.js';
import { asListenError } from './listen-error.js';

export interface SandboxCommandOptions {
  port: number;
  host: string;
  /** The Kibana version to simulate (default: the sandbox's). */
  version?: string;
  /** Bind `host` beyond loopback, with a warning: the sandbox's credentials are public. */
  allowRemote?: boolean;
  /** How the user named the port and the host, for messages (default: the flags). */
  sources?: { port: string; host: string };
  warn?: (message: string) => void;
}

const printToStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The command's options from the settings; `--port` is the MCP server's, and given to the sandbox it is a mistake. */
export function sandboxCommandOptions({ settings, sources, given }: ReadOptions, warn: (message: string) => void): SandboxCommandOptions {
  if (given.has('port') && sources.port === '--port') {
    throw new ConfigError("--port is the MCP server's HTTP port; the sandbox listens on --sandbox-port (KIBANA_MCP_SANDBOX_PORT)");
  }
  return {
    port: settings.sandboxPort,
    host: settings.host,
    version: settings.demoVersion,
    allowRemote: settings.sandboxAllowRemote,
    sources: { port: sources.sandboxPort, host: sources.host },
    warn,
  };
}

export async function runSandbox(options: SandboxCommandOptions, print = printToStdout): Promise<number> {
  const { port, host } = options;
  const named = options.sources ?? { port: '--sandbox-port', host: '--host' };
  if (!isLoopbackHost(host) && options.allowRemote !== true) {
    throw new ConfigError(
      `${named.host}: refusing to bind the sandbox to ${host}, beyond loopback: its credentials are public; bind 127.0.0.1, or add --sandbox-allow-remote to expose it anyway`,
    );
  }
  const sandbox = await startSandbox({
    port,
    host,
    ...(options.version === undefined ? {} : { version: options.version }),
    allowRemote: options.allowRemote === true,
    onWarning: options.warn ?? ((message) => process.stderr.write(`kibana-mcp warn: ${message}\n`)),
    recordRequests: false,
  }).catch((error: unknown) => {
    throw asListenError(error, named.port, host, port);
  });
  const { apiKey, username, password } = sandbox.credentials;
  print(`Kibana sandbox (simulated Kibana ${sandbox.state.version}, demo data, in memory) at ${sandbox.url}`);
  print(`  API key:  ${apiKey}`);
  print(`  Basic:    ${username} / ${password}`);
  print('Point the MCP server at it with:');
  print(`  KIBANA_URL=${sandbox.url}`);
  print(`  KIBANA_API_KEY=${apiKey}`);
  print('Stop with Ctrl+C; all changes are lost.');
  await untilSignalled();
  await sandbox.stop();
  return 0;
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
