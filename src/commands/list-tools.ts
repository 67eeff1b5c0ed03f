// `kibana-mcp list-tools`: what a configuration exposes, with each tool's tier, token cost and
// versions: on --kibana-version, that version's variants; without it, every version's tools as a
// server lists them when it cannot read Kibana's version (each name once, its newest variant).
import type { ReadOptions } from '../config/read-options.js';
import { toolSelectionFrom } from '../config/tool-selection.js';
import * as generated from '../tools/generated/index.js';
import { loadSelectedTools, unservedOnVersion } from '../tools/registry.js';
import { generatedSpecs } from '../tools/served-tools.js';
import { isTaskTool, servedCatalog } from '../tools/tasks/catalog.js';
import * as tasks from '../tools/tasks/index.js';
import { describeVersions, listedVariant, variantGroups, variantsOn } from '../tools/variants.js';

interface Row {
  name: string;
  toolset: string;
  tier: string;
  tokens: number;
  versions: string;
}

/** Task tools serve every version their toolset's description names, and refuse others per call. */
const TASK_VERSIONS = 'as its toolset says (checked per call)';

export async function runListTools(options: ReadOptions, print: (line: string) => void): Promise<number> {
  const selection = toolSelectionFrom(options.settings);
  const catalog = servedCatalog(generated, tasks);
  const chosen = await loadSelectedTools(catalog, selection);
  const specs = generatedSpecs(chosen);
  const version = options.settings.kibanaVersion;
  const generatedRows: Row[] =
    version === undefined
      ? variantGroups(specs).map((group) => ({
          ...listedVariant(group),
          versions: group.map((spec) => describeVersions(spec.versions)).join(', '),
        }))
      : variantsOn(specs, version).map((spec) => ({ ...spec, versions: describeVersions(spec.versions) }));
  const rows: Row[] = [...chosen.filter(isTaskTool).map((tool) => ({ ...tool, versions: TASK_VERSIONS })), ...generatedRows];
  print(
    version === undefined
      ? 'Every Kibana version: each name once, with its newest variant, as a server lists them when it cannot read the version (--kibana-version X.Y.Z shows one version).'
      : `Kibana ${version}:`,
  );
  const widths = {
    name: Math.max(4, ...rows.map((row) => row.name.length)) + 2,
    toolset: Math.max(7, ...rows.map((row) => row.toolset.length)) + 2,
    tier: 13,
    tokens: 8,
  };
  const line = (name: string, toolset: string, tier: string, tokens: string, versions: string) =>
    `${name.padEnd(widths.name)}${toolset.padEnd(widths.toolset)}${tier.padEnd(widths.tier)}${tokens.padEnd(widths.tokens)}${versions}`;
  print(line('tool', 'toolset', 'tier', 'tokens', 'Kibana versions'));
  for (const row of rows) print(line(row.name, row.toolset, row.tier, String(row.tokens), row.versions));
  const total = rows.reduce((sum, row) => sum + row.tokens, 0);
  print(`${rows.length} tools, ${total} tokens of tool definitions (o200k_base, counted when the tools were built).`);
  if (version !== undefined) for (const notice of unservedOnVersion(specs, selection, version)) print(notice);
  print(`Toolsets: ${catalog.toolsets.map((toolset) => `${toolset.id}${toolset.default ? '*' : ''}`).join(', ')} (* = default)`);
  return 0;
}
