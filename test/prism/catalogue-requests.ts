// Every operation of a spec's catalogue, called through call_kibana_api (an in-process runtime) with
// arguments made only from describe_kibana_api's answers, on the Kibana version the operation holds on,
// each request judged by the spec's judge (./judges.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KibanaApi } from '../../src/api/service.js';
import { CATALOGUE_KEYS, type CatalogueOperation } from '../../src/catalogue/model.js';
import { type KibanaClient, KibanaError, type KibanaRequest, type KibanaResponse } from '../../src/client/index.js';
import type { SpecSource } from '../../src/generator/spec-sources.js';
import { HTTP_METHODS, type HttpMethod } from '../../src/kibana/http.js';
import { canonicalPath } from '../../src/kibana/spaces.js';
import type { VersionRange } from '../../src/kibana/versions.js';
import { KibanaVersion } from '../../src/tools/kibana-version.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { Tool } from '../../src/tools/runtime/tool.js';
import { apiTools } from '../../src/tools/tasks/api.js';
import { describedArguments } from '../api/support/described-call.js';
import { testClient } from '../support/kibana-client.js';
import { testRuntime, textOf } from '../support/runtime.js';
import { inLanes } from './in-lanes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CONCURRENCY = 8;
/** The space of space-aware calls; on a spec without the spaces API (the space guard's GET), the default one. */
const SPACE = 'marketing';
/** Statuses with which Prism (or the stand-in) refuses a request that breaks the spec. */
const REFUSING_STATUSES = new Set([400, 404, 405, 415, 422]);

/**
 * Operations Prism cannot judge, on the specs named, and why. Listed, not hidden: each is still called,
 * and what Prism says of it is not counted.
 */
const PRISM_LIMITS: ReadonlyArray<{ specs: string[]; operations: string[]; why: string }> = [
  {
    specs: ['kibana-8.18', 'kibana-9.3'],
    operations: ['POST /api/endpoint/action/kill_process', 'POST /api/endpoint/action/suspend_process'],
    why: "the spec's `parameters` is a oneOf of objects ({pid}, {entity_id}, {process_name}) that neither require their key nor exclude the others', so every value matches none or several members",
  },
  {
    specs: ['kibana-8.18', 'kibana-9.3'],
    operations: ['POST /api/saved_objects/_resolve_import_errors', 'POST /api/endpoint/action/upload'],
    why: 'Prism cannot check a multipart text field against an array or object schema (Kibana reads such fields as JSON text, which the call sends; Prism sees a string)',
  },
  {
    specs: ['kibana-9.3'],
    operations: ['POST /api/saved_objects/_import'],
    why: 'the 9.3 spec types the multipart `file` part as an object; to Prism a file part is text',
  },
  {
    specs: ['kibana-9.3'],
    operations: ['POST /api/actions/connector/{id}/_execute', 'PUT /api/attack_discovery/schedules/{id}'],
    why: "a oneOf whose members overlap (a connector run's `params`, a schedule action whose second member is the first without `group`): a value Kibana takes matches several members, which a oneOf forbids",
  },
  {
    specs: ['kibana-9.3'],
    operations: ['PUT /api/streams/{name}'],
    why: 'the body contradicts itself: `stream.name` is required by one part of an intersection and forbidden (`not: {}`) by another, so no value satisfies it; the server refuses the call too, since it checks the whole schema',
  },
];

export interface Catalogued {
  method: HttpMethod;
  /** As the spec writes it. */
  specPath: string;
  versions: VersionRange;
}

/** The operations a spec's catalogue document holds, with the versions each holds on. */
export function catalogued(spec: string): Catalogued[] {
  const document = JSON.parse(readFileSync(join(ROOT, 'openapi/catalogue', `${spec}.json`), 'utf8')) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  return Object.entries(document.paths).flatMap(([specPath, item]) =>
    HTTP_METHODS.filter((method) => item[method.toLowerCase()]).map((method) => ({
      method,
      specPath,
      versions: (item[method.toLowerCase()]![CATALOGUE_KEYS.versions] ?? {}) as VersionRange,
    })),
  );
}

/** A version the operation holds on: where its range starts, or the spec's own start. */
function versionFor({ versions }: Catalogued, specVersions: VersionRange): string {
  return versions.from ?? specVersions.from ?? '8.18.2';
}

interface Judged {
  request: KibanaRequest;
  violations?: string;
  error?: KibanaError;
}

/** A test client that keeps what Prism said about each request: its violations header, or its refusal. */
function judgedClient(baseUrl: string): { client: KibanaClient; answers: Judged[] } {
  // Retried: a GET that meets a connection Prism reset under load is sent again, as a server would.
  const client = testClient(baseUrl, { timeoutMs: 30_000, retries: 2 });
  const answers: Judged[] = [];
  const send = client.request.bind(client);
  client.request = async <T>(request: KibanaRequest): Promise<KibanaResponse<T>> => {
    try {
      const response = await send<T>(request);
      answers.push({ request, violations: response.headers['sl-violations'] });
      return response;
    } catch (error) {
      if (error instanceof KibanaError) answers.push({ request, error });
      throw error;
    }
  };
  return { client, answers };
}

/**
 * One lane of calls made one after another: a client that keeps Prism's answers, and a runtime per Kibana
 * version over it, so that the space guard remembers the spaces it checked, as in a server.
 */
class Lane {
  readonly client: KibanaClient;
  readonly answers: Judged[];
  readonly #runtimes = new Map<string, ToolRuntime>();

  constructor(
    private readonly baseUrl: string,
    private readonly tools: Tool[],
  ) {
    ({ client: this.client, answers: this.answers } = judgedClient(baseUrl));
  }

  runtime(version: string): ToolRuntime {
    let runtime = this.#runtimes.get(version);
    if (!runtime) {
      runtime = testRuntime(this.baseUrl, {
        tools: this.tools,
        client: this.client,
        kibanaVersion: new KibanaVersion(async () => ({ version }), version),
        confirmation: 'never',
      });
      this.#runtimes.set(version, runtime);
    }
    return runtime;
  }
}

/** What Prism found wrong with the request of one call, or why no request reached it. */
async function problems(
  api: KibanaApi,
  lane: Lane,
  operation: Catalogued,
  spec: string,
  version: string,
  space: string,
): Promise<string[]> {
  const operations = await api.operations(version);
  const path = canonicalPath(operation.specPath);
  const entry = operations.catalogue.operations.find(
    (candidate: CatalogueOperation) => candidate.method === operation.method && candidate.path === path,
  );
  if (entry?.spec !== spec) return [`on Kibana ${version} the catalogue serves ${entry ? `the ${entry.spec} form` : 'nothing'}`];
  const before = lane.answers.length;
  const result = await lane.runtime(version).call('call_kibana_api', describedArguments(operations, entry, space));
  const answer = lane.answers.slice(before).find(({ request }) => request.method === operation.method && request.path === path);
  if (!answer) return [`no request reached Prism: ${textOf(result).slice(0, 500)}`];
  const { error } = answer;
  if (error?.status === undefined && error) return [`the judge did not answer: ${error.message}`];
  if (error?.status !== undefined) return REFUSING_STATUSES.has(error.status) ? [error.message.slice(0, 500)] : [];
  const violations = answer.violations ? (JSON.parse(answer.violations) as Array<{ location?: string[]; message?: string }>) : [];
  return violations.filter((v) => v.location?.[0] === 'request').map((v) => `${v.location?.join('.')}: ${v.message}`);
}

const api = new KibanaApi({ tier: 'destructive', allowInternal: true });
// One set of tools for every call: their catalogue loads once per version, as in a server.
const tools = apiTools({
  tier: 'destructive',
  allowInternal: true,
  catalogue: (at) => api.operations(at).then((loaded) => loaded.catalogue),
});

/** What the judge at `baseUrl` found wrong with the request of each catalogued operation of `source`'s spec. */
export async function catalogueRequestProblems(baseUrl: string, source: SpecSource): Promise<string[]> {
  const operations = catalogued(source.id);
  const limited = new Set(PRISM_LIMITS.filter((limit) => limit.specs.includes(source.id)).flatMap((limit) => limit.operations));
  const space = operations.some(({ method, specPath }) => method === 'GET' && specPath === '/api/spaces/space/{id}') ? SPACE : 'default';
  const lanes = Array.from({ length: CONCURRENCY }, () => new Lane(baseUrl, tools));
  try {
    const results = await inLanes(operations, lanes, async (operation, lane) => {
      const key = `${operation.method} ${operation.specPath}`;
      const found = await problems(api, lane, operation, source.id, versionFor(operation, source.versions), space);
      return limited.has(key) ? [] : found.map((problem) => `${key}: ${problem}`);
    });
    console.info(
      `${source.id}: ${operations.length} operations called, ${results.filter((found) => found.length > 0).length} with violations`,
    );
    return results.flat();
  } finally {
    await Promise.all(lanes.map((lane) => lane.client.close()));
  }
}
