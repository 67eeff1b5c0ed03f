// A detection engineer ships a custom rule, tunes it, then disables a whole family of rules in bulk
// while a noisy data source is fixed, and installs Elastic's prebuilt rules.
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_HINT, unique, useScenario, type Agent } from './support/scenario.js';

const scenario = useScenario();
let agent: Agent;

beforeAll(async () => {
  agent = await scenario.connect(['--toolsets', 'detection_rules', '--tier', 'destructive']);
});

interface Rule {
  id: string;
  rule_id: string;
  name: string;
  enabled: boolean;
  severity: string;
  risk_score: number;
  tags: string[];
  revision: number;
}

describe('detection rule lifecycle', () => {
  it('create → patch → bulk disable by tag → find shows them disabled → delete', async () => {
    const ruleId = unique('linux-shadow-access');
    const created = await agent.ok<Rule>('create_detection_rule', {
      body: {
        rule_id: ruleId,
        type: 'query',
        name: 'Access to /etc/shadow',
        description: 'A process other than passwd read /etc/shadow.',
        query: 'file.path:"/etc/shadow" and not process.name:(passwd or chpasswd)',
        index: ['logs-endpoint.events.file-*'],
        severity: 'medium',
        risk_score: 47,
        tags: ['Linux', 'Credential Access'],
        interval: '5m',
        from: 'now-6m',
      },
      full: true,
    });
    expect(created).toMatchObject({ rule_id: ruleId, enabled: true, revision: 0, language: 'kuery' });

    const again = await agent.fails('create_detection_rule', {
      body: { rule_id: ruleId, type: 'query', name: 'dup', description: 'dup', severity: 'low', risk_score: 1, query: '*' },
    });
    expect(again).toMatch(/409/);
    expect(again).toMatch(/already exists/);

    // Tune: raise severity, add a tag. Patch keeps every other field.
    const patched = await agent.ok<Rule>('patch_detection_rule', {
      body: { rule_id: ruleId, severity: 'high', risk_score: 73, tags: ['Linux', 'Credential Access', 'Tuned'] },
      full: true,
    });
    expect(patched).toMatchObject({
      id: created.id,
      severity: 'high',
      risk_score: 73,
      revision: 1,
      query: expect.stringContaining('/etc/shadow'),
    });
    expect(await agent.ok('get_detection_rule', { rule_id: ruleId })).toMatchObject({
      severity: 'high',
      tags: expect.arrayContaining(['Tuned']),
    });

    // Bulk disable every Linux rule (the seeded SSH one and the new one) with a dry run first.
    const linuxBefore = await agent.ok<{ total: number; data: Rule[] }>('find_detection_rules', {
      filter: 'alert.attributes.tags:"Linux"',
      fields: ['name', 'enabled'],
    });
    expect(linuxBefore.total).toBe(2);
    const dryRun = await agent.ok('perform_detection_rules_bulk_action', {
      dry_run: true,
      body: { action: 'disable', query: 'alert.attributes.tags:"Linux"' },
    });
    expect(dryRun.attributes.summary).toMatchObject({ total: 2, succeeded: 2 });
    expect(
      scenario.sandbox.state.detectionRules
        .list('default')
        .filter((rule) => rule.tags.includes('Linux'))
        .every((rule) => rule.enabled),
    ).toBe(true);

    const bulk = await agent.ok('perform_detection_rules_bulk_action', {
      body: { action: 'disable', query: 'alert.attributes.tags:"Linux"' },
    });
    expect(bulk).toMatchObject({ success: true, rules_count: 2, attributes: { summary: { succeeded: 2, failed: 0 } } });

    const disabled = await agent.ok<{ total: number; data: { id: string; name: string; enabled: boolean }[] }>('find_detection_rules', {
      filter: 'alert.attributes.enabled:false',
      fields: ['name', 'enabled'],
      sort_field: 'name',
      sort_order: 'asc',
    });
    expect(disabled.data.map((rule) => rule.name)).toEqual(['Access to /etc/shadow', 'SSH brute force attempts']);
    expect(disabled.data.every((rule) => rule.enabled === false)).toBe(true);
    const enabled = await agent.ok<{ total: number }>('find_detection_rules', { filter: 'alert.attributes.enabled:true' });
    expect(enabled.total).toBe(3);

    // A bulk edit adds a tag to both; the tag list shows it.
    await agent.ok('perform_detection_rules_bulk_action', {
      body: { action: 'edit', query: 'alert.attributes.tags:"Linux"', edit: [{ type: 'add_tags', value: ['Paused'] }] },
    });
    expect(await agent.ok<string[]>('list_detection_rule_tags')).toEqual(expect.arrayContaining(['Paused', 'Tuned', 'Linux']));

    // A bulk action naming a rule that does not exist reports it (Kibana's 500 with per-rule errors).
    const partial = await agent.fails('perform_detection_rules_bulk_action', {
      body: { action: 'enable', ids: [created.id, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(partial).toMatch(/500/);
    expect(partial).toMatch(/Bulk edit partially failed/);

    // Retire the new rule.
    const deleted = await agent.ok<Rule>('delete_detection_rule', { rule_id: ruleId });
    expect(deleted.rule_id).toBe(ruleId);
    const gone = await agent.fails('get_detection_rule', { rule_id: ruleId });
    expect(gone).toMatch(/404/);
    expect(gone).toMatch(NOT_FOUND_HINT);
    expect(scenario.sandbox.state.detectionRules.list('default').map((rule) => rule.rule_id)).not.toContain(ruleId);
  });

  it('installs prebuilt rules once, disabled, and the status counts them', async () => {
    const before = await agent.ok('get_prebuilt_rules_status');
    expect(before).toMatchObject({ rules_installed: 0, rules_not_installed: 2 });
    expect(await agent.ok('install_prebuilt_rules')).toMatchObject({ rules_installed: 2 });
    expect(await agent.ok('install_prebuilt_rules')).toMatchObject({ rules_installed: 0 });
    expect(await agent.ok('get_prebuilt_rules_status')).toMatchObject({ rules_installed: 2, rules_not_installed: 0 });
    const prebuilt = await agent.ok<{ data: { immutable: boolean; enabled: boolean }[] }>('find_detection_rules', {
      filter: 'alert.attributes.params.immutable:true',
    });
    expect(prebuilt.data).toHaveLength(2);
    expect(prebuilt.data.every((rule) => rule.immutable && !rule.enabled)).toBe(true);
  });
});
