// References to component schemas, the only `$ref`s a normalised schema holds.
import type { Schema } from './schema.js';

export const COMPONENT_SCHEMA_PREFIX = '#/components/schemas/';

export function componentRef(name: string): string {
  return COMPONENT_SCHEMA_PREFIX + encodeURIComponent(name);
}

/** The component name a `#/components/schemas/<name>` reference points to; undefined for any other reference. */
export function componentName(ref: string): string | undefined {
  if (!ref.startsWith(COMPONENT_SCHEMA_PREFIX)) return undefined;
  const name = ref.slice(COMPONENT_SCHEMA_PREFIX.length);
  return name.includes('/') ? undefined : decodeURIComponent(name.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function refName(schema: Schema): string | undefined {
  return typeof schema.$ref === 'string' ? componentName(schema.$ref) : undefined;
}
