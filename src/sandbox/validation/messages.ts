// Ajv's errors told the way Kibana tells them:
// `[request body.name]: expected value of type [string] but got [number]`.

import type { ErrorObject } from 'ajv';

type JsonObject = Record<string, unknown>;

/** Ajv lists every failing branch of a oneOf/anyOf: the deepest one names the field best. */
export function mostSpecific(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, error) => (fieldPath(error).length > fieldPath(best).length ? error : best));
}

function fieldPath(error: ErrorObject): string[] {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const key = params.missingProperty ?? params.additionalProperty;
  return key === undefined ? path : [...path, key];
}

/** `where` is `request body` or `request query`; `document` resolves `$ref`s of spec facts. */
export function describeError(error: ErrorObject, where: string, document: JsonObject): string {
  const label = `[${[where, ...fieldPath(error)].join('.')}]`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `${label}: expected value of type [${[params.type].flat().join(' | ')}] but got [${typeName(error.data)}]`;
    case 'required': {
      const declared = (error.parentSchema?.properties as Record<string, JsonObject> | undefined)?.[String(params.missingProperty)];
      const types = [...jsonTypes(declared ?? {}, document)];
      return types.length > 0
        ? `${label}: expected value of type [${types.join(' | ')}] but got [undefined]`
        : `${label}: expected value but got [undefined]`;
    }
    case 'additionalProperties':
      return `${label}: definition for this key is missing`;
    case 'enum':
      return `${label}: expected one of [${(params.allowedValues as unknown[]).join('|')}] but got [${String(error.data)}]`;
    default:
      return `${label}: ${error.message ?? 'is invalid'}`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  return typeof value;
}

/** The JSON types a schema admits, looking through `$ref`s (into `document`) and combinators. */
export function jsonTypes(schema: JsonObject, document: JsonObject, seen = new Set<string>()): Set<string> {
  const types = new Set<string>();
  const ref = schema.$ref;
  if (typeof ref === 'string' && !seen.has(ref)) {
    seen.add(ref);
    const target = ref
      .replace(/^[^#]*#\//, '')
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], document);
    for (const type of jsonTypes((target ?? {}) as JsonObject, document, seen)) types.add(type);
  }
  for (const type of [schema.type].flat()) if (typeof type === 'string') types.add(type);
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    for (const branch of (schema[key] ?? []) as JsonObject[]) for (const type of jsonTypes(branch, document, seen)) types.add(type);
  }
  return types;
}
