// Everyday administration on Kibana 9.3 with the tools 9.x added (issue 10): Fleet agents, APM keys
// and annotations, an endpoint exception, a maintenance window and a rule snooze. One server with
// those toolsets, over stdio, against the sandbox as Kibana 9.3.0; every scenario checks what the
// sandbox holds afterwards, not only the tool's answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { AGNOSTIC_NAMESPACE } from '../../src/sandbox/state/index.js';
import { type Agent, unique, useScenario, writesIn } from './support/scenario.js';

const scenario = useScenario({ version: '9.3.0' });
let agent: Agent;

beforeAll(async () => {
  // No --kibana-version: the server reads 9.3.0 from the sandbox's /api/status.
  agent = await scenario.connect([
    '--toolsets',
    'fleet,apm,endpoint,maintenance_windows,alerting',
    '--tier',
    'destructive',
    '--confirm',
    'never',
  ]);
});

const HOUR = 3_600_000;
const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

describe('Fleet on 9.3', () => {
  it('lists the offline agents with a KQL filter and unenrolls one', async () => {
    const offline = await agent.ok('list_fleet_agents', { filter: 'status:offline' });
    expect(ids(offline.items)).toEqual(['agent-db-01', 'agent-laptop-ana']);
    expect(offline.items.every((item: { status: string }) => item.status === 'offline')).toBe(true);

    const mark = scenario.sandbox.requests.length;
    expect(await agent.ok('unenroll_fleet_agent', { agent_id: 'agent-laptop-ana', body: { revoke: true } })).toEqual({});
    expect(writesIn(scenario.requestsSince(mark)).map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /api/fleet/agents/agent-laptop-ana/unenroll 200',
    ]);
    expect(scenario.sandbox.state.fleet.agents.get('agent-laptop-ana')).toMatchObject({ status: 'unenrolled', active: false });
    expect(ids((await agent.ok('list_fleet_agents', { filter: 'status:offline' })).items)).toEqual(['agent-db-01']);
  });
});

describe('APM on 9.3', () => {
  it('creates an agent key and a deployment annotation for a service', async () => {
    const name = unique('checkout-rum');
    const created = await agent.ok('create_apm_agent_key', { name, privileges: ['event:write', 'config_agent:read'] });
    expect(created.agentKey).toMatchObject({ name, id: expect.any(String), api_key: expect.any(String) });
    expect(scenario.sandbox.state.apm.agentKeys.find((key) => key.name === name)).toMatchObject({
      id: created.agentKey.id,
      privileges: ['event:write', 'config_agent:read'],
    });

    const timestamp = new Date().toISOString();
    const annotation = await agent.ok('create_apm_annotation', {
      service_name: 'checkout',
      timestamp,
      service: { version: '2.4.0', environment: 'production' },
      message: 'Deployed 2.4.0',
      tags: ['release'],
    });
    expect(annotation._source).toMatchObject({ service: { name: 'checkout', version: '2.4.0' }, message: 'Deployed 2.4.0' });
    expect(scenario.sandbox.state.apm.annotations.find((stored) => stored.id === annotation._id)).toMatchObject({
      '@timestamp': timestamp,
      service: { name: 'checkout', version: '2.4.0', environment: 'production' },
      tags: ['apm', 'release'],
    });
  });
});

describe('Endpoint on 9.3', () => {
  it('adds an endpoint exception for a process name, found from any space', async () => {
    const name = unique('Allow nightly backup');
    const created = await agent.ok('create_endpoint_exception', {
      name,
      description: 'The nightly backup tool reads every file.',
      type: 'simple',
      os_types: ['windows'],
      entries: [{ field: 'process.name', operator: 'included', type: 'match', value: 'backup-agent.exe' }],
    });
    expect(created).toMatchObject({ list_id: 'endpoint_list', name, os_types: ['windows'] });
    // Kept once for every space: the endpoint list is space-agnostic.
    const stored = scenario.sandbox.state.exceptionItems.get(AGNOSTIC_NAMESPACE, created.id);
    expect(stored).toMatchObject({
      list_id: 'endpoint_list',
      namespace_type: 'agnostic',
      entries: [{ field: 'process.name', operator: 'included', type: 'match', value: 'backup-agent.exe' }],
    });

    const found = await agent.ok('find_endpoint_exceptions', {
      space_id: 'security',
      filter: 'exception-list-agnostic.attributes.os_types:windows',
    });
    expect(found.data.map((item: { id: string }) => item.id)).toContain(created.id);
  });
});

describe('maintenance windows on 9.3', () => {
  it('creates a window for tonight, upcoming until it starts', async () => {
    const tonight = new Date();
    tonight.setUTCHours(22, 0, 0, 0);
    if (tonight.getTime() <= Date.now()) tonight.setUTCDate(tonight.getUTCDate() + 1);
    const title = unique('Database patching');
    const created = await agent.ok('create_maintenance_window', {
      title,
      schedule: { custom: { start: tonight.toISOString(), duration: '4h', timezone: 'UTC' } },
    });
    expect(created).toMatchObject({ title, status: 'upcoming', enabled: true });
    expect(scenario.sandbox.state.maintenanceWindows.get('default', created.id)).toMatchObject({
      title,
      schedule: { custom: { start: tonight.toISOString(), duration: '4h' } },
    });
    const upcoming = await agent.ok('find_maintenance_windows', { status: ['upcoming'] });
    expect(upcoming.maintenanceWindows.map((window: { id: string }) => window.id)).toContain(created.id);
  });
});

describe('rule snoozes on 9.3', () => {
  it('snoozes a rule for two hours and unsnoozes it', async () => {
    const start = new Date().toISOString();
    const snoozed = await agent.ok('snooze_alerting_rule', { id: 'high-error-rate-rule', schedule: { custom: { start, duration: '2h' } } });
    const scheduleId = snoozed.body.schedule.id;
    const storedSnoozes = () =>
      scenario.sandbox.state.savedObjects.get('default', 'alert', 'high-error-rate-rule')?.attributes.snoozeSchedule;
    expect(storedSnoozes()).toEqual([{ id: scheduleId, custom: { start, duration: '2h' } }]);
    const rule = await agent.ok('get_alerting_rule', { id: 'high-error-rate-rule' });
    expect(Date.parse(rule.is_snoozed_until)).toBe(Date.parse(start) + 2 * HOUR);

    await agent.ok('unsnooze_alerting_rule', { rule_id: 'high-error-rate-rule', schedule_id: scheduleId });
    expect(storedSnoozes()).toEqual([]);
    expect((await agent.ok('get_alerting_rule', { id: 'high-error-rate-rule' })).is_snoozed_until).toBeNull();
  });
});
