// Which routes each simulated Kibana version serves, and how a route it lacks is told apart from one
// the sandbox does not simulate.

import { describe, expect, it } from 'vitest';
import { Router } from '../../src/sandbox/http/router.js';
import { allRoutes } from '../../src/sandbox/resources/index.js';
import { call, useSandbox } from './client.js';

const routers = Object.fromEntries(['8.18.2', '9.1.0', '9.3.0', '9.4.0'].map((version) => [version, new Router(allRoutes, version)]));
const serves = (version: string, method: string, path: string) => routers[version]!.match(method, path) !== undefined;

describe('routes per version', () => {
  it.each([
    ['GET', '/api/dashboards/dashboard/x', ['8.18.2', '9.1.0', '9.3.0']],
    ['GET', '/api/dashboards', ['9.4.0']],
    ['PUT', '/api/dashboards/x', ['9.4.0']],
    ['POST', '/api/maintenance_window', ['9.1.0', '9.3.0', '9.4.0']],
    ['POST', '/api/maintenance_window/x/_archive', ['9.1.0', '9.3.0', '9.4.0']],
    ['POST', '/api/alerting/rule/x/snooze_schedule', ['9.1.0', '9.3.0', '9.4.0']],
    ['DELETE', '/api/alerting/rule/x/snooze_schedule/y', ['9.1.0', '9.3.0', '9.4.0']],
    ['GET', '/api/fleet/agents', ['8.18.2', '9.1.0', '9.3.0', '9.4.0']],
    ['POST', '/api/apm/agent_keys', ['8.18.2', '9.1.0', '9.3.0', '9.4.0']],
    ['GET', '/api/endpoint_list/items/_find', ['8.18.2', '9.1.0', '9.3.0', '9.4.0']],
  ])('%s %s is served on %j', (method, path, versions) => {
    expect(Object.keys(routers).filter((version) => serves(version, method, path))).toEqual(versions);
  });

  it('serves the maintenance-window find route from 9.2 (on 9.1 the path reads as an id)', () => {
    expect(routers['9.3.0']!.match('GET', '/api/maintenance_window/_find')?.route.path).toBe('/api/maintenance_window/_find');
    expect(routers['9.1.0']!.match('GET', '/api/maintenance_window/_find')?.route.path).toBe('/api/maintenance_window/{id}');
  });
});

const sandbox = useSandbox({ version: '8.18.2' });

describe('a route this version lacks', () => {
  it('answers Kibana’s own 404, while a route no version simulates answers 501', async () => {
    const lacking = await call(sandbox(), 'POST', '/api/dashboards', { body: { title: 't' } });
    expect(lacking.status).toBe(404);
    expect(lacking.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not Found' });
    expect((await call(sandbox(), 'GET', '/api/maintenance_window/_find')).status).toBe(404);
    const unsimulated = await call(sandbox(), 'POST', '/api/fleet/agents/agent-web-01/request_diagnostics');
    expect(unsimulated.status).toBe(501);
    expect(unsimulated.body.message).toContain('does not simulate POST /api/fleet/agents/agent-web-01/request_diagnostics');
  });
});
