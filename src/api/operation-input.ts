// What call_kibana_api takes for one operation, as one JSON Schema object: `path_params`, `query` and
// `body`, with component references. describe_kibana_api shows it depth-limited; call_kibana_api
// validates against it whole. The same rules as the curated tools: a query parameter standing for the
// whole query string gives its properties; a free-form object filter takes one object or several;
// string parameters also take numbers and booleans (they travel as text); a JSON body on POST, PUT and
// PATCH is required unless it may be null; a multipart body is an object of parts, its files as text
// or as an array of objects sent as ndjson lines.
import type { CatalogueOperation, CatalogueParameter } from '../catalogue/model.js';
import type { HttpMethod } from '../kibana/http.js';
import type { ComponentStore } from '../schema/components.js';
import { admitsNull, isFreeFormObject, isStringTyped, type ObjectShape } from '../schema/kinds.js';
import { typesOf, type Schema } from '../schema/schema.js';

export type BodyEncoding = 'json' | 'ndjson' | 'multipart';

export interface OperationInput {
  /** The root object: `path_params`, `query` and `body` as the operation takes them. */
  schema: Schema;
  /** Query parameters whose values travel as text: numbers and booleans given for them are checked as their text. */
  textQuery: ReadonlySet<string>;
  /** Headers the server sends with every call of the operation (`elastic-api-version`). */
  headers: Record<string, string>;
  /** Header parameters the call cannot send (no fixed value): said by describe, never silently dropped. */
  unsentHeaders: string[];
  /** The parts of a multipart body that are files. */
  fileParts: ReadonlySet<string>;
  body?: { mediaType: string; encoding: BodyEncoding; required: boolean };
}

/** The query parameter that stands for the whole query string: its properties are the real parameters. */
const WHOLE_QUERY = 'query';
const BODY_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH']);
const FILE_PART: Schema = {
  type: ['string', 'array'],
  items: { type: 'object' },
  description: 'The file: its text, or an array of objects sent as ndjson lines.',
};

export function operationInput(operation: CatalogueOperation, components: ComponentStore): OperationInput {
  if (operation.schemaless) return schemalessInput(operation);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const pathParams = operation.parameters.filter((param) => param.in === 'path');
  if (pathParams.length > 0) properties.path_params = objectOf(pathParams.map((param) => [param.name, param.schema, true]));
  const query = queryParameters(operation.parameters, components);
  if (query.length > 0) {
    properties.query = objectOf(query.map(({ name, schema, required: needed }) => [name, schema, needed]));
    if (query.some((param) => param.required)) required.push('query');
  }
  const input: OperationInput = {
    schema: {},
    textQuery: new Set(query.filter(({ schema }) => isStringTyped(schema, components)).map(({ name }) => name)),
    ...fixedHeaders(operation.parameters, components),
    fileParts: new Set(),
  };
  if (operation.body) {
    const { mediaType, schema } = operation.body;
    const encoding = encodingOf(mediaType);
    const bodyRequired =
      operation.body.required || (encoding === 'json' && BODY_METHODS.has(operation.method) && !admitsNull(schema, components));
    if (encoding === 'multipart') {
      const multipart = multipartSchema(schema, components);
      properties.body = multipart.schema;
      input.fileParts = multipart.files;
    } else properties.body = schema;
    if (bodyRequired) required.push('body');
    input.body = { mediaType, encoding, required: bodyRequired };
  }
  input.schema = { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
  return input;
}

/** An operation known only by method and path: its path parameters are text, and nothing else is known to check. */
function schemalessInput(operation: CatalogueOperation): OperationInput {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const properties: Record<string, Schema> = {};
  if (names.length > 0) properties.path_params = objectOf(names.map((name) => [name, { type: 'string' }, true]));
  properties.query = { type: 'object' };
  properties.body = {};
  return {
    schema: { type: 'object', properties, additionalProperties: false },
    textQuery: new Set(),
    headers: {},
    unsentHeaders: [],
    fileParts: new Set(),
  };
}

function objectOf(entries: Array<[string, Schema, boolean]>): Schema {
  const required = entries.filter(([, , needed]) => needed).map(([name]) => name);
  return {
    type: 'object',
    properties: Object.fromEntries(entries.map(([name, schema]) => [name, schema])),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

interface QueryParameter {
  name: string;
  schema: Schema;
  required: boolean;
}

function queryParameters(parameters: readonly CatalogueParameter[], components: ComponentStore): QueryParameter[] {
  return parameters
    .filter((param) => param.in === 'query')
    .flatMap((param): QueryParameter[] => {
      const whole = param.name === WHOLE_QUERY ? objectShape(param.schema, components) : undefined;
      if (whole) {
        return Object.entries(whole.properties).map(([name, schema]) => ({
          name,
          schema,
          required: param.required && whole.required.includes(name),
        }));
      }
      const schema = isFreeFormObject(param.schema, components)
        ? { anyOf: [param.schema, { type: 'array', items: param.schema }] }
        : param.schema;
      return [{ name: param.name, schema: schema as Schema, required: param.required }];
    });
}

function fixedHeaders(
  parameters: readonly CatalogueParameter[],
  components: ComponentStore,
): Pick<OperationInput, 'headers' | 'unsentHeaders'> {
  const headers: Record<string, string> = {};
  const unsentHeaders: string[] = [];
  for (const param of parameters.filter((each) => each.in === 'header')) {
    const value = fixedValue(components.resolve(param.schema));
    if (value === undefined) unsentHeaders.push(param.name);
    else headers[param.name] = value;
  }
  return { headers, unsentHeaders };
}

function fixedValue(schema: Schema): string | undefined {
  const value = 'const' in schema ? schema.const : schema.enum?.length === 1 ? schema.enum[0] : schema.default;
  return typeof value === 'string' ? value : undefined;
}

function encodingOf(mediaType: string): BodyEncoding {
  if (mediaType === 'multipart/form-data') return 'multipart';
  return mediaType.includes('ndjson') ? 'ndjson' : 'json';
}

/** A multipart body as one object of parts (`allOf` parts merged), its file parts as FILE_PART. */
function multipartSchema(schema: Schema, components: ComponentStore): { schema: Schema; files: Set<string> } {
  const shape = objectShape(schema, components);
  if (!shape) return { schema, files: new Set() };
  const files = new Set(Object.keys(shape.properties).filter((name) => isFilePart(components.resolve(shape.properties[name]!))));
  const properties = Object.fromEntries(Object.entries(shape.properties).map(([name, part]) => [name, files.has(name) ? FILE_PART : part]));
  return { schema: { type: 'object', properties, ...(shape.required.length > 0 ? { required: shape.required } : {}) }, files };
}

/** A part Kibana reads as a file: binary, or a stream the spec types as any value or as an object without properties. */
export function isFilePart(schema: Schema): boolean {
  if (schema.format === 'binary') return true;
  const types = typesOf(schema);
  return (
    !schema.properties &&
    !schema.anyOf &&
    !schema.oneOf &&
    !schema.allOf &&
    (types.length === 0 || (types.length === 1 && types[0] === 'object'))
  );
}

/** The properties and required names of an object schema, `allOf` parts merged; undefined for anything else. */
export function objectShape(schema: Schema, components: ComponentStore): ObjectShape | undefined {
  const resolved = components.resolve(schema);
  if (resolved.properties) return { properties: { ...resolved.properties }, required: [...(resolved.required ?? [])] };
  if (!resolved.allOf) return undefined;
  const parts = resolved.allOf.map((part) => objectShape(part, components));
  if (parts.some((part) => part === undefined)) return undefined;
  return {
    properties: Object.assign({}, ...parts.map((part) => part!.properties)),
    required: [...new Set(parts.flatMap((part) => part!.required))],
  };
}
