// `kibana-mcp check`: connect, authenticate, read /api/status, and say plainly what went wrong.
import { KibanaClient, KibanaError } from '../client/index.js';
import type { KibanaErrorCategory } from '../client/types.js';
import { clientOptionsFrom, describeKibanaConfig } from '../config/client-options.js';
import type { ReadOptions } from '../config/read-options.js';
import { createLogger } from '../logger.js';
import { connectKibana } from './kibana-connection.js';

export interface KibanaStatus {
  version: string;
  overall: string;
}

const FAILURE_HINTS: Partial<Record<KibanaErrorCategory, string>> = {
  auth: 'Kibana rejected the credentials: check KIBANA_API_KEY, KIBANA_USERNAME/KIBANA_PASSWORD or KIBANA_BEARER_TOKEN',
  forbidden: 'the credentials are valid but may not read /api/status: grant the user a Kibana role',
  not_found: 'no Kibana API at this URL: check KIBANA_URL, including any sub-path',
  tls: 'the TLS handshake failed: set KIBANA_CA_CERT to the PEM of your certificate authority',
  timeout: 'Kibana did not answer in time: check the URL and the network, or raise KIBANA_TIMEOUT_MS',
  network: 'Kibana is not reachable: check the host and port in KIBANA_URL',
};

export async function runCheck(options: ReadOptions, print: (line: string) => void): Promise<number> {
  const kibana = await connectKibana(options, createLogger(options.settings.logLevel));
  const { config } = kibana;
  const client = new KibanaClient(clientOptionsFrom(config));
  try {
    const status = await readStatus(client);
    print(`Kibana ${status.version} at ${config.url}: status ${status.overall}`);
    print('Effective configuration:');
    for (const [key, value] of describeKibanaConfig(config)) print(`  ${key.padEnd(16)}${value}`);
    return 0;
  } catch (error) {
    print(`check failed: ${describeFailure(error)}`);
    return 1;
  } finally {
    await client.close();
    await kibana.stop();
  }
}

export async function readStatus(client: KibanaClient): Promise<KibanaStatus> {
  const response = await client.request<StatusBody>({ method: 'GET', path: '/api/status' });
  const body = response.data;
  const version = body?.version?.number;
  if (typeof version !== 'string') throw new Error('GET /api/status answered without version.number: is this Kibana?');
  return { version, overall: body?.status?.overall?.level ?? body?.status?.overall?.state ?? 'unknown' };
}

interface StatusBody {
  version?: { number?: string };
  status?: { overall?: { level?: string; state?: string } };
}

function describeFailure(error: unknown): string {
  if (!(error instanceof KibanaError)) return error instanceof Error ? error.message : String(error);
  const hint = FAILURE_HINTS[error.category];
  return hint ? `${error.message} (${hint})` : error.message;
}
