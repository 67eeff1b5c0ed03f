// Builds the facts-only OpenAPI document of the selected operations (or of all of them),
// isolating failures per operation: one that cannot be converted is skipped with its reason.
import { buildToolModel, flatObjectShape, wholeQueryShape } from './input-model.js';
import { componentName, isObject, type JsonObject } from './json.js';
import type { LoadedSpec } from './load-spec.js';
import { extractOperation } from './extract-operation.js';
import { normalizeSchema, type NormalizeContext } from './normalize-schema.js';
import { ComponentStore, type OperationFacts } from './facts.js';
import { HTTP_METHODS, operationKey, type HttpMethod } from '../kibana/http.js';
import type { ToolEntry, Toolset } from './toolsets.js';

export interface ExtractResult {
  document: JsonObject;
  converted: string[];
  skipped: Array<{ operation: string; reason: string }>;
  /** Selection entries that refer to arguments the operation does not have. */
  warnings: string[];
}

export const OPENAPI_VERSION = '3.1.0';

/** Extracts the operations selected by `toolsets`, or every operation when `toolsets` is `'all'`. */
export function extractDocument(spec: LoadedSpec, toolsets: Toolset[] | 'all'): ExtractResult {
  const upstream = upstreamOperations(spec.document);
  const schemas = isObject(spec.document.components) && isObject(spec.document.components.schemas) ? spec.document.components.schemas : {};
  const context: NormalizeContext = { resolveRef: spec.resolveRef, useComponent: () => {} };
  const components = new ComponentStore((name) => (name in schemas ? normalizeSchema(schemas[name], context) : undefined));
  const entries =
    toolsets === 'all'
      ? upstream.map(({ method, path, operation }) => defaultEntry(method, path, operation))
      : toolsets.flatMap((t) => t.tools);
  const byKey = new Map(upstream.map((op) => [operationKey(op.method, op.path), op]));
  const result: ExtractResult = { document: {}, converted: [], skipped: [], warnings: [] };
  const extracted: OperationFacts[] = [];
  for (const entry of entries) {
    const key = operationKey(entry.method, entry.path);
    const raw = byKey.get(key);
    if (!raw) {
      result.skipped.push({ operation: key, reason: 'not in the spec' });
      continue;
    }
    try {
      const facts: OperationFacts = { method: entry.method, path: entry.path, operation: extractOperation(raw, context) };
      if (toolsets !== 'all') result.warnings.push(...mergeOurProse(facts, entry, components), ...relaxRequired(facts, entry));
      buildToolModel(facts, entry, components);
      extracted.push(facts);
      result.converted.push(key);
    } catch (error) {
      result.skipped.push({ operation: key, reason: (error as Error).message });
    }
  }
  result.document = assembleDocument(spec.document, extracted, components);
  return result;
}

interface UpstreamOperation {
  method: HttpMethod;
  path: string;
  pathItem: JsonObject;
  operation: JsonObject;
}

function upstreamOperations(document: JsonObject): UpstreamOperation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, pathItem]) =>
    isObject(pathItem)
      ? HTTP_METHODS.flatMap((method) => {
          const operation = pathItem[method.toLowerCase()];
          return isObject(operation) ? [{ method, path, pathItem, operation }] : [];
        })
      : [],
  );
}

/** A stand-in selection entry for `--all`: named after the operationId, described by its summary. */
function defaultEntry(method: HttpMethod, path: string, operation: JsonObject): ToolEntry {
  const id = typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`;
  const name =
    id
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 48) || 'operation';
  const title = typeof operation.summary === 'string' && operation.summary.trim() !== '' ? operation.summary.trim() : id;
  return {
    toolset: 'all',
    method,
    path,
    name,
    title,
    description: title,
    readOnly: false,
    destructiveHint: false,
    openWorld: false,
    args: {},
    omit: [],
    optional: [],
  };
}

/** Puts the team's title, description and argument descriptions where the facts are. */
function mergeOurProse(facts: OperationFacts, entry: ToolEntry, components: ComponentStore): string[] {
  const { operation } = facts;
  operation.summary = entry.title;
  operation.description = entry.description;
  const pending = new Map(Object.entries(entry.args));
  const parameters = Array.isArray(operation.parameters) ? operation.parameters.filter(isObject) : [];
  for (const param of parameters) {
    const text = pending.get(String(param.name));
    if (text !== undefined) {
      param.description = text;
      pending.delete(String(param.name));
    } else if (wholeQueryShape(param, components)) {
      param.schema = describeProperties(param.schema as JsonObject, pending, components);
    }
  }
  const requestBody = isObject(operation.requestBody) ? operation.requestBody : undefined;
  const content = requestBody && isObject(requestBody.content) ? requestBody.content : {};
  const bodyProperties = new Set<string>();
  for (const media of Object.values(content)) {
    if (!isObject(media) || !isObject(media.schema)) continue;
    for (const name of Object.keys(flatObjectShape(media.schema, components)?.properties ?? {})) bodyProperties.add(name);
    if (pending.size > 0) media.schema = describeProperties(media.schema, pending, components);
  }
  // Arguments of a body that stays one argument (unions, arrays) are described on the body.
  if (requestBody && pending.size > 0) {
    requestBody.description = [...pending].map(([name, text]) => `${name}: ${text}`).join(' ');
    pending.clear();
  }
  const problems = [...pending.keys()];
  for (const name of entry.omit)
    if (!parameters.some((p) => p.name === name && p.in === 'query') && !bodyProperties.has(name)) problems.push(name);
  return problems.map((name) => `${operationKey(entry.method, entry.path)}: "${name}" (args/omit) matches no parameter or body property`);
}

/** A copy of an object schema whose properties named in `pending` carry our text; those names leave `pending`. */
function describeProperties(schema: JsonObject, pending: Map<string, string>, components: ComponentStore): JsonObject {
  const own = topLevelObject(schema, components);
  const properties = isObject(own.properties) ? own.properties : {};
  for (const [name, text] of pending) {
    const property = properties[name];
    if (!isObject(property)) continue;
    properties[name] = { ...property, description: text };
    pending.delete(name);
  }
  return own;
}

/** Applies `optional`: parameters the spec requires but Kibana does not. */
function relaxRequired(facts: OperationFacts, entry: ToolEntry): string[] {
  const parameters = Array.isArray(facts.operation.parameters) ? facts.operation.parameters.filter(isObject) : [];
  return entry.optional.flatMap((name) => {
    const param = parameters.find((p) => p.name === name && p.in !== 'path' && p.required === true);
    if (!param) return [`${operationKey(entry.method, entry.path)}: "${name}" (optional) is no required query or header parameter`];
    delete param.required;
    return [];
  });
}

/** The schema with a top-level component reference replaced by a copy, so its properties can carry our descriptions. */
function topLevelObject(schema: JsonObject, components: ComponentStore): JsonObject {
  const name = typeof schema.$ref === 'string' ? componentName(schema.$ref) : undefined;
  const target = name === undefined ? schema : components.get(name);
  if (!target || !isObject(target.properties)) return schema;
  return { ...target, properties: { ...target.properties } };
}

const OPERATION_KEY_ORDER = ['operationId', 'summary', 'description', 'deprecated', 'parameters', 'requestBody', 'responses'];

function inKeyOrder(object: JsonObject, order: string[]): JsonObject {
  const keys = Object.keys(object).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

function assembleDocument(upstream: JsonObject, operations: OperationFacts[], components: ComponentStore): JsonObject {
  const paths: JsonObject = {};
  const sorted = [...operations].sort(
    (a, b) => a.path.localeCompare(b.path) || HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method),
  );
  for (const { method, path, operation } of sorted) {
    const item = (paths[path] ??= {}) as JsonObject;
    item[method.toLowerCase()] = inKeyOrder(operation, OPERATION_KEY_ORDER);
  }
  const used = components.reachableFrom(operations.map((op) => op.operation));
  const info = isObject(upstream.info) ? upstream.info : {};
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Kibana REST API (facts extracted by kibana-mcp)',
      version: typeof info.version === 'string' ? info.version : 'unknown',
    },
    paths,
    components: { schemas: Object.fromEntries(used.map((name) => [name, components.get(name)])) },
  };
}
