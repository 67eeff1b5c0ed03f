// APM: agent keys (API keys APM agents send events with), service annotations (such as deployments)
// and source maps (uploaded as a multipart form, kept as Fleet artifacts).

import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { badRequest, notFound } from '../http/errors.js';
import type { Route } from '../http/route.js';
import { parseDateMath } from '../query/date-math.js';
import { paginate } from '../query/paging.js';
import type { SourceMapArtifact } from '../state/entities/apm.js';
import { newId, now } from '../state/space-store.js';
import { object, string } from '../validation/json-schema.js';

const ANNOTATION_INDEX = 'observability-annotations';
/** The environment value APM sends for "all environments". */
const ALL_ENVIRONMENTS = 'ENVIRONMENT_ALL';

interface AnnotationBody {
  '@timestamp': string;
  message?: string;
  service: { version: string; environment?: string };
  tags?: string[];
}

/** The multipart form's fields, all text (the file part read as text). */
interface SourceMapForm {
  service_name: string;
  service_version: string;
  bundle_filepath: string;
  sourcemap: string;
}

/** A source map must be JSON with Kibana's required fields (version, sources, mappings). */
function parseSourceMap(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw badRequest('[request body.sourcemap]: the source map is not valid JSON');
  }
  const map = parsed as { version?: unknown; sources?: unknown; mappings?: unknown };
  if (
    typeof map !== 'object' ||
    map === null ||
    typeof map.version !== 'number' ||
    !Array.isArray(map.sources) ||
    typeof map.mappings !== 'string'
  ) {
    throw badRequest('[request body.sourcemap]: expected a source map with a numeric version, a sources array and a mappings string');
  }
  return parsed as Record<string, unknown>;
}

/** A paging parameter: the spec types it as any number, and Kibana's search refuses a page before the first. */
function atLeastOne(query: Record<string, unknown>, name: string, fallback: number): number {
  const value = (query[name] as number | undefined) ?? fallback;
  if (value < 1) throw badRequest(`[request query.${name}]: Value must be equal to or greater than [1].`);
  return value;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

function sourceMapArtifact(form: SourceMapForm): SourceMapArtifact {
  const sourceMap = parseSourceMap(form.sourcemap);
  const { service_name: serviceName, service_version: serviceVersion } = form;
  const decoded = JSON.stringify({ serviceName, serviceVersion, bundleFilepath: form.bundle_filepath, sourceMap });
  const encoded = deflateSync(decoded);
  const identifier = `${serviceName}-${serviceVersion}`;
  const encodedSha256 = sha256(encoded);
  return {
    id: `apm:${identifier}-${encodedSha256}`,
    identifier,
    relative_url: `/api/fleet/artifacts/${identifier}/${encodedSha256}`,
    type: 'sourcemap',
    packageName: 'apm',
    created: now(),
    compressionAlgorithm: 'zlib',
    encryptionAlgorithm: 'none',
    decodedSha256: sha256(decoded),
    decodedSize: Buffer.byteLength(decoded),
    encodedSha256,
    encodedSize: encoded.length,
    body: { serviceName, serviceVersion, bundleFilepath: form.bundle_filepath, sourceMap },
  };
}

export const apmRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/apm/agent_keys',
    handler: ({ state, body, username }) => {
      const { name, privileges } = body as { name: string; privileges: string[] };
      const id = randomBytes(10).toString('base64url');
      const apiKey = randomBytes(16).toString('base64url');
      // The secret is answered once and not kept, as Elasticsearch keeps only its hash.
      state.apm.agentKeys.push({ id, name, privileges, created: now(), createdBy: username });
      return { agentKey: { id, name, api_key: apiKey, encoded: Buffer.from(`${id}:${apiKey}`).toString('base64') } };
    },
  },
  {
    method: 'POST',
    path: '/api/apm/services/{serviceName}/annotation',
    handler: ({ state, params, body }) => {
      const request = body as AnnotationBody;
      if (Number.isNaN(Date.parse(request['@timestamp'])))
        throw badRequest(`[request body.@timestamp]: expected an ISO date but got [${request['@timestamp']}]`);
      const annotation = {
        id: newId(),
        '@timestamp': request['@timestamp'],
        ...(request.message === undefined ? {} : { message: request.message }),
        service: { ...request.service, name: params.serviceName! },
        tags: [...new Set(['apm', ...(request.tags ?? [])])],
        created: now(),
      };
      state.apm.annotations.push(annotation);
      const { id, created, ...source } = annotation;
      return {
        _id: id,
        _index: ANNOTATION_INDEX,
        _source: {
          ...source,
          message: request.message ?? request.service.version,
          annotation: { type: 'deployment', title: request.service.version },
          event: { created },
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/apm/services/{serviceName}/annotation/search',
    schema: { query: object({ environment: string(), start: string(), end: string() }) },
    handler: ({ state, params, query }) => {
      const start = query.start === undefined ? Number.NEGATIVE_INFINITY : parseDateMath(query.start);
      const end = query.end === undefined ? Number.POSITIVE_INFINITY : parseDateMath(query.end);
      const environment = query.environment as string | undefined;
      const annotations = state.apm.annotations
        .filter((annotation) => annotation.service.name === params.serviceName)
        .filter(
          (annotation) => environment === undefined || environment === ALL_ENVIRONMENTS || annotation.service.environment === environment,
        )
        .filter((annotation) => {
          const time = Date.parse(annotation['@timestamp']);
          return time >= start && time <= end;
        });
      return {
        annotations: annotations.map((annotation) => ({
          type: 'version',
          id: annotation.id,
          '@timestamp': Date.parse(annotation['@timestamp']),
          text: annotation.service.version,
        })),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/apm/sourcemaps',
    handler: ({ state, query }) => {
      const newestFirst = [...state.apm.sourceMaps.values()].reverse();
      return { artifacts: paginate(newestFirst, atLeastOne(query, 'page', 1), atLeastOne(query, 'perPage', 20)) };
    },
  },
  {
    method: 'POST',
    path: '/api/apm/sourcemaps',
    handler: ({ state, body }) => {
      const artifact = sourceMapArtifact(body as SourceMapForm);
      state.apm.sourceMaps.set(artifact.id, artifact);
      return artifact;
    },
  },
  {
    method: 'DELETE',
    path: '/api/apm/sourcemaps/{id}',
    handler: ({ state, params }) => {
      if (!state.apm.sourceMaps.delete(params.id!)) throw notFound(`Source map ${params.id} not found`);
      return {};
    },
  },
];
