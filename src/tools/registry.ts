// Which tools a configuration exposes: toolsets, then the tier ceiling, then include/exclude by name.
import { UsageError } from '../usage-error.js';
import type { Tier, ToolSpec } from './spec.js';

export const TIERS: readonly Tier[] = ['read', 'write', 'destructive'];

export interface ToolsetInfo {
  id: string;
  description: string;
  default: boolean;
}

export interface ToolSelection {
  /** Toolset ids, or `all`; absent means the default toolsets. */
  toolsets?: readonly string[] | 'all';
  tier: Tier;
  include?: readonly string[];
  exclude?: readonly string[];
}

export function selectTools(tools: readonly ToolSpec[], toolsets: readonly ToolsetInfo[], selection: ToolSelection): ToolSpec[] {
  const chosenToolsets = resolveToolsets(toolsets, selection.toolsets);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const include = new Set(checkNames(byName, selection.include, '--include'));
  const exclude = new Set(checkNames(byName, selection.exclude, '--exclude'));
  const ceiling = TIERS.indexOf(selection.tier);

  for (const name of include) {
    const tool = byName.get(name)!;
    if (TIERS.indexOf(tool.tier) > ceiling) {
      throw new UsageError(
        `--include: ${name} is a ${tool.tier} tool and the tier is ${selection.tier}; add --tier ${tool.tier} to expose it`,
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

function checkNames(byName: Map<string, ToolSpec>, names: readonly string[] | undefined, flag: string): readonly string[] {
  const unknown = (names ?? []).filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `${flag}: unknown tool ${unknown.map((name) => `"${name}"`).join(', ')}; run kibana-mcp list-tools --toolsets all --tier destructive to see every name`,
    );
  }
  return names ?? [];
}
