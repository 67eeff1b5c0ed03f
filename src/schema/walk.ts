// The subschemas of a schema, for walks and rewrites that must not miss a keyword.
import { refName } from './refs.js';
import type { Schema } from './schema.js';

const UNIONS = ['oneOf', 'anyOf', 'allOf'] as const;

/** Every direct subschema of `schema`. */
export function subschemas(schema: Schema): Schema[] {
  const found: Schema[] = [];
  mapSubschemas(schema, (sub) => {
    found.push(sub);
    return sub;
  });
  return found;
}

/**
 * A copy of `schema` with `visit` applied to each direct subschema (told whether it is a member
 * of `oneOf`, `anyOf` or `allOf`); everything else is kept as it is.
 */
export function mapSubschemas(schema: Schema, visit: (sub: Schema, member: boolean) => Schema): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, sub]) => [name, visit(sub, false)]));
  }
  if (schema.items) out.items = visit(schema.items, false);
  if (schema.additionalProperties) out.additionalProperties = visit(schema.additionalProperties, false);
  if (schema.not) out.not = visit(schema.not, false);
  for (const key of UNIONS) {
    const members = schema[key];
    if (members) out[key] = members.map((sub) => visit(sub, true));
  }
  return out;
}

/** Names of all component schemas reachable from `roots`, sorted; `component` throws for a missing one. */
export function reachableComponents(roots: Schema[], component: (name: string) => Schema): string[] {
  const found = new Set<string>();
  const pending = [...roots];
  for (let schema = pending.pop(); schema !== undefined; schema = pending.pop()) {
    const name = refName(schema);
    if (name !== undefined && !found.has(name)) {
      found.add(name);
      pending.push(component(name));
    }
    pending.push(...subschemas(schema));
  }
  return [...found].sort();
}
