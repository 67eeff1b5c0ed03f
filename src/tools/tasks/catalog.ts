// One catalog of every tool the server can serve: the generated toolsets and the hand-written task
// toolsets, loaded only when a selection needs them. Task toolsets come first; a task toolset or tool
// may not share an id or a name with a generated one, since a runtime serves each name once.
import type { ToolCatalog } from '../registry.js';
import type { Tool } from '../runtime/tool.js';
import type { Tier, ToolSpec, ToolsetInfo } from '../spec.js';

/** A hand-written tool, with its `tools/list` cost as shipped (tokens, o200k_base). */
export type TaskTool = Tool & { tokens: number };

/** What the catalog holds: generated ToolSpecs (their variants chosen per version later, see served-tools.ts) and task tools. */
export type CatalogTool = ToolSpec | TaskTool;

export function isTaskTool(tool: CatalogTool): tool is TaskTool {
  return 'run' in tool;
}

export interface TaskToolsetModule {
  tools: TaskTool[];
}

/** The server's configuration as task toolsets need it (the full-API tools: the tier they call within, and more). */
export interface TaskSettings {
  /** The configured tier: call_kibana_api refuses operations above it. */
  tier: Tier;
  /** The operator lets call_kibana_api reach the catalogue's `/internal/` operations (--allow-internal). */
  allowInternal: boolean;
  /**
   * The operations of a Kibana version when --spec gave the server its own spec (the shipped catalogue
   * otherwise). Named by a type-only import: listing the tools loads nothing of the catalogue.
   */
  catalogue?: (version: string | undefined) => Promise<import('../../catalogue/load.js').Catalogue>;
  /** The names of the tools the server serves, once chosen: only those are offered as `use_instead`. */
  servedTools?: () => ReadonlySet<string>;
}

/** Settings for listing and reports, where no call is made: the lowest tier, no internal paths. */
export const LISTING_SETTINGS: TaskSettings = { tier: 'read', allowInternal: false };

export interface TaskCatalog {
  toolsets: readonly ToolsetInfo[];
  loadToolset: Readonly<Record<string, (settings?: TaskSettings) => Promise<TaskToolsetModule>>>;
}

export function servedCatalog(generated: ToolCatalog<ToolSpec>, tasks: TaskCatalog, settings = LISTING_SETTINGS): ToolCatalog<CatalogTool> {
  const generatedNames = new Set(generated.toolsets.flatMap((toolset) => toolset.tools));
  for (const task of tasks.toolsets) {
    if (generated.toolsets.some((toolset) => toolset.id === task.id)) {
      throw new Error(`task toolset "${task.id}" shares its id with a generated toolset`);
    }
    const clash = task.tools.find((name) => generatedNames.has(name));
    if (clash) throw new Error(`task tool "${clash}" shares its name with a generated tool`);
  }
  return {
    toolsets: [...tasks.toolsets, ...generated.toolsets],
    loadToolset: {
      ...generated.loadToolset,
      ...Object.fromEntries(Object.entries(tasks.loadToolset).map(([id, load]) => [id, () => load(settings)])),
    },
  };
}
