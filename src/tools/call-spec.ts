// A generated tool's call: build the request → guard the spaces it writes → confirm when destructive →
// Kibana → say when nothing was found (a missing space, a 404 that fits the call) or nothing changed →
// shape the result. Which variant serves the connected Kibana's version is decided before
// (served-tools.ts). Loaded with the first call: listing the tools needs none of it.
import { buildRequest } from './build-request.js';
import type { NotFoundTarget } from './error-results.js';
import { guardedSend } from './guarded-send.js';
import { keptExistingResult } from './no-change.js';
import { isIdentityKey, isPlainObject } from './payload.js';
import type { ToolContext, ToolResult } from './runtime/tool.js';
import { SPACE_ARG, type ToolSpec } from './spec.js';

export async function callSpec(spec: ToolSpec, args: Record<string, unknown>, context: ToolContext): Promise<ToolResult> {
  const request = buildRequest(spec, args, context.defaultSpace);
  const response = await guardedSend(context, {
    request,
    writes: !spec.annotations.readOnlyHint,
    spaceAware: spec.spaceAware,
    ...(spec.tier === 'destructive' ? { confirmation: confirmationMessage(spec, args, context.defaultSpace) } : {}),
    notFound: notFoundTarget(spec, args),
  });
  if ('result' in response) return response.result;
  const unchanged = spec.keepsExisting && (await keptExistingResult(spec.keepsExisting, args, request, context));
  return unchanged || context.results.response(response, request);
}

/** A call that names an object (in its path, or by an id anywhere in its arguments) missed that object; any other missed its route. */
function notFoundTarget(spec: ToolSpec, args: Record<string, unknown>): NotFoundTarget {
  const { [SPACE_ARG]: _space, ...own } = args;
  const namesObject = spec.request.params.some((param) => param.in === 'path') || namesAnObject(own, 0);
  if (!namesObject) return 'route';
  return spec.spaceAware ? 'object-in-space' : 'object';
}

function namesAnObject(value: unknown, depth: number): boolean {
  if (depth > 4) return false;
  if (Array.isArray(value)) return value.some((item) => namesAnObject(item, depth + 1));
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, inner]) => (isIdentityKey(key) && inner !== undefined) || namesAnObject(inner, depth + 1));
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

/** A value as the user reads it in a confirmation: its JSON, cut at 200 characters. */
export function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
