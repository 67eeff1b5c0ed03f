// An SRE team defines an SLO in its own space, tunes it, pauses it during maintenance, and retires it.
import { describe, expect, it } from 'vitest';
import { NOT_FOUND_HINT, unique, useScenario } from './support/scenario.js';

const scenario = useScenario();

const sloBody = (id: string) => ({
  id,
  name: 'Payments API availability',
  description: '99% of payment requests succeed over 7 days.',
  indicator: {
    type: 'sli.kql.custom',
    params: { index: 'logs-payments-*', timestampField: '@timestamp', good: 'http.response.status_code < 500', total: '*' },
  },
  time_window: { duration: '7d', type: 'rolling' },
  budgeting_method: 'occurrences',
  objective: { target: 0.99 },
  tags: ['payments', 'tier-1'],
});

describe('SLO lifecycle in a team space', () => {
  it('create in a space → find there only → tune → disable/enable → reset → delete', async () => {
    const agent = await scenario.connect(['--toolsets', 'slos,spaces', '--tier', 'destructive']);
    const space = unique('payments');
    const id = unique('payments-availability');
    await agent.ok('create_space', { id: space, name: 'Payments', solution: 'oblt' });

    expect(await agent.ok('create_slo', { space_id: space, ...sloBody(id) })).toEqual({ id });
    const duplicate = await agent.fails('create_slo', { space_id: space, ...sloBody(id) });
    expect(duplicate).toMatch(/409/);
    expect(duplicate).toMatch(/already exists/);
    expect(duplicate).toMatch(/Hint: An object with this id already exists/);

    // Visible in its space only.
    const inSpace = await agent.ok('find_slos', { space_id: space });
    expect(inSpace.total).toBe(1);
    expect(inSpace.results[0]).toMatchObject({ id, name: 'Payments API availability', enabled: true, summary: { status: 'HEALTHY' } });
    const inDefault = await agent.ok('find_slos', {});
    expect(inDefault.results.map((slo: { id: string }) => slo.id)).toEqual(['checkout-availability']);
    const notHere = await agent.fails('get_slo', { slo_id: id });
    expect(notHere).toMatch(/404/);
    expect(notHere).toMatch(NOT_FOUND_HINT);

    // Tune the objective: a stricter target the current SLI (0.999) still meets.
    const tuned = await agent.ok('update_slo', {
      space_id: space,
      slo_id: id,
      objective: { target: 0.995 },
      tags: ['payments', 'tier-1', 'tuned'],
    });
    expect(tuned).toMatchObject({ objective: { target: 0.995 }, revision: 2 });
    const byTag = await agent.ok('find_slos', { space_id: space, filter: 'slo.tags:"tuned"' });
    expect(byTag.results.map((slo: { id: string }) => slo.id)).toEqual([id]);

    // Maintenance window: disabled SLOs report no data, and come back healthy.
    expect(await agent.ok('disable_slo', { space_id: space, slo_id: id })).toEqual({ ok: true, status: 204 });
    expect(await agent.ok('get_slo', { space_id: space, slo_id: id })).toMatchObject({ enabled: false, summary: { status: 'NO_DATA' } });
    await agent.ok('enable_slo', { space_id: space, slo_id: id });
    expect(await agent.ok('get_slo', { space_id: space, slo_id: id })).toMatchObject({ enabled: true, summary: { status: 'HEALTHY' } });

    // Reset (destructive; this client cannot be asked, so it proceeds) keeps the definition.
    expect(await agent.ok('reset_slo', { space_id: space, slo_id: id, full: true })).toMatchObject({ id, objective: { target: 0.995 } });

    // Retire it.
    expect(await agent.ok('delete_slo', { space_id: space, slo_id: id })).toEqual({ ok: true, status: 204 });
    expect(await agent.fails('get_slo', { space_id: space, slo_id: id })).toMatch(/404/);
    expect((await agent.ok('find_slos', { space_id: space })).total).toBe(0);

    // The seeded SLO in the default space was never touched.
    const seeded = scenario.sandbox.state.slos.get('default', 'checkout-availability')!;
    expect(seeded).toMatchObject({ enabled: true, revision: 1, objective: { target: 0.995 } });
    expect(scenario.sandbox.state.slos.list(space)).toEqual([]);
    // Every SLO call carried the space in its path.
    const sloPaths = scenario.sandbox.requests.filter(
      (request) => request.path.includes('/observability/slos') && request.space !== 'default',
    );
    expect(sloPaths.length).toBeGreaterThan(8);
    expect(sloPaths.every((request) => request.path.startsWith(`/s/${space}/api/observability/slos`))).toBe(true);
  });

  it('the seeded SLO sorts by error budget and violates once its target is above its SLI', async () => {
    const agent = await scenario.connect(['--toolsets', 'slos']);
    const before = await agent.ok('get_slo', { slo_id: 'checkout-availability' });
    expect(before.summary).toMatchObject({ status: 'HEALTHY', sliValue: 0.9971 });
    await agent.ok('update_slo', { slo_id: 'checkout-availability', objective: { target: 0.999 } });
    const after = await agent.ok('find_slos', { sort_field: 'error_budget_consumed', sort_order: 'desc' });
    expect(after.results[0]).toMatchObject({ id: 'checkout-availability', summary: { status: 'VIOLATED' } });
    // Put it back for anyone reading the seed later in this file.
    await agent.ok('update_slo', { slo_id: 'checkout-availability', objective: { target: 0.995 } });
  });
});
