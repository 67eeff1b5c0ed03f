// One catalog of every tool the server can serve: the generated toolsets and the hand-written task
// toolsets, loaded only when a selection needs them. Task toolsets come first; a task toolset or tool
// may not share an id or a name with a generated one, since a runtime serves each name once.
import type { ToolCatalog } from '../registry.js';
import type { Tool } from '../runtime/tool.js';
import type { ToolSpec, ToolsetInfo } from '../spec.js';

/** A tool as the catalog serves it, with its `tools/list` cost as shipped (tokens, o200k_base). */
export type ServedTool = Tool & { tokens: number };
export type TaskTool = ServedTool;

/** What the catalog holds: generated ToolSpecs (their variants chosen per version later, see served-tools.ts) and task tools. */
export type CatalogTool = ToolSpec | TaskTool;

export function isTaskTool(tool: CatalogTool): tool is TaskTool {
  return 'run' in tool;
}

export interface TaskToolsetModule {
  tools: TaskTool[];
}

export interface TaskCatalog {
  toolsets: readonly ToolsetInfo[];
  loadToolset: Readonly<Record<string, () => Promise<TaskToolsetModule>>>;
}

export function servedCatalog(generated: ToolCatalog<ToolSpec>, tasks: TaskCatalog): ToolCatalog<CatalogTool> {
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
    loadToolset: { ...generated.loadToolset, ...tasks.loadToolset },
  };
}
