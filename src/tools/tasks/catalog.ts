// One catalog of every tool the server can serve: the generated toolsets and the hand-written task
// toolsets, loaded only when a selection needs them. Task tools come first: a task toolset takes
// over the id of a generated toolset (which is then served under the id the task toolset names),
// and a task tool's name hides a generated tool of the same name, since a runtime serves each name once.
import type { ToolCatalog } from '../registry.js';
import type { Tool } from '../runtime/tool.js';
import type { ToolSpec, ToolsetInfo } from '../spec.js';
import type { TaskToolsetInfo } from './index.js';

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
  toolsets: readonly TaskToolsetInfo[];
  loadToolset: Readonly<Record<string, () => Promise<TaskToolsetModule>>>;
}

export function servedCatalog(generated: ToolCatalog<ToolSpec>, tasks: TaskCatalog): ToolCatalog<CatalogTool> {
  const taskNames = new Set(tasks.toolsets.flatMap((toolset) => toolset.tools));
  const taskIds = new Map(tasks.toolsets.map((toolset) => [toolset.id, toolset]));
  const toolsets: ToolsetInfo[] = [];
  const loadToolset: Record<string, () => Promise<{ tools: CatalogTool[] }>> = {};
  for (const toolset of generated.toolsets) {
    const task = taskIds.get(toolset.id);
    if (task && !task.generatedAs) {
      throw new Error(`task toolset "${task.id}" shares its id with a generated toolset: say under which id that one is served`);
    }
    const id = task?.generatedAs ?? toolset.id;
    if (task) toolsets.push(taskToolset(task));
    toolsets.push({ ...toolset, id, tools: toolset.tools.filter((name) => !taskNames.has(name)) });
    const load = generated.loadToolset[toolset.id]!;
    loadToolset[id] = async () => ({
      tools: (await load()).tools.filter((spec) => !taskNames.has(spec.name)).map((spec) => ({ ...spec, toolset: id })),
    });
  }
  for (const task of tasks.toolsets) {
    if (!generated.toolsets.some((toolset) => toolset.id === task.id)) toolsets.push(taskToolset(task));
    loadToolset[task.id] = tasks.loadToolset[task.id]!;
  }
  return { toolsets, loadToolset };
}

function taskToolset({ generatedAs: _served, ...toolset }: TaskToolsetInfo): ToolsetInfo {
  return toolset;
}
