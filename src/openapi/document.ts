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
  let document: unknown;
  try {
    document = parseText(text);
  } catch (error) {
    throw new Error(`${source}: not YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(document) || !isObject(document.paths)) throw new Error(`${source}: not an OpenAPI document (no "paths")`);
  return { document, resolveRef: localRefResolver(document) };
}

/**
 * JSON through JSON.parse (a 1 MB spec in 16 ms, where the YAML parser takes a second), anything else
 * as YAML, which JSON is a subset of: a text that only looks like JSON is YAML's to read, or refuse.
 * Kibana's YAML specs use anchors heavily, so no alias limit.
 */
function parseText(text: string): unknown {
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // A YAML flow mapping, or not a document at all: YAML says which.
    }
  }
  return parse(text, { maxAliasCount: -1 });
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
