// A generated tool as the runtime serves it: build the request → refuse what the connected Kibana
// lacks → guard the spaces it writes → confirm when destructive → Kibana → shape the result.
import { isAtLeast } from '../kibana/versions.js';
import { buildRequest } from './build-request.js';
import type { Tool, ToolContext, ToolResult } from './runtime/tool.js';
import { SPACE_ARG, type ToolSpec } from './spec.js';

export function generatedTool(spec: ToolSpec): Tool {
  const { name, toolset, tier, description, inputSchema, annotations, validator } = spec;
  return { name, toolset, tier, description, inputSchema, annotations, validator, run: (args, context) => callSpec(spec, args, context) };
}

async function callSpec(spec: ToolSpec, args: Record<string, unknown>, context: ToolContext): Promise<ToolResult> {
  const request = buildRequest(spec, args, context.defaultSpace);
  const absent = await absentOn(spec, context);
  if (absent) return context.results.error(absent);
  if (!spec.annotations.readOnlyHint) await context.spaces.assertWritable(request, spec.spaceAware);
  if (spec.tier === 'destructive') {
    const confirmation = await context.confirm({ key: 'confirm', message: confirmationMessage(spec, args, context.defaultSpace) });
    if (!confirmation.approved) return confirmation.refusal;
  }
  return context.results.response(await context.kibana(request));
}

/** Why the call is not sent, when the connected Kibana does not have the operation (yet, or any more). */
async function absentOn(spec: ToolSpec, context: ToolContext): Promise<string | undefined> {
  const { from, until } = spec.versions;
  if (from === undefined && until === undefined) return undefined;
  const version = await context.version();
  if (version === undefined) return undefined;
  const operation = `${spec.operation.method} ${spec.operation.path}`;
  if (until !== undefined && isAtLeast(version, until)) {
    return `Not sent: Kibana ${version} no longer has this API (${operation} was replaced in ${until}). The tool's description names what to use instead.`;
  }
  if (from !== undefined && !isAtLeast(version, from))
    return `Not sent: Kibana ${version} does not have this API yet (${operation} was added in ${from}).`;
  return undefined;
}

/** What the user reads: the action, what it acts on (ids, names, selections), in which space, and that it is final. */
function confirmationMessage(spec: ToolSpec, args: Record<string, unknown>, defaultSpace: string): string {
  const target = Object.entries(args)
    .filter(([name]) => name !== SPACE_ARG)
    .map(([name, value]) => `${name} ${shortJson(value)}`)
    .join(', ');
  const space = spec.spaceAware ? ` in space "${String(args[SPACE_ARG] ?? defaultSpace)}"` : '';
  return `Allow "${spec.annotations.title}" (${spec.name}) on ${target || 'everything it applies to'}${space}? It cannot be undone.`;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
