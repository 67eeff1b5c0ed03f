// A few builders for the JSON Schemas routes declare themselves (facts from the specs: required
// fields, types, enums, bounds), compiled by the same validator as the shipped spec facts.

export type JsonSchema = Record<string, unknown>;

type Bounds = { minLength?: number; minimum?: number; maximum?: number; minItems?: number; maxItems?: number };

export const string = (options: Bounds & { enum?: readonly string[] } = {}): JsonSchema => ({ type: 'string', ...options });
export const number = (options: Bounds = {}): JsonSchema => ({ type: 'number', ...options });
export const integer = (options: Bounds = {}): JsonSchema => ({ type: 'integer', ...options });
export const boolean = (): JsonSchema => ({ type: 'boolean' });
export const oneOfValues = (...values: string[]): JsonSchema => string({ enum: values });
export const array = (items: JsonSchema, options: Bounds = {}): JsonSchema => ({ type: 'array', items, ...options });
/** Any object: its fields are not checked. */
export const anyObject = (): JsonSchema => ({ type: 'object' });
export const mapOf = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values });
export const anyOf = (...branches: JsonSchema[]): JsonSchema => ({ anyOf: branches });
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/**
 * An object with these properties; `required` lists the mandatory ones. Objects are closed (an
 * unknown key is refused, as Kibana's own schemas do) unless `open` is set.
 */
export function object(properties: Record<string, JsonSchema>, required: readonly string[] = [], open = false): JsonSchema {
  return { type: 'object', properties, required: [...required], ...(open ? {} : { additionalProperties: false }) };
}
