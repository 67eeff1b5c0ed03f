// `kibana-mcp list-tools`: what a configuration exposes, with each tool's tier and token cost.
import type { ReadOptions } from '../config/read-options.js';
import { toolSelectionFrom } from '../config/tool-selection.js';
import * as generated from '../tools/generated/index.js';
import { loadSelectedTools } from '../tools/registry.js';
import { servedCatalog } from '../tools/tasks/catalog.js';
import * as tasks from '../tools/tasks/index.js';

export async function runListTools(options: ReadOptions, print: (line: string) => void): Promise<number> {
  const catalog = servedCatalog(generated, tasks);
  const tools = await loadSelectedTools(catalog, toolSelectionFrom(options.settings));
  const rows = tools.map((tool) => ({ name: tool.name, toolset: tool.toolset, tier: tool.tier, tokens: tool.tokens }));
  const nameWidth = Math.max(4, ...rows.map((row) => row.name.length)) + 2;
  const toolsetWidth = Math.max(7, ...rows.map((row) => row.toolset.length)) + 2;
  print(`${'tool'.padEnd(nameWidth)}${'toolset'.padEnd(toolsetWidth)}${'tier'.padEnd(13)}tokens`);
  for (const row of rows) print(`${row.name.padEnd(nameWidth)}${row.toolset.padEnd(toolsetWidth)}${row.tier.padEnd(13)}${row.tokens}`);
  const total = rows.reduce((sum, row) => sum + row.tokens, 0);
  print(`${rows.length} tools, ${total} tokens of tool definitions (o200k_base, counted when the tools were built).`);
  print(`Toolsets: ${catalog.toolsets.map((toolset) => `${toolset.id}${toolset.default ? '*' : ''}`).join(', ')} (* = default)`);
  return 0;
}
