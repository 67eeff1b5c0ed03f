// Converts one upstream operation into its facts: parameters (transport headers dropped, `$ref`s
// inlined), one request body media type (placeholders dropped; a versioned media type becomes
// JSON plus the API version header), response codes and media types. Throws with a reason when
// the operation cannot be converted; the caller isolates the failure to this operation.
import type { HttpMethod } from '../kibana/http.js';
import type { VersionRange } from '../kibana/versions.js';
import { isObject, type JsonObject } from './json.js';
import { isJsonMediaType, parseMediaType, REQUEST_MEDIA_TYPES } from './media-type.js';
import { API_VERSION_HEADER, type Operation, type Parameter, type ParameterLocation, type RequestBody, type Response } from './model.js';
import { isMarkedOptional, isPlaceholderSchema, normalizeSchema, type NormalizeOptions } from './normalize-schema.js';
import type { RefResolver } from './pointer.js';
import { addedInVersion } from './x-state.js';
import type { Schema } from '../schema/schema.js';

/** Headers the client sets itself; never parameters of an operation's facts. */
const TRANSPORT_HEADERS = new Set([
  'kbn-xsrf',
  'x-elastic-internal-origin',
  'authorization',
  'content-type',
  'accept',
  'user-agent',
  'es-security-runas-user',
]);
/** Where a facts document records the Kibana versions of an operation. */
export const VERSIONS_KEY = 'x-kibana-versions';
const PARAMETER_LOCATIONS: ReadonlySet<string> = new Set<ParameterLocation>(['path', 'query', 'header']);

export interface UpstreamOperation {
  method: HttpMethod;
  path: string;
  pathItem: JsonObject;
  operation: JsonObject;
}

export class OperationReader {
  constructor(
    private readonly resolveRef: RefResolver,
    private readonly options: NormalizeOptions,
  ) {}

  read({ method, path, pathItem, operation }: UpstreamOperation): Operation {
    const parameters = this.parameters(pathItem, operation);
    const body = this.requestBody(operation.requestBody);
    if (body?.apiVersion && !parameters.some((p) => p.in === 'header' && p.name === API_VERSION_HEADER)) {
      const schema: Schema = { type: 'string', enum: [body.apiVersion] };
      parameters.push({ name: API_VERSION_HEADER, in: 'header', required: true, deprecated: false, schema });
    }
    const facts: Operation = {
      method,
      path,
      tags: Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === 'string') : [],
      deprecated: operation.deprecated === true,
      parameters,
      responses: this.responses(operation.responses),
    };
    if (typeof operation.operationId === 'string') facts.operationId = operation.operationId;
    if (typeof operation.summary === 'string' && operation.summary.trim() !== '') facts.summary = operation.summary.trim();
    const description = this.description(operation);
    if (description !== undefined) facts.description = description;
    if (body) facts.requestBody = body.requestBody;
    const addedIn = addedInVersion(operation['x-state']);
    if (addedIn !== undefined) facts.addedIn = addedIn;
    const versions = versionRange(operation[VERSIONS_KEY]);
    if (versions) facts.versions = versions;
    return facts;
  }

  private schema(raw: unknown): Schema {
    return normalizeSchema(raw, this.resolveRef, this.options);
  }

  private description(raw: JsonObject): string | undefined {
    return this.options.keepDescriptions && typeof raw.description === 'string' ? raw.description : undefined;
  }

  private resolved(value: unknown): unknown {
    const seen = new Set<string>();
    let current = value;
    while (isObject(current) && typeof current.$ref === 'string') {
      if (seen.has(current.$ref)) throw new Error(`circular reference ${current.$ref}`);
      seen.add(current.$ref);
      current = this.resolveRef(current.$ref);
    }
    return current;
  }

  private parameters(pathItem: JsonObject, operation: JsonObject): Parameter[] {
    const byKey = new Map<string, Parameter>();
    const declared = [pathItem.parameters, operation.parameters].flatMap((list) => (Array.isArray(list) ? list : []));
    for (const entry of declared) {
      const param = this.resolved(entry);
      if (!isObject(param) || typeof param.name !== 'string' || typeof param.in !== 'string')
        throw new Error('a parameter has no name or location');
      const location = param.in.toLowerCase();
      if (location === 'cookie') continue;
      if (!PARAMETER_LOCATIONS.has(location)) throw new Error(`parameter ${param.name} is in unknown location "${param.in}"`);
      if (location === 'header' && TRANSPORT_HEADERS.has(param.name.toLowerCase())) continue;
      const name = location === 'header' ? param.name.toLowerCase() : param.name;
      const parameter: Parameter = {
        name,
        in: location as ParameterLocation,
        required: (param.required === true && !isMarkedOptional(param.schema)) || location === 'path',
        deprecated: param.deprecated === true,
        schema: this.parameterSchema(param),
      };
      const description = this.description(param);
      if (description !== undefined) parameter.description = description;
      byKey.set(`${location} ${name}`, parameter);
    }
    return [...byKey.values()];
  }

  private parameterSchema(param: JsonObject): Schema {
    if (param.schema !== undefined) return this.schema(param.schema);
    if (isObject(param.content)) {
      const first = Object.values(param.content)[0];
      if (isObject(first)) return this.schema(first.schema);
    }
    return { type: 'string' };
  }

  private requestBody(raw: unknown): { requestBody: RequestBody; apiVersion?: string } | undefined {
    const body = this.resolved(raw);
    if (!isObject(body) || !isObject(body.content)) return undefined;
    const candidates = Object.entries(body.content).map(([key, media]) => ({ media: parseMediaType(key), value: media }));
    if (candidates.length === 0) return undefined;
    const chosen = REQUEST_MEDIA_TYPES.map((type) => candidates.find((c) => c.media.type === type)).find(Boolean);
    if (!chosen) throw new Error(`request body media type ${candidates.map((c) => c.media.type).join(', ')} is not supported`);
    const schema = this.schema(isObject(chosen.value) ? chosen.value.schema : undefined);
    if (isJsonMediaType(chosen.media.type) && isPlaceholderSchema(schema)) return undefined;
    const requestBody: RequestBody = { mediaType: chosen.media.type, required: body.required === true, schema };
    const description = this.description(body);
    if (description !== undefined) requestBody.description = description;
    return chosen.media.apiVersion ? { requestBody, apiVersion: chosen.media.apiVersion } : { requestBody };
  }

  /** Status codes and media types only: response schemas are unreliable and never reach a tool. */
  private responses(raw: unknown): Response[] {
    const entries = isObject(raw) ? Object.entries(raw) : [];
    return entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, entry]) => {
        const response = this.resolved(entry);
        const types =
          isObject(response) && isObject(response.content) ? Object.keys(response.content).map((key) => parseMediaType(key).type) : [];
        return { status, mediaTypes: [...new Set(types)].sort() };
      });
  }
}

function versionRange(raw: unknown): VersionRange | undefined {
  if (!isObject(raw)) return undefined;
  const range: VersionRange = {};
  if (typeof raw.from === 'string') range.from = raw.from;
  if (typeof raw.until === 'string') range.until = raw.until;
  return range;
}
