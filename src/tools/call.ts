// A generated tool as the runtime serves it: build the request → guard the spaces it writes →
// confirm when destructive → Kibana → shape the result. Which variant serves the connected Kibana's
// version is decided before (served-tools.ts).
import { buildRequest } from './build-request.js';
import type { Tool, ToolContext, ToolResult } from './runtime/tool.js';
import type { ToolSpec } from './spec.js';

export function generatedTool(spec: ToolSpec): Tool {
  const { name, toolset, tier, description, inputSchema, annotations, validator } = spec;
  return { name, toolset, tier, description, inputSchema, annotations, validator, run: (args, context) => callSpec(spec, args, context) };
}

async function callSpec(spec: ToolSpec, args: Record<string, unknown>, context: ToolContext): Promise<ToolResult> {
  const request = buildRequest(spec, args, context.defaultSpace);
  if (!spec.annotations.readOnlyHint) await context.spaces.assertWritable(request, spec.spaceAware);
  if (spec.tier === 'destructive') {
    const confirmation = await context.confirm({ key: 'confirm', message: confirmationMessage(spec, args) });
    if (!confirmation.approved) return confirmation.refusal;
  }
  return context.results.response(await context.kibana(request));
}

function confirmationMessage(spec: ToolSpec, args: Record<string, unknown>): string {
  const shown = JSON.stringify(args);
  const summary = shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
  return `Allow "${spec.annotations.title}" (${spec.name})? It cannot be undone. Arguments: ${summary}`;
}
