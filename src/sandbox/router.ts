// Route table: METHOD + path template (`/api/cases/{caseId}`), with Kibana's optional `/s/{space}` prefix.

import { badRequest } from './errors.js';
import type { SandboxState } from './state.js';

export type { HttpMethod } from '../kibana/http.js';
import type { HttpMethod } from '../kibana/http.js';

export interface RequestContext {
  space: string;
  params: Record<string, string>;
  /** Query parameters after validation: numbers, booleans, arrays and objects already decoded. */
  query: Record<string, unknown>;
  /** Parsed JSON body, or the fields of a multipart form (file parts as text). */
  body: unknown;
  state: SandboxState;
  username: string;
}

export type Handler = (ctx: RequestContext) => unknown;

export interface Route {
  method: HttpMethod;
  path: string;
  /** The operation's path in openapi/kibana.yaml when it differs (SLO paths carry `/s/{spaceId}`). */
  specPath?: string;
  handler: Handler;
}

/** A response other than a 200 JSON body. Handlers return plain values for 200 JSON. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly contentType?: string,
  ) {}
}

export const noContent = (): Reply => new Reply(204);
/** Kibana answers some deletes and actions with an empty 200. */
export const emptyOk = (): Reply => new Reply(200);

interface CompiledRoute {
  route: Route;
  segments: string[];
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  constructor(routes: Route[]) {
    for (const route of routes) this.routes.push({ route, segments: route.path.split('/') });
    // Literal segments win over parameters: `/api/cases/_find` before `/api/cases/{caseId}`.
    this.routes.sort((a, b) => parameterCount(a.segments) - parameterCount(b.segments));
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    const segments = path.split('/');
    for (const compiled of this.routes) {
      if (compiled.route.method !== method) continue;
      const params = matchSegments(compiled.segments, segments);
      if (params) return { route: compiled.route, params };
    }
    return undefined;
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Invalid path segment: ${segment}`);
  }
}

const isParameter = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');
const parameterCount = (segments: string[]): number => segments.filter(isParameter).length;

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const expected = template[i]!;
    const value = actual[i]!;
    if (isParameter(expected)) {
      if (value === '') return undefined;
      params[expected.slice(1, -1)] = decodePathSegment(value);
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}
