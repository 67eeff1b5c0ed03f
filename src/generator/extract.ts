// The extract stage: the operations the selection names, read from every upstream spec that
// describes them, curated with the team's entries, checked to make a tool, and written per spec as a
// facts document whose operations carry the Kibana versions they hold on (`x-kibana-versions`).
// Failures are isolated per operation and spec: one that cannot be converted is skipped with its reason.
import { canonicalKey } from '../kibana/spaces.js';
import type { VersionRange } from '../kibana/versions.js';
import type { OpenApiDocument } from '../openapi/document.js';
import type { Operation } from '../openapi/model.js';
import { SpecReader } from '../openapi/spec-reader.js';
import { curate } from './curate.js';
import { factsDocument } from './facts-document.js';
import type { ListedOperation } from './operation-list.js';
import { OperationVersions, type SpecIndex } from './operation-versions.js';
import type { OperationListSource, SpecSource } from './spec-sources.js';
import { buildToolModel } from './tool-model.js';
import type { Toolset } from './toolsets.js';

export interface SpecInput {
  source: SpecSource;
  document: OpenApiDocument;
}

export interface ExtractInput {
  /** Oldest first, as openapi/specs.yaml lists them. */
  specs: SpecInput[];
  list: { source: OperationListSource; operations: Map<string, ListedOperation> };
  toolsets: Toolset[];
}

/** The specs read once, with the version rules over them: what both the facts and the catalogue are made from. */
export interface ReadSpecs {
  specs: Array<{ source: SpecSource; reader: SpecReader; paths: Map<string, string> }>;
  versions: OperationVersions;
}

export interface ExtractResult {
  /** Facts document per spec id. */
  documents: Map<string, Record<string, unknown>>;
  skipped: Array<{ operation: string; reason: string }>;
  /** Selection entries that refer to arguments no spec's operation has. */
  warnings: string[];
}

export function readSpecs({ specs, list, toolsets }: ExtractInput): ReadSpecs {
  const read = specs.map(({ source, document }) => {
    const reader = new SpecReader(document);
    const paths = new Map(reader.operations().map(({ method, path }) => [canonicalKey(method, path), path]));
    return { source, reader, paths };
  });
  const indexes: SpecIndex[] = read.map(({ source, reader }) => ({
    source,
    operations: new Map(
      reader.operations().map(({ method, path, addedIn }) => [canonicalKey(method, path), addedIn ? { path, addedIn } : { path }]),
    ),
  }));
  const teamBounds = new Map<string, VersionRange>();
  for (const entry of toolsets.flatMap((toolset) => toolset.tools))
    if (entry.versions.from !== undefined || entry.versions.until !== undefined)
      teamBounds.set(canonicalKey(entry.method, entry.path), entry.versions);
  return { specs: read, versions: new OperationVersions(indexes, list, teamBounds) };
}

export function extractFacts(input: ExtractInput, read: ReadSpecs = readSpecs(input)): ExtractResult {
  const result: ExtractResult = { documents: new Map(), skipped: [], warnings: [] };
  const extracted = new Map<string, Operation[]>(read.specs.map(({ source }) => [source.id, []]));
  for (const entry of input.toolsets.flatMap((toolset) => toolset.tools)) {
    const key = canonicalKey(entry.method, entry.path);
    const warnings: string[][] = [];
    let found = 0;
    for (const { source, reader, paths } of read.specs) {
      const path = paths.get(key);
      const versions = path === undefined ? undefined : read.versions.rangeOf(source.id, key);
      if (path === undefined || versions === undefined) continue;
      found += 1;
      try {
        const curation = curate(reader.operation(entry.method, path), entry, reader.components);
        const operation = { ...curation.operation, versions };
        buildToolModel(operation, entry, reader.components);
        extracted.get(source.id)?.push(operation);
        warnings.push(curation.warnings);
      } catch (error) {
        result.skipped.push({ operation: `${key} (${source.id})`, reason: (error as Error).message });
      }
    }
    if (found === 0) result.skipped.push({ operation: key, reason: 'no spec describes it on any version' });
    // A name the operation lacks on every spec is a mistake; one that only some versions have is not.
    result.warnings.push(...(warnings[0] ?? []).filter((warning) => warnings.every((list) => list.includes(warning))));
  }
  for (const { source, reader } of read.specs)
    result.documents.set(source.id, factsDocument(source, reader.version, extracted.get(source.id) ?? [], reader.components));
  return result;
}
