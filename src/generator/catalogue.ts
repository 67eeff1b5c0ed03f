// The catalogue stage: every operation of every spec, read with the same rules as the curated tools,
// written per spec as a facts-only document whose operations also say the versions they hold on, what
// they do, whether they live in a space and which curated tool covers them (see src/catalogue/model.ts);
// and one document of the operations only the 9.x list names, without schemas.
import { STATUS_CODES } from 'node:http';
import { CATALOGUE_KEYS } from '../catalogue/model.js';
import type { HttpMethod } from '../kibana/http.js';
import { operationEffect } from '../kibana/operations.js';
import { canonicalKey, isSpaceAwarePath } from '../kibana/spaces.js';
import type { Operation } from '../openapi/model.js';
import { curate } from './curate.js';
import type { ReadSpecs, ExtractInput } from './extract.js';
import { factsDocument, OPENAPI_VERSION } from './facts-document.js';
import { buildToolModel } from './tool-model.js';
import type { ToolEntry } from './toolsets.js';

/** The document of the operations known without schemas. */
export const SCHEMALESS_DOCUMENT = 'schemaless';

export interface CatalogueResult {
  /** Document per spec id, and the listed-only one. */
  documents: Map<string, Record<string, unknown>>;
  /** Operations whose schemas could not be read, with the reason: they are listed without schemas. */
  schemaless: Array<{ operation: string; reason: string }>;
}

export function buildCatalogue(input: ExtractInput, read: ReadSpecs): CatalogueResult {
  const curated = new Map(
    input.toolsets.flatMap((toolset) => toolset.tools).map((entry) => [canonicalKey(entry.method, entry.path), entry]),
  );
  const result: CatalogueResult = { documents: new Map(), schemaless: [] };
  const described = new Set<string>();
  const unreadable = new Map<string, { spec: string; method: HttpMethod; path: string }>();
  for (const { source, reader } of read.specs) {
    const operations: Operation[] = [];
    const extensions = new Map<Operation, Record<string, unknown>>();
    for (const { method, path } of reader.operations()) {
      const key = canonicalKey(method, path);
      described.add(key);
      const versions = read.versions.rangeOf(source.id, key);
      if (versions === undefined) continue;
      try {
        const facts = reader.operation(method, path);
        const entry = curated.get(key);
        const operation = entry ? curatedFacts(facts, entry, reader.components) : facts;
        const tool = entry && buildToolModel(facts, entry, reader.components);
        operations.push(operation);
        extensions.set(operation, {
          [CATALOGUE_KEYS.versions]: versions,
          [CATALOGUE_KEYS.effect]: tool?.tier ?? operationEffect(method, path),
          [CATALOGUE_KEYS.spaceAware]: isSpaceAwarePath(path),
          ...(tool ? { [CATALOGUE_KEYS.tool]: { name: tool.name, toolset: tool.toolset } } : {}),
        });
      } catch (error) {
        result.schemaless.push({ operation: `${key} (${source.id})`, reason: (error as Error).message });
        unreadable.set(key, { spec: source.id, method, path });
        described.delete(key);
      }
    }
    result.documents.set(
      source.id,
      factsDocument(source, reader.version, operations, reader.components, (operation) => extensions.get(operation) ?? {}),
    );
  }
  result.documents.set(SCHEMALESS_DOCUMENT, schemalessDocument(input, read, described, unreadable));
  return result;
}

/** The spec's facts with the team's corrections (over-required parameters) and description, its own summary kept as the title. */
function curatedFacts(facts: Operation, entry: ToolEntry, components: ReadSpecs['specs'][number]['reader']['components']): Operation {
  const { operation } = curate(facts, { ...entry, args: {} }, components);
  const out: Operation = { ...operation, description: entry.description };
  if (facts.summary === undefined) delete out.summary;
  else out.summary = facts.summary;
  return out;
}

/** The operations no document describes with schemas: those only the list names, and those whose schemas a spec has but we cannot read. */
function schemalessDocument(
  { list }: ExtractInput,
  read: ReadSpecs,
  described: Set<string>,
  unreadable: Map<string, { spec: string; method: HttpMethod; path: string }>,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const known = new Map(list.operations);
  for (const [key, { method, path }] of unreadable) if (!known.has(key)) known.set(key, { method, path, deprecated: false });
  const rangeOf = (key: string) => {
    const spec = unreadable.get(key)?.spec;
    return spec === undefined ? read.versions.listedRange(key) : (read.versions.rangeOf(spec, key) ?? {});
  };
  for (const [key, listed] of known) {
    if (described.has(key)) continue;
    const operation: Record<string, unknown> = {};
    if (listed.operationId !== undefined) operation.operationId = listed.operationId;
    if (listed.tag !== undefined) operation.tags = [listed.tag];
    if (listed.deprecated) operation.deprecated = true;
    operation.responses = { default: { description: STATUS_CODES[200] } };
    Object.assign(operation, {
      [CATALOGUE_KEYS.versions]: rangeOf(key),
      [CATALOGUE_KEYS.effect]: operationEffect(listed.method, listed.path),
      [CATALOGUE_KEYS.spaceAware]: isSpaceAwarePath(listed.path),
      [CATALOGUE_KEYS.schemaless]: true,
    });
    paths[listed.path] ??= {};
    (paths[listed.path] as Record<string, unknown>)[listed.method.toLowerCase()] = operation;
  }
  return {
    openapi: OPENAPI_VERSION,
    info: { title: 'Kibana REST API operations known without schemas (facts extracted by kibana-mcp)', version: list.source.file },
    paths,
  };
}
