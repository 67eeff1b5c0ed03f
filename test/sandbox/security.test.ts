import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();
const STATUS = 'kibana.alert.workflow_status';

async function searchAlerts(body: Record<string, unknown>) {
  const response = await call(sandbox(), 'POST', '/api/detection_engine/signals/search', { body });
  expect(response.status).toBe(200);
  return response.body;
}

const statusOf = (id: string) => sandbox().state.detectionAlerts.get('default', id)!._source[STATUS];

describe('detection alerts', () => {
  it('searches with match_all and reports the total', async () => {
    const result = await searchAlerts({ query: { match_all: {} }, size: 3 });
    expect(result.hits.total).toEqual({ value: 20, relation: 'eq' });
    expect(result.hits.hits).toHaveLength(3);
    expect(result.hits.hits[0]).toMatchObject({ _index: expect.stringContaining('alerts-security'), _id: expect.any(String) });
  });

  it('filters with bool, terms, must_not and a relative time range', async () => {
    const result = await searchAlerts({
      query: {
        bool: {
          filter: [{ terms: { 'kibana.alert.severity': ['high', 'critical'] } }, { range: { '@timestamp': { gte: 'now-24h' } } }],
          must_not: [{ term: { [STATUS]: 'closed' } }],
        },
      },
      size: 100,
      sort: [{ '@timestamp': { order: 'desc' } }],
      _source: ['kibana.alert.severity', STATUS, 'host.name', '@timestamp'],
    });
    const sources = result.hits.hits.map((hit: { _source: Record<string, unknown> }) => hit._source);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(['high', 'critical']).toContain(source['kibana.alert.severity']);
      expect(source[STATUS]).not.toBe('closed');
      expect(Object.keys(source).sort()).toEqual(['@timestamp', 'host', STATUS, 'kibana.alert.severity'].sort());
    }
    const times = sources.map((source: Record<string, string>) => source['@timestamp']);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('aggregates by status with a terms aggregation', async () => {
    const result = await searchAlerts({
      size: 0,
      aggs: { statuses: { terms: { field: STATUS } }, hosts: { cardinality: { field: 'host.name' } } },
    });
    const counts = Object.fromEntries(
      result.aggregations.statuses.buckets.map((bucket: { key: string; doc_count: number }) => [bucket.key, bucket.doc_count]),
    );
    expect(counts.open + counts.acknowledged + counts.closed).toBe(20);
    expect(result.aggregations.hosts.value).toBe(5);
    expect(result.hits.hits).toEqual([]);
  });

  it('answers 400 for a query type it does not know', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/detection_engine/signals/search', {
      body: { query: { fuzzy_wuzzy: {} } },
    });
    expect(status).toBe(400);
    expect(body.message).toContain('unknown query [fuzzy_wuzzy]');
  });

  it('sets the workflow status by ids and by query', async () => {
    const open = await searchAlerts({ query: { term: { [STATUS]: 'open' } }, size: 2 });
    const ids = open.hits.hits.map((hit: { _id: string }) => hit._id);
    const byIds = await call(sandbox(), 'POST', '/api/detection_engine/signals/status', {
      body: { signal_ids: ids, status: 'acknowledged' },
    });
    expect(byIds.body).toMatchObject({ updated: 2, total: 2, failures: [] });
    expect(ids.map(statusOf)).toEqual(['acknowledged', 'acknowledged']);

    const byQuery = await call(sandbox(), 'POST', '/api/detection_engine/signals/status', {
      body: { query: { bool: { filter: [{ term: { 'host.name': 'db-01' } }] } }, status: 'closed' },
    });
    expect(byQuery.body.updated).toBe(4);
    const dbAlerts = await searchAlerts({ query: { term: { 'host.name': 'db-01' } }, size: 10 });
    expect(dbAlerts.hits.hits.every((hit: { _source: Record<string, unknown> }) => hit._source[STATUS] === 'closed')).toBe(true);
  });

  it('adds and removes tags and assignees', async () => {
    const [first] = (await searchAlerts({ size: 1 })).hits.hits;
    const id = first._id as string;
    const tagged = await call(sandbox(), 'POST', '/api/detection_engine/signals/tags', {
      body: { ids: [id], tags: { tags_to_add: ['Reviewed', 'Escalated'], tags_to_remove: [] } },
    });
    expect(tagged.body.updated).toBe(1);
    await call(sandbox(), 'POST', '/api/detection_engine/signals/tags', {
      body: { ids: [id], tags: { tags_to_add: [], tags_to_remove: ['Escalated'] } },
    });
    const byTag = await searchAlerts({ query: { term: { 'kibana.alert.workflow_tags': 'Reviewed' } } });
    expect(
      byTag.hits.hits.map((hit: { _id: string; _source: Record<string, unknown> }) => [hit._id, hit._source['kibana.alert.workflow_tags']]),
    ).toEqual([[id, ['Reviewed']]]);

    const clash = await call(sandbox(), 'POST', '/api/detection_engine/signals/tags', {
      body: { ids: [id], tags: { tags_to_add: ['x'], tags_to_remove: ['x'] } },
    });
    expect(clash.status).toBe(400);

    await call(sandbox(), 'POST', '/api/detection_engine/signals/assignees', {
      body: { ids: [id], assignees: { add: ['u_ana'], remove: [] } },
    });
    expect(sandbox().state.detectionAlerts.get('default', id)!._source['kibana.alert.workflow_assignee_ids']).toEqual(['u_ana']);
  });
});

describe('detection rules', () => {
  const queryRule = {
    name: 'Sandbox test rule',
    description: 'Created by the tests.',
    type: 'query',
    query: 'host.name:*',
    severity: 'low',
    risk_score: 10,
  };

  it('finds seeded rules with a KQL filter and paging', async () => {
    const all = await call(sandbox(), 'GET', '/api/detection_engine/rules/_find', { query: { per_page: '2' } });
    expect(all.body).toMatchObject({ page: 1, perPage: 2, total: 4 });
    const windows = await call(sandbox(), 'GET', '/api/detection_engine/rules/_find', {
      query: { filter: 'alert.attributes.tags:"Windows"', fields: ['name'] },
    });
    expect(windows.body.data).toEqual([{ id: expect.any(String), name: 'Encoded PowerShell command' }]);
  });

  it('creates, reads by rule_id, patches, replaces and deletes a rule', async () => {
    const created = await call(sandbox(), 'POST', '/api/detection_engine/rules', { body: { ...queryRule, rule_id: 'test-rule' } });
    expect(created.body).toMatchObject({ rule_id: 'test-rule', enabled: true, interval: '5m', immutable: false, revision: 0 });
    const duplicate = await call(sandbox(), 'POST', '/api/detection_engine/rules', { body: { ...queryRule, rule_id: 'test-rule' } });
    expect(duplicate.status).toBe(409);

    expect((await call(sandbox(), 'GET', '/api/detection_engine/rules', { query: { rule_id: 'test-rule' } })).body.id).toBe(
      created.body.id,
    );
    const patched = await call(sandbox(), 'PATCH', '/api/detection_engine/rules', {
      body: { rule_id: 'test-rule', severity: 'high', risk_score: 70 },
    });
    expect(patched.body).toMatchObject({ severity: 'high', risk_score: 70, name: 'Sandbox test rule', revision: 1 });

    const replaced = await call(sandbox(), 'PUT', '/api/detection_engine/rules', {
      body: { ...queryRule, id: created.body.id, name: 'Replaced', tags: [] },
    });
    expect(replaced.body).toMatchObject({ name: 'Replaced', severity: 'low', rule_id: 'test-rule', revision: 2 });

    expect((await call(sandbox(), 'DELETE', '/api/detection_engine/rules', { query: { id: created.body.id } })).body.name).toBe('Replaced');
    const gone = await call(sandbox(), 'GET', '/api/detection_engine/rules', { query: { id: created.body.id } });
    expect(gone.body).toEqual({ statusCode: 404, error: 'Not Found', message: `id: "${created.body.id}" not found` });
  });

  it('rejects an invalid rule body, naming the field', async () => {
    const { status, body } = await call(sandbox(), 'POST', '/api/detection_engine/rules', { body: { ...queryRule, risk_score: 'high' } });
    expect(status).toBe(400);
    expect(body.message).toContain('risk_score');
  });

  it('disables, enables and deletes rules in bulk', async () => {
    const ids = (await call(sandbox(), 'GET', '/api/detection_engine/rules/_find')).body.data
      .map((rule: { id: string }) => rule.id)
      .slice(0, 2);
    const disabled = await call(sandbox(), 'POST', '/api/detection_engine/rules/_bulk_action', { body: { action: 'disable', ids } });
    expect(disabled.body).toMatchObject({ success: true, rules_count: 2, attributes: { summary: { succeeded: 2, failed: 0 } } });
    expect(ids.map((id: string) => sandbox().state.detectionRules.get('default', id)!.enabled)).toEqual([false, false]);

    await call(sandbox(), 'POST', '/api/detection_engine/rules/_bulk_action', {
      body: { action: 'enable', query: 'alert.attributes.tags:"Linux"' },
    });
    expect(
      sandbox()
        .state.detectionRules.list('default')
        .find((rule) => rule.tags.includes('Linux'))!.enabled,
    ).toBe(true);

    const duplicated = await call(sandbox(), 'POST', '/api/detection_engine/rules/_bulk_action', {
      body: { action: 'duplicate', ids: [ids[0]] },
    });
    const copyId = duplicated.body.attributes.results.created[0].id;
    const deleted = await call(sandbox(), 'POST', '/api/detection_engine/rules/_bulk_action', {
      body: { action: 'delete', ids: [copyId, 'missing-id'] },
    });
    expect(deleted.status).toBe(500);
    expect(deleted.body.attributes.summary).toMatchObject({ succeeded: 1, failed: 1 });
    expect(sandbox().state.detectionRules.get('default', copyId)).toBeUndefined();
  });

  it('reports and installs prebuilt rules, and lists tags', async () => {
    const before = await call(sandbox(), 'GET', '/api/detection_engine/rules/prepackaged/_status');
    expect(before.body).toMatchObject({ rules_installed: 0, rules_not_installed: 2 });
    expect((await call(sandbox(), 'PUT', '/api/detection_engine/rules/prepackaged')).body.rules_installed).toBe(2);
    expect((await call(sandbox(), 'GET', '/api/detection_engine/rules/prepackaged/_status')).body).toMatchObject({
      rules_installed: 2,
      rules_not_installed: 0,
    });
    expect((await call(sandbox(), 'GET', '/api/detection_engine/tags')).body).toEqual(
      expect.arrayContaining(['Linux', 'Windows', 'OS: Linux']),
    );
  });
});
