import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();

const sloBody = {
  name: 'Login latency',
  description: 'Logins answer within the budget.',
  indicator: {
    type: 'sli.kql.custom',
    params: { index: 'logs-*', timestampField: '@timestamp', good: 'event.duration < 500000000', total: 'event.action:login' },
  },
  timeWindow: { duration: '7d', type: 'rolling' },
  budgetingMethod: 'occurrences',
  objective: { target: 0.99 },
  tags: ['auth'],
};

describe('SLOs', () => {
  it('serves the seeded SLO with and without the default-space prefix', async () => {
    const prefixed = await call(sandbox(), 'GET', '/s/default/api/observability/slos');
    const plain = await call(sandbox(), 'GET', '/api/observability/slos');
    expect(prefixed.body.results.map((slo: { id: string }) => slo.id)).toEqual(['checkout-availability']);
    expect(plain.body).toEqual(prefixed.body);
    expect(plain.body.results[0].summary).toMatchObject({ status: 'HEALTHY', sliValue: 0.9971 });
  });

  it('runs the lifecycle in a space: create, read, update, disable, enable, reset, delete', async () => {
    const base = '/s/security/api/observability/slos';
    const created = await call(sandbox(), 'POST', base, { body: { ...sloBody, id: 'login-latency' } });
    expect(created.body).toEqual({ id: 'login-latency' });
    expect((await call(sandbox(), 'POST', base, { body: { ...sloBody, id: 'login-latency' } })).status).toBe(409);
    expect((await call(sandbox(), 'GET', '/api/observability/slos/login-latency')).status).toBe(404);

    const updated = await call(sandbox(), 'PUT', `${base}/login-latency`, { body: { objective: { target: 0.995 } } });
    expect(updated.body).toMatchObject({ objective: { target: 0.995 }, revision: 2, name: 'Login latency' });

    expect((await call(sandbox(), 'POST', `${base}/login-latency/disable`)).status).toBe(204);
    expect((await call(sandbox(), 'GET', `${base}/login-latency`)).body.enabled).toBe(false);
    expect((await call(sandbox(), 'POST', `${base}/login-latency/enable`)).status).toBe(204);
    expect(sandbox().state.slos.get('security', 'login-latency')?.enabled).toBe(true);

    const reset = await call(sandbox(), 'POST', `${base}/login-latency/_reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.id).toBe('login-latency');

    const found = await call(sandbox(), 'GET', base, { query: { kqlQuery: 'slo.tags:auth' } });
    expect(found.body.total).toBe(1);

    expect((await call(sandbox(), 'DELETE', `${base}/login-latency`)).status).toBe(204);
    const gone = await call(sandbox(), 'GET', `${base}/login-latency`);
    expect(gone.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'SLO [login-latency] not found' });
  });

  it('validates the SLO body against the spec', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/observability/slos', {
      body: { ...sloBody, objective: { target: 'high' } },
    });
    expect(status).toBe(400);
    expect(body.message).toBe('[request body.objective.target]: expected value of type [number] but got [string]');
  });

  it('records the SLO instances whose data is deleted, per space, and answers 204 as Kibana does', async () => {
    const list = [{ sloId: 'checkout-availability', instanceId: 'host-1' }];
    expect((await call(sandbox(), 'POST', '/s/security/api/observability/slos/_delete_instances', { body: { list } })).status).toBe(204);
    expect(sandbox().state.sloInstanceDeletions).toEqual([{ space: 'security', sloId: 'checkout-availability', instanceId: 'host-1' }]);
    const missing = await call(sandbox(), 'POST', '/api/observability/slos/_delete_instances', { body: { list: [{ sloId: 'x' }] } });
    expect(missing.status).toBe(400);
    expect(sandbox().state.sloInstanceDeletions).toHaveLength(1);
  });
});
