// Request validation against openapi/facts/kibana-8.18.yaml (the 8.x facts), reported the way Kibana reports it:
// `[request body.name]: expected value of type [string] but got [number]`.

import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { badRequest } from './errors.js';
import { parseJsonOrText } from './json.js';

const SPEC_FILE = new URL('../../openapi/facts/kibana-8.18.yaml', import.meta.url);
const SPEC_ID = 'kibana.yaml';

type JsonObject = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

/**
 * Parameters the spec gets wrong: `include_authorized_purposes` is a `oneOf` of two booleans
 * (so `false` matches twice and fails) and is marked required, though Kibana defaults it.
 */
const PARAMETER_OVERRIDES: Record<string, Record<string, { schema: JsonObject; required: boolean }>> = {
  'GET /api/spaces/space': { include_authorized_purposes: { schema: { type: 'boolean' }, required: false } },
};

export interface OperationValidator {
  /** Decodes and validates the query string; returns the typed values (defaults applied). */
  query(search: URLSearchParams): Record<string, unknown>;
  /** Validates (and fills defaults into) a parsed body. */
  body(value: unknown): void;
}

export class RequestValidator {
  private readonly document: JsonObject;
  private readonly bodies = newAjv(false);
  private readonly queries = newAjv(true);
  private readonly operations = new Map<string, OperationValidator | undefined>();

  constructor(document: JsonObject) {
    this.document = document;
    const schema = { ...(asKibanaUnions(document) as JsonObject), $id: SPEC_ID };
    this.bodies.addSchema(schema);
    this.queries.addSchema(schema);
  }

  /** The validator of `METHOD path` as keyed in the spec, or undefined when the spec lacks it. */
  forOperation(method: string, specPath: string): OperationValidator | undefined {
    const key = `${method} ${specPath}`;
    if (!this.operations.has(key)) this.operations.set(key, this.compile(method, specPath));
    return this.operations.get(key);
  }

  private compile(method: string, specPath: string): OperationValidator | undefined {
    const paths = this.document.paths as Record<string, Record<string, JsonObject>>;
    const operation = paths[specPath]?.[method.toLowerCase()];
    if (!operation) return undefined;
    const pointer = `${SPEC_ID}#/paths/${escapePointer(specPath)}/${method.toLowerCase()}`;
    const overrides = PARAMETER_OVERRIDES[`${method} ${specPath}`] ?? {};

    const properties: Record<string, JsonObject> = {};
    const required: string[] = [];
    const shapes = new Map<string, Set<string>>();
    ((operation.parameters ?? []) as Parameter[]).forEach((parameter, index) => {
      if (parameter.in !== 'query') return;
      const override = overrides[parameter.name];
      properties[parameter.name] = override?.schema ?? { $ref: `${pointer}/parameters/${index}/schema` };
      shapes.set(parameter.name, jsonTypes(override?.schema ?? parameter.schema ?? {}, this.document));
      if (override ? override.required : parameter.required) required.push(parameter.name);
    });
    const queryValidator = this.queries.compile({ type: 'object', properties, required, additionalProperties: false });

    const requestBody = operation.requestBody as { required?: boolean; content?: Record<string, { schema?: unknown }> } | undefined;
    const mediaType = Object.entries(requestBody?.content ?? {}).find(([, media]) => media.schema !== undefined)?.[0];
    const bodyValidator =
      mediaType === undefined
        ? undefined
        : this.bodies.compile({ $ref: `${pointer}/requestBody/content/${escapePointer(mediaType)}/schema` });

    return {
      query: (search) => {
        const values = decodeQuery(search, shapes);
        check(queryValidator, values, 'request query', this.document);
        return values;
      },
      body: (value) => {
        if (value === undefined) {
          // The spec often forgets `required` on bodies whose schema has required fields; Kibana still wants them.
          const wantsBody = requestBody?.required === true || (bodyValidator !== undefined && !bodyValidator({}));
          if (wantsBody) throw badRequest('[request body]: expected value of type [object] but got [undefined]');
          return;
        }
        if (bodyValidator) check(bodyValidator, value, 'request body', this.document);
      },
    };
  }
}

let loaded: RequestValidator | undefined;

/** Reads and parses the spec once per process. */
export function requestValidator(): RequestValidator {
  loaded ??= new RequestValidator(parse(readFileSync(SPEC_FILE, 'utf8')) as JsonObject);
  return loaded;
}

function newAjv(coerce: boolean): Ajv {
  return new Ajv({
    strict: false,
    allErrors: false,
    verbose: true,
    useDefaults: true,
    validateSchema: false,
    validateFormats: false,
    coerceTypes: coerce,
  });
}

/**
 * Kibana's `schema.oneOf` accepts a value when any alternative does (it tries them in order),
 * while JSON Schema's `oneOf` rejects a value two alternatives accept, which all-optional
 * alternatives such as connector configs always do. Validate every `oneOf` as an `anyOf`.
 */
function asKibanaUnions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asKibanaUnions);
  if (node === null || typeof node !== 'object') return node;
  const { oneOf, ...rest } = node as JsonObject;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, asKibanaUnions(value)]));
  if (oneOf === undefined) return converted;
  return { ...converted, allOf: [...((converted.allOf as unknown[] | undefined) ?? []), { anyOf: asKibanaUnions(oneOf) }] };
}

const escapePointer = (segment: string): string => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

/**
 * Query strings carry only text. Arrays repeat the key, objects travel as JSON (the MCP client's
 * rules, which Kibana accepts); numbers and booleans are left to Ajv's type coercion.
 */
function decodeQuery(search: URLSearchParams, shapes: Map<string, Set<string>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const raw = search.getAll(name);
    const types = shapes.get(name) ?? new Set<string>();
    const decoded = types.has('object') ? raw.map(parseJsonOrText) : raw;
    const arrayOnly = types.has('array') && !['string', 'object', 'number', 'integer', 'boolean'].some((t) => types.has(t));
    values[name] = decoded.length > 1 || arrayOnly ? decoded : decoded[0];
  }
  return values;
}

/** The JSON types a schema admits, looking through `$ref`s and combinators. */
function jsonTypes(schema: JsonObject, document: JsonObject, seen = new Set<string>()): Set<string> {
  const types = new Set<string>();
  const ref = schema.$ref;
  if (typeof ref === 'string' && !seen.has(ref)) {
    seen.add(ref);
    const target = ref
      .replace(/^[^#]*#\//, '')
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], document);
    for (const type of jsonTypes((target ?? {}) as JsonObject, document, seen)) types.add(type);
  }
  for (const type of [schema.type].flat()) if (typeof type === 'string') types.add(type);
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    for (const branch of (schema[key] ?? []) as JsonObject[]) for (const type of jsonTypes(branch, document, seen)) types.add(type);
  }
  return types;
}

function check(validate: ValidateFunction, value: unknown, where: string, document: JsonObject): void {
  if (validate(value)) return;
  throw badRequest(describe(mostSpecific(validate.errors ?? []), where, document));
}

/** Ajv lists every failing branch of a oneOf/anyOf: the deepest one names the field best. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, error) => (fieldPath(error).length > fieldPath(best).length ? error : best));
}

function fieldPath(error: ErrorObject): string[] {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const key = params.missingProperty ?? params.additionalProperty;
  return key === undefined ? path : [...path, key];
}

function describe(error: ErrorObject, where: string, document: JsonObject): string {
  const label = `[${[where, ...fieldPath(error)].join('.')}]`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `${label}: expected value of type [${[params.type].flat().join(' | ')}] but got [${typeName(error.data)}]`;
    case 'required': {
      const declared = (error.parentSchema?.properties as Record<string, JsonObject> | undefined)?.[String(params.missingProperty)];
      const types = [...jsonTypes(declared ?? {}, document)];
      return types.length > 0
        ? `${label}: expected value of type [${types.join(' | ')}] but got [undefined]`
        : `${label}: expected value but got [undefined]`;
    }
    case 'additionalProperties':
      return `${label}: definition for this key is missing`;
    case 'enum':
      return `${label}: expected one of [${(params.allowedValues as unknown[]).join('|')}] but got [${String(error.data)}]`;
    default:
      return `${label}: ${error.message ?? 'is invalid'}`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  return typeof value;
}
