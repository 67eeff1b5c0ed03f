// A stand-in for Prism on a spec Prism takes minutes to load: the 9.4 dashboards API shares every
// panel schema by reference, and Prism inlines them all (about 7 M nodes) before it answers. This
// loopback server checks each request against the spec's operation with Ajv instead (path, query
// and header parameters, the JSON body) and answers as Prism does: 422 with the violations, or 200.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { splitSpacePrefix } from '../../../src/kibana/spaces.js';
import { localRefResolver } from '../../../src/openapi/pointer.js';
import { startRecordingKibana, type RecordedRequest } from '../../../harness/recording-kibana.js';
import type { PrismServer } from '../../support/prism.js';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}
interface Operation {
  template: RegExp;
  names: string[];
  parameters: Array<Parameter & { validate: ValidateFunction }>;
  body?: { required: boolean; validate: ValidateFunction };
}

const SPEC_ID = 'spec';

export async function startAjvJudge(document: Json): Promise<PrismServer> {
  const operations = compileOperations(document);
  const kibana = await startRecordingKibana((request) => {
    const violations = judge(operations, request);
    return violations.length === 0
      ? { body: {} }
      : { status: 422, body: { statusCode: 422, error: 'Unprocessable Entity', message: violations.join('; ') } };
  });
  return { baseUrl: kibana.url, stop: () => kibana.stop() };
}

function compileOperations(document: Json): Map<string, Operation[]> {
  const resolve = localRefResolver(document);
  const bodies = specAjv(document, false);
  // Query and header values travel as text; like Prism, the judge reads them as their schema's type.
  const values = specAjv(document, true);
  const byMethod = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const names: string[] = [];
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_match, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      const declared = [...((item.parameters as unknown as Json[]) ?? []), ...((operation.parameters as Json[]) ?? [])];
      const parameters = declared.map((entry) => {
        const parameter = (typeof entry.$ref === 'string' ? resolve(entry.$ref) : entry) as Parameter;
        const schema = { type: 'object', properties: { value: withSpecRefs(parameter.schema ?? {}) } };
        return { ...parameter, validate: values.compile(schema) };
      });
      const requestBody = operation.requestBody as { required?: boolean; content?: Record<string, { schema?: Json }> } | undefined;
      const schema = requestBody?.content?.['application/json']?.schema;
      const compiled: Operation = {
        template: new RegExp(`^${source}$`),
        names,
        parameters,
        ...(schema ? { body: { required: requestBody?.required === true, validate: bodies.compile(withSpecRefs(schema)) } } : {}),
      };
      byMethod.set(method.toUpperCase(), [...(byMethod.get(method.toUpperCase()) ?? []), compiled]);
    }
  }
  return byMethod;
}

function specAjv(document: Json, coerce: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, ...(coerce ? { coerceTypes: 'array' as const } : {}) });
  ajv.addSchema({ components: document.components ?? {} }, SPEC_ID);
  return ajv;
}

/** The schema with its `#/components/...` references pointing into the spec Ajv holds. */
function withSpecRefs(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SPEC_ID}#/`)) as Json;
}

function judge(operations: Map<string, Operation[]>, request: RecordedRequest): string[] {
  const { path } = splitSpacePrefix(request.path);
  const operation = operations.get(request.method)?.find((candidate) => candidate.template.test(path));
  if (!operation) return [`${request.method} ${path}: no such operation in the spec`];
  const pathValues = Object.fromEntries(
    operation.names.map((name, index) => [name, decodeURIComponent(operation.template.exec(path)![index + 1]!)]),
  );
  const problems: string[] = [];
  const known = new Set<string>();
  for (const parameter of operation.parameters) {
    const raw = valueOf(parameter, request, pathValues);
    if (parameter.in === 'query') known.add(parameter.name);
    if (raw === undefined) {
      if (parameter.required) problems.push(`${parameter.in}.${parameter.name}: required`);
      continue;
    }
    if (!parameter.validate({ value: raw })) problems.push(...messages(`${parameter.in}.${parameter.name}`, parameter.validate.errors));
  }
  for (const name of new Set(request.query.keys())) if (!known.has(name)) problems.push(`query.${name}: not a parameter of the operation`);
  if (operation.body) {
    if (request.body === '') {
      if (operation.body.required) problems.push('body: required');
    } else if (!operation.body.validate(JSON.parse(request.body))) problems.push(...messages('body', operation.body.validate.errors));
  }
  return problems;
}

function valueOf(parameter: Parameter, request: RecordedRequest, pathValues: Record<string, string>): unknown {
  switch (parameter.in) {
    case 'path':
      return pathValues[parameter.name];
    case 'query': {
      const values = request.query.getAll(parameter.name);
      return values.length === 0 ? undefined : parameter.schema?.type === 'array' ? values : values[0];
    }
    case 'header':
      return request.headers[parameter.name.toLowerCase()];
    default:
      return undefined;
  }
}

function messages(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${where}${error.instancePath.replace(/^\/value/, '').replaceAll('/', '.')}: ${error.message}`);
}
