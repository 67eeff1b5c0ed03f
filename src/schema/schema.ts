// The normalised JSON Schema (OpenAPI 3.1 dialect) the project works with: what src/openapi makes
// of an upstream schema, what the generator emits, and what the Zod converter reads. Facts only:
// the one piece of prose a schema may carry is `description`, written by the team.

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface Schema {
  /** Always a component reference (`#/components/schemas/<name>`) once normalised. */
  $ref?: string;
  type?: JsonType | JsonType[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  uniqueItems?: boolean;
  deprecated?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: false | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  not?: Schema;
  /** Which property tells the members of a `oneOf`/`anyOf` apart, and (optionally) which value names which member. */
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  description?: string;
}

/** The types a schema declares, as a list (empty when it declares none). */
export function typesOf(schema: Schema): JsonType[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type === undefined ? [] : [schema.type];
}
