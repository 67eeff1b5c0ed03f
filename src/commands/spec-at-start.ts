// --spec: the user's own OpenAPI spec for the full-API tools, read before the first tools/list: a file
// (JSON or YAML), or `kibana`, what the connected Kibana serves at GET /api/oas. A spec that cannot be
// read or serves nothing stops the start with one line (exit 2); the modules that read it load only here.
import type { KibanaClientOptions } from '../client/types.js';
import { clientOptionsFrom } from '../config/client-options.js';
import { ConfigError, type ReadOptions } from '../config/read-options.js';
import type { Logger } from '../logger.js';
import type { TaskSettings } from '../tools/tasks/catalog.js';
import type { KibanaConnection } from './kibana-connection.js';

/** The value of --spec that names the connected Kibana's own spec. */
export const KIBANA_SPEC = 'kibana';
const OAS_PATH = '/api/oas';

export async function specAtStart(
  options: ReadOptions,
  kibana: KibanaConnection,
  passthrough: boolean,
  logger: Logger,
): Promise<TaskSettings['catalogue']> {
  const { spec } = options.settings;
  if (spec === undefined) return undefined;
  const flag = options.sources.spec;
  const { readSpecFile, readSpecValue, specSummary } = await import('../api/user-spec.js');
  let read: Awaited<ReturnType<typeof readSpecFile>>;
  try {
    if (spec !== KIBANA_SPEC) read = await readSpecFile(spec);
    else {
      if (passthrough) {
        throw new Error(`passthrough mode has no credentials of its own to read ${OAS_PATH} with; give the spec as a file instead`);
      }
      read = readSpecValue(await kibanaSpec(clientOptionsFrom(kibana.config)), `Kibana's ${OAS_PATH}`);
    }
  } catch (error) {
    throw new ConfigError(`${flag}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
  logger.info(specSummary(read));
  return (version) => read.catalogue(version);
}

/** GET /api/oas, with what to do when Kibana does not serve it. */
async function kibanaSpec(options: KibanaClientOptions): Promise<unknown> {
  const { KibanaClient, KibanaError } = await import('../client/index.js');
  const client = new KibanaClient({ ...options, retries: 0 });
  try {
    return (await client.request({ method: 'GET', path: OAS_PATH })).data;
  } catch (error) {
    if (!(error instanceof KibanaError)) throw error;
    if (error.category === 'not_found') {
      throw new Error(
        `Kibana does not serve its OpenAPI spec (GET ${OAS_PATH} answered 404): it does so only with server.oas.enabled: true in kibana.yml; enable it, or give the spec as a file`,
      );
    }
    throw new Error(`GET ${OAS_PATH} failed: ${error.message}`);
  } finally {
    await client.close();
  }
}

function oneLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
