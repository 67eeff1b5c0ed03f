// An analyst triages open detection alerts: acknowledges and tags a few, opens a case for them,
// attaches them, and checks that both the case and the alerts show the result.
import { describe, expect, it } from 'vitest';
import { useScenario, type Agent } from './support/scenario.js';

const scenario = useScenario();

interface Hit {
  _id: string;
  _index: string;
  _source: Record<string, unknown>;
}

const searchAlerts = async (agent: Agent, query: Record<string, unknown>, size = 50): Promise<Hit[]> => {
  const result = await agent.ok<{ hits: { hits: Hit[] } }>('search_detection_alerts', {
    query,
    size,
    source: [
      'kibana.alert.workflow_status',
      'kibana.alert.workflow_tags',
      'kibana.alert.rule.name',
      'kibana.alert.rule.uuid',
      'kibana.alert.severity',
      'host.name',
    ],
  });
  return result.hits.hits;
};

describe('alert triage into a case', () => {
  it('acknowledges and tags open alerts, attaches them to a new case, and both sides show it', async () => {
    const agent = await scenario.connect(['--toolsets', 'detection_alerts,cases']);

    // 1. Open alerts of the last day, most severe rule first.
    const open = await searchAlerts(agent, {
      bool: { filter: [{ term: { 'kibana.alert.workflow_status': 'open' } }, { range: { '@timestamp': { gte: 'now-24h' } } }] },
    });
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.every((hit) => hit._source['kibana.alert.workflow_status'] === 'open')).toBe(true);
    const picked = open.filter((hit) => !(hit._source['kibana.alert.workflow_tags'] as string[]).includes('triaged-by-agent')).slice(0, 3);
    const ids = picked.map((hit) => hit._id);

    // 2. Acknowledge them.
    const status = await agent.ok('set_detection_alert_status', { body: { signal_ids: ids, status: 'acknowledged' } });
    expect(status).toMatchObject({ updated: 3, failures: [] });

    // 3. Tag them.
    const tags = await agent.ok('set_detection_alert_tags', { ids, tags: { tags_to_add: ['triaged-by-agent'], tags_to_remove: [] } });
    expect(tags).toMatchObject({ updated: 3 });

    // 4. A case for the investigation. It does not sync alert status: with syncAlerts on, Kibana would
    //    set the attached alerts to the case's status (open), undoing the acknowledgement.
    const created = await agent.ok<{ id: string; version: string; status: string; totalAlerts: number }>('create_case', {
      title: 'Agent triage: 3 alerts',
      description: `Acknowledged alerts ${ids.join(', ')} for investigation.`,
      tags: ['triage'],
      owner: 'securitySolution',
      severity: 'high',
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
      settings: { syncAlerts: false },
    });
    expect(created).toMatchObject({ status: 'open', totalAlerts: 0 });

    // 5. Attach the alerts (one alert comment with the three ids, as the Security app does).
    const first = picked[0]!;
    const attached = await agent.ok<{ totalAlerts: number }>('add_case_comment', {
      case_id: created.id,
      body: {
        type: 'alert',
        alertId: ids,
        index: picked.map((hit) => hit._index),
        rule: { id: String(first._source['kibana.alert.rule.uuid']), name: String(first._source['kibana.alert.rule.name']) },
        owner: 'securitySolution',
      },
    });
    expect(attached.totalAlerts).toBe(3);

    // 6. The case lists exactly these alerts.
    const caseAlerts = await agent.ok<{ id: string; index: string }[]>('list_case_alerts', { case_id: created.id });
    expect(caseAlerts.map((alert) => alert.id).sort()).toEqual([...ids].sort());
    expect(caseAlerts.every((alert) => alert.index === first._index)).toBe(true);

    // 7. Each alert knows its case.
    const cases = await agent.ok<{ id: string; title: string }[]>('list_cases_for_alert', { alert_id: ids[1]! });
    expect(cases.map((found) => found.id)).toContain(created.id);

    // 8. A fresh search shows them acknowledged and tagged, and no longer open.
    const after = await searchAlerts(agent, { ids: { values: ids } });
    expect(after).toHaveLength(3);
    for (const hit of after) {
      expect(hit._source['kibana.alert.workflow_status']).toBe('acknowledged');
      expect(hit._source['kibana.alert.workflow_tags']).toContain('triaged-by-agent');
    }
    const stillOpen = await searchAlerts(agent, { term: { 'kibana.alert.workflow_status': 'open' } });
    expect(stillOpen.map((hit) => hit._id)).not.toContain(ids[0]);
    expect(stillOpen).toHaveLength(open.length - 3);

    // 9. The sandbox state agrees, and records who changed the alerts.
    const stored = scenario.sandbox.state.detectionAlerts.get('default', ids[0]!)!;
    expect(stored._source['kibana.alert.workflow_status']).toBe('acknowledged');
    expect(stored._source['kibana.alert.workflow_user']).toBe('sandbox_api_key');
    expect(stored._source['kibana.alert.case_ids']).toContain(created.id);
    expect(scenario.sandbox.state.cases.get('default', created.id)!.comments).toHaveLength(1);
  });

  it('a case that syncs alerts carries its status to them: in progress → acknowledged, closed → closed', async () => {
    const agent = await scenario.connect(['--toolsets', 'detection_alerts,cases']);
    const open = await searchAlerts(agent, {
      bool: { filter: [{ term: { 'kibana.alert.workflow_status': 'open' } }, { term: { 'host.name': 'win-dc-01' } }] },
    });
    expect(open.length).toBeGreaterThanOrEqual(1);
    const ids = open.map((hit) => hit._id);
    const rule = { id: String(open[0]!._source['kibana.alert.rule.uuid']), name: String(open[0]!._source['kibana.alert.rule.name']) };

    const created = await agent.ok('create_case', {
      title: 'Domain controller alerts',
      description: 'Everything that fired on win-dc-01.',
      tags: ['dc'],
      owner: 'securitySolution',
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
      settings: { syncAlerts: true },
    });
    const attached = await agent.ok('add_case_comment', {
      case_id: created.id,
      body: { type: 'alert', alertId: ids, index: open.map((hit) => hit._index), rule, owner: 'securitySolution' },
    });
    expect(attached.totalAlerts).toBe(ids.length);

    const [inProgress] = await agent.ok('update_cases', { cases: [{ id: created.id, version: attached.version, status: 'in-progress' }] });
    const acknowledged = await searchAlerts(agent, { ids: { values: ids } });
    expect(acknowledged.map((hit) => hit._source['kibana.alert.workflow_status'])).toEqual(ids.map(() => 'acknowledged'));

    await agent.ok('update_cases', { cases: [{ id: created.id, version: inProgress.version, status: 'closed' }] });
    const closed = await searchAlerts(agent, {
      bool: { filter: [{ ids: { values: ids } }, { term: { 'kibana.alert.workflow_status': 'closed' } }] },
    });
    expect(closed).toHaveLength(ids.length);

    // A closed case takes no more alerts: Kibana's 400, with the bad-request hint.
    const refused = await agent.fails('add_case_comment', {
      case_id: created.id,
      body: { type: 'alert', alertId: 'another-alert', index: open[0]!._index, rule, owner: 'securitySolution' },
    });
    expect(refused).toMatch(/400/);
    expect(refused).toMatch(/Alert cannot be attached to a closed case/);
    expect(refused).toMatch(/Hint: Kibana rejected the arguments/);
    expect((await agent.ok('list_case_alerts', { case_id: created.id })).map((alert: { id: string }) => alert.id).sort()).toEqual(
      [...ids].sort(),
    );
  });

  it('removes a tag again and assigns the alerts, leaving the other tags alone', async () => {
    const agent = await scenario.connect(['--toolsets', 'detection_alerts']);
    const tagged = await searchAlerts(agent, { term: { 'kibana.alert.workflow_tags': 'Escalated' } });
    expect(tagged.length).toBeGreaterThan(0);
    const ids = tagged.map((hit) => hit._id);

    await agent.ok('set_detection_alert_tags', { ids, tags: { tags_to_add: ['needs-review'], tags_to_remove: ['Escalated'] } });
    await agent.ok('set_detection_alert_assignees', { ids, assignees: { add: ['u_ana'], remove: [] } });

    // Same tag on both sides is Kibana's 400, surfaced with the bad-request hint.
    const conflict = await agent.fails('set_detection_alert_tags', { ids, tags: { tags_to_add: ['x'], tags_to_remove: ['x'] } });
    expect(conflict).toMatch(/400/);
    expect(conflict).toMatch(/Duplicate tags/);
    expect(conflict).toMatch(/Hint: Kibana rejected the arguments/);

    expect(await searchAlerts(agent, { term: { 'kibana.alert.workflow_tags': 'Escalated' } })).toHaveLength(0);
    const relabelled = await searchAlerts(agent, { term: { 'kibana.alert.workflow_tags': 'needs-review' } });
    expect(relabelled.map((hit) => hit._id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(scenario.sandbox.state.detectionAlerts.get('default', id)!._source['kibana.alert.workflow_assignee_ids']).toEqual(['u_ana']);
    }
  });
});
