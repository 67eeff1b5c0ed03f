// One tool call: validate → build the request → guard the space → confirm → Kibana → shape the result.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { KibanaClient } from '../client/index.js';
import { buildRequest } from './build-request.js';
import { isAtLeast } from '../kibana/versions.js';
import type { KibanaVersion } from './kibana-version.js';
import { errorResult, failureResult } from './error-results.js';
import { successResult } from './results.js';
import { MissingSpaceError, spacesWrittenBy, type SpaceGuard } from './space-guard.js';
import type { ToolSpec } from './spec.js';
import { formatValidationError } from './validation.js';

export interface CallContext {
  client: KibanaClient;
  defaultSpace: string;
  spaceGuard: SpaceGuard;
  /** Asked only by tools whose operation newer Kibanas no longer have. */
  kibanaVersion?: KibanaVersion;
  maxResultChars: number;
  /** The caller's own Authorization header, in passthrough mode. */
  authorization?: string;
  signal?: AbortSignal;
  /** Asks the user to approve a destructive call; absent when the client cannot be asked. */
  confirm?: (message: string) => Promise<boolean>;
}

const validators = new WeakMap<ToolSpec, Promise<z.ZodType<Record<string, unknown>>>>();

function validatorOf(spec: ToolSpec): Promise<z.ZodType<Record<string, unknown>>> {
  let validator = validators.get(spec);
  if (!validator) {
    validator = spec.validator();
    validators.set(spec, validator);
  }
  return validator;
}

export async function callTool(
  spec: ToolSpec,
  rawArgs: Record<string, unknown> | undefined,
  context: CallContext,
): Promise<CallToolResult> {
  const args = rawArgs ?? {};
  const known = spec.inputSchema.properties ?? {};
  const unknown = Object.keys(args).filter((name) => !Object.hasOwn(known, name));
  if (unknown.length > 0) {
    const expected = Object.keys(known).join(', ') || '(none)';
    return errorResult(
      `Invalid arguments for ${spec.name}: unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; expected only: ${expected}`,
    );
  }
  const parsed = (await validatorOf(spec)).safeParse(args, { reportInput: true });
  if (!parsed.success) return errorResult(`Invalid arguments for ${spec.name}:\n${formatValidationError(parsed.error)}`);

  try {
    const request = buildRequest(spec, parsed.data, context.defaultSpace);
    const credentials = context.authorization === undefined ? {} : { authorization: context.authorization };
    const absent = await absentOn(spec, context, credentials);
    if (absent) return errorResult(absent);
    const written = spec.annotations.readOnlyHint ? [] : spacesWrittenBy(request, spec.spaceAware);
    for (const space of written) {
      await context.spaceGuard.assertExists(space, { ...credentials, ...(context.signal ? { signal: context.signal } : {}) });
    }
    if (spec.tier === 'destructive' && context.confirm) {
      const approved = await context.confirm(confirmationMessage(spec, parsed.data)).catch((error: unknown) => error as Error);
      if (approved instanceof Error)
        return errorResult(`Not done: the user could not be asked to confirm ${spec.name} (${approved.message}). Nothing was changed.`);
      if (!approved) return errorResult(`Not done: the user did not confirm ${spec.name}. Nothing was changed.`);
    }
    const response = await context.client.request({ ...request, ...credentials, ...(context.signal ? { signal: context.signal } : {}) });
    context.spaceGuard.observe(request);
    return successResult(response, { maxChars: context.maxResultChars, argumentNames: Object.keys(spec.inputSchema.properties ?? {}) });
  } catch (error) {
    if (error instanceof MissingSpaceError) return errorResult(error.message);
    return failureResult(error);
  }
}

/** Why the call is not sent, when the connected Kibana does not have the operation (yet, or any more). */
async function absentOn(spec: ToolSpec, context: CallContext, credentials: { authorization?: string }): Promise<string | undefined> {
  const { from, until } = spec.versions;
  if ((from === undefined && until === undefined) || !context.kibanaVersion) return undefined;
  const version = await context.kibanaVersion.get(credentials);
  if (version === undefined) return undefined;
  const operation = `${spec.operation.method} ${spec.operation.path}`;
  if (until !== undefined && isAtLeast(version, until)) {
    return `Not sent: Kibana ${version} no longer has this API (${operation} was replaced in ${until}). The tool's description names what to use instead.`;
  }
  if (from !== undefined && !isAtLeast(version, from))
    return `Not sent: Kibana ${version} does not have this API yet (${operation} was added in ${from}).`;
  return undefined;
}

function confirmationMessage(spec: ToolSpec, args: Record<string, unknown>): string {
  const shown = JSON.stringify(args);
  const summary = shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
  return `Allow "${spec.annotations.title}" (${spec.name})? It cannot be undone. Arguments: ${summary}`;
}
