// Turns one upstream OpenAPI 3.0/3.1 schema into a facts-only JSON Schema (the OpenAPI 3.1
// dialect): prose and examples dropped, `nullable` folded into type unions, non-standard
// formats dropped, known upstream typos repaired. Lenient with what it reads, strict with
// what it writes. References to component schemas are kept (and reported through
// `useComponent`); any other reference is inlined, with a guard against cycles.
import { componentName, COMPONENT_SCHEMA_PREFIX, isObject, type JsonObject } from './json.js';

export interface NormalizeContext {
  /** Resolves any `$ref` of the upstream document (the ref-parser's `$refs.get`). */
  resolveRef(ref: string): unknown;
  /** Called for every component schema the result refers to. */
  useComponent(name: string): void;
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Upstream misspellings of a type name, repaired. */
const TYPE_TYPOS: Record<string, string> = { objects: 'object', int: 'integer', bool: 'boolean' };
/** Formats a JSON Schema validator or an OpenAPI tool understands; others (`nonempty`, `date-math`, `integer`) are dropped. */
const STANDARD_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'uuid',
  'regex',
  'int32',
  'int64',
  'float',
  'double',
  'byte',
  'binary',
]);
/** Keywords copied as they are when their value has the right JSON type. */
const NUMERIC_KEYWORDS = [
  'minimum',
  'maximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
] as const;
/** Keyword lookup that tolerates upstream case mistakes (`additionalproperties`). */
function keyword(schema: JsonObject, name: string): unknown {
  if (name in schema) return schema[name];
  const lower = name.toLowerCase();
  const key = Object.keys(schema).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : schema[key];
}

export function normalizeSchema(raw: unknown, context: NormalizeContext): JsonObject {
  return new Normalizer(context).schema(raw, []);
}

class Normalizer {
  constructor(private readonly context: NormalizeContext) {}

  schema(raw: unknown, inlining: string[]): JsonObject {
    if (raw === true || raw === undefined || raw === null) return {};
    if (raw === false) return { not: {} };
    if (!isObject(raw)) throw new Error(`schema is a ${typeof raw}, not an object`);
    const ref = raw.$ref;
    if (typeof ref === 'string') return this.withNullable(this.reference(ref, inlining), raw.nullable === true);
    return this.inline(raw, inlining);
  }

  private reference(ref: string, inlining: string[]): JsonObject {
    const name = componentName(ref);
    if (name !== undefined) {
      this.context.useComponent(name);
      return { $ref: COMPONENT_SCHEMA_PREFIX + encodeURIComponent(name) };
    }
    if (inlining.includes(ref)) throw new Error(`circular reference ${ref} outside components/schemas`);
    return this.schema(this.context.resolveRef(ref), [...inlining, ref]);
  }

  private inline(raw: JsonObject, inlining: string[]): JsonObject {
    const out: JsonObject = {};
    const types = this.types(raw);
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.type = types;
    const format = raw.format;
    if (typeof format === 'string' && STANDARD_FORMATS.has(format)) out.format = format;
    if (Array.isArray(raw.enum)) out.enum = [...raw.enum];
    if ('const' in raw) out.const = raw.const;
    if ('default' in raw && raw.default !== undefined) out.default = raw.default;
    for (const name of NUMERIC_KEYWORDS) if (typeof raw[name] === 'number') out[name] = raw[name];
    this.exclusiveBounds(raw, out);
    if (typeof raw.pattern === 'string' && isUsablePattern(raw.pattern)) out.pattern = raw.pattern;
    if (raw.uniqueItems === true) out.uniqueItems = true;
    if (raw.deprecated === true) out.deprecated = true;
    if ('items' in raw) out.items = this.items(raw.items, inlining);
    const properties = keyword(raw, 'properties');
    if (isObject(properties)) {
      const props: JsonObject = {};
      for (const [name, sub] of Object.entries(properties)) props[name] = this.schema(sub, inlining);
      out.properties = props;
    }
    const required = raw.required;
    if (Array.isArray(required)) {
      const names = required.filter((r): r is string => typeof r === 'string');
      if (names.length > 0) out.required = [...new Set(names)];
    }
    const additional = keyword(raw, 'additionalProperties');
    if (additional === false) out.additionalProperties = false;
    else if (isObject(additional) && Object.keys(additional).length > 0) out.additionalProperties = this.schema(additional, inlining);
    for (const combiner of ['oneOf', 'anyOf', 'allOf'] as const) {
      const members = raw[combiner];
      if (Array.isArray(members) && members.length > 0) out[combiner] = members.map((m) => this.schema(m, inlining));
    }
    // Kibana's optional schemas come out as `anyOf` every JSON type next to the real `oneOf`: the former says nothing.
    if (Array.isArray(out.oneOf) && Array.isArray(out.anyOf) && admitsAnything(out.anyOf as JsonObject[])) delete out.anyOf;
    if ('not' in raw && isObject(raw.not)) out.not = this.schema(raw.not, inlining);
    return this.withNullable(out, raw.nullable === true);
  }

  /** `items` written as a list (invalid in OpenAPI, seen upstream): one member, or any of them. */
  private items(raw: unknown, inlining: string[]): JsonObject {
    if (!Array.isArray(raw)) return this.schema(raw, inlining);
    const members = raw.map((m) => this.schema(m, inlining));
    return members.length === 1 ? (members[0] as JsonObject) : { anyOf: members };
  }

  private types(raw: JsonObject): string[] {
    const declared = Array.isArray(raw.type) ? raw.type : raw.type === undefined ? [] : [raw.type];
    const types: string[] = [];
    for (const t of declared) {
      const fixed = typeof t === 'string' ? (TYPE_TYPOS[t] ?? t) : undefined;
      if (fixed !== undefined && JSON_TYPES.has(fixed) && !types.includes(fixed)) types.push(fixed);
    }
    if (types.length === 0 && (isObject(keyword(raw, 'properties')) || isObject(keyword(raw, 'additionalProperties'))))
      types.push('object');
    return types;
  }

  /** OpenAPI 3.0 writes `exclusiveMinimum: true` next to `minimum`; 3.1 writes the bound itself. */
  private exclusiveBounds(raw: JsonObject, out: JsonObject): void {
    for (const [exclusive, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      const value = raw[exclusive];
      if (typeof value === 'number') out[exclusive] = value;
      else if (value === true && typeof raw[bound] === 'number') {
        out[exclusive] = raw[bound];
        delete out[bound];
      }
    }
  }

  private withNullable(schema: JsonObject, nullable: boolean): JsonObject {
    if (!nullable) return schema;
    const { type } = schema;
    if (typeof type === 'string' || Array.isArray(type)) {
      const types = Array.isArray(type) ? type : [type];
      const result: JsonObject = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
      if (Array.isArray(schema.enum) && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
      return result;
    }
    if (Object.keys(schema).length === 0) return schema;
    return { anyOf: [schema, { type: 'null' }] };
  }
}

const ANY_JSON_TYPES = ['array', 'boolean', 'number', 'object', 'string'];

function admitsAnything(members: JsonObject[]): boolean {
  const types = new Set(members.filter((m) => Object.keys(m).every((k) => k === 'type' || k === 'items')).map((m) => m.type));
  return ANY_JSON_TYPES.every((type) => types.has(type));
}

/**
 * Kibana marks the members of a schema that may be left out with `x-oas-optional`; a parameter
 * so marked is optional even where the spec also says `required: true`.
 */
export function isMarkedOptional(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (schema['x-oas-optional'] === true) return true;
  const members = schema.oneOf ?? schema.anyOf;
  return Array.isArray(members) && members.length > 0 && members.every((member) => isObject(member) && member['x-oas-optional'] === true);
}

function isUsablePattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * True for a schema that says nothing about a value: `{}`, null-only, an object declared with
 * an empty `properties`, or a union of such. Used to drop placeholder request bodies.
 */
export function isPlaceholderSchema(schema: JsonObject): boolean {
  const keys = Object.keys(schema);
  if (keys.length === 0) return true;
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union) && keys.length === 1) return union.every((m) => isObject(m) && isPlaceholderSchema(m));
  const type = schema.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.every((t) => t === 'null')) return keys.every((k) => k === 'type' || k === 'enum');
  const emptyObject =
    types.every((t) => t === 'object' || t === 'null') &&
    keys.every((k) => k === 'type' || k === 'properties') &&
    isObject(schema.properties) &&
    Object.keys(schema.properties).length === 0;
  return emptyObject;
}
