// Small in-memory specs for the generator's stages: an ExtractInput made of hand-written OpenAPI
// documents, each with its version range, and an operation list.
import type { ExtractInput } from '../../../src/generator/extract.js';
import type { ListedOperation } from '../../../src/generator/operation-list.js';
import type { Toolset } from '../../../src/generator/toolsets.js';
import { canonicalKey } from '../../../src/kibana/spaces.js';
import type { VersionRange } from '../../../src/kibana/versions.js';
import { localRefResolver } from '../../../src/openapi/pointer.js';

export interface TestSpec {
  id: string;
  versions: VersionRange;
  document: Record<string, unknown>;
}

export function extractInput(specs: TestSpec[], toolsets: Toolset[], listed: ListedOperation[] = []): ExtractInput {
  return {
    specs: specs.map(({ id, versions, document }) => ({
      source: { id, file: `${id}.json`, sha256: '0'.repeat(64), versions },
      document: { document, resolveRef: localRefResolver(document) },
    })),
    list: {
      source: { file: 'list.tsv', sha256: '0'.repeat(64), versions: { from: '9.0.0' }, completeFrom: '9.4.0', sampled: ['/api/sampled/'] },
      operations: new Map(listed.map((operation) => [canonicalKey(operation.method, operation.path), operation])),
    },
    toolsets,
  };
}

/** A spec document of the given paths (each operation answers 200) and component schemas. */
export function specDocument(
  paths: Record<string, Record<string, Record<string, unknown>>>,
  schemas: Record<string, unknown> = {},
): Record<string, unknown> {
  const withResponses = Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => [method, { responses: { 200: { description: 'OK' } }, ...operation }]),
      ),
    ]),
  );
  return { openapi: '3.0.3', info: { title: 'test', version: '1' }, paths: withResponses, components: { schemas } };
}
