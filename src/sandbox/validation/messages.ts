// Ajv's errors told the way Kibana tells them:
// `[request body.name]: expected value of type [string] but got [number]`.

import type { ErrorObject } from 'ajv';

type JsonObject = Record<string, unknown>;

/**
 * The error that names the field best. Ajv (without `allErrors`) reports one chain of errors: a
 * failing `anyOf` comes after the errors of each of its branches, in order. Where the branches are
 * told apart by a field with fixed values (an exception entry's `type`), only the branch the value
 * selects speaks, or, when the value selects none, that field and its allowed values; elsewhere the
 * deepest error wins.
 */
export function mostSpecific(errors: ErrorObject[], document: JsonObject): ErrorObject {
  const chain = [...errors];
  const root = takeRun(chain);
  if (!root || chain.length > 0) return deepest(errors);
  return choose(root, document);
}

interface ErrorRun {
  /** The last error of the run: the one that failed at this level. */
  error: ErrorObject;
  /** For an `anyOf`, the run of each branch, in branch order. */
  branches: ErrorRun[];
}

/** Takes the run that ends the list (consuming it), or undefined when the list does not parse as runs. */
function takeRun(chain: ErrorObject[]): ErrorRun | undefined {
  const error = chain.pop();
  if (!error) return undefined;
  const branches: ErrorRun[] = [];
  if (error.keyword === 'anyOf' && Array.isArray(error.schema)) {
    for (let i = 0; i < error.schema.length; i++) {
      const branch = takeRun(chain);
      if (!branch) return undefined;
      branches.unshift(branch);
    }
  }
  return { error, branches };
}

function choose(run: ErrorRun, document: JsonObject): ErrorObject {
  if (run.branches.length === 0) return run.error;
  const { error } = run;
  const schemas = (error.schema as JsonObject[]).map((branch) => resolve(branch, document));
  const data = error.data;
  const tag = isObject(data) ? discriminator(schemas, document) : undefined;
  if (tag && isObject(data)) {
    const selected = run.branches.filter((_, i) => tag.values[i]!.includes(data[tag.name]));
    if (selected.length === 0) {
      return {
        ...error,
        keyword: 'enum',
        instancePath: `${error.instancePath}/${tag.name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        params: { allowedValues: [...new Set(tag.values.flat())] },
        data: data[tag.name],
      };
    }
    return deepest(selected.map((branch) => choose(branch, document)));
  }
  return deepest(run.branches.map((branch) => choose(branch, document)));
}

/** A property every branch fixes to values no other branch allows, with each branch's values. */
function discriminator(branches: JsonObject[], document: JsonObject): { name: string; values: unknown[][] } | undefined {
  const candidates = Object.keys(propertiesOf(branches[0] ?? {}, document));
  for (const name of candidates) {
    const values = branches.map((branch) => fixedValues(propertiesOf(branch, document)[name], document));
    if (values.some((set) => set === undefined)) continue;
    const all = values.flat();
    if (new Set(all).size === all.length) return { name, values: values as unknown[][] };
  }
  return undefined;
}

/** The properties a schema declares, through `$ref`s and `allOf`s. */
export function propertiesOf(schema: JsonObject, document: JsonObject, seen = new Set<JsonObject>()): Record<string, JsonObject> {
  const resolved = resolve(schema, document);
  if (seen.has(resolved)) return {};
  seen.add(resolved);
  const parts = ((resolved.allOf ?? []) as JsonObject[]).map((part) => propertiesOf(part, document, seen));
  return Object.assign({}, ...parts, (resolved.properties ?? {}) as Record<string, JsonObject>);
}

function fixedValues(schema: JsonObject | undefined, document: JsonObject): unknown[] | undefined {
  if (!schema) return undefined;
  const resolved = resolve(schema, document);
  if ('const' in resolved) return [resolved.const];
  return Array.isArray(resolved.enum) ? resolved.enum : undefined;
}

function deepest(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, error) => (fieldPath(error).length > fieldPath(best).length ? error : best));
}

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

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
    for (const type of jsonTypes(refTarget(ref, document) ?? {}, document, seen)) types.add(type);
  }
  for (const type of [schema.type].flat()) if (typeof type === 'string') types.add(type);
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    for (const branch of (schema[key] ?? []) as JsonObject[]) for (const type of jsonTypes(branch, document, seen)) types.add(type);
  }
  return types;
}

/** The schema a `$ref` chain ends at (the schema itself when it has none). */
function resolve(schema: JsonObject, document: JsonObject): JsonObject {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) current = refTarget(current.$ref, document) ?? {};
  return current;
}

function refTarget(ref: string, document: JsonObject): JsonObject | undefined {
  return ref
    .replace(/^[^#]*#\//, '')
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], document) as JsonObject | undefined;
}
