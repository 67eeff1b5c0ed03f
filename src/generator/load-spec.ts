// Reads an OpenAPI document (YAML or JSON, any Kibana version) and resolves its `$ref`s
// with the ref-parser library, without inlining them: the extractor decides what to keep.
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { isObject, type JsonObject } from './json.js';

export interface LoadedSpec {
  document: JsonObject;
  resolveRef(ref: string): unknown;
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  const path = resolve(file);
  // YAML is a superset of JSON; Kibana's specs use anchors heavily, so no alias limit.
  const document: unknown = parse(await readFile(path, 'utf8'), { maxAliasCount: -1 });
  if (!isObject(document) || !isObject(document.paths)) throw new Error(`${file}: not an OpenAPI document (no "paths")`);
  const refs = await $RefParser.resolve(path, document, { resolve: { http: false } });
  return {
    document,
    resolveRef(ref) {
      try {
        return refs.get(ref);
      } catch (error) {
        throw new Error(`unresolvable $ref ${ref}: ${(error as Error).message}`);
      }
    },
  };
}
