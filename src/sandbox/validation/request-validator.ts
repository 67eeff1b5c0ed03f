// Request validation, reported the way Kibana reports it. Two sources, in this order:
// 1. the shipped spec facts of the sandbox's Kibana version (`openapi/facts/`), for the operations they hold;
// 2. the route's own schema (`Route.schema`), for simulated operations the facts lack; a route
//    without one takes no query parameters.

import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { isAtLeast } from '../../kibana/versions.js';
import { badRequest } from '../http/errors.js';
import { parseJsonOrText } from '../http/json.js';
import type { Route } from '../http/route.js';
import type { JsonSchema } from './json-schema.js';
import { describeError, jsonTypes, mostSpecific } from './messages.js';

const SPEC_ID = 'kibana.yaml';

type JsonObject = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

type ParameterOverrides = Record<string, { schema: JsonObject; required: boolean } | { replaces: string; schema: JsonObject }>;

/**
 * Parameters the spec gets wrong. `include_authorized_purposes` is a `oneOf` of two booleans (so
 * `false` matches twice and fails) and is marked required, though Kibana defaults it. The endpoint
 * status routes declare one required object parameter named `query` where Kibana reads plain
 * `agent_ids` and `agentId` parameters (as the tools send them).
 */
const PARAMETER_OVERRIDES: Record<string, ParameterOverrides> = {
  'GET /api/spaces/space': { include_authorized_purposes: { schema: { type: 'boolean' }, required: false } },
  'GET /api/endpoint/action_status': {
    agent_ids: { replaces: 'query', schema: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] } },
  },
  'GET /api/endpoint/policy_response': { agentId: { replaces: 'query', schema: { type: 'string' } } },
};

export interface OperationValidator {
  /** Decodes and validates the query string; returns the typed values (defaults applied). */
  query(search: URLSearchParams): Record<string, unknown>;
  /** Validates (and fills defaults into) a parsed body. */
  body(value: unknown): void;
}

/** The facts file for a Kibana version: the 8.x spec's before 9.0, the 9.x spec's from then on. */
export function factsFileFor(version: string): URL {
  const spec = isAtLeast(version, '9.0.0') ? 'kibana-9.3' : 'kibana-8.18';
  return new URL(`../../../openapi/facts/${spec}.yaml`, import.meta.url);
}

export class RequestValidator {
  private readonly document: JsonObject;
  private readonly bodies = newAjv(false);
  private readonly queries = newAjv(true);
  private readonly operations = new Map<string, OperationValidator | undefined>();
  private readonly routeValidators = new WeakMap<Route, OperationValidator>();

  constructor(document: JsonObject) {
    this.document = document;
    const schema = { ...(asKibanaUnions(document) as JsonObject), $id: SPEC_ID };
    this.bodies.addSchema(schema);
    this.queries.addSchema(schema);
  }

  /** The validator of a route: from the facts when they hold its operation, else from its own schema. */
  forRoute(route: Route): OperationValidator {
    let validator = this.routeValidators.get(route);
    if (!validator) {
      validator = this.forOperation(route.method, route.specPath ?? route.path) ?? this.compileOwn(route.schema ?? {});
      this.routeValidators.set(route, validator);
    }
    return validator;
  }

  /** The validator of `METHOD path` as keyed in the facts, or undefined when they lack it. */
  forOperation(method: string, specPath: string): OperationValidator | undefined {
    const key = `${method} ${specPath}`;
    if (!this.operations.has(key)) this.operations.set(key, this.compileFromFacts(method, specPath));
    return this.operations.get(key);
  }

  private compileFromFacts(method: string, specPath: string): OperationValidator | undefined {
    const paths = this.document.paths as Record<string, Record<string, JsonObject>>;
    const operation = paths[specPath]?.[method.toLowerCase()];
    if (!operation) return undefined;
    const pointer = `${SPEC_ID}#/paths/${escapePointer(specPath)}/${method.toLowerCase()}`;
    const overrides = PARAMETER_OVERRIDES[`${method} ${specPath}`] ?? {};
    const replaced = new Set(Object.values(overrides).flatMap((override) => ('replaces' in override ? [override.replaces] : [])));

    const properties: Record<string, JsonObject> = {};
    const required: string[] = [];
    ((operation.parameters ?? []) as Parameter[]).forEach((parameter, index) => {
      if (parameter.in !== 'query' || replaced.has(parameter.name)) return;
      const override = overrides[parameter.name];
      properties[parameter.name] = override?.schema ?? { $ref: `${pointer}/parameters/${index}/schema` };
      if (override && 'required' in override ? override.required : parameter.required) required.push(parameter.name);
    });
    for (const [name, override] of Object.entries(overrides)) if ('replaces' in override) properties[name] = override.schema;

    const requestBody = operation.requestBody as { required?: boolean; content?: Record<string, { schema?: unknown }> } | undefined;
    const mediaType = Object.entries(requestBody?.content ?? {}).find(([, media]) => media.schema !== undefined)?.[0];
    return this.validator({
      query: this.queries.compile({ type: 'object', properties, required, additionalProperties: false }),
      queryShapes: shapesOf(properties, this.document),
      body:
        mediaType === undefined
          ? undefined
          : this.bodies.compile({ $ref: `${pointer}/requestBody/content/${escapePointer(mediaType)}/schema` }),
      bodyRequired: requestBody?.required === true,
    });
  }

  private compileOwn(schema: NonNullable<Route['schema']>): OperationValidator {
    const query = schema.query ?? { type: 'object', additionalProperties: false };
    return this.validator({
      query: this.queries.compile(query),
      queryShapes: shapesOf((query.properties ?? {}) as Record<string, JsonObject>, this.document),
      body: schema.body ? this.bodies.compile(schema.body) : undefined,
      bodyRequired: false,
    });
  }

  private validator(parts: {
    query: ValidateFunction;
    queryShapes: Map<string, Set<string>>;
    body: ValidateFunction | undefined;
    bodyRequired: boolean;
  }): OperationValidator {
    const { query, queryShapes, body, bodyRequired } = parts;
    return {
      query: (search) => {
        const values = decodeQuery(search, queryShapes);
        this.check(query, values, 'request query');
        return values;
      },
      body: (value) => {
        if (value === undefined) {
          // The spec often forgets `required` on bodies whose schema has required fields; Kibana still wants them.
          if (bodyRequired || (body !== undefined && !body({})))
            throw badRequest('[request body]: expected value of type [object] but got [undefined]');
          return;
        }
        if (body) this.check(body, value, 'request body');
      },
    };
  }

  private check(validate: ValidateFunction, value: unknown, where: string): void {
    if (validate(value)) return;
    throw badRequest(describeError(mostSpecific(validate.errors ?? []), where, this.document));
  }
}

const loaded = new Map<string, RequestValidator>();

/** Reads and parses the facts once per process and facts file. */
export function requestValidator(version: string): RequestValidator {
  const file = factsFileFor(version);
  let validator = loaded.get(file.href);
  if (!validator) {
    validator = new RequestValidator(parse(readFileSync(file, 'utf8')) as JsonObject);
    loaded.set(file.href, validator);
  }
  return validator;
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

function shapesOf(properties: Record<string, JsonSchema>, document: JsonObject): Map<string, Set<string>> {
  return new Map(Object.entries(properties).map(([name, schema]) => [name, jsonTypes(schema, document)]));
}

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
