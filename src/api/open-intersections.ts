// Kibana's specs write some intersections (`allOf`) of objects whose parts each forbid any property but
// their own (`additionalProperties: false`): read strictly, no value satisfies them, since a value with
// the properties of two parts breaks both. Kibana means the properties of all the parts together. Such a
// part is opened here (its properties stay, the ban goes) wherever the other parts add properties, so
// that describe shows, and call checks, what Kibana takes.
import { refName } from '../schema/refs.js';
import type { Schema } from '../schema/schema.js';
import type { ComponentLookup } from '../schema/to-zod.js';
import { mapSubschemas } from '../schema/walk.js';

/** Component schemas as `lookup` has them, each with its closed intersection parts opened. */
export function openedComponents(lookup: ComponentLookup): ComponentLookup {
  const opened = new Map<string, Schema | undefined>();
  return (name) => {
    if (!opened.has(name)) {
      const schema = lookup(name);
      opened.set(name, schema && openIntersections(schema, lookup));
    }
    return opened.get(name);
  };
}

export function openIntersections(schema: Schema, lookup: ComponentLookup): Schema {
  const out = mapSubschemas(schema, (sub) => openIntersections(sub, lookup));
  if (!out.allOf || out.allOf.length < 2) return out;
  const names = new Set(out.allOf.flatMap((part) => propertyNames(part, lookup, [])));
  out.allOf = out.allOf.map((part) => {
    const resolved = resolve(part, lookup);
    if (resolved.additionalProperties !== false) return part;
    const own = new Set(propertyNames(resolved, lookup, []));
    if ([...names].every((name) => own.has(name))) return part;
    const { additionalProperties: _closed, ...open } = openIntersections(resolved, lookup);
    return open;
  });
  return out;
}

function resolve(schema: Schema, lookup: ComponentLookup): Schema {
  let current = schema;
  for (let name = refName(current), hops = 0; name !== undefined && hops < 32; name = refName(current), hops += 1)
    current = lookup(name) ?? {};
  return current;
}

/** The properties an object schema names, through its `allOf` parts and references. */
function propertyNames(schema: Schema, lookup: ComponentLookup, seen: string[]): string[] {
  const name = refName(schema);
  if (name !== undefined) return seen.includes(name) ? [] : propertyNames(lookup(name) ?? {}, lookup, [...seen, name]);
  return [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap((part) => propertyNames(part, lookup, seen))];
}
