// The generated tools a server serves, from the ToolSpecs its selection kept and the Kibana version
// when it is known at start: that version's variant of each name it has; otherwise one tool per name
// of any version, listed with its newest variant's schema, whose calls follow the version Kibana
// reports to each caller (see variants.ts for the choice of the listed variant).
import { generatedTool } from './call.js';
import type { Tool } from './runtime/tool.js';
import type { ToolSpec } from './spec.js';
import { type CatalogTool, isTaskTool } from './tasks/catalog.js';
import { describeVersions, isInRange, isVersionBound, listedVariant, variantGroups, variantsOn } from './variants.js';

/** What a selection kept of the catalog, served: task tools as they are, generated ones as below, each name once in catalog order. */
export function servedSelection(chosen: readonly CatalogTool[], version: string | undefined): Tool[] {
  const generated = new Map(servedTools(generatedSpecs(chosen), version).map((tool) => [tool.name, tool]));
  const served = new Map<string, Tool>();
  for (const tool of chosen) {
    const serving = isTaskTool(tool) ? tool : generated.get(tool.name);
    if (serving && !served.has(tool.name)) served.set(tool.name, serving);
  }
  return [...served.values()];
}

export function generatedSpecs(tools: readonly CatalogTool[]): ToolSpec[] {
  return tools.filter((tool): tool is ToolSpec => !isTaskTool(tool));
}

export function servedTools(specs: readonly ToolSpec[], version: string | undefined): Tool[] {
  if (version !== undefined) return variantsOn(specs, version).map(generatedTool);
  return variantGroups(specs).map((group) =>
    group.length === 1 && !isVersionBound(group[0]!) ? generatedTool(group[0]!) : versionFollowingTool(group),
  );
}

/** One name over its variants (oldest first): listed as the newest; a call runs the variant of the caller's Kibana. */
function versionFollowingTool(group: readonly ToolSpec[]): Tool {
  const listedSpec = listedVariant(group);
  const others = group.filter((spec) => spec !== listedSpec).map((spec) => ({ spec, tool: generatedTool(spec) }));
  // Assigned rather than spread: a spread would read the tool's answer shaping, and with it the call data.
  const listed: Tool = Object.assign(generatedTool(listedSpec), {
    onVersion: (version: string) =>
      isInRange(version, listedSpec.versions)
        ? listed
        : (others.find(({ spec }) => isInRange(version, spec.versions))?.tool ?? { absent: absence(group, version) }),
  });
  return listed;
}

/** Why no variant of a name serves `version`, with each variant's operation and versions. */
function absence(group: readonly ToolSpec[], version: string): string {
  const name = group[0]!.name;
  const operations = group.map(
    ({ operation, versions }) => `${operation.method} ${operation.path} is on Kibana ${describeVersions(versions)}`,
  );
  const notYet = group.every(({ versions }) => versions.from !== undefined && isInRange(version, { until: versions.from }));
  const gone = group.every(({ versions }) => versions.until !== undefined && isInRange(version, { from: versions.until }));
  const what = notYet ? `does not have ${name} yet` : gone ? `no longer has ${name}` : `has no variant of ${name}`;
  return `Not sent: Kibana ${version} ${what} (${operations.join('; ')}). Nothing was changed; no variant of this tool serves Kibana ${version}, so use another tool or Kibana itself for the task.`;
}
