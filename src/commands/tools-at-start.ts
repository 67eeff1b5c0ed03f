// What a server lists for its whole life: the selected tools of the Kibana version it starts with.
// The version is --kibana-version, else the --demo sandbox's, else one GET /api/status bounded by the
// connect timeout. Without one (Kibana unreachable, or passthrough, which has no credentials of its
// own to ask with) every version's tools are listed, and each call follows the version Kibana
// reports to its caller, kept for that caller only.
import { probeKibanaStatus } from '../client/status-probe.js';
import { clientOptionsFrom } from '../config/client-options.js';
import { ConfigError, type ReadOptions } from '../config/read-options.js';
import { toolSelectionFrom } from '../config/tool-selection.js';
import type { Logger } from '../logger.js';
import * as generated from '../tools/generated/index.js';
import { KibanaVersion } from '../tools/kibana-version.js';
import { loadSelectedTools, unservedOnVersion } from '../tools/registry.js';
import type { Tool } from '../tools/runtime/tool.js';
import { generatedSpecs, servedSelection } from '../tools/served-tools.js';
import { servedCatalog } from '../tools/tasks/catalog.js';
import * as tasks from '../tools/tasks/index.js';
import type { KibanaConnection } from './kibana-connection.js';

export interface ToolsAtStart {
  tools: Tool[];
  kibanaVersion: KibanaVersion;
}

export async function toolsAtStart(
  options: ReadOptions,
  kibana: KibanaConnection,
  passthrough: boolean,
  logger: Logger,
): Promise<ToolsAtStart> {
  const selection = toolSelectionFrom(options.settings);
  // Throws at once for an unknown name; the modules load while Kibana is asked.
  const selected = loadSelectedTools(servedCatalog(generated, tasks), selection);
  const [chosen, kibanaVersion] = await Promise.all([selected, versionAtStart(options, kibana, passthrough, logger)]);
  const version = kibanaVersion.known;
  if (version !== undefined) for (const notice of unservedOnVersion(generatedSpecs(chosen), selection, version)) logger.warn(notice);
  const tools = await withFileImport(servedSelection(chosen, version), options, logger);
  logger.debug(`${version === undefined ? 'every Kibana version' : `Kibana ${version}`}: ${tools.length} tools`);
  return { tools, kibanaVersion };
}

async function versionAtStart(
  options: ReadOptions,
  kibana: KibanaConnection,
  passthrough: boolean,
  logger: Logger,
): Promise<KibanaVersion> {
  const { config } = kibana;
  const probeOptions = { ...clientOptionsFrom(config), timeoutMs: config.connectTimeoutMs };
  const probe = (authorization: string | undefined) => probeKibanaStatus(probeOptions, authorization);
  const given = options.settings.kibanaVersion ?? kibana.demoVersion;
  if (given !== undefined) return new KibanaVersion(probe, given);
  if (passthrough) {
    logger.info(
      "passthrough: listing the tools of every Kibana version; each caller's calls follow the version Kibana reports to that caller (--kibana-version fixes one)",
    );
    return new KibanaVersion(probe);
  }
  const answer = await probe(undefined);
  if ('version' in answer) return new KibanaVersion(probe, answer.version);
  logger.warn(
    `could not read Kibana's version at start (${answer.failure}): listing the tools of every version; calls follow the version Kibana reports on the first call that reaches it (--kibana-version fixes one)`,
  );
  return new KibanaVersion(probe);
}

/**
 * With --import-dir, import_saved_objects_file beside import_saved_objects (only where that one is
 * served: same toolset, same tier). The directory must exist; its real path is what files must lie in.
 */
async function withFileImport(tools: Tool[], { settings, sources }: ReadOptions, logger: Logger): Promise<Tool[]> {
  if (settings.importDir === undefined) return tools;
  const { fileImportTool, IMPORT_TOOL } = await import('../tools/tasks/import-file.js');
  const { realpath, stat } = await import('node:fs/promises');
  const directory = await realpath(settings.importDir).catch(() => undefined);
  if (directory === undefined || !(await stat(directory)).isDirectory()) {
    throw new ConfigError(`${sources.importDir}: expected an existing directory, got "${settings.importDir}"`);
  }
  const importTool = tools.find((tool) => tool.name === IMPORT_TOOL);
  if (!importTool) {
    logger.warn(`${sources.importDir}: ${IMPORT_TOOL} is not served (toolset or tier), so the file import beside it is not served either`);
    return tools;
  }
  return [...tools, fileImportTool(importTool, directory)];
}
