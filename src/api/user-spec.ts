// The user's own OpenAPI spec (--spec FILE, or what the connected Kibana serves at GET /api/oas) as the
// full-API tools' catalogue: read at start with the same reader and normaliser as the shipped catalogue
// (src/openapi), so that a spec that cannot serve fails before the first tools/list, never on a call.
// The curated tools that cover its operations, and their tiers, come from the shipped catalogue of the
// connected version, once a call needs them.
import { type Catalogue, loadCatalogue } from '../catalogue/load.js';
import type { CatalogueOperation } from '../catalogue/model.js';
import { operationKey } from '../kibana/http.js';
import { operationEffect } from '../kibana/operations.js';
import { isSpaceAwarePath, splitSpaceParameter } from '../kibana/spaces.js';
import { loadDocument, type OpenApiDocument } from '../openapi/document.js';
import { isObject } from '../openapi/json.js';
import type { Operation } from '../openapi/model.js';
import { localRefResolver } from '../openapi/pointer.js';
import { SpecReader } from '../openapi/spec-reader.js';

/** The spec id the operations of a user's spec carry (their component schemas are looked up under it). */
const USER_SPEC = 'user';
/** Reasons for unreadable operations named in the start-up warning. */
const NAMED_FAILURES = 3;

export interface UserSpec {
  /** Where the spec came from, as messages name it. */
  source: string;
  operations: CatalogueOperation[];
  /** Operations the spec has but whose schemas cannot be read, with the reason; left out. */
  unreadable: Array<{ operation: string; reason: string }>;
  /** The operations of a Kibana version: the spec's, with the curated tools of that version's shipped catalogue. */
  catalogue(version: string | undefined): Promise<Catalogue>;
}

export async function readSpecFile(file: string): Promise<UserSpec> {
  return userSpec(await loadDocument(file), file);
}

/** A spec already parsed (the JSON Kibana answers GET /api/oas with). */
export function readSpecValue(value: unknown, source: string): UserSpec {
  if (!isObject(value) || !isObject(value.paths)) throw new Error(`${source}: not an OpenAPI document (no "paths")`);
  return userSpec({ document: value, resolveRef: localRefResolver(value) }, source);
}

/** What a start says about a spec it reads: the operations it serves, and those it left out. */
export function specSummary(spec: UserSpec): string {
  const left = spec.unreadable.length;
  const named = spec.unreadable
    .slice(0, NAMED_FAILURES)
    .map(({ operation, reason }) => `${operation}: ${reason}`)
    .join('; ');
  const leftOut = left === 0 ? '' : `; ${left} left out, their schemas unreadable (${named}${left > NAMED_FAILURES ? '; …' : ''})`;
  return `--spec ${spec.source}: the full-API tools serve its ${spec.operations.length} operations${leftOut}`;
}

function userSpec(document: OpenApiDocument, source: string): UserSpec {
  const reader = new SpecReader(document);
  const operations: CatalogueOperation[] = [];
  const unreadable: UserSpec['unreadable'] = [];
  for (const { method, path } of reader.operations()) {
    try {
      operations.push(catalogueOperation(reader.operation(method, path)));
    } catch (error) {
      unreadable.push({ operation: operationKey(method, path), reason: (error as Error).message });
    }
  }
  if (operations.length === 0) {
    const why = unreadable[0] ? `: ${unreadable[0].operation}: ${unreadable[0].reason}` : '';
    throw new Error(`${source}: no operation of the spec can be read${why}`);
  }
  operations.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  const components = reader.components;
  const lookup = (name: string) => components.get(name);
  return {
    source,
    operations,
    unreadable,
    catalogue: async (version) => {
      const curated = new Map(
        (await loadCatalogue(version)).operations.map((operation) => [operationKey(operation.method, operation.path), operation]),
      );
      const merged = operations.map((operation) => withCuratedTool(operation, curated.get(operationKey(operation.method, operation.path))));
      return { ...(version === undefined ? {} : { version }), operations: merged, components: () => lookup };
    },
  };
}

function catalogueOperation(facts: Operation): CatalogueOperation {
  const split = splitSpaceParameter(facts.path);
  const path = split?.rest ?? facts.path;
  const operation: CatalogueOperation = {
    method: facts.method,
    path,
    title: facts.summary ?? '',
    tags: facts.tags,
    effect: operationEffect(facts.method, path),
    spaceAware: isSpaceAwarePath(facts.path),
    versions: {},
    parameters: facts.parameters
      .filter((param) => !(split && param.in === 'path' && param.name === split.parameter))
      .map(({ name, in: location, required, schema }) => ({ name, in: location, required, schema })),
    responses: [...new Set(facts.responses.filter(({ status }) => status.startsWith('2')).flatMap(({ mediaTypes }) => mediaTypes))],
    spec: USER_SPEC,
  };
  if (split) operation.specPath = facts.path;
  if (facts.operationId !== undefined) operation.operationId = facts.operationId;
  if (facts.deprecated) operation.deprecated = true;
  if (facts.requestBody) {
    const { mediaType, required, schema } = facts.requestBody;
    operation.body = { mediaType, required, schema };
  }
  return operation;
}

/** The operation with the curated tool of the shipped catalogue's same operation, and that tool's tier. */
function withCuratedTool(operation: CatalogueOperation, shipped: CatalogueOperation | undefined): CatalogueOperation {
  if (shipped?.curatedTool === undefined) return operation;
  return {
    ...operation,
    curatedTool: shipped.curatedTool,
    ...(shipped.toolset ? { toolset: shipped.toolset } : {}),
    effect: shipped.effect,
  };
}
