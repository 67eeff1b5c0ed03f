// `kibana-mcp check`: connect, authenticate, read /api/status, and say plainly what went wrong.
import { KibanaClient, KibanaError } from '../client/index.js';
import { statusVersion } from '../client/status-probe.js';
import type { KibanaErrorCategory } from '../client/types.js';
import { clientOptionsFrom, describeKibanaConfig } from '../config/client-options.js';
import type { ReadOptions } from '../config/read-options.js';
import type { Settings } from '../config/settings.js';
import { toolSelectionFrom } from '../config/tool-selection.js';
import { createLogger } from '../logger.js';
import * as generated from '../tools/generated/index.js';
import { loadSelectedTools } from '../tools/registry.js';
import { variantsOn } from '../tools/variants.js';
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
  const { settings, sources } = options;
  // A selection that names an unknown toolset or tool is a usage error, found before connecting.
  const selected = loadSelectedTools(generated, toolSelectionFrom(settings));
  const kibana = await connectKibana(options, createLogger(settings.logLevel));
  const { config } = kibana;
  const client = new KibanaClient(clientOptionsFrom(config));
  try {
    const status = await readStatus(client);
    print(`Kibana ${status.version} at ${config.url}: status ${status.overall}`);
    const specs = await selected;
    print(
      `Tools: ${variantsOn(specs, status.version).length} on Kibana ${status.version} with this configuration (${describeSelection(settings)})`,
    );
    const fixed = settings.kibanaVersion;
    if (fixed !== undefined && fixed !== status.version) {
      print(
        `Note: ${sources.kibanaVersion} ${fixed} makes the server serve ${fixed}'s tools (${variantsOn(specs, fixed).length}), not ${status.version}'s`,
      );
    }
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
  const version = statusVersion(body);
  if (version === undefined) throw new Error('GET /api/status answered without a version number (version.number): is this Kibana?');
  return { version, overall: body?.status?.overall?.level ?? body?.status?.overall?.state ?? 'unknown' };
}

interface StatusBody {
  status?: { overall?: { level?: string; state?: string } };
}

function describeSelection({ toolsets, tier, include, exclude }: Settings): string {
  const parts = [`toolsets ${toolsets?.join(',') ?? 'default'}`, `tier ${tier}`];
  if (include) parts.push(`include ${include.join(',')}`);
  if (exclude) parts.push(`exclude ${exclude.join(',')}`);
  return parts.join(', ');
}

function describeFailure(error: unknown): string {
  if (!(error instanceof KibanaError)) return error instanceof Error ? error.message : String(error);
  const hint = FAILURE_HINTS[error.category];
  return hint ? `${error.message} (${hint})` : error.message;
}
