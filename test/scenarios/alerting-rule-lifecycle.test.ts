// An administrator creates an alerting rule, turns it off, and deletes it; deleting exists only
// on a server started at tier destructive.
import { describe, expect, it } from 'vitest';
import { NOT_FOUND_HINT, unique, useScenario, writesIn } from './support/scenario.js';

const scenario = useScenario();

const ruleBody = (id: string) => ({
  id,
  name: `Disk almost full ${id}`,
  rule_type_id: '.index-threshold',
  consumer: 'alerts',
  tags: ['infra', 'scenario'],
  schedule: { interval: '5m' },
  params: {
    index: ['metrics-*'],
    timeField: '@timestamp',
    aggType: 'max',
    aggField: 'system.filesystem.used.pct',
    groupBy: 'top',
    termField: 'host.name',
    termSize: 10,
    threshold: [0.95],
    thresholdComparator: '>',
    timeWindowSize: 5,
    timeWindowUnit: 'm',
  },
  actions: [
    { id: 'server-log-connector', group: 'threshold met', params: { level: 'warn', message: 'Disk of {{context.group}} almost full' } },
  ],
});

describe('alerting rule lifecycle across tiers', () => {
  it('create → disable → find shows it disabled → delete only at tier destructive', async () => {
    const id = unique('disk-full');
    const writer = await scenario.connect(['--toolsets', 'alerting', '--tier', 'write']);

    const created = await writer.ok('create_alerting_rule', ruleBody(id));
    expect(created).toMatchObject({ id, enabled: true, rule_type_id: '.index-threshold', schedule: { interval: '5m' } });
    expect(created.actions).toEqual([expect.objectContaining({ id: 'server-log-connector', connector_type_id: '.server-log' })]);

    const disabled = await writer.ok('disable_alerting_rule', { id });
    expect(disabled).toEqual({ ok: true, status: 204 });

    const found = await writer.ok<{ total: number; data: { id: string; enabled: boolean; name: string }[] }>('find_alerting_rules', {
      filter: 'alert.attributes.tags:"scenario"',
      fields: ['name', 'enabled'],
    });
    expect(found.total).toBe(1);
    expect(found.data).toEqual([{ id, name: `Disk almost full ${id}`, enabled: false }]);

    // At tier write the delete tool does not exist: not listed, and calling it is a protocol error.
    const names = await writer.toolNames();
    expect(names).toContain('disable_alerting_rule');
    expect(names).not.toContain('delete_alerting_rule');
    const before = scenario.sandbox.requests.length;
    await expect(writer.call('delete_alerting_rule', { id })).rejects.toThrow(/Unknown tool "delete_alerting_rule"/);
    expect(scenario.requestsSince(before)).toEqual([]);
    expect(await writer.ok('get_alerting_rule', { id })).toMatchObject({ id, enabled: false });

    // A second server, at tier destructive, deletes it.
    const admin = await scenario.connect(['--toolsets', 'alerting', '--tier', 'destructive']);
    expect(await admin.toolNames()).toContain('delete_alerting_rule');
    const mark = scenario.sandbox.requests.length;
    expect(await admin.ok('delete_alerting_rule', { id })).toEqual({ ok: true, status: 204 });
    expect(writesIn(scenario.requestsSince(mark))).toEqual([
      expect.objectContaining({ method: 'DELETE', path: `/api/alerting/rule/${id}`, status: 204 }),
    ]);

    const gone = await admin.fails('get_alerting_rule', { id });
    expect(gone).toMatch(/404/);
    expect(gone).toMatch(NOT_FOUND_HINT);
    // The writer sees it gone as well (same Kibana), and the seeded rules are untouched.
    expect((await writer.ok('find_alerting_rules', { filter: 'alert.attributes.tags:"scenario"' })).total).toBe(0);
    expect(scenario.sandbox.state.savedObjects.get('default', 'alert', id)).toBeUndefined();
    expect(scenario.sandbox.state.savedObjects.list('default', ['alert'])).toHaveLength(3);
  });

  it('mutes, re-enables and updates a seeded rule, bumping its revision', async () => {
    const agent = await scenario.connect(['--toolsets', 'alerting']);
    const cpu = await agent.ok('get_alerting_rule', { id: 'host-cpu-threshold-rule' });
    expect(cpu).toMatchObject({ enabled: false, mute_all: false });

    await agent.ok('enable_alerting_rule', { id: cpu.id });
    await agent.ok('mute_alerting_rule', { id: cpu.id });
    const updated = await agent.ok('update_alerting_rule', {
      id: cpu.id,
      name: cpu.name,
      tags: [...cpu.tags, 'tuned'],
      schedule: { interval: '10m' },
      params: { ...cpu.params, threshold: [0.95] },
      actions: [],
    });
    expect(updated).toMatchObject({ schedule: { interval: '10m' }, tags: ['infra', 'tuned'], revision: cpu.revision + 1 });

    const after = await agent.ok('get_alerting_rule', { id: cpu.id });
    expect(after).toMatchObject({ enabled: true, mute_all: true, params: { threshold: [0.95] }, actions: [] });
    const byTag = await agent.ok('find_alerting_rules', { filter: 'alert.attributes.tags:"tuned"', fields: ['name'] });
    expect(byTag.data).toEqual([{ id: 'host-cpu-threshold-rule', name: 'Host CPU above 90%' }]);
  });
});
