// Loads the shipped catalogue (openapi/catalogue/*.json): the operations of one Kibana version, with
// the component schemas their schemas refer to. Reads files only when called: import it on the first
// full-API call, never at start.
import { readdir, readFile } from 'node:fs/promises';
import { HTTP_METHODS, type HttpMethod } from '../kibana/http.js';
import type { OperationEffect } from '../kibana/operations.js';
import { splitSpaceParameter } from '../kibana/spaces.js';
import { compareVersions, isInRange, type VersionRange } from '../kibana/versions.js';
import type { ParameterLocation } from '../openapi/model.js';
import type { Schema } from '../schema/schema.js';
import type { ComponentLookup } from '../schema/to-zod.js';
import { CATALOGUE_KEYS, type CatalogueOperation, type CatalogueParameter } from './model.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface Catalogue {
  /** The Kibana version the operations were chosen for; undefined when they are every version's. */
  version?: string;
  /** Sorted by path, then method; one per method + path. */
  operations: readonly CatalogueOperation[];
  /** The component schemas of a spec (`CatalogueOperation.spec`), which its operations' `$ref`s name. */
  components(spec: string): ComponentLookup;
}

/** The shipped catalogue's directory. */
export const CATALOGUE_DIR = new URL('openapi/catalogue/', PACKAGE_ROOT);

type JsonObject = Record<string, unknown>;

interface Document {
  spec: string;
  paths: Record<string, Record<string, JsonObject>>;
  components: Record<string, Schema>;
}

/**
 * The operations that exist on Kibana `version`; without a version, every operation of every
 * version, each with its newest facts (for a Kibana whose version is not known yet).
 */
export async function loadCatalogue(version?: string, dir: URL = CATALOGUE_DIR): Promise<Catalogue> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  const documents = await Promise.all(files.map(async (file) => parseDocument(file, await readFile(new URL(file, dir), 'utf8'))));
  const chosen = new Map<string, CatalogueOperation>();
  for (const document of documents) {
    for (const [specPath, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const raw = item[method.toLowerCase()];
        if (!raw) continue;
        const operation = catalogueOperation(document.spec, method, specPath, raw);
        if (version !== undefined && !isInRange(version, operation.versions)) continue;
        const key = `${method} ${operation.path}`;
        const other = chosen.get(key);
        if (!other || startsLater(operation.versions, other.versions)) chosen.set(key, operation);
      }
    }
  }
  const operations = [...chosen.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method),
  );
  const bySpec = new Map(documents.map((document) => [document.spec, document.components]));
  const catalogue: Catalogue = {
    operations,
    components: (spec) => {
      const components = bySpec.get(spec) ?? {};
      return (name) => (Object.hasOwn(components, name) ? components[name] : undefined);
    },
  };
  if (version !== undefined) catalogue.version = version;
  return catalogue;
}

function parseDocument(file: string, text: string): Document {
  const document = JSON.parse(text) as { info?: JsonObject; paths?: Document['paths']; components?: { schemas?: Record<string, Schema> } };
  const spec = typeof document.info?.['x-kibana-spec'] === 'string' ? document.info['x-kibana-spec'] : file.replace(/\.json$/, '');
  return { spec, paths: document.paths ?? {}, components: document.components?.schemas ?? {} };
}

function catalogueOperation(spec: string, method: HttpMethod, specPath: string, raw: JsonObject): CatalogueOperation {
  const split = splitSpaceParameter(specPath);
  const path = split?.rest ?? specPath;
  const parameters = ((raw.parameters ?? []) as CatalogueParameter[])
    .filter((param) => !(split && param.in === 'path' && param.name === split.parameter))
    .map(({ name, in: location, required, schema }) => ({ name, in: location as ParameterLocation, required: required === true, schema }));
  const operation: CatalogueOperation = {
    method,
    path,
    title: typeof raw.summary === 'string' ? raw.summary : '',
    tags: (raw.tags ?? []) as string[],
    effect: raw[CATALOGUE_KEYS.effect] as OperationEffect,
    spaceAware: raw[CATALOGUE_KEYS.spaceAware] === true,
    versions: (raw[CATALOGUE_KEYS.versions] ?? {}) as VersionRange,
    parameters,
    responses: responseMediaTypes(raw.responses),
    spec,
  };
  if (path !== specPath) operation.specPath = specPath;
  if (typeof raw.operationId === 'string') operation.operationId = raw.operationId;
  if (raw.deprecated === true) operation.deprecated = true;
  const body = requestBody(raw.requestBody);
  if (body) operation.body = body;
  const tool = raw[CATALOGUE_KEYS.tool] as { name: string; toolset: string } | undefined;
  if (tool) {
    operation.curatedTool = tool.name;
    operation.toolset = tool.toolset;
  }
  if (typeof raw.description === 'string') operation.description = raw.description;
  if (raw[CATALOGUE_KEYS.schemaless] === true) operation.schemaless = true;
  return operation;
}

function requestBody(raw: unknown): CatalogueOperation['body'] {
  const body = raw as { required?: boolean; content?: Record<string, { schema?: Schema }> } | undefined;
  const [mediaType, media] = Object.entries(body?.content ?? {})[0] ?? [];
  return mediaType === undefined ? undefined : { mediaType, required: body?.required === true, schema: media?.schema ?? {} };
}

/** Media types of the success responses (of the default response when the spec lists no success status). */
function responseMediaTypes(raw: unknown): string[] {
  const entries = Object.entries((raw ?? {}) as Record<string, { content?: JsonObject }>);
  const success = entries.filter(([status]) => status.startsWith('2'));
  const chosen = success.length > 0 ? success : entries.filter(([status]) => status === 'default');
  return [...new Set(chosen.flatMap(([, response]) => Object.keys(response.content ?? {})))];
}

/** `a` holds on later versions than `b` (its start is later; an unbounded start is the earliest). */
function startsLater(a: VersionRange, b: VersionRange): boolean {
  if (a.from === undefined) return false;
  return b.from === undefined || compareVersions(a.from, b.from) > 0;
}
