// What kind of value a schema admits, seen through its references: questions the generator and the
// full-API tools both ask of a spec's schemas when they bind arguments to a request.
import type { ComponentStore } from './components.js';
import { type Schema, typesOf } from './schema.js';

/** The properties and required names of an object schema. */
export interface ObjectShape {
  properties: Record<string, Schema>;
  required: string[];
}

/** A string, or an enum of strings only. */
export function isStringTyped(schema: Schema, components: ComponentStore): boolean {
  const resolved = components.resolve(schema);
  if (typesOf(resolved).includes('string')) return true;
  return resolved.enum !== undefined && resolved.enum.length > 0 && resolved.enum.every((value) => typeof value === 'string');
}

/** An object that says nothing of its properties. */
export function isFreeFormObject(schema: Schema, components: ComponentStore): boolean {
  const resolved = components.resolve(schema);
  return (
    resolved.type === 'object' &&
    !resolved.properties &&
    !resolved.additionalProperties &&
    !resolved.anyOf &&
    !resolved.oneOf &&
    !resolved.allOf
  );
}

/** `null`, directly or as a member of a union. */
export function admitsNull(schema: Schema, components: ComponentStore): boolean {
  const resolved = components.resolve(schema);
  const members = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])];
  return typesOf(resolved).includes('null') || members.some((member) => admitsNull(member, components));
}
