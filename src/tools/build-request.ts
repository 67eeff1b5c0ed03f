// Tool arguments (already validated) → the KibanaRequest the client sends, per the ToolSpec's mapping.
import type { KibanaRequest, MultipartPart, QueryValue } from '../client/types.js';
import { SPACE_ARG, type BodyBinding, type MultipartBinding, type ToolSpec } from './spec.js';

export function buildRequest(spec: ToolSpec, args: Record<string, unknown>, defaultSpace: string): KibanaRequest {
  const { request: mapping } = spec;
  const request: KibanaRequest = { method: mapping.method, path: mapping.path };
  const params: Record<string, string | number> = {};
  const query: Record<string, QueryValue> = {};
  const headers: Record<string, string> = { ...mapping.headers };
  for (const binding of mapping.params) {
    const value = args[binding.arg];
    if (value === undefined) continue;
    if (binding.in === 'path') params[binding.name] = typeof value === 'number' ? value : String(value);
    else if (binding.in === 'query') query[binding.name] = value as QueryValue;
    else headers[binding.name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (Object.keys(params).length > 0) request.params = params;
  if (Object.keys(query).length > 0) request.query = query;
  if (Object.keys(headers).length > 0) request.headers = headers;
  if (mapping.accept !== undefined) request.accept = mapping.accept;
  if (mapping.body) Object.assign(request, body(mapping.body, args));
  if (spec.spaceAware) request.space = typeof args[SPACE_ARG] === 'string' ? args[SPACE_ARG] : defaultSpace;
  return request;
}

function body(binding: BodyBinding, args: Record<string, unknown>): Pick<KibanaRequest, 'body' | 'bodyType'> {
  switch (binding.kind) {
    case 'fields': {
      const entries = Object.entries(binding.fields).filter(([arg]) => args[arg] !== undefined);
      // A body whose fields are all optional and absent is still sent: Kibana expects JSON on these routes.
      return { body: Object.fromEntries(entries.map(([arg, field]) => [field, args[arg]])), bodyType: 'json' };
    }
    case 'arg':
      return args[binding.arg] === undefined ? {} : { body: args[binding.arg], bodyType: binding.encoding };
    case 'multipart':
      return { body: binding.parts.flatMap((part) => multipartPart(part, args[part.arg])), bodyType: 'multipart' };
  }
}

function multipartPart(binding: MultipartBinding, value: unknown): MultipartPart[] {
  if (value === undefined) return [];
  const part: MultipartPart = { name: binding.field, value: partValue(binding, value) };
  if (binding.as === 'ndjson-file') part.contentType = 'application/ndjson';
  if (binding.filename !== undefined) part.filename = binding.filename;
  return [part];
}

function partValue(binding: MultipartBinding, value: unknown): string {
  switch (binding.as) {
    case 'ndjson-file':
      return (Array.isArray(value) ? value : [value]).map((item) => `${JSON.stringify(item)}\n`).join('');
    case 'json':
      return JSON.stringify(value);
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
