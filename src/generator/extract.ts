// The extract stage: the operations a selection names (or all of them), read from an upstream spec,
// curated with the team's entries, checked to make a tool, and written as the facts document.
// Failures are isolated per operation: one that cannot be converted is skipped with its reason.
import { operationKey, type HttpMethod } from '../kibana/http.js';
import type { OpenApiDocument } from '../openapi/document.js';
import type { Operation } from '../openapi/model.js';
import { SpecReader } from '../openapi/spec-reader.js';
import { curate } from './curate.js';
import { factsDocument } from './facts-document.js';
import { buildToolModel } from './tool-model.js';
import type { ToolEntry, Toolset } from './toolsets.js';

export interface ExtractResult {
  document: Record<string, unknown>;
  converted: string[];
  skipped: Array<{ operation: string; reason: string }>;
  /** Selection entries that refer to arguments the operation does not have. */
  warnings: string[];
}

/** Extracts the operations selected by `toolsets`, or every operation when `toolsets` is `'all'`. */
export function extractDocument(spec: OpenApiDocument, toolsets: Toolset[] | 'all'): ExtractResult {
  const reader = new SpecReader(spec);
  const result: ExtractResult = { document: {}, converted: [], skipped: [], warnings: [] };
  const extracted: Operation[] = [];
  /** Converts one operation, curated with its entry when it has one (never under `--all`). */
  const convert = (method: HttpMethod, path: string, entry?: ToolEntry): void => {
    const key = operationKey(method, path);
    if (!reader.has(method, path)) {
      result.skipped.push({ operation: key, reason: 'not in the spec' });
      return;
    }
    try {
      let operation = reader.operation(method, path);
      if (entry) {
        const curation = curate(operation, entry, reader.components);
        result.warnings.push(...curation.warnings);
        operation = curation.operation;
      }
      buildToolModel(operation, entry ?? defaultEntry(operation), reader.components);
      extracted.push(operation);
      result.converted.push(key);
    } catch (error) {
      result.skipped.push({ operation: key, reason: (error as Error).message });
    }
  };
  if (toolsets === 'all') for (const { method, path } of reader.operations()) convert(method, path);
  else for (const entry of toolsets.flatMap((t) => t.tools)) convert(entry.method, entry.path, entry);
  result.document = factsDocument(reader.version, extracted, reader.components);
  return result;
}

/** A stand-in selection entry for `--all`: named after the operationId, described by its summary. */
function defaultEntry(operation: Operation): ToolEntry {
  const id = operation.operationId ?? operationKey(operation.method, operation.path);
  const name =
    id
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 48) || 'operation';
  const title = operation.summary ?? id;
  return {
    toolset: 'all',
    method: operation.method,
    path: operation.path,
    name,
    title,
    description: title,
    readOnly: false,
    destructiveHint: false,
    openWorld: false,
    args: {},
    omit: [],
    optional: [],
  };
}
