// Small helpers for untyped JSON/YAML documents.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `#/components/schemas/<name>` reference of a component schema. */
export const COMPONENT_SCHEMA_PREFIX = '#/components/schemas/';

export function componentName(ref: string): string | undefined {
  if (!ref.startsWith(COMPONENT_SCHEMA_PREFIX)) return undefined;
  const name = ref.slice(COMPONENT_SCHEMA_PREFIX.length);
  return name.includes('/') ? undefined : decodeURIComponent(name.replace(/~1/g, '/').replace(/~0/g, '~'));
}
