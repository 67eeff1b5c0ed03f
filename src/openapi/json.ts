// Untyped JSON/YAML as read from a document: checked here, at the boundary, and nowhere after.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
