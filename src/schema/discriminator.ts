// Which property tells the members of a union apart: the one its `discriminator` names, or else one
// that every member requires and pins to its own constants (a rule's `type`, an indicator's `type`).
// A validator that knows it checks a value against its own member only, and answers an unknown value
// with the values it knows, instead of with the fields of an unrelated member.
import { refName } from './refs.js';
import type { Schema } from './schema.js';

export interface Discrimination {
  property: string;
  /** Each value of the property, and the index of the member it selects. */
  members: Map<string | number | boolean, number>;
}

type Pinned = string | number | boolean;

/** The discrimination of a union's members; undefined when no property tells them apart. */
export function discriminationOf(
  union: Schema[],
  discriminator: Schema['discriminator'],
  resolve: (schema: Schema) => Schema,
): Discrimination | undefined {
  if (union.length < 2) return undefined;
  const pins = union.map((member) => pinnedValues(member, resolve, []));
  const candidates = discriminator ? [discriminator.propertyName] : [...(pins[0]?.keys() ?? [])];
  for (const property of candidates) {
    const members = new Map<Pinned, number>();
    const complete = union.every((member, index) => {
      const values = pins[index]?.get(property) ?? mappedValues(member, discriminator);
      if (values.length === 0 || values.some((value) => members.has(value))) return false;
      for (const value of values) members.set(value, index);
      return true;
    });
    if (complete) return { property, members };
  }
  return undefined;
}

/** A member's required properties with constant values (`const`, or an `enum` of primitives), through references and `allOf`. */
function pinnedValues(schema: Schema, resolve: (schema: Schema) => Schema, seen: string[]): Map<string, Pinned[]> {
  const name = refName(schema);
  if (name !== undefined) return seen.includes(name) ? new Map() : pinnedValues(resolve(schema), resolve, [...seen, name]);
  const pinned = new Map<string, Pinned[]>();
  for (const part of schema.allOf ?? []) for (const [key, values] of pinnedValues(part, resolve, seen)) pinned.set(key, values);
  for (const key of schema.required ?? []) {
    const property = schema.properties?.[key];
    const resolved = property && resolve(property);
    const values = resolved && ('const' in resolved ? [resolved.const] : (resolved.enum ?? []));
    if (values && values.length > 0 && values.every(isPinned)) pinned.set(key, values);
  }
  return pinned;
}

function mappedValues(member: Schema, discriminator: Schema['discriminator']): Pinned[] {
  return Object.entries(discriminator?.mapping ?? {})
    .filter(([, ref]) => ref === member.$ref)
    .map(([value]) => value);
}

function isPinned(value: unknown): value is Pinned {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
