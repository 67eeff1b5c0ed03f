// Reading the untyped JSON of a request body without trusting its shape.

export function object(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
