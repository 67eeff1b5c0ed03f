import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();

const ruleBody = {
  name: 'Disk almost full',
  rule_type_id: '.index-threshold',
  consumer: 'alerts',
  schedule: { interval: '5m' },
  tags: ['infra', 'disk'],
  params: {
    index: ['metrics-*'],
    timeField: '@timestamp',
    aggType: 'max',
    aggField: 'system.filesystem.used.pct',
    threshold: [0.95],
    thresholdComparator: '>',
    timeWindowSize: 5,
    timeWindowUnit: 'm',
  },
  actions: [{ id: 'ops-webhook-connector', group: 'threshold met', params: { body: 'disk' } }],
};

describe('alerting rules', () => {
  it('creates a rule whose actions reference its connector, and refuses the same id twice', async () => {
    const created = await call(sandbox(), 'POST', '/api/alerting/rule/disk-rule', { body: ruleBody });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: 'disk-rule',
      enabled: true,
      mute_all: false,
      rule_type_id: '.index-threshold',
      created_by: 'sandbox_api_key',
    });
    expect(created.body.actions[0]).toMatchObject({ id: 'ops-webhook-connector', connector_type_id: '.webhook' });
    expect(sandbox().state.savedObjects.get('default', 'alert', 'disk-rule')?.references).toEqual([
      { name: 'action_0', type: 'action', id: 'ops-webhook-connector' },
    ]);
    const again = await call(sandbox(), 'POST', '/api/alerting/rule/disk-rule', { body: ruleBody });
    expect(again.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'Saved object [alert/disk-rule] conflict' });
  });

  it('rejects an unknown rule type', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/alerting/rule/bad', { body: { ...ruleBody, rule_type_id: 'nope' } });
    expect(status).toBe(400);
    expect(body.message).toBe('Rule type "nope" is not registered.');
  });

  it('disables, enables, mutes and unmutes a rule', async () => {
    const state = () => sandbox().state.savedObjects.get('default', 'alert', 'high-error-rate-rule')!.attributes;
    expect((await call(sandbox(), 'POST', '/api/alerting/rule/high-error-rate-rule/_disable')).status).toBe(204);
    expect(state().enabled).toBe(false);
    expect((await call(sandbox(), 'GET', '/api/alerting/rule/high-error-rate-rule')).body.enabled).toBe(false);
    await call(sandbox(), 'POST', '/api/alerting/rule/high-error-rate-rule/_enable');
    expect(state().enabled).toBe(true);
    await call(sandbox(), 'POST', '/api/alerting/rule/high-error-rate-rule/_mute_all');
    expect((await call(sandbox(), 'GET', '/api/alerting/rule/high-error-rate-rule')).body.mute_all).toBe(true);
    await call(sandbox(), 'POST', '/api/alerting/rule/high-error-rate-rule/_unmute_all');
    expect(state().muteAll).toBe(false);
    expect((await call(sandbox(), 'POST', '/api/alerting/rule/nope/_enable')).status).toBe(404);
  });

  it('updates a rule and bumps its revision', async () => {
    const updated = await call(sandbox(), 'PUT', '/api/alerting/rule/host-cpu-threshold-rule', {
      body: { name: 'Host CPU above 95%', schedule: { interval: '10m' }, params: { threshold: [0.95] }, tags: ['infra'] },
    });
    expect(updated.body).toMatchObject({ name: 'Host CPU above 95%', schedule: { interval: '10m' }, revision: 1, actions: [] });
  });

  it('finds rules by KQL filter and text search, paged', async () => {
    const byTag = await call(sandbox(), 'GET', '/api/alerting/rules/_find', { query: { filter: 'alert.attributes.tags:"prod"' } });
    expect(byTag.body.data.map((rule: { id: string }) => rule.id).sort()).toEqual(['checkout-latency-rule', 'high-error-rate-rule']);
    const bySearch = await call(sandbox(), 'GET', '/api/alerting/rules/_find', { query: { search: 'checkout' } });
    expect(bySearch.body.data.map((rule: { id: string }) => rule.id)).toEqual(['checkout-latency-rule']);
    const paged = await call(sandbox(), 'GET', '/api/alerting/rules/_find', { query: { per_page: '1', page: '2', fields: ['name'] } });
    expect(paged.body).toMatchObject({ page: 2, per_page: 1 });
    expect(Object.keys(paged.body.data[0]).sort()).toEqual(['id', 'name']);
  });

  it('deletes a rule', async () => {
    expect((await call(sandbox(), 'DELETE', '/api/alerting/rule/disk-rule')).status).toBe(204);
    expect((await call(sandbox(), 'GET', '/api/alerting/rule/disk-rule')).status).toBe(404);
  });

  it('lists rule types and reports framework health', async () => {
    const types = await call(sandbox(), 'GET', '/api/alerting/rule_types');
    expect(types.body.map((type: { id: string }) => type.id)).toContain('.es-query');
    const health = await call(sandbox(), 'GET', '/api/alerting/_health');
    expect(health.body.alerting_framework_health.execution_health.status).toBe('ok');
  });
});

describe('connectors', () => {
  it('lists connectors with how many rules reference them', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/actions/connectors');
    const serverLog = body.find((connector: { id: string }) => connector.id === 'server-log-connector');
    expect(serverLog).toMatchObject({ connector_type_id: '.server-log', referenced_by_count: 1, is_preconfigured: false });
  });

  it('filters connector types by feature', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/actions/connector_types', { query: { feature_id: 'cases' } });
    expect(body.map((type: { id: string }) => type.id)).toEqual(['.jira', '.servicenow']);
  });

  it('creates, updates, runs (recording the run) and deletes a connector', async () => {
    const created = await call(sandbox(), 'POST', '/api/actions/connector/team-log', {
      body: { name: 'Team log', connector_type_id: '.server-log' },
    });
    expect(created.body).toMatchObject({ id: 'team-log', name: 'Team log', connector_type_id: '.server-log', config: {} });

    const updated = await call(sandbox(), 'PUT', '/api/actions/connector/team-log', { body: { name: 'Team log (renamed)' } });
    expect(updated.body.name).toBe('Team log (renamed)');

    const executed = await call(sandbox(), 'POST', '/api/actions/connector/team-log/_execute', {
      body: { params: { level: 'info', message: 'hello from the tests' } },
    });
    expect(executed.body).toEqual({ status: 'ok', connector_id: 'team-log', data: {} });
    expect(sandbox().state.connectorExecutions.at(-1)).toMatchObject({
      connectorId: 'team-log',
      connectorTypeId: '.server-log',
      space: 'default',
      params: { level: 'info', message: 'hello from the tests' },
    });

    expect((await call(sandbox(), 'DELETE', '/api/actions/connector/team-log')).status).toBe(204);
    expect((await call(sandbox(), 'POST', '/api/actions/connector/team-log/_execute', { body: { params: { message: 'x' } } })).status).toBe(
      404,
    );
  });

  it('rejects an unregistered connector type', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/actions/connector/x', {
      body: { name: 'X', connector_type_id: '.carrier-pigeon' },
    });
    expect(status).toBe(400);
    expect(body.message).toBe('Action type ".carrier-pigeon" is not registered.');
  });
});
