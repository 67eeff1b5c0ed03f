// An OpenAPI document (YAML or JSON, any Kibana version) as read from text or a file, with the
// resolver of its references. Nothing is inlined here: the reader decides what to keep.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { isObject, type JsonObject } from './json.js';
import { localRefResolver, type RefResolver } from './pointer.js';

export interface OpenApiDocument {
  document: JsonObject;
  resolveRef: RefResolver;
}

export function parseDocument(text: string, source: string): OpenApiDocument {
  // YAML is a superset of JSON; Kibana's specs use anchors heavily, so no alias limit.
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`${source}: not YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(document) || !isObject(document.paths)) throw new Error(`${source}: not an OpenAPI document (no "paths")`);
  return { document, resolveRef: localRefResolver(document) };
}

export async function loadDocument(file: string): Promise<OpenApiDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseDocument(text, file);
}
