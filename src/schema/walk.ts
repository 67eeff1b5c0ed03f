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

/** Where a subschema sits: the value of a property, array items or other properties, a negation, or a member of `oneOf`, `anyOf` or `allOf`. */
export type SubschemaKind = 'value' | 'not' | 'member';

/** A copy of `schema` with `visit` applied to each direct subschema (told where it sits); everything else is kept as it is. */
export function mapSubschemas(schema: Schema, visit: (sub: Schema, kind: SubschemaKind) => Schema): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, sub]) => [name, visit(sub, 'value')]));
  }
  if (schema.items) out.items = visit(schema.items, 'value');
  if (schema.additionalProperties) out.additionalProperties = visit(schema.additionalProperties, 'value');
  if (schema.not) out.not = visit(schema.not, 'not');
  for (const key of UNIONS) {
    const members = schema[key];
    if (members) out[key] = members.map((sub) => visit(sub, 'member'));
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
