// THE converter from a normalised JSON Schema to a Zod 4 validator, for tool inputs and any other
// validation of what an agent sends. Rules:
// - objects keep unknown keys (Kibana's own validation decides) unless the schema says
//   `additionalProperties: false`, as every tool's root does;
// - `oneOf` validates as `anyOf`: the first matching member wins (upstream members overlap), except
//   for a discriminated union (see discriminator.ts): its value picks the one member to check it
//   against, and an unknown value is answered with the values it may take;
// - formats are documentation only, and defaults are left to Kibana: a validator never changes
//   what the agent sent, except that `textArgs` of a root object also take numbers and booleans,
//   validated as the text they travel as (agents send `page_size: 10` for a string parameter);
// - component references are converted on first use, once per converter, so recursive schemas
//   are safe and a large component costs nothing until a call needs it.
import { z } from 'zod';
import { discriminationOf, type Discrimination } from './discriminator.js';
import { refName } from './refs.js';
import { typesOf, type Schema } from './schema.js';
import { reachableComponents } from './walk.js';

/** The component schema of a name, or undefined when there is none. */
export type ComponentLookup = (name: string) => Schema | undefined;

export type InputValidator = z.ZodType<Record<string, unknown>>;

const asText = (value: unknown): unknown => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);

export class ZodConverter {
  private readonly components = new Map<string, z.ZodType>();

  constructor(private readonly lookup: ComponentLookup) {}

  /** The validator of a root input object; throws when a component it needs is missing. */
  input(schema: Schema, textArgs: readonly string[] = []): InputValidator {
    // Every component it needs exists, so that no validation fails half-way on a missing one.
    reachableComponents([schema], (name) => this.required(name));
    const text = new Set(textArgs);
    return this.object(schema, (name, validator) => (text.has(name) ? z.preprocess(asText, validator) : validator)) as InputValidator;
  }

  convert(schema: Schema): z.ZodType {
    const name = refName(schema);
    if (name !== undefined) return this.component(name);
    if (schema.$ref !== undefined) throw new Error(`unsupported reference ${schema.$ref}: only component schemas`);
    const parts: z.ZodType[] = [];
    const base = this.base(schema);
    if (base) parts.push(base);
    for (const members of [schema.oneOf, schema.anyOf]) {
      if (members) parts.push(this.union(members, schema.discriminator));
    }
    parts.push(...(schema.allOf ?? []).map((member) => this.convert(member)));
    if (schema.not && Object.keys(schema.not).length === 0) return z.never();
    if (parts.length === 0) return z.unknown();
    return parts.reduce((left, right) => z.intersection(left, right));
  }

  private union(members: Schema[], discriminator: Schema['discriminator']): z.ZodType {
    const validators = members.map((member) => this.convert(member));
    if (validators.length === 1) return validators[0] as z.ZodType;
    const discrimination = discriminationOf(members, discriminator, (schema) => this.resolve(schema));
    return discrimination ? discriminated(discrimination, validators) : z.union(validators);
  }

  /** Follows component references until a schema that is not one. */
  private resolve(schema: Schema): Schema {
    let current = schema;
    for (let name = refName(current), hops = 0; name !== undefined && hops < 64; name = refName(current), hops += 1)
      current = this.required(name);
    return current;
  }

  private component(name: string): z.ZodType {
    let validator = this.components.get(name);
    if (!validator) {
      validator = z.lazy(() => this.convert(this.required(name)));
      this.components.set(name, validator);
    }
    return validator;
  }

  private required(name: string): Schema {
    const schema = this.lookup(name);
    if (!schema) throw new Error(`component schema ${name} is missing`);
    return schema;
  }

  /** The part of a schema that is not a combinator; undefined when it constrains nothing. */
  private base(schema: Schema): z.ZodType | undefined {
    if ('const' in schema) return z.literal(schema.const as z.core.util.Literal);
    if (schema.enum) return enumOf(schema.enum);
    const types = typesOf(schema);
    const nullable = types.includes('null');
    const others = types.filter((type) => type !== 'null');
    if (others.length === 0) return nullable ? z.null() : undefined;
    const validators = others.map((type) => this.ofType(type, schema));
    const validator = validators.length === 1 ? (validators[0] as z.ZodType) : z.union(validators);
    return nullable ? validator.nullable() : validator;
  }

  private ofType(type: string, schema: Schema): z.ZodType {
    switch (type) {
      case 'string':
        return stringOf(schema);
      case 'integer':
      case 'number':
        return numberOf(schema, type === 'integer');
      case 'boolean':
        return z.boolean();
      case 'array': {
        let array = z.array(schema.items ? this.convert(schema.items) : z.unknown());
        if (schema.minItems !== undefined) array = array.min(schema.minItems);
        if (schema.maxItems !== undefined) array = array.max(schema.maxItems);
        return array;
      }
      case 'object':
        return this.object(schema);
      default:
        return z.unknown();
    }
  }

  private object(schema: Schema, property = (_name: string, validator: z.ZodType) => validator): z.ZodType {
    const properties = Object.entries(schema.properties ?? {});
    const additional = schema.additionalProperties;
    if (properties.length === 0 && additional !== false) return z.record(z.string(), additional ? this.convert(additional) : z.unknown());
    const required = new Set(schema.required ?? []);
    const shape: Record<string, z.ZodType> = {};
    for (const [name, sub] of properties) {
      const validator = property(name, this.convert(sub));
      shape[name] = required.has(name) ? validator : validator.optional();
    }
    if (additional === false) return z.strictObject(shape);
    if (additional) return z.object(shape).catchall(this.convert(additional));
    return z.looseObject(shape);
  }
}

/** A union whose discriminator value picks the member to check; an unknown value gets the values it may take. */
function discriminated({ property, members }: Discrimination, validators: z.ZodType[]): z.ZodType {
  const known = [...members.keys()].map((value) => JSON.stringify(value)).join(', ');
  return z.unknown().check((payload) => {
    const value = payload.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      payload.issues.push({ code: 'invalid_type', expected: 'object', input: value });
      return;
    }
    const tag = (value as Record<string, unknown>)[property];
    const index = typeof tag === 'string' || typeof tag === 'number' || typeof tag === 'boolean' ? members.get(tag) : undefined;
    if (index === undefined) {
      payload.issues.push(
        tag === undefined
          ? { code: 'invalid_type', expected: 'string', input: undefined, path: [property] }
          : { code: 'custom', message: `unknown ${property} ${JSON.stringify(tag)}; one of: ${known}`, input: tag, path: [property] },
      );
      return;
    }
    const result = (validators[index] as z.ZodType).safeParse(value);
    // The member's issues, with their paths below this value, as this value's own.
    if (!result.success)
      for (const issue of result.error.issues) payload.issues.push({ ...issue, input: issue.input } as z.core.$ZodRawIssue);
  });
}

function enumOf(values: unknown[]): z.ZodType {
  if (values.length > 0 && values.every((value) => typeof value === 'string')) return z.enum(values as [string, ...string[]]);
  const literals = values.map((value) => (value === null ? z.null() : z.literal(value as z.core.util.Literal)));
  return literals.length === 1 ? (literals[0] as z.ZodType) : z.union(literals);
}

function stringOf(schema: Schema): z.ZodType {
  let string = z.string();
  if (schema.minLength !== undefined) string = string.min(schema.minLength);
  if (schema.maxLength !== undefined) string = string.max(schema.maxLength);
  if (schema.pattern !== undefined) string = string.regex(new RegExp(schema.pattern, 'u'));
  return string;
}

function numberOf(schema: Schema, integer: boolean): z.ZodType {
  let number = z.number();
  if (integer) number = number.int();
  if (schema.minimum !== undefined) number = number.min(schema.minimum);
  if (schema.maximum !== undefined) number = number.max(schema.maximum);
  if (schema.exclusiveMinimum !== undefined) number = number.gt(schema.exclusiveMinimum);
  if (schema.exclusiveMaximum !== undefined) number = number.lt(schema.exclusiveMaximum);
  if (schema.multipleOf !== undefined) number = number.multipleOf(schema.multipleOf);
  return number;
}
