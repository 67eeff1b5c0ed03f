// Zod 4 source text for a normalised JSON Schema (the full input model, never the
// depth-limited one). Objects keep unknown keys (Kibana's own validation decides) except where
// the schema says `additionalProperties: false`, like every tool's root. `oneOf` validates as
// `anyOf` (the first matching member wins), formats are documentation only, and defaults are
// left to Kibana: the validator never changes what the agent sent.
import { refName } from './facts.js';
import { isObject, type JsonObject } from './json.js';

export type ComponentIdentifier = (name: string) => string;

/** Name of the helper a module using `inputSource` must define (see TEXT_HELPER). */
const AS_TEXT = 'asText';
/** Source of the helper that turns a number or boolean into the text it would travel as. */
export const TEXT_HELPER = `const ${AS_TEXT} = (value: unknown): unknown => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);`;

/**
 * The validator of a tool's root input object; `textArgs` also accept numbers and booleans,
 * validated as the text they become (agents send `page_size: 10` for a string parameter).
 */
export function inputSource(schema: JsonObject, identifier: ComponentIdentifier, textArgs: readonly string[]): string {
  const text = new Set(textArgs);
  return objectSource(schema, identifier, (name, source) => (text.has(name) ? `z.preprocess(${AS_TEXT}, ${source})` : source));
}

export function zodSource(schema: JsonObject, identifier: ComponentIdentifier): string {
  const name = refName(schema);
  if (name !== undefined) return identifier(name);
  const parts: string[] = [];
  const base = baseSource(schema, identifier);
  if (base !== undefined) parts.push(base);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const members = memberSources(schema[key], identifier);
    if (members.length > 0) parts.push(members.length === 1 ? (members[0] as string) : `z.union([${members.join(', ')}])`);
  }
  parts.push(...memberSources(schema.allOf, identifier));
  if (isObject(schema.not) && Object.keys(schema.not).length === 0) return 'z.never()';
  if (parts.length === 0) return 'z.unknown()';
  return parts.reduce((left, right) => `z.intersection(${left}, ${right})`);
}

function memberSources(list: unknown, identifier: ComponentIdentifier): string[] {
  return Array.isArray(list) ? list.filter(isObject).map((member) => zodSource(member, identifier)) : [];
}

/** The part of a schema that is not a combinator; undefined when it constrains nothing. */
function baseSource(schema: JsonObject, identifier: ComponentIdentifier): string | undefined {
  if ('const' in schema) return `z.literal(${literal(schema.const)})`;
  if (Array.isArray(schema.enum)) return enumSource(schema.enum);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  const nullable = types.includes('null');
  const others = types.filter((t) => t !== 'null');
  if (others.length === 0) return nullable ? 'z.null()' : undefined;
  const sources = others.map((type) => typeSource(type, schema, identifier));
  const source = sources.length === 1 ? (sources[0] as string) : `z.union([${sources.join(', ')}])`;
  return nullable ? `${source}.nullable()` : source;
}

function enumSource(values: unknown[]): string {
  if (values.length > 0 && values.every((v) => typeof v === 'string')) return `z.enum([${values.map(literal).join(', ')}])`;
  const literals = values.map((v) => (v === null ? 'z.null()' : `z.literal(${literal(v)})`));
  return literals.length === 1 ? (literals[0] as string) : `z.union([${literals.join(', ')}])`;
}

function typeSource(type: string, schema: JsonObject, identifier: ComponentIdentifier): string {
  switch (type) {
    case 'string':
      return `z.string()${check('min', schema.minLength)}${check('max', schema.maxLength)}${pattern(schema.pattern)}`;
    case 'integer':
    case 'number':
      return `z.number()${type === 'integer' ? '.int()' : ''}${numberChecks(schema)}`;
    case 'boolean':
      return 'z.boolean()';
    case 'array': {
      const items = isObject(schema.items) ? zodSource(schema.items, identifier) : 'z.unknown()';
      return `z.array(${items})${check('min', schema.minItems)}${check('max', schema.maxItems)}`;
    }
    case 'object':
      return objectSource(schema, identifier);
    default:
      return 'z.unknown()';
  }
}

function objectSource(schema: JsonObject, identifier: ComponentIdentifier, property = (_name: string, source: string) => source): string {
  const properties = isObject(schema.properties)
    ? Object.entries(schema.properties).filter((e): e is [string, JsonObject] => isObject(e[1]))
    : [];
  const additional = schema.additionalProperties;
  if (properties.length === 0 && additional !== false) {
    return `z.record(z.string(), ${isObject(additional) ? zodSource(additional, identifier) : 'z.unknown()'})`;
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const fields = properties.map(
    ([name, sub]) => `${literal(name)}: ${property(name, zodSource(sub, identifier))}${required.has(name) ? '' : '.optional()'}`,
  );
  const shape = `{ ${fields.join(', ')} }`;
  if (additional === false) return `z.strictObject(${shape})`;
  if (isObject(additional)) return `z.object(${shape}).catchall(${zodSource(additional, identifier)})`;
  return `z.looseObject(${shape})`;
}

function numberChecks(schema: JsonObject): string {
  return [
    check('min', schema.minimum),
    check('max', schema.maximum),
    check('gt', schema.exclusiveMinimum),
    check('lt', schema.exclusiveMaximum),
    check('multipleOf', schema.multipleOf),
  ].join('');
}

function check(method: string, value: unknown): string {
  return typeof value === 'number' ? `.${method}(${value})` : '';
}

function pattern(value: unknown): string {
  return typeof value === 'string' ? `.regex(new RegExp(${literal(value)}, 'u'))` : '';
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}
