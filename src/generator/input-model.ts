// THE converter from a facts-only operation to a tool: its arguments as one JSON Schema object
// (full, with component references), how each argument maps back onto the request, and the
// tool's tier and annotations. Emitters (advertised schema, Zod source) and any later runtime
// use start from this model, so the rules for parameters, bodies, names and spaces live here.
//
// Argument layout: path, query and non-transport header parameters are flat arguments. A JSON
// body whose top level is an object is flattened into arguments too, unless a property name
// clashes with a parameter or `space_id` (e.g. `PUT /api/spaces/space/{id}`) or the body is a
// union, an array or a map: then the whole body is the one argument `body`. Multipart import
// files become an `objects` array that the request builder turns into an ndjson file part.
import { isSpaceAwarePath } from '../client/spaces.js';
import { SPACE_ARG, type BodyBinding, type MultipartBinding, type ParamBinding, type RequestMapping, type Tier, type ToolAnnotations, type ToolSpec } from '../tools/spec.js';
import { ComponentStore, type OperationFacts } from './facts.js';
import { isObject, type JsonObject } from './json.js';
import { isJsonMediaType } from './media-type.js';
import { API_VERSION_HEADER } from './extract-operation.js';
import type { ToolEntry } from './toolsets.js';

/** A ToolSpec before emission: its input is still one JSON Schema, not yet advertised and Zod forms. */
export type ToolModel = Omit<ToolSpec, 'inputSchema' | 'input'> & {
  /** Root `type: object` schema of all arguments; may refer to `#/components/schemas/*`. */
  input: JsonObject;
};

export const DESTRUCTIVE_NOTE = 'The server asks the user to confirm this call when the client supports it.';
const SPACE_DESCRIPTION = 'Space id; default: the configured space.';
const BODY_ARG = 'body';
const OBJECTS_ARG = 'objects';
const ARG_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
/** SLO paths name their space in the path; the client adds `/s/{space}` itself. */
const EXPLICIT_SPACE_PREFIX = /^\/s\/\{([^}]+)\}(\/.*)$/;
const IMPORT_PATH = /\/_(import|resolve_import_errors)$/;

export function buildToolModel(facts: OperationFacts, entry: ToolEntry, components: ComponentStore): ToolModel {
  const { method, operation } = facts;
  const explicitSpace = EXPLICIT_SPACE_PREFIX.exec(facts.path);
  const path = explicitSpace ? (explicitSpace[2] as string) : facts.path;
  const spaceAware = explicitSpace !== null || isSpaceAwarePath(facts.path);
  const layout = new ArgumentLayout();
  const params: ParamBinding[] = [];
  const headers: Record<string, string> = {};

  for (const param of (Array.isArray(operation.parameters) ? operation.parameters : []).filter(isObject)) {
    const name = String(param.name);
    const location = param.in as ParamBinding['in'];
    const schema = isObject(param.schema) ? param.schema : {};
    if (explicitSpace && location === 'path' && name === explicitSpace[1]) continue;
    if (location === 'header' && name === API_VERSION_HEADER) {
      headers[name] = fixedValue(schema, components, name);
      continue;
    }
    if (location === 'query' && entry.omit.includes(name) && param.required !== true) continue;
    const arg = layout.add(argName(name), withDescription(schema, param.description), param.required === true);
    params.push({ arg, name, in: location });
  }
  if (spaceAware) layout.add(SPACE_ARG, { type: 'string', description: SPACE_DESCRIPTION }, false);

  const body = bodyBinding(facts, components, layout);
  const request: RequestMapping = { method, path, params };
  if (body) request.body = body;
  if (Object.keys(headers).length > 0) request.headers = headers;

  const tier: Tier = entry.tier ?? (entry.readOnly || method === 'GET' ? 'read' : method === 'DELETE' ? 'destructive' : 'write');
  const annotations: ToolAnnotations = {
    title: entry.title,
    readOnlyHint: tier === 'read',
    destructiveHint: tier === 'destructive',
    idempotentHint: entry.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE'),
    openWorldHint: entry.openWorld,
  };
  const operationRef: ToolModel['operation'] = { method, path: facts.path };
  if (typeof operation.operationId === 'string') operationRef.operationId = operation.operationId;
  return {
    name: entry.name,
    toolset: entry.toolset,
    tier,
    description: entry.description,
    annotations,
    spaceAware,
    input: layout.schema(),
    request,
    operation: operationRef,
  };
}

/** The description as the agent sees it: destructive tools end with the confirmation note. */
export function finalDescription(description: string, tier: Tier): string {
  return tier === 'destructive' ? `${description} ${DESTRUCTIVE_NOTE}` : description;
}

/** Collects arguments, refusing duplicates so every argument maps back to exactly one place. */
class ArgumentLayout {
  private readonly properties: JsonObject = {};
  private readonly required: string[] = [];

  has(name: string): boolean {
    return name in this.properties;
  }

  add(name: string, schema: JsonObject, required: boolean): string {
    if (this.has(name)) throw new Error(`two arguments would be named "${name}"`);
    this.properties[name] = schema;
    if (required) this.required.push(name);
    return name;
  }

  schema(): JsonObject {
    const schema: JsonObject = { type: 'object', properties: this.properties };
    if (this.required.length > 0) schema.required = [...this.required];
    schema.additionalProperties = false;
    return schema;
  }
}

function argName(wireName: string): string {
  if (ARG_NAME.test(wireName)) return wireName;
  const cleaned = wireName.replace(/[^a-zA-Z0-9_.-]+/g, '_').slice(0, 64);
  if (!cleaned) throw new Error(`parameter "${wireName}" has no usable argument name`);
  return cleaned;
}

function withDescription(schema: JsonObject, description: unknown): JsonObject {
  return typeof description === 'string' ? { ...schema, description } : schema;
}

function fixedValue(schema: JsonObject, components: ComponentStore, name: string): string {
  const resolved = components.resolve(schema);
  const value = resolved.default ?? resolved.const ?? (Array.isArray(resolved.enum) ? resolved.enum[0] : undefined);
  if (typeof value !== 'string') throw new Error(`header ${name} has no fixed value`);
  return value;
}

function bodyBinding(facts: OperationFacts, components: ComponentStore, layout: ArgumentLayout): BodyBinding | undefined {
  const requestBody = facts.operation.requestBody;
  if (!isObject(requestBody) || !isObject(requestBody.content)) return undefined;
  const [mediaType, media] = Object.entries(requestBody.content)[0] ?? [];
  if (mediaType === undefined || !isObject(media)) return undefined;
  const schema = isObject(media.schema) ? media.schema : {};
  const required = requestBody.required === true;
  if (mediaType === 'multipart/form-data') return multipartBinding(facts.path, schema, components, layout, required);
  const wholeBodyArg = () => layout.add(layout.has(BODY_ARG) ? 'request_body' : BODY_ARG, schema, required);
  if (!isJsonMediaType(mediaType)) return { kind: 'arg', arg: wholeBodyArg(), encoding: 'ndjson' };
  const shape = flatObjectShape(schema, components);
  if (shape && Object.keys(shape.properties).every((name) => ARG_NAME.test(name) && !layout.has(name))) {
    const fields: Record<string, string> = {};
    for (const [name, property] of Object.entries(shape.properties)) {
      // The body is always sent, so its required properties are required arguments even where
      // the spec forgets to mark the body itself required.
      fields[layout.add(name, property, shape.required.includes(name))] = name;
    }
    return { kind: 'fields', fields };
  }
  return { kind: 'arg', arg: wholeBodyArg(), encoding: 'json' };
}

interface ObjectShape {
  properties: Record<string, JsonObject>;
  required: string[];
}

/**
 * The properties of a body that is one plain object (a component reference or an `allOf` of
 * objects is merged); undefined for unions, arrays, maps and objects without properties.
 */
export function flatObjectShape(schema: JsonObject, components: ComponentStore): ObjectShape | undefined {
  const resolved = components.resolve(schema);
  if (resolved.oneOf || resolved.anyOf || resolved.not || isObject(resolved.additionalProperties)) return undefined;
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (resolved.type !== undefined && !(types.length === 1 && types[0] === 'object')) return undefined;
  const shape: ObjectShape = { properties: {}, required: [] };
  for (const part of Array.isArray(resolved.allOf) ? resolved.allOf.filter(isObject) : []) {
    const inner = flatObjectShape(part, components);
    if (!inner) return undefined;
    Object.assign(shape.properties, inner.properties);
    shape.required.push(...inner.required);
  }
  if (isObject(resolved.properties)) {
    for (const [name, property] of Object.entries(resolved.properties)) if (isObject(property)) shape.properties[name] = property;
  }
  if (Array.isArray(resolved.required)) shape.required.push(...resolved.required.map(String));
  return Object.keys(shape.properties).length > 0 ? shape : undefined;
}

function multipartBinding(path: string, schema: JsonObject, components: ComponentStore, layout: ArgumentLayout, required: boolean): BodyBinding {
  const shape = flatObjectShape(schema, components);
  if (!shape) throw new Error('multipart body without named parts');
  const parts: MultipartBinding[] = [];
  for (const [field, property] of Object.entries(shape.properties)) {
    const resolved = components.resolve(property);
    const file = isFilePart(field, resolved);
    const partRequired = shape.required.includes(field) || (required && file);
    if (file && IMPORT_PATH.test(path)) {
      const items = { type: 'object' };
      const arg = layout.add(OBJECTS_ARG, withDescription({ type: 'array', items }, property.description ?? 'The objects to import, as JSON objects (sent as an ndjson file).'), partRequired);
      parts.push({ arg, field, as: 'ndjson-file', filename: 'import.ndjson' });
    } else if (file) {
      const arg = layout.add(argName(field), withDescription({ type: 'string' }, property.description ?? 'The file content, as text.'), partRequired);
      parts.push({ arg, field, as: 'text', filename: field });
    } else {
      const arg = layout.add(argName(field), property, partRequired);
      parts.push({ arg, field, as: resolved.type === 'string' ? 'text' : 'json' });
    }
  }
  return { kind: 'multipart', parts };
}

/** A part that carries a file: `format: binary`, no type at all, or a `file` typed as a bare object (saved objects `_import`). */
function isFilePart(field: string, schema: JsonObject): boolean {
  if (schema.format === 'binary') return true;
  if (schema.properties || schema.oneOf || schema.anyOf || schema.allOf) return false;
  return schema.type === undefined || (field === 'file' && schema.type === 'object');
}
