// Every operation the tools of the simulated toolsets call on the sandbox's Kibana version has a
// route, validated against the spec.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_VERSION } from '../../src/sandbox/index.js';
import { allRoutes } from '../../src/sandbox/resources/index.js';
import { Router } from '../../src/sandbox/http/router.js';
import { requestValidator } from '../../src/sandbox/validation/request-validator.js';
import { toolsOnVersion } from '../../src/tools/spec.js';
import { canonicalKey } from '../../src/kibana/spaces.js';
import { ALL_VARIANTS } from '../support/tools.js';

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

// Operations are keyed without a /s/{spaceId} prefix: 8.18 and 9.x specs spell some paths with it, some without.
/** The operations the tools call on the sandbox's version, of some toolsets or all. */
function operationsOf(toolsets?: string[]): string[] {
  const tools = toolsOnVersion(ALL_VARIANTS, DEFAULT_SANDBOX_VERSION).filter((tool) => !toolsets || toolsets.includes(tool.toolset));
  return [...new Set(tools.map((tool) => canonicalKey(tool.operation.method, tool.operation.path)))];
}
const router = new Router(allRoutes, DEFAULT_SANDBOX_VERSION);
const served = new Map(allRoutes.map((route) => [canonicalKey(route.method, route.specPath ?? route.path), route]));

describe('sandbox routes', () => {
  const operations = operationsOf(SIMULATED_TOOLSETS);

  it.each(operations)('serves %s', (op) => {
    expect(served.has(op)).toBe(true);
  });

  it('serves the cases toolset except the push to an external system', () => {
    const missing = operationsOf(['cases']).filter((op) => !served.has(op));
    expect(missing).toEqual(['POST /api/cases/{caseId}/connector/{connectorId}/_push']);
  });

  it('validates every served tool operation against the spec', () => {
    const validator = requestValidator(DEFAULT_SANDBOX_VERSION);
    const unvalidated = operationsOf().filter((op) => {
      const route = served.get(op);
      return route !== undefined && !validator.forOperation(route.method, route.specPath ?? route.path);
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
