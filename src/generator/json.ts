// Small helpers for untyped JSON/YAML documents.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy with object keys sorted, so equal values serialise identically. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isObject(value)) return value;
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep(value[key]);
  return sorted;
}

/** The `#/components/schemas/<name>` reference of a component schema. */
export const COMPONENT_SCHEMA_PREFIX = '#/components/schemas/';

export function componentName(ref: string): string | undefined {
  if (!ref.startsWith(COMPONENT_SCHEMA_PREFIX)) return undefined;
  const name = ref.slice(COMPONENT_SCHEMA_PREFIX.length);
  return name.includes('/') ? undefined : decodeURIComponent(name.replace(/~1/g, '/').replace(/~0/g, '~'));
}
