// call_kibana_api: one operation of the catalogue, sent as a curated tool sends its own. The method and
// path are matched and the tier checked (call-target.ts), path_params, query and body validated against
// the operation's full schema, the request built; then the space guard on writes, the user's
// confirmation of destructive calls, Kibana, and the answer shaped (compact for writes unless `full`).
// Every refusal happens before anything reaches Kibana.
import type { KibanaRequest } from '../client/index.js';
import type { CatalogueOperation } from '../catalogue/model.js';
import { operationKey } from '../kibana/http.js';
import { shortJson } from '../tools/call-spec.js';
import type { NotFoundTarget } from '../tools/error-results.js';
import { guardedSend } from '../tools/guarded-send.js';
import { isPlainObject } from '../tools/payload.js';
import type { ToolContext, ToolResult } from '../tools/runtime/tool.js';
import type { Tier } from '../tools/spec.js';
import { formatValidationError } from '../tools/validation.js';
import { type CallValues, apiRequest } from './call-request.js';
import { type CallTarget, type ResolvedCall, resolveCall } from './call-target.js';
import { objectShape, type OperationInput } from './operation-input.js';
import type { ApiOperations } from './operations.js';
import { ApiRefusal } from './refusal.js';

export const CALL_TOOL = 'call_kibana_api';

export interface CallInput extends CallTarget {
  query?: unknown;
  body?: unknown;
}

export interface CallOptions {
  tier: Tier;
  allowInternal?: boolean;
}

/** Checks a call and builds its request; throws ApiRefusal (nothing sent) when it may not go. */
export function checkedCall(
  api: ApiOperations,
  input: CallInput,
  options: CallOptions,
  defaultSpace: string,
): { operation: CatalogueOperation; request: KibanaRequest } {
  const target = resolveCall(api.index, input, options);
  const operation = api.operation(target.entry);
  const call = api.input(operation);
  const values = callValues(input, target, call, api, operation);
  const checked = api.validator(operation).safeParse(values, { reportInput: true });
  if (!checked.success) {
    throw new ApiRefusal(
      'invalid_arguments',
      `invalid arguments for ${operationKey(operation.method, target.template)}:\n${formatValidationError(checked.error)}`,
    );
  }
  return { operation, request: apiRequest(operation, call, target, values, defaultSpace) };
}

export async function callKibanaApi(api: ApiOperations, input: CallInput, context: ToolContext, options: CallOptions): Promise<ToolResult> {
  const { operation, request } = checkedCall(api, input, options, context.defaultSpace);
  const writes = operation.effect !== 'read';
  const response = await guardedSend(context, {
    request,
    writes,
    spaceAware: operation.spaceAware,
    ...(operation.effect === 'destructive' ? { confirmation: confirmationMessage(operation, request) } : {}),
    notFound: notFoundTarget(operation, request),
  });
  if ('result' in response) return response.result;
  return context.results.response(response, request, writes ? { compact: true } : {});
}

/** What the validator checks: the path parameters as settled, the query with text values as their text, the body (`{}` where nothing is required). */
function callValues(
  input: CallInput,
  target: ResolvedCall,
  call: OperationInput,
  api: ApiOperations,
  operation: CatalogueOperation,
): CallValues {
  const values: CallValues = {};
  if (Object.keys(target.pathParams).length > 0) values.path_params = target.pathParams;
  if (input.query !== undefined) values.query = isPlainObject(input.query) ? asText(input.query, call.textQuery) : (input.query as never);
  if (input.body !== undefined) values.body = input.body;
  else if (call.body?.required && operation.body && objectShape(operation.body.schema, api.components(operation))?.required.length === 0)
    values.body = {};
  return values;
}

function asText(query: Record<string, unknown>, text: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      text.has(name) && (typeof value === 'number' || typeof value === 'boolean') ? String(value) : value,
    ]),
  );
}

/** A call that names an object in its path missed that object; one that names none missed its route. */
function notFoundTarget(operation: CatalogueOperation, request: KibanaRequest): NotFoundTarget {
  if (request.params === undefined) return 'route';
  return operation.spaceAware ? 'object-in-space' : 'object';
}

/** What the user reads, as for a curated destructive tool: the action, what it acts on, the space, and that it is final. */
function confirmationMessage(operation: CatalogueOperation, request: KibanaRequest): string {
  const action = operation.title || operationKey(operation.method, operation.path);
  const target = [
    ...Object.entries(request.params ?? {}).map(([name, value]) => `${name} ${JSON.stringify(value)}`),
    ...(request.query ? [`query ${shortJson(request.query)}`] : []),
    ...(request.body !== undefined && request.bodyType !== 'multipart' ? [`body ${shortJson(request.body)}`] : []),
  ].join(', ');
  const space = operation.spaceAware ? ` in space "${request.space}"` : '';
  return `Allow "${action}" (${CALL_TOOL} ${operationKey(operation.method, operation.path)}) on ${target || 'everything it applies to'}${space}? It cannot be undone.`;
}
