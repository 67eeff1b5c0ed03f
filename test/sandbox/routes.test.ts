// On each Kibana version the sandbox simulates, every operation the tools of the simulated toolsets
// call has a route, validated against that version's spec facts.

import { describe, expect, it } from 'vitest';
import { SANDBOX_VERSIONS } from '../../src/sandbox/index.js';
import { allRoutes } from '../../src/sandbox/resources/index.js';
import { Router, servedOn } from '../../src/sandbox/http/router.js';
import { requestValidator } from '../../src/sandbox/validation/request-validator.js';
import { toolsOnVersion } from '../../src/tools/spec.js';
import { canonicalKey } from '../../src/kibana/spaces.js';
import { ALL_VARIANTS } from '../support/tools.js';

const SIMULATED_TOOLSETS = [
  'platform',
  'spaces',
  'saved_objects',
  'data_views',
  'dashboards_api',
  'short_urls',
  'alerting',
  'maintenance_windows',
  'connectors',
  'detection_rules',
  'detection_alerts',
  'slos',
  'roles',
  'exceptions',
  'osquery',
  'endpoint',
  'fleet',
  'fleet_integrations',
];

/** The 9.4 dashboards API, whose routes check their own schemas (the sandbox does not read its facts). */
const DASHBOARDS_API = /^[A-Z]+ \/api\/dashboards(\/\{id\})?$/;

// Operations are keyed without a /s/{spaceId} prefix: 8.18 and 9.x specs spell some paths with it, some without.
/** The operations the tools call on a version, of some toolsets or all. */
function operationsOf(version: string, toolsets?: string[]): string[] {
  const tools = toolsOnVersion(ALL_VARIANTS, version).filter((tool) => !toolsets || toolsets.includes(tool.toolset));
  return [...new Set(tools.map((tool) => canonicalKey(tool.operation.method, tool.operation.path)))];
}

describe.each(SANDBOX_VERSIONS)('sandbox routes on %s', (version) => {
  const served = new Map(
    allRoutes.filter((route) => servedOn(route, version)).map((route) => [canonicalKey(route.method, route.path), route]),
  );
  const validator = requestValidator(version);

  it.each(operationsOf(version, SIMULATED_TOOLSETS))('serves %s', (op) => {
    expect(served.has(op)).toBe(true);
  });

  it('serves the cases toolset except the push to an external system', () => {
    const missing = operationsOf(version, ['cases']).filter((op) => !served.has(op));
    expect(missing).toEqual(['POST /api/cases/{caseId}/connector/{connectorId}/_push']);
  });

  it('validates every served tool operation against the spec facts, but the 9.4 dashboards API (own schemas)', () => {
    const unvalidated = operationsOf(version).filter((op) => {
      if (DASHBOARDS_API.test(op)) return false;
      const route = served.get(op);
      return route !== undefined && !validator.forOperation(route.method, route.path);
    });
    expect(unvalidated).toEqual([]);
  });
});

describe('the routes', () => {
  it('declares its own schema only for operations the shipped spec facts lack on some version that serves them', () => {
    const shadowed = allRoutes.filter(
      (route) =>
        route.schema &&
        SANDBOX_VERSIONS.every((other) => !servedOn(route, other) || requestValidator(other).forOperation(route.method, route.path)),
    );
    expect(shadowed.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  const router = new Router(allRoutes, SANDBOX_VERSIONS[0]);

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/api/cases/_find')?.route.path).toBe('/api/cases/_find');
    expect(router.match('GET', '/api/cases/abc')?.params).toEqual({ caseId: 'abc' });
    expect(router.match('GET', '/api/short_url/_slug/x')?.route.path).toBe('/api/short_url/_slug/{slug}');
  });
});
