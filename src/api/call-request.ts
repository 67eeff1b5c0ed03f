// A checked full-API call → the KibanaRequest the client sends: the template and its path parameters
// (each one segment), the space on space-aware operations only, the query, the operation's fixed
// headers, an Accept from what it answers, and the body as JSON, ndjson or multipart parts.
import type { KibanaRequest, MultipartPart, QueryValue } from '../client/types.js';
import type { CatalogueOperation } from '../catalogue/model.js';
import type { ResolvedCall } from './call-target.js';
import type { OperationInput } from './operation-input.js';

const JSON_MEDIA_TYPE = 'application/json';

/** What the call checked and will send: `path_params`, `query`, `body` as the validator saw them. */
export interface CallValues {
  path_params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export function apiRequest(
  operation: CatalogueOperation,
  input: OperationInput,
  target: ResolvedCall,
  values: CallValues,
  defaultSpace: string,
): KibanaRequest {
  const request: KibanaRequest = { method: operation.method, path: target.template };
  if (Object.keys(target.pathParams).length > 0) request.params = target.pathParams;
  if (operation.spaceAware) request.space = target.space ?? defaultSpace;
  if (values.query !== undefined && Object.keys(values.query).length > 0) request.query = values.query as Record<string, QueryValue>;
  if (Object.keys(input.headers).length > 0) request.headers = { ...input.headers };
  const accept = acceptOf(operation.responses);
  if (accept !== undefined) request.accept = accept;
  if (values.body !== undefined) {
    const encoding = input.body?.encoding ?? 'json';
    request.body = encoding === 'multipart' ? multipartParts(values.body as Record<string, unknown>, input) : values.body;
    request.bodyType = encoding;
  }
  return request;
}

/** The operation's success media types, then JSON (Kibana's errors are JSON); undefined when that is JSON alone. */
function acceptOf(responses: readonly string[]): string | undefined {
  const types = [...new Set([...responses.filter((type) => type !== JSON_MEDIA_TYPE), JSON_MEDIA_TYPE])];
  return types.length > 1 ? types.join(', ') : undefined;
}

/** One part per property: files as files (an array as ndjson lines), text as text, anything else as its JSON. */
function multipartParts(body: Record<string, unknown>, input: OperationInput): MultipartPart[] {
  return Object.entries(body).flatMap(([name, value]): MultipartPart[] => {
    if (value === undefined) return [];
    if (input.fileParts.has(name)) return [filePart(name, value)];
    return [{ name, value: typeof value === 'string' ? value : JSON.stringify(value) }];
  });
}

function filePart(name: string, value: unknown): MultipartPart {
  if (Array.isArray(value)) {
    return {
      name,
      value: value.map((line) => `${JSON.stringify(line)}\n`).join(''),
      filename: `${name}.ndjson`,
      contentType: 'application/ndjson',
    };
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const kind = textKind(text);
  return { name, value: text, filename: `${name}.${kind.extension}`, contentType: kind.contentType };
}

/** What a file's text is, for its name and type: Kibana's importers read ndjson files by their extension. */
function textKind(text: string): { extension: string; contentType: string } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length > 0 && lines.every((line) => isJsonObject(line))) return { extension: 'ndjson', contentType: 'application/ndjson' };
  if (parses(text)) return { extension: 'json', contentType: JSON_MEDIA_TYPE };
  return { extension: 'txt', contentType: 'text/plain' };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isJsonObject(line: string): boolean {
  return line.trimStart().startsWith('{') && parses(line);
}
