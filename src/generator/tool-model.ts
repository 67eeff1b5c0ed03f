// THE converter from an operation's facts to a tool: its arguments as one JSON Schema object
// (full, with component references), how each argument maps back onto the request, and the
// tool's tier and annotations. The emitters start from this model, so the rules for parameters,
// bodies, names and spaces live here.
//
// Argument layout: path, query and non-transport header parameters are flat arguments (an
// object parameter standing for the whole query string gives one argument per property). A JSON
// body whose top level is an object is flattened into arguments too, unless a property name
// clashes with a parameter or `space_id` (e.g. `PUT /api/spaces/space/{id}`) or the body is a
// union, an array or a map: then the whole body is the one argument `body`. Multipart import
// files become an `objects` array that the request builder turns into an ndjson file part.
import { operationEffect } from '../kibana/operations.js';
import { isSpaceAwarePath, splitSpaceParameter, SPACE_ID_SOURCE } from '../kibana/spaces.js';
import { isJsonMediaType } from '../openapi/media-type.js';
import { API_VERSION_HEADER, type Operation, type Parameter, type RequestBody, type Response } from '../openapi/model.js';
import type { ComponentStore } from '../schema/components.js';
import { admitsNull, isFreeFormObject, isStringTyped, type ObjectShape } from '../schema/kinds.js';
import { typesOf, type Schema } from '../schema/schema.js';
import {
  SPACE_ARG,
  type BodyBinding,
  type HttpMethod,
  type MultipartBinding,
  type ParamBinding,
  type RequestMapping,
  type Tier,
  type ToolAnnotations,
  type ToolSpec,
} from '../tools/spec.js';
import { argumentName } from './argument-names.js';
import type { ToolEntry } from './toolsets.js';
import { assertFullIsFree, writeAnswerOf } from './write-answer.js';

/** A ToolSpec before emission: its input is still one full JSON Schema, not yet advertised. */
export type ToolModel = Omit<ToolSpec, 'inputSchema' | 'validator' | 'tokens'> & {
  /** Root `type: object` schema of all arguments; may refer to `#/components/schemas/*`. */
  input: Schema;
  /** String-typed path and query arguments that also accept numbers and booleans (they travel as text anyway). */
  textArgs: string[];
};

export const DESTRUCTIVE_NOTE = 'The server asks the user to confirm this call when the client supports it.';
/** What an omitted space_id means is said once, in the server's instructions, not in every tool. */
const SPACE_SCHEMA: Schema = { type: 'string', pattern: SPACE_ID_SOURCE };
const BODY_ARG = 'body';
const JSON_MEDIA_TYPE = 'application/json';
const OBJECTS_ARG = 'objects';
const IMPORT_PATH = /\/_(import|resolve_import_errors)$/;
/**
 * The Security solution's specs declare a route's whole query schema as one object parameter
 * named `query`; its properties are the real query parameters (`?agent_ids=a&agent_ids=b`).
 * Other object parameters (`has_reference`) are one parameter whose value Kibana reads as JSON.
 */
const WHOLE_QUERY = 'query';
/** Methods whose body is always sent, so a whole-body argument is required unless it may be null. */
const BODY_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH']);
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

export function buildToolModel(operation: Operation, entry: ToolEntry, components: ComponentStore): ToolModel {
  const { method } = operation;
  // SLO paths name their space in the path; the tool takes space_id and the client adds `/s/{space}`.
  const explicitSpace = splitSpaceParameter(operation.path);
  const path = explicitSpace ? explicitSpace.rest : operation.path;
  const spaceAware = isSpaceAwarePath(operation.path);
  const layout = new ArgumentLayout(entry.rename);
  const request: RequestMapping = { method, path, params: [] };
  const headers: Record<string, string> = {};

  for (const param of operation.parameters) {
    if (explicitSpace && param.in === 'path' && param.name === explicitSpace.parameter) continue;
    if (param.in === 'header' && param.name === API_VERSION_HEADER) headers[param.name] = fixedValue(param.schema, components, param.name);
    else if (!(param.in === 'query' && entry.omit.includes(param.name) && !param.required))
      request.params.push(...parameterArguments(param, components, layout));
  }
  if (spaceAware) layout.add(SPACE_ARG, SPACE_SCHEMA, false);

  const body = operation.requestBody && bodyBinding(operation, operation.requestBody, entry, components, layout);
  if (body) request.body = body;
  if (Object.keys(headers).length > 0) request.headers = headers;
  const accept = acceptOf(operation.responses);
  if (accept !== undefined) request.accept = accept;

  const tier: Tier = entry.tier ?? (entry.readOnly ? 'read' : operationEffect(method, operation.path));
  const annotations: ToolAnnotations = {
    title: entry.title,
    readOnlyHint: tier === 'read',
    destructiveHint: tier === 'destructive' || entry.destructiveHint,
    idempotentHint: entry.idempotent ?? (tier === 'read' || IDEMPOTENT_METHODS.has(method)),
    openWorldHint: entry.openWorld,
  };
  const operationRef: ToolModel['operation'] = { method, path: operation.path };
  if (operation.operationId !== undefined) operationRef.operationId = operation.operationId;
  const input = layout.schema();
  const writeAnswer = writeAnswerOf(entry, tier, `${method} ${operation.path}`);
  assertFullIsFree(input, writeAnswer, `${method} ${operation.path}`);
  const model: ToolModel = {
    name: entry.name,
    toolset: entry.toolset,
    tier,
    description: entry.description,
    annotations,
    spaceAware,
    input,
    textArgs: layout.textArgs(),
    request,
    operation: operationRef,
    versions: operation.versions ?? {},
  };
  if (writeAnswer) model.writeAnswer = writeAnswer;
  return model;
}

/**
 * What the request accepts: the media types of the operation's success responses, then JSON (Kibana's
 * errors are JSON). Undefined when that is JSON alone, the client's default.
 */
function acceptOf(responses: Response[]): string | undefined {
  const success = responses.filter(({ status }) => status.startsWith('2')).flatMap(({ mediaTypes }) => mediaTypes);
  const types = [...new Set([...success.filter((type) => type !== JSON_MEDIA_TYPE), JSON_MEDIA_TYPE])];
  return types.length > 1 ? types.join(', ') : undefined;
}

/** The description as the agent sees it: destructive tools end with the confirmation note. */
export function finalDescription(description: string, tier: Tier): string {
  return tier === 'destructive' ? `${description} ${DESTRUCTIVE_NOTE}` : description;
}

/** Collects arguments under their names (see argument-names.ts), refusing duplicates so every argument maps back to exactly one place. */
class ArgumentLayout {
  private readonly properties: Record<string, Schema> = {};
  private readonly required: string[] = [];
  private readonly text: string[] = [];

  constructor(private readonly renames: Readonly<Record<string, string>>) {}

  /** The argument name of a wire name. */
  nameOf(wireName: string): string {
    return argumentName(wireName, this.renames);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.properties, name);
  }

  /** Whether these wire names can all become arguments beside the ones collected so far (no two sharing a name). */
  fitsFlat(wireNames: string[]): boolean {
    const names = wireNames.map((wire) => {
      try {
        return this.nameOf(wire);
      } catch {
        return undefined;
      }
    });
    return names.every((name) => name !== undefined && !this.has(name)) && new Set(names).size === names.length;
  }

  add(name: string, schema: Schema, required: boolean, asText = false): string {
    if (this.has(name)) throw new Error(`two arguments would be named "${name}"`);
    this.properties[name] = schema;
    if (required) this.required.push(name);
    if (asText) this.text.push(name);
    return name;
  }

  textArgs(): string[] {
    return [...this.text];
  }

  schema(): Schema {
    const schema: Schema = { type: 'object', properties: this.properties };
    if (this.required.length > 0) schema.required = [...this.required];
    schema.additionalProperties = false;
    return schema;
  }
}

/** The arguments of one parameter: usually one, one per property for a whole-query object. */
function parameterArguments(param: Parameter, components: ComponentStore, layout: ArgumentLayout): ParamBinding[] {
  const query = wholeQueryShape(param, components);
  if (query) {
    return Object.entries(query.properties).map(([name, schema]) => {
      const arg = layout.add(
        layout.nameOf(name),
        schema,
        param.required && query.required.includes(name),
        isStringTyped(schema, components),
      );
      return { arg, name, in: 'query' };
    });
  }
  const schema = param.in === 'query' && isFreeFormObject(param.schema, components) ? objectOrList(param.schema) : param.schema;
  const asText = param.in !== 'header' && isStringTyped(schema, components);
  const arg = layout.add(layout.nameOf(param.name), withDescription(schema, param.description), param.required, asText);
  return [{ arg, name: param.name, in: param.in }];
}

/** The properties of a parameter that stands for the route's whole query string (see WHOLE_QUERY). */
export function wholeQueryShape(param: Parameter, components: ComponentStore): ObjectShape | undefined {
  if (param.in !== 'query' || param.name !== WHOLE_QUERY) return undefined;
  return flatObjectShape(param.schema, components);
}

/** A free-form object filter (saved objects `has_reference`) takes one object or several; each travels JSON-encoded under the repeated key. */
function objectOrList(schema: Schema): Schema {
  return { anyOf: [schema, { type: 'array', items: schema }] };
}

function withDescription(schema: Schema, description: string | undefined): Schema {
  return description === undefined ? schema : { ...schema, description };
}

function fixedValue(schema: Schema, components: ComponentStore, name: string): string {
  const resolved = components.resolve(schema);
  const value = resolved.default ?? resolved.const ?? resolved.enum?.[0];
  if (typeof value !== 'string') throw new Error(`header ${name} has no fixed value`);
  return value;
}

function bodyBinding(
  operation: Operation,
  requestBody: RequestBody,
  entry: ToolEntry,
  components: ComponentStore,
  layout: ArgumentLayout,
): BodyBinding {
  const { mediaType, schema } = requestBody;
  if (mediaType === 'multipart/form-data') return multipartBinding(operation.path, schema, components, layout, requestBody.required);
  const json = isJsonMediaType(mediaType);
  const shape = json ? flatObjectShape(schema, components) : undefined;
  if (shape && layout.fitsFlat(Object.keys(shape.properties))) return fieldsBinding(shape, entry.omit, layout);
  const omitted = entry.omit.filter((name) => shape?.properties[name]);
  if (omitted.length > 0) throw new Error(`omit: ${omitted.join(', ')} belong to a body sent as one argument`);
  // A nullable body (Kibana's `schema.nullable`) may be left out; others are sent on these methods whatever the spec says.
  const required = requestBody.required || (BODY_METHODS.has(operation.method) && !admitsNull(schema, components));
  // The team's descriptions of the body's properties are stored on the request body (see curate.ts).
  const arg = layout.add(layout.has(BODY_ARG) ? 'request_body' : BODY_ARG, withDescription(schema, requestBody.description), required);
  return { kind: 'arg', arg, encoding: json ? 'json' : 'ndjson' };
}

/**
 * The body is always sent, so its required properties are required arguments even where the
 * spec forgets to mark the body itself required. Omitted properties are optional ones only.
 */
function fieldsBinding(shape: ObjectShape, omit: string[], layout: ArgumentLayout): BodyBinding {
  const fields: Record<string, string> = {};
  for (const [name, property] of Object.entries(shape.properties)) {
    const required = shape.required.includes(name);
    if (!required && omit.includes(name)) continue;
    fields[layout.add(layout.nameOf(name), property, required)] = name;
  }
  return { kind: 'fields', fields };
}

/**
 * The properties of a body that is one plain object (a component reference or an `allOf` of
 * objects is merged); undefined for unions, arrays, maps and objects without properties.
 */
export function flatObjectShape(schema: Schema, components: ComponentStore): ObjectShape | undefined {
  const resolved = components.resolve(schema);
  if (resolved.oneOf || resolved.anyOf || resolved.not || resolved.additionalProperties) return undefined;
  const types = typesOf(resolved);
  if (resolved.type !== undefined && !(types.length === 1 && types[0] === 'object')) return undefined;
  const shape: ObjectShape = { properties: {}, required: [] };
  for (const part of resolved.allOf ?? []) {
    const inner = flatObjectShape(part, components);
    if (!inner) return undefined;
    Object.assign(shape.properties, inner.properties);
    shape.required.push(...inner.required);
  }
  Object.assign(shape.properties, resolved.properties);
  shape.required.push(...(resolved.required ?? []));
  return Object.keys(shape.properties).length > 0 ? shape : undefined;
}

function multipartBinding(
  path: string,
  schema: Schema,
  components: ComponentStore,
  layout: ArgumentLayout,
  required: boolean,
): BodyBinding {
  const shape = flatObjectShape(schema, components);
  if (!shape) throw new Error('multipart body without named parts');
  const parts: MultipartBinding[] = [];
  for (const [field, property] of Object.entries(shape.properties)) {
    const resolved = components.resolve(property);
    const file = isFilePart(field, resolved);
    const partRequired = shape.required.includes(field) || (required && file);
    if (file && IMPORT_PATH.test(path)) {
      const objects: Schema = { type: 'array', items: { type: 'object' } };
      const description = property.description ?? 'The objects to import, as JSON objects (sent as an ndjson file).';
      const arg = layout.add(OBJECTS_ARG, withDescription(objects, description), partRequired);
      parts.push({ arg, field, as: 'ndjson-file', filename: 'import.ndjson' });
    } else if (file) {
      const text = withDescription({ type: 'string' }, property.description ?? 'The file content, as text.');
      parts.push({ arg: layout.add(layout.nameOf(field), text, partRequired), field, as: 'text', filename: field });
    } else {
      const arg = layout.add(layout.nameOf(field), property, partRequired);
      parts.push({ arg, field, as: resolved.type === 'string' ? 'text' : 'json' });
    }
  }
  return { kind: 'multipart', parts };
}

/** A part that carries a file: `format: binary`, no type at all, or a `file` typed as a bare object (saved objects `_import`). */
function isFilePart(field: string, schema: Schema): boolean {
  if (schema.format === 'binary') return true;
  if (schema.properties || schema.oneOf || schema.anyOf || schema.allOf) return false;
  return schema.type === undefined || (field === 'file' && schema.type === 'object');
}
