// Which tools a configuration exposes: toolsets, then the tier ceiling, then include/exclude by name.
// Only the toolsets a selection needs are loaded.
import { UsageError } from '../usage-error.js';
import type { Tier, ToolSpec, ToolsetInfo } from './spec.js';
import { describeVersions, variantGroups, variantOn } from './variants.js';

export type { ToolsetInfo };

export const TIERS: readonly Tier[] = ['read', 'write', 'destructive'];

export interface ToolSelection {
  /** Toolset ids (`default` among them stands for the default toolsets), or `all`; absent means the default toolsets. */
  toolsets?: readonly string[] | 'all';
  tier: Tier;
  include?: readonly string[];
  exclude?: readonly string[];
}

/** What selection reads of a tool, generated or hand-written. */
export type SelectableTool = Pick<ToolSpec, 'name' | 'toolset' | 'tier'>;

/** A build's tools: what each toolset holds, and how to load a toolset's tools. */
export interface ToolCatalog<T extends SelectableTool = ToolSpec> {
  toolsets: readonly ToolsetInfo[];
  loadToolset: Readonly<Record<string, () => Promise<{ tools: T[] }>>>;
}

/**
 * Every tool a selection keeps: of generated ones all variants of each name, whatever the Kibana
 * version (see variants.ts for one version's). A selection that names an unknown toolset or tool
 * throws at once, before anything loads.
 */
export function loadSelectedTools<T extends SelectableTool>(catalog: ToolCatalog<T>, selection: ToolSelection): Promise<T[]> {
  const needed = toolsetsNeeded(catalog.toolsets, selection);
  const modules = catalog.toolsets.filter((toolset) => needed.has(toolset.id)).map((toolset) => catalog.loadToolset[toolset.id]!());
  return Promise.all(modules).then((loaded) =>
    selectTools(
      loaded.flatMap((module) => module.tools),
      catalog.toolsets,
      selection,
    ),
  );
}

/** Every tool of the catalog, whatever the tier (for reports and tests). */
export function loadAllTools<T extends SelectableTool>(catalog: ToolCatalog<T>): Promise<T[]> {
  return loadSelectedTools(catalog, { toolsets: 'all', tier: 'destructive' });
}

/** The toolsets a selection draws tools from: the chosen ones and those of the included tools. */
export function toolsetsNeeded(toolsets: readonly ToolsetInfo[], selection: ToolSelection): Set<string> {
  const needed = resolveToolsets(toolsets, selection.toolsets);
  const include = new Set(checkNames(toolsets, selection.include, '--include'));
  for (const toolset of toolsets) if (toolset.tools.some((name) => include.has(name))) needed.add(toolset.id);
  return needed;
}

export function selectTools<T extends SelectableTool>(
  tools: readonly T[],
  toolsets: readonly ToolsetInfo[],
  selection: ToolSelection,
): T[] {
  const chosenToolsets = resolveToolsets(toolsets, selection.toolsets);
  const include = new Set(checkNames(toolsets, selection.include, '--include'));
  const exclude = new Set(checkNames(toolsets, selection.exclude, '--exclude'));
  const ceiling = TIERS.indexOf(selection.tier);

  for (const tool of tools) {
    if (include.has(tool.name) && TIERS.indexOf(tool.tier) > ceiling) {
      throw new UsageError(
        `--include: ${tool.name} is a ${tool.tier} tool and the tier is ${selection.tier}; add --tier ${tool.tier} to expose it`,
      );
    }
  }
  return tools.filter(
    (tool) =>
      !exclude.has(tool.name) && TIERS.indexOf(tool.tier) <= ceiling && (chosenToolsets.has(tool.toolset) || include.has(tool.name)),
  );
}

/** Stands for the default toolsets inside a list: `--toolsets default,fleet`. */
const DEFAULT_TOOLSETS = 'default';

/**
 * What a selection names that Kibana `version` does not have, from the ToolSpecs it kept: included
 * tools without a variant on that version, and named toolsets none of whose kept tools it has. Such a
 * name is not served, so the operator is told.
 */
export function unservedOnVersion(kept: readonly ToolSpec[], selection: ToolSelection, version: string): string[] {
  const groups = variantGroups(kept);
  const missing = groups.filter((group) => variantOn(group, version) === undefined);
  const notices = missing
    .filter(([first]) => selection.include?.includes(first!.name))
    .map(
      (group) =>
        `--include ${group[0]!.name}: not on Kibana ${version} (only ${group.map((spec) => describeVersions(spec.versions)).join(', ')})`,
    );
  const named = Array.isArray(selection.toolsets) ? selection.toolsets : [];
  for (const toolset of named) {
    const members = groups.filter(([first]) => first!.toolset === toolset);
    if (members.length > 0 && members.every((group) => missing.includes(group))) {
      notices.push(`--toolsets ${toolset}: none of its tools is on Kibana ${version}`);
    }
  }
  return notices;
}

function resolveToolsets(toolsets: readonly ToolsetInfo[], requested: ToolSelection['toolsets']): Set<string> {
  if (requested === 'all') return new Set(toolsets.map((toolset) => toolset.id));
  const defaults = toolsets.filter((toolset) => toolset.default).map((toolset) => toolset.id);
  if (requested === undefined) return new Set(defaults);
  const known = new Set(toolsets.map((toolset) => toolset.id));
  const unknown = requested.filter((id) => id !== DEFAULT_TOOLSETS && !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `--toolsets: unknown toolset ${unknown.map((id) => `"${id}"`).join(', ')}; expected "all", "${DEFAULT_TOOLSETS}" (the default toolsets) or some of: ${[...known].join(', ')}`,
    );
  }
  return new Set(requested.flatMap((id) => (id === DEFAULT_TOOLSETS ? defaults : [id])));
}

function checkNames(toolsets: readonly ToolsetInfo[], names: readonly string[] | undefined, flag: string): readonly string[] {
  const known = new Set(toolsets.flatMap((toolset) => toolset.tools));
  const unknown = (names ?? []).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `${flag}: unknown tool ${unknown.map((name) => `"${name}"`).join(', ')}; run kibana-mcp list-tools --toolsets all --tier destructive to see every name`,
    );
  }
  return names ?? [];
}
