// Turns one upstream OpenAPI 3.0/3.1 schema into a facts-only normalised JSON Schema (the OpenAPI
// 3.1 dialect): prose and examples dropped, `nullable` folded into type unions, non-standard
// formats dropped, known upstream typos repaired. Lenient with what it reads, strict with what it
// writes. References to component schemas are kept; any other reference is inlined, with a guard
// against cycles.
import { componentName, componentRef } from '../schema/refs.js';
import type { JsonType, Schema } from '../schema/schema.js';
import { isObject, type JsonObject } from './json.js';
import type { RefResolver } from './pointer.js';

export interface NormalizeOptions {
  /**
   * Keep `description`s. Only for documents whose descriptions are the team's own (the generator's
   * facts document); an upstream spec's prose is never kept.
   */
  keepDescriptions?: boolean;
}

const JSON_TYPES: ReadonlySet<string> = new Set<JsonType>(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Upstream misspellings of a type name, repaired. */
const TYPE_TYPOS: Record<string, JsonType> = { objects: 'object', int: 'integer', bool: 'boolean' };
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
/** Keywords copied as they are when their value is a number. */
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

export function normalizeSchema(raw: unknown, resolveRef: RefResolver, options: NormalizeOptions = {}): Schema {
  return new Normalizer(resolveRef, options.keepDescriptions === true).schema(raw, []);
}

class Normalizer {
  constructor(
    private readonly resolveRef: RefResolver,
    private readonly keepDescriptions: boolean,
  ) {}

  schema(raw: unknown, inlining: string[]): Schema {
    if (raw === true || raw === undefined || raw === null) return {};
    if (raw === false) return { not: {} };
    if (!isObject(raw)) throw new Error(`schema is a ${typeof raw}, not an object`);
    const ref = raw.$ref;
    if (typeof ref === 'string') return this.described(this.withNullable(this.reference(ref, inlining), raw.nullable === true), raw);
    return this.inline(raw, inlining);
  }

  private reference(ref: string, inlining: string[]): Schema {
    const name = componentName(ref);
    if (name !== undefined) return { $ref: componentRef(name) };
    if (inlining.includes(ref)) throw new Error(`circular reference ${ref} outside components/schemas`);
    return this.schema(this.resolveRef(ref), [...inlining, ref]);
  }

  private inline(raw: JsonObject, inlining: string[]): Schema {
    const out: Schema = {};
    const types = this.types(raw);
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.type = types;
    const format = raw.format;
    if (typeof format === 'string' && STANDARD_FORMATS.has(format)) out.format = format;
    if (Array.isArray(raw.enum)) out.enum = [...raw.enum];
    if ('const' in raw) out.const = raw.const;
    if ('default' in raw && raw.default !== undefined) out.default = raw.default;
    for (const name of NUMERIC_KEYWORDS) {
      const value = raw[name];
      if (typeof value === 'number') out[name] = value;
    }
    this.exclusiveBounds(raw, out);
    if (typeof raw.pattern === 'string' && isUsablePattern(raw.pattern)) out.pattern = raw.pattern;
    if (raw.uniqueItems === true) out.uniqueItems = true;
    if (raw.deprecated === true) out.deprecated = true;
    if ('items' in raw) out.items = this.items(raw.items, inlining);
    const properties = keyword(raw, 'properties');
    if (isObject(properties)) {
      const props: Record<string, Schema> = {};
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
    if (out.oneOf && out.anyOf && admitsAnything(out.anyOf)) delete out.anyOf;
    const discriminator = this.discriminator(raw.discriminator);
    if (discriminator && (out.oneOf || out.anyOf)) out.discriminator = discriminator;
    if ('not' in raw && isObject(raw.not)) out.not = this.schema(raw.not, inlining);
    return this.withNullable(this.described(out, raw), raw.nullable === true);
  }

  /** A discriminator's property and mapping to component schemas (other mappings say nothing a reader can follow). */
  private discriminator(raw: unknown): Schema['discriminator'] {
    if (!isObject(raw) || typeof raw.propertyName !== 'string') return undefined;
    const out: NonNullable<Schema['discriminator']> = { propertyName: raw.propertyName };
    if (isObject(raw.mapping)) {
      const mapping = Object.entries(raw.mapping).flatMap(([value, ref]) => {
        const name = typeof ref === 'string' ? componentName(ref) : undefined;
        return name === undefined ? [] : [[value, componentRef(name)] as const];
      });
      if (mapping.length > 0) out.mapping = Object.fromEntries(mapping);
    }
    return out;
  }

  private described(schema: Schema, raw: JsonObject): Schema {
    return this.keepDescriptions && typeof raw.description === 'string' ? { ...schema, description: raw.description } : schema;
  }

  /** `items` written as a list (invalid in OpenAPI, seen upstream): one member, or any of them. */
  private items(raw: unknown, inlining: string[]): Schema {
    if (!Array.isArray(raw)) return this.schema(raw, inlining);
    const members = raw.map((m) => this.schema(m, inlining));
    return members.length === 1 ? (members[0] as Schema) : { anyOf: members };
  }

  private types(raw: JsonObject): JsonType[] {
    const declared: unknown[] = Array.isArray(raw.type) ? raw.type : raw.type === undefined ? [] : [raw.type];
    const types: JsonType[] = [];
    for (const t of declared) {
      const fixed = typeof t === 'string' ? (TYPE_TYPOS[t] ?? t) : undefined;
      if (fixed !== undefined && JSON_TYPES.has(fixed) && !types.includes(fixed as JsonType)) types.push(fixed as JsonType);
    }
    if (types.length === 0 && (isObject(keyword(raw, 'properties')) || isObject(keyword(raw, 'additionalProperties'))))
      types.push('object');
    return types;
  }

  /** OpenAPI 3.0 writes `exclusiveMinimum: true` next to `minimum`; 3.1 writes the bound itself. */
  private exclusiveBounds(raw: JsonObject, out: Schema): void {
    for (const [exclusive, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      const value = raw[exclusive];
      const limit = raw[bound];
      if (typeof value === 'number') out[exclusive] = value;
      else if (value === true && typeof limit === 'number') {
        out[exclusive] = limit;
        delete out[bound];
      }
    }
  }

  private withNullable(schema: Schema, nullable: boolean): Schema {
    if (!nullable) return schema;
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      const result: Schema = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
      if (schema.enum && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
      return result;
    }
    if (Object.keys(schema).length === 0) return schema;
    return { anyOf: [schema, { type: 'null' }] };
  }
}

const ANY_JSON_TYPES = ['array', 'boolean', 'number', 'object', 'string'];

function admitsAnything(members: Schema[]): boolean {
  const types = new Set(members.filter((m) => Object.keys(m).every((k) => k === 'type' || k === 'items')).map((m) => m.type));
  return ANY_JSON_TYPES.every((type) => types.has(type as JsonType));
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
export function isPlaceholderSchema(schema: Schema): boolean {
  const keys = Object.keys(schema);
  if (keys.length === 0) return true;
  const union = schema.anyOf ?? schema.oneOf;
  if (union && keys.length === 1) return union.every(isPlaceholderSchema);
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.every((t) => t === 'null')) return keys.every((k) => k === 'type' || k === 'enum');
  return (
    types.every((t) => t === 'object' || t === 'null') &&
    keys.every((k) => k === 'type' || k === 'properties') &&
    schema.properties !== undefined &&
    Object.keys(schema.properties).length === 0
  );
}
