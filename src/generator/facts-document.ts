// Operations' facts written as a facts-only OpenAPI 3.1 document per upstream spec
// (`openapi/facts/<spec>.yaml`): the committed record of what the tools are generated from, read back
// by the generator. The document says which spec it comes from and the versions that spec describes;
// each operation, the versions it exists on (`x-kibana-versions`).
import { STATUS_CODES } from 'node:http';
import { stringify } from 'yaml';
import { HTTP_METHODS } from '../kibana/http.js';
import { operationSchemas, type Operation, type Parameter, type RequestBody, type Response } from '../openapi/model.js';
import { VERSIONS_KEY } from '../openapi/read-operation.js';
import type { ComponentStore } from '../schema/components.js';
import type { SpecSource } from './spec-sources.js';

export const OPENAPI_VERSION = '3.1.0';

type JsonObject = Record<string, unknown>;

/** Where the document's `info` names its spec. */
export const SPEC_KEY = 'x-kibana-spec';

/** Keys an operation object gets beside its facts (the catalogue's own, see src/catalogue/model.ts). */
export type Extensions = (operation: Operation) => JsonObject;

export function factsDocument(
  spec: SpecSource,
  version: string,
  operations: Operation[],
  components: ComponentStore,
  extensions: Extensions = () => ({}),
): JsonObject {
  const paths: Record<string, JsonObject> = {};
  const sorted = [...operations].sort(
    (a, b) => a.path.localeCompare(b.path) || HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method),
  );
  for (const operation of sorted) {
    paths[operation.path] ??= {};
    (paths[operation.path] as JsonObject)[operation.method.toLowerCase()] = { ...operationObject(operation), ...extensions(operation) };
  }
  const used = components.reachableFrom(operations.flatMap(operationSchemas));
  return {
    openapi: OPENAPI_VERSION,
    info: { title: 'Kibana REST API (facts extracted by kibana-mcp)', version, [SPEC_KEY]: spec.id, [VERSIONS_KEY]: spec.versions },
    paths,
    components: { schemas: Object.fromEntries(used.map((name) => [name, components.require(name)])) },
  };
}

/** Deterministic YAML: no anchors, no line folding, so equal documents are equal bytes. */
export function toYaml(value: unknown): string {
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}

function operationObject(operation: Operation): JsonObject {
  const out: JsonObject = {};
  if (operation.operationId !== undefined) out.operationId = operation.operationId;
  if (operation.summary !== undefined) out.summary = operation.summary;
  if (operation.description !== undefined) out.description = operation.description;
  if (operation.tags.length > 0) out.tags = operation.tags;
  if (operation.deprecated) out.deprecated = true;
  if (operation.versions) out[VERSIONS_KEY] = operation.versions;
  if (operation.parameters.length > 0) out.parameters = operation.parameters.map(parameterObject);
  if (operation.requestBody) out.requestBody = requestBodyObject(operation.requestBody);
  out.responses = responsesObject(operation.responses);
  return out;
}

function parameterObject(param: Parameter): JsonObject {
  const out: JsonObject = { name: param.name, in: param.in, schema: param.schema };
  if (param.required) out.required = true;
  if (param.deprecated) out.deprecated = true;
  if (param.description !== undefined) out.description = param.description;
  return out;
}

function requestBodyObject(body: RequestBody): JsonObject {
  const out: JsonObject = {};
  if (body.required) out.required = true;
  out.content = { [body.mediaType]: { schema: body.schema } };
  if (body.description !== undefined) out.description = body.description;
  return out;
}

function responsesObject(responses: Response[]): JsonObject {
  if (responses.length === 0) return { default: { description: 'Response' } };
  const out: JsonObject = {};
  for (const { status, mediaTypes } of responses) {
    const response: JsonObject = { description: STATUS_CODES[Number(status)] ?? 'Response' };
    if (mediaTypes.length > 0) response.content = Object.fromEntries(mediaTypes.map((type) => [type, {}]));
    out[status] = response;
  }
  return out;
}
