// Converts one upstream operation into its facts-only form: parameters (transport headers
// dropped, `$ref`s inlined), one request body media type (placeholders dropped), response
// codes and media types. Throws with a reason when the operation cannot be converted; the
// caller isolates the failure to this operation.
import { STATUS_CODES } from 'node:http';
import { isObject, type JsonObject } from './json.js';
import { isJsonMediaType, parseMediaType, REQUEST_MEDIA_TYPES } from './media-type.js';
import { isMarkedOptional, isPlaceholderSchema, normalizeSchema, type NormalizeContext } from './normalize-schema.js';

/** Headers the client sets itself; never parameters of an extracted operation. */
const TRANSPORT_HEADERS = new Set([
  'kbn-xsrf',
  'x-elastic-internal-origin',
  'authorization',
  'content-type',
  'accept',
  'user-agent',
  'es-security-runas-user',
]);
export const API_VERSION_HEADER = 'elastic-api-version';
const PARAMETER_LOCATIONS = new Set(['path', 'query', 'header']);

export interface ExtractedParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: true;
  deprecated?: true;
  description?: string;
  schema: JsonObject;
}

export interface RawOperation {
  pathItem: JsonObject;
  operation: JsonObject;
}

export function extractOperation(raw: RawOperation, context: NormalizeContext): JsonObject {
  const { operation } = raw;
  const out: JsonObject = {};
  if (typeof operation.operationId === 'string') out.operationId = operation.operationId;
  if (typeof operation.summary === 'string' && operation.summary.trim() !== '') out.summary = operation.summary.trim();
  if (operation.deprecated === true) out.deprecated = true;
  const parameters = extractParameters(raw, context);
  const body = extractRequestBody(operation.requestBody, context);
  if (body?.apiVersion && !parameters.some((p) => p.in === 'header' && p.name === API_VERSION_HEADER)) {
    parameters.push({ name: API_VERSION_HEADER, in: 'header', required: true, schema: { type: 'string', enum: [body.apiVersion] } });
  }
  if (parameters.length > 0) out.parameters = parameters;
  if (body) out.requestBody = body.requestBody;
  out.responses = extractResponses(operation.responses, context);
  return out;
}

function resolved(value: unknown, context: NormalizeContext): unknown {
  const seen = new Set<string>();
  let current = value;
  while (isObject(current) && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) throw new Error(`circular reference ${current.$ref}`);
    seen.add(current.$ref);
    current = context.resolveRef(current.$ref);
  }
  return current;
}

function extractParameters(raw: RawOperation, context: NormalizeContext): ExtractedParameter[] {
  const byKey = new Map<string, ExtractedParameter>();
  const declared = [raw.pathItem.parameters, raw.operation.parameters].flatMap((list) => (Array.isArray(list) ? list : []));
  for (const entry of declared) {
    const param = resolved(entry, context);
    if (!isObject(param) || typeof param.name !== 'string' || typeof param.in !== 'string')
      throw new Error('a parameter has no name or location');
    const location = param.in.toLowerCase();
    if (location === 'cookie') continue;
    if (!PARAMETER_LOCATIONS.has(location)) throw new Error(`parameter ${param.name} is in unknown location "${param.in}"`);
    if (location === 'header' && TRANSPORT_HEADERS.has(param.name.toLowerCase())) continue;
    const name = location === 'header' ? param.name.toLowerCase() : param.name;
    const extracted: ExtractedParameter = { name, in: location as ExtractedParameter['in'], schema: parameterSchema(param, context) };
    if ((param.required === true && !isMarkedOptional(param.schema)) || location === 'path') extracted.required = true;
    if (param.deprecated === true) extracted.deprecated = true;
    byKey.set(`${location} ${name}`, extracted);
  }
  return [...byKey.values()];
}

function parameterSchema(param: JsonObject, context: NormalizeContext): JsonObject {
  if (param.schema !== undefined) return normalizeSchema(param.schema, context);
  if (isObject(param.content)) {
    const first = Object.values(param.content)[0];
    if (isObject(first)) return normalizeSchema(first.schema, context);
  }
  return { type: 'string' };
}

interface ExtractedBody {
  requestBody: JsonObject;
  apiVersion?: string;
}

function extractRequestBody(raw: unknown, context: NormalizeContext): ExtractedBody | undefined {
  const body = resolved(raw, context);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const candidates = Object.entries(body.content).map(([key, media]) => ({ media: parseMediaType(key), value: media }));
  if (candidates.length === 0) return undefined;
  const chosen = REQUEST_MEDIA_TYPES.map((type) => candidates.find((c) => c.media.type === type)).find(Boolean);
  if (!chosen) throw new Error(`request body media type ${candidates.map((c) => c.media.type).join(', ')} is not supported`);
  const schema = normalizeSchema(isObject(chosen.value) ? chosen.value.schema : undefined, context);
  if (isJsonMediaType(chosen.media.type) && isPlaceholderSchema(schema)) return undefined;
  const requestBody: JsonObject = {};
  if (body.required === true) requestBody.required = true;
  requestBody.content = { [chosen.media.type]: { schema } };
  return chosen.media.apiVersion ? { requestBody, apiVersion: chosen.media.apiVersion } : { requestBody };
}

/** Status codes and media types only: response schemas are unreliable and never reach a tool. */
function extractResponses(raw: unknown, context: NormalizeContext): JsonObject {
  const responses: JsonObject = {};
  const entries = isObject(raw) ? Object.entries(raw) : [];
  for (const [status, entry] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    const response = resolved(entry, context);
    const out: JsonObject = { description: STATUS_CODES[Number(status)] ?? 'Response' };
    if (isObject(response) && isObject(response.content)) {
      const types = [...new Set(Object.keys(response.content).map((key) => parseMediaType(key).type))].sort();
      out.content = Object.fromEntries(types.map((type) => [type, {}]));
    }
    responses[status] = out;
  }
  if (entries.length === 0) responses.default = { description: 'Response' };
  return responses;
}
