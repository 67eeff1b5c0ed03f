// Which Kibana a command talks to: the configured one, or with --demo a sandbox started in this process.
import { INSECURE_TLS_WARNING, resolveKibanaConfig, type KibanaConfig, type KibanaConfigRequirements } from '../config/kibana-config.js';
import { ConfigError, type ReadOptions } from '../config/read-options.js';
import type { Logger } from '../logger.js';
import { asListenError } from './listen-error.js';

export interface KibanaConnection {
  config: KibanaConfig;
  /** The Kibana version the --demo sandbox simulates; undefined for a real Kibana. */
  demoVersion?: string;
  stop(): Promise<void>;
}

export async function connectKibana(
  options: ReadOptions,
  logger: Logger,
  requirements: KibanaConfigRequirements = {},
): Promise<KibanaConnection> {
  if (!options.settings.demo) {
    const config = resolveKibanaConfig(options, requirements);
    if (config.tlsInsecure) logger.warn(INSECURE_TLS_WARNING);
    return { config, stop: async () => {} };
  }
  if (requirements.passthroughAuth) {
    throw new ConfigError(
      `${options.sources.demo} and ${options.sources.passthroughAuth}: the sandbox accepts only its own demo credentials`,
    );
  }
  if (options.given.has('kibanaVersion')) {
    throw new ConfigError(
      `${options.sources.kibanaVersion} and ${options.sources.demo}: the demo's Kibana version is --demo-version (KIBANA_MCP_DEMO_VERSION)`,
    );
  }
  const { demoVersion: version, demoPort: port } = options.settings;
  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox({ recordRequests: false, version, port }).catch((error: unknown) => {
    throw asListenError(error, options.sources.demoPort, '127.0.0.1', port);
  });
  logger.info(`demo: using the built-in sandbox Kibana at ${sandbox.url} (in memory; KIBANA_URL and credentials are ignored)`);
  const settings = {
    ...options.settings,
    kibanaUrl: sandbox.url,
    apiKey: sandbox.credentials.apiKey,
    username: undefined,
    password: undefined,
    bearerToken: undefined,
  };
  try {
    return { config: resolveKibanaConfig({ ...options, settings }), demoVersion: version, stop: () => sandbox.stop() };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}
