// Route lookup for one Kibana version, with Kibana's optional `/s/{space}` prefix already removed.
// It also knows the routes of the other simulated versions, so a route this version lacks can be
// told apart from one the sandbox does not simulate at all.

import { isInRange } from '../../kibana/versions.js';
import { badRequest } from './errors.js';
import type { Route } from './route.js';

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

/** Whether a route exists on `version` (a route without versions exists on all). */
export const servedOn = (route: Route, version: string): boolean => isInRange(version, route.versions ?? {});

export class Router {
  private readonly served: CompiledRoute[];
  private readonly elsewhere: CompiledRoute[];

  constructor(routes: Route[], version: string) {
    const compiled = routes.map((route) => ({ route, segments: route.path.split('/') }));
    // Literal segments win over parameters: `/api/cases/_find` before `/api/cases/{caseId}`.
    compiled.sort((a, b) => parameterCount(a.segments) - parameterCount(b.segments));
    this.served = compiled.filter(({ route }) => servedOn(route, version));
    this.elsewhere = compiled.filter(({ route }) => !servedOn(route, version));
  }

  match(method: string, path: string): RouteMatch | undefined {
    return find(this.served, method, path);
  }

  /** Whether another Kibana version the sandbox simulates has this route (so this one lacks it). */
  servedByOtherVersions(method: string, path: string): boolean {
    return find(this.elsewhere, method, path) !== undefined;
  }
}

function find(routes: CompiledRoute[], method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/');
  for (const compiled of routes) {
    if (compiled.route.method !== method) continue;
    const params = matchSegments(compiled.segments, segments);
    if (params) return { route: compiled.route, params };
  }
  return undefined;
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
