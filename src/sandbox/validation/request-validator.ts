// Request validation, reported the way Kibana reports it. Two sources, in this order:
// 1. the shipped spec facts (`openapi/facts/`): of the files that can describe the sandbox's Kibana
//    version, the newest whose operation holds on that version;
// 2. the route's own schema (`Route.schema`), for simulated operations the facts lack; a route
//    without one takes no query parameters.

import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { canonicalKey } from '../../kibana/spaces.js';
import { compareVersions, isAtLeast, isInRange, type VersionRange } from '../../kibana/versions.js';
import { badRequest } from '../http/errors.js';
import { FormFields } from '../http/body.js';
import { parseJsonOrText } from '../http/json.js';
import type { Route } from '../http/route.js';
import type { JsonSchema } from './json-schema.js';
import { describeError, jsonTypes, mostSpecific, propertiesOf } from './messages.js';
import { PACKAGE_ROOT } from '../../package-root.js';

const FACTS_DIRECTORY = new URL('openapi/facts/', PACKAGE_ROOT);

type JsonObject = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

interface RequestBody {
  required?: boolean;
  content?: Record<string, { schema?: JsonObject }>;
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
  /** Validates (and fills defaults into) a parsed body; returns it, a form's fields decoded by their schema. */
  body(value: unknown): unknown;
}

// One pair of Ajv instances for every facts file (each added under its own id) and every route's own schema.
const bodies = newAjv(false);
const queries = newAjv(true);

/** One facts file: its operations (read on first use) and the validators compiled from them. */
class FactsFile {
  private loaded?: { document: JsonObject; paths: Map<string, string> };
  private readonly operations = new Map<string, OperationValidator>();

  constructor(
    private readonly name: string,
    /** The versions of the file's spec; an operation may hold beyond `until` (a later spec lacked it), never before `from`. */
    readonly versions: VersionRange,
  ) {}

  /** The validator of `METHOD path` (with or without a `/s/{spaceId}` prefix) when the file's operation holds on `version`. */
  operation(method: string, path: string, version: string): OperationValidator | undefined {
    const { document, paths } = this.load();
    const specPath = paths.get(canonicalKey(method, path));
    if (specPath === undefined) return undefined;
    const operation = (document.paths as Record<string, Record<string, JsonObject>>)[specPath]![method.toLowerCase()]!;
    const versions = (operation['x-kibana-versions'] as VersionRange | undefined) ?? this.versions;
    if (!isInRange(version, versions)) return undefined;
    const key = `${method} ${specPath}`;
    let validator = this.operations.get(key);
    if (!validator) {
      validator = this.compile(document, method, specPath, operation);
      this.operations.set(key, validator);
    }
    return validator;
  }

  private load(): { document: JsonObject; paths: Map<string, string> } {
    if (!this.loaded) {
      const document = withTextFileParts(parse(readFileSync(new URL(this.name, FACTS_DIRECTORY), 'utf8')) as JsonObject);
      const paths = new Map<string, string>();
      for (const [path, item] of Object.entries(document.paths as Record<string, JsonObject>)) {
        for (const method of Object.keys(item)) paths.set(canonicalKey(method, path), path);
      }
      const schema = { ...(asKibanaUnions(document) as JsonObject), $id: this.name };
      bodies.addSchema(schema);
      queries.addSchema(schema);
      this.loaded = { document, paths };
    }
    return this.loaded;
  }

  private compile(document: JsonObject, method: string, specPath: string, operation: JsonObject): OperationValidator {
    const pointer = `${this.name}#/paths/${escapePointer(specPath)}/${method.toLowerCase()}`;
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

    const requestBody = operation.requestBody as RequestBody | undefined;
    const media = Object.entries(requestBody?.content ?? {}).find(([, content]) => content.schema !== undefined);
    return operationValidator(document, {
      query: queries.compile({ type: 'object', properties, required, additionalProperties: false }),
      queryShapes: shapesOf(properties, document),
      body: media && bodies.compile({ $ref: `${pointer}/requestBody/content/${escapePointer(media[0])}/schema` }),
      bodySchema: media?.[1].schema,
      bodyRequired: requestBody?.required === true,
    });
  }
}

/**
 * Facts the sandbox does not read. Ajv takes seconds to compile the 9.4 dashboards API's panel
 * schemas (no request may wait that long), and those facts list as required the fields Kibana fills
 * in. Its routes check their own schemas, which test/sandbox/dashboards-api.test.ts holds to the shared spec.
 */
const UNREAD_FACTS = new Set(['dashboards-9.4.yaml']);

/** Every facts file, newest spec first, with the versions its header gives. Headers only: the operations are read on use. */
const factsFiles: FactsFile[] = readdirSync(FACTS_DIRECTORY)
  .filter((name) => name.endsWith('.yaml') && !UNREAD_FACTS.has(name))
  .map((name) => {
    const text = readFileSync(new URL(name, FACTS_DIRECTORY), 'utf8');
    const header = parse(text.slice(0, text.indexOf('\npaths:'))) as { info?: { 'x-kibana-versions'?: VersionRange } };
    return new FactsFile(name, header.info?.['x-kibana-versions'] ?? {});
  })
  .sort((a, b) => compareVersions(b.versions.from ?? '0.0.0', a.versions.from ?? '0.0.0'));

export class RequestValidator {
  private readonly files: FactsFile[];
  private readonly routeValidators = new WeakMap<Route, OperationValidator>();

  constructor(private readonly version: string) {
    this.files = factsFiles.filter((file) => file.versions.from === undefined || isAtLeast(version, file.versions.from));
  }

  /** The validator of a route: from the facts when they hold its operation on this version, else from its own schema. */
  forRoute(route: Route): OperationValidator {
    let validator = this.routeValidators.get(route);
    if (!validator) {
      validator = this.forOperation(route.method, route.path) ?? compileOwn(route.schema ?? {});
      this.routeValidators.set(route, validator);
    }
    return validator;
  }

  /** The validator the facts give `METHOD path` on this version, or undefined when they lack it. */
  forOperation(method: string, path: string): OperationValidator | undefined {
    for (const file of this.files) {
      const validator = file.operation(method, path, this.version);
      if (validator) return validator;
    }
    return undefined;
  }
}

function compileOwn(schema: NonNullable<Route['schema']>): OperationValidator {
  const query = schema.query ?? { type: 'object', additionalProperties: false };
  return operationValidator(
    {},
    {
      query: queries.compile(query),
      queryShapes: shapesOf((query.properties ?? {}) as Record<string, JsonObject>, {}),
      body: schema.body ? bodies.compile(schema.body) : undefined,
      bodySchema: schema.body,
      bodyRequired: false,
    },
  );
}

interface ValidatorParts {
  query: ValidateFunction;
  queryShapes: Map<string, Set<string>>;
  body: ValidateFunction | undefined;
  /** The body's schema, to decode a form's fields by. */
  bodySchema: JsonObject | undefined;
  bodyRequired: boolean;
}

/** `document` resolves the `$ref`s of the schemas, for messages and decoding. */
function operationValidator(document: JsonObject, parts: ValidatorParts): OperationValidator {
  const { query, queryShapes, body, bodySchema, bodyRequired } = parts;
  const check = (validate: ValidateFunction, value: unknown, where: string): void => {
    if (validate(value)) return;
    throw badRequest(describeError(mostSpecific(validate.errors ?? [], document), where, document));
  };
  let formShapes: Map<string, Set<string>> | undefined;
  return {
    query: (search) => {
      const values = decodeQuery(search, queryShapes);
      check(query, values, 'request query');
      return values;
    },
    body: (value) => {
      if (value === undefined) {
        // The spec often forgets `required` on bodies whose schema has required fields; Kibana still wants them.
        if (bodyRequired || (body !== undefined && !body({})))
          throw badRequest('[request body]: expected value of type [object] but got [undefined]');
        return undefined;
      }
      if (value instanceof FormFields) {
        formShapes ??= shapesOf(propertiesOf(bodySchema ?? {}, document), document);
        value = decodeForm(value.fields, formShapes);
      }
      if (body) check(body, value, 'request body');
      return value;
    },
  };
}

const validators = new Map<string, RequestValidator>();

/** The request validator of a Kibana version, one per process and version. */
export function requestValidator(version: string): RequestValidator {
  let validator = validators.get(version);
  if (!validator) {
    validator = new RequestValidator(version);
    validators.set(version, validator);
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

/** A form's text fields that hold JSON (such as the `retries` of an import) are decoded: those whose schema admits no string. */
function decodeForm(fields: Record<string, string>, shapes: Map<string, Set<string>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, text]) => {
      const types = shapes.get(name);
      return [name, types && types.size > 0 && !types.has('string') ? parseJsonOrText(text) : text];
    }),
  );
}

/**
 * A file part Kibana streams (`schema.stream()`) appears in the spec as a bare object; the sandbox
 * reads every file part as text, so the facts' form bodies take it as a string.
 */
function withTextFileParts(document: JsonObject): JsonObject {
  for (const item of Object.values(document.paths as Record<string, Record<string, { requestBody?: RequestBody }>>)) {
    for (const operation of Object.values(item)) {
      const properties = operation.requestBody?.content?.['multipart/form-data']?.schema?.properties as
        | Record<string, JsonObject>
        | undefined;
      for (const [name, property] of Object.entries(properties ?? {})) {
        if (property.type === 'object' && property.properties === undefined) properties![name] = { type: 'string' };
      }
    }
  }
  return document;
}
