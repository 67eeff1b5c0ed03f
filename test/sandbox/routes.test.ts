// Every operation of the toolsets the sandbox simulates has a route, validated against the spec.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Router } from '../../src/sandbox/http/router.js';
import { allRoutes } from '../../src/sandbox/resources/index.js';
import { requestValidator } from '../../src/sandbox/validation/request-validator.js';

const SIMULATED_TOOLSETS = [
  'platform',
  'spaces',
  'saved_objects',
  'data_views',
  'dashboards',
  'short_urls',
  'alerting',
  'connectors',
  'detection_rules',
  'detection_alerts',
  'slos',
  'roles',
  'exceptions',
  'osquery',
  'endpoint',
];

interface Toolsets {
  toolsets: Record<string, { tools: { op: string }[] }>;
}

const toolsets = (parse(readFileSync(new URL('../../openapi/toolsets.yaml', import.meta.url), 'utf8')) as Toolsets).toolsets;
const router = new Router(allRoutes, '8.18.2');
const routeKey = (method: string, path: string) => `${method} ${path}`;
const served = new Set(allRoutes.map((route) => routeKey(route.method, route.specPath ?? route.path)));

describe('sandbox routes', () => {
  const operations = SIMULATED_TOOLSETS.flatMap((name) => toolsets[name]!.tools.map((tool) => tool.op));

  it.each(operations)('serves %s', (op) => {
    expect(served.has(op)).toBe(true);
  });

  it('serves the cases toolset except the push to an external system', () => {
    const missing = toolsets.cases!.tools.map((tool) => tool.op).filter((op) => !served.has(op));
    expect(missing).toEqual(['POST /api/cases/{caseId}/connector/{connectorId}/_push']);
  });

  it('validates every served tool operation against the spec', () => {
    const validator = requestValidator('8.18.2');
    const toolOperations = Object.values(toolsets).flatMap((toolset) => toolset.tools.map((tool) => tool.op));
    const unvalidated = toolOperations
      .filter((op) => served.has(op))
      .filter((op) => {
        const [method, path] = op.split(' ') as [string, string];
        return !validator.forOperation(method, path);
      });
    expect(unvalidated).toEqual([]);
  });

  it('declares its own schema only for operations the shipped spec facts lack', () => {
    const validator = requestValidator('8.18.2');
    const shadowed = allRoutes.filter((route) => route.schema && validator.forOperation(route.method, route.specPath ?? route.path));
    expect(shadowed.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/api/cases/_find')?.route.path).toBe('/api/cases/_find');
    expect(router.match('GET', '/api/cases/abc')?.params).toEqual({ caseId: 'abc' });
    expect(router.match('GET', '/api/short_url/_slug/x')?.route.path).toBe('/api/short_url/_slug/{slug}');
  });
});
