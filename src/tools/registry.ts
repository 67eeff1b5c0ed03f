// Which tools a configuration exposes: toolsets, then the tier ceiling, then include/exclude by name.
// Only the toolsets a selection needs are loaded.
import { UsageError } from '../usage-error.js';
import type { Tier, ToolSpec, ToolsetInfo } from './spec.js';

export type { ToolsetInfo };

export const TIERS: readonly Tier[] = ['read', 'write', 'destructive'];

export interface ToolSelection {
  /** Toolset ids, or `all`; absent means the default toolsets. */
  toolsets?: readonly string[] | 'all';
  tier: Tier;
  include?: readonly string[];
  exclude?: readonly string[];
}

/** A build's tools: what each toolset holds, and how to load a toolset's module. */
export interface ToolCatalog {
  toolsets: readonly ToolsetInfo[];
  loadToolset: Readonly<Record<string, () => Promise<{ tools: ToolSpec[] }>>>;
}

export async function loadSelectedTools(catalog: ToolCatalog, selection: ToolSelection): Promise<ToolSpec[]> {
  const needed = toolsetsNeeded(catalog.toolsets, selection);
  const modules = await Promise.all(
    catalog.toolsets.filter((toolset) => needed.has(toolset.id)).map((toolset) => catalog.loadToolset[toolset.id]!()),
  );
  return selectTools(oldestVariants(modules.flatMap((module) => module.tools)), catalog.toolsets, selection);
}

/**
 * One ToolSpec per name: the variant of the oldest Kibana versions (the 8.x one where a name has
 * several), over the versions of the newer variants that call the same operation (only their schema
 * differs). A stand-in until the server selects the variants of the connected version: where a newer
 * variant calls another operation, the tool ends where its own operation does.
 */
function oldestVariants(tools: ToolSpec[]): ToolSpec[] {
  const byName = new Map<string, ToolSpec[]>();
  for (const tool of tools) byName.set(tool.name, [...(byName.get(tool.name) ?? []), tool]);
  return [...byName.values()].map(([oldest, ...newer]) => overSameOperation(oldest!, newer));
}

function overSameOperation(oldest: ToolSpec, newer: ToolSpec[]): ToolSpec {
  const changed = newer.findIndex((tool) => tool.request.method !== oldest.request.method || tool.request.path !== oldest.request.path);
  const last = (changed === -1 ? newer : newer.slice(0, changed)).at(-1);
  if (!last) return oldest;
  const versions = { ...oldest.versions };
  if (last.versions.until === undefined) delete versions.until;
  else versions.until = last.versions.until;
  return { ...oldest, versions };
}

/** Every tool of the catalog, whatever the tier (for reports and tests). */
export function loadAllTools(catalog: ToolCatalog): Promise<ToolSpec[]> {
  return loadSelectedTools(catalog, { toolsets: 'all', tier: 'destructive' });
}

/** The toolsets a selection draws tools from: the chosen ones and those of the included tools. */
export function toolsetsNeeded(toolsets: readonly ToolsetInfo[], selection: ToolSelection): Set<string> {
  const needed = resolveToolsets(toolsets, selection.toolsets);
  const include = new Set(checkNames(toolsets, selection.include, '--include'));
  for (const toolset of toolsets) if (toolset.tools.some((name) => include.has(name))) needed.add(toolset.id);
  return needed;
}

export function selectTools(tools: readonly ToolSpec[], toolsets: readonly ToolsetInfo[], selection: ToolSelection): ToolSpec[] {
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

function resolveToolsets(toolsets: readonly ToolsetInfo[], requested: ToolSelection['toolsets']): Set<string> {
  if (requested === 'all') return new Set(toolsets.map((toolset) => toolset.id));
  if (requested === undefined) return new Set(toolsets.filter((toolset) => toolset.default).map((toolset) => toolset.id));
  const known = new Set(toolsets.map((toolset) => toolset.id));
  const unknown = requested.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `--toolsets: unknown toolset ${unknown.map((id) => `"${id}"`).join(', ')}; expected "all" or some of: ${[...known].join(', ')}`,
    );
  }
  return new Set(requested);
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
