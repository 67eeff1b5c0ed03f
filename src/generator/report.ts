// Figures `npm run tokens` prints and the budget tests assert: what each Kibana version gets (tool
// counts and tokens, default toolsets and all), and what the shipped API catalogue holds per spec.
import { readdir, readFile, stat } from 'node:fs/promises';
import { HTTP_METHODS } from '../kibana/http.js';
import { compareVersions } from '../kibana/versions.js';
import { toolsOnVersion, type ToolSpec, type ToolsetInfo } from '../tools/spec.js';
import { toolTokens } from './tokens.js';

/** Versions users run most; with the versions where a variant starts or ends they cover every tool set. */
const COMMON_VERSIONS = ['8.18.2', '9.0.0', '9.3.0', '9.4.0'];

/**
 * The common versions and every version at which some variant starts or ends: between two of those
 * the tool set does not change, so together they show every set a Kibana can get.
 */
export function reportedVersions(variants: readonly ToolSpec[]): string[] {
  const bounds = variants.flatMap((tool) => [tool.versions.from, tool.versions.until]).filter((v): v is string => v !== undefined);
  return [...new Set([...COMMON_VERSIONS, ...bounds])].sort(compareVersions);
}

export interface Figures {
  tools: number;
  tokens: number;
}

export interface VersionFigures {
  version: string;
  defaults: Figures;
  all: Figures;
}

/** Tools and tokens of the default toolsets and of all toolsets on `version` (every tier). */
export function versionFigures(variants: readonly ToolSpec[], toolsets: readonly ToolsetInfo[], version: string): VersionFigures {
  const defaults = new Set(toolsets.filter((toolset) => toolset.default).map((toolset) => toolset.id));
  const tools = toolsOnVersion(variants, version);
  return { version, defaults: figures(tools.filter((tool) => defaults.has(tool.toolset))), all: figures(tools) };
}

export function figures(tools: readonly ToolSpec[]): Figures {
  return { tools: tools.length, tokens: tools.reduce((sum, tool) => sum + toolTokens(tool), 0) };
}

export interface CatalogueFile {
  /** The spec id (openapi/specs.yaml) or the file's name without `.json`. */
  spec: string;
  operations: number;
  bytes: number;
}

/** Each catalogue document of `dir` with its operation count and size. */
export async function catalogueFiles(dir: URL): Promise<CatalogueFile[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const url = new URL(file, dir);
      const document = JSON.parse(await readFile(url, 'utf8')) as { info?: { 'x-kibana-spec'?: unknown }; paths?: Record<string, object> };
      const spec = typeof document.info?.['x-kibana-spec'] === 'string' ? document.info['x-kibana-spec'] : file.replace(/\.json$/, '');
      const operations = Object.values(document.paths ?? {}).reduce(
        (sum, item) => sum + HTTP_METHODS.filter((method) => method.toLowerCase() in item).length,
        0,
      );
      return { spec, operations, bytes: (await stat(url)).size };
    }),
  );
}
