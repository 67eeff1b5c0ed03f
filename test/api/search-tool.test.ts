import { describe, expect, it } from 'vitest';
import { MAX_RESULTS, searchKibanaApi } from '../../src/api/search.js';
import { buildSearchIndex, rankOperations } from '../../src/api/search-index.js';
import { entry } from './support/catalogue.js';
import { refusal } from './support/refusal.js';

const ENTRIES = [
  entry('GET /api/fleet/agents Get agents', { tags: ['Elastic Agents'] }),
  entry('GET /api/fleet/agents/{agentId} Get an agent', { tags: ['Elastic Agents'] }),
  entry('POST /api/fleet/agents/{agentId}/unenroll Unenroll an agent', { tags: ['Elastic Agent actions'] }),
  entry('GET /api/fleet/agent_status Get an agent status summary', { tags: ['Elastic Agent status'] }),
  entry('GET /s/{spaceId}/api/data_views Get all data views', {
    tags: ['data views'],
    curatedTool: 'list_data_views',
    toolset: 'data_views',
  }),
  entry('DELETE /s/{spaceId}/api/data_views/data_view/{viewId} Delete a data view', {
    tags: ['data views'],
    curatedTool: 'delete_data_view',
    toolset: 'data_views',
  }),
  entry('POST /api/alerting/rule/{id}/snooze_schedule Schedule a snooze for the rule', { tags: ['alerting'] }),
  entry('POST /api/alerting/rule/{id}/_mute_all Mute all alerts', {
    tags: ['alerting'],
    curatedTool: 'mute_alerting_rule',
    toolset: 'alerting',
  }),
  entry('POST /api/endpoint/isolate Isolate an endpoint', { tags: ['Security Endpoint Management API'], deprecated: true }),
  entry('POST /api/endpoint/action/isolate Isolate an endpoint', { tags: ['Security Endpoint Management API'] }),
  entry('GET /api/security/role Get all roles', { tags: ['roles'] }),
  entry(
    'GET /api/attack_discovery/generations Get the latest attack discovery generations metadata for the current user, with a long tail of words.',
  ),
];
const INDEX = buildSearchIndex(ENTRIES);

describe('search_kibana_api', () => {
  it('answers with what an agent needs to call the operation: method, path without the space prefix, title, tier, space', () => {
    const { operations } = searchKibanaApi(INDEX, { query: 'delete data view' });
    expect(operations[0]).toEqual({
      method: 'DELETE',
      path: '/api/data_views/data_view/{viewId}',
      title: 'Delete a data view',
      tier: 'destructive',
      space_aware: true,
      use_instead: 'delete_data_view',
    });
    expect(searchKibanaApi(INDEX, { query: 'roles' }).operations[0]).toMatchObject({ path: '/api/security/role', space_aware: false });
  });

  it('offers a curated tool only when the server has it', () => {
    const enabled = searchKibanaApi(INDEX, { query: 'mute all alerts' }, { isToolEnabled: (name) => name === 'mute_alerting_rule' });
    expect(enabled.operations[0]).toMatchObject({ path: '/api/alerting/rule/{id}/_mute_all', use_instead: 'mute_alerting_rule' });
    const disabled = searchKibanaApi(INDEX, { query: 'mute all alerts' }, { isToolEnabled: () => false });
    expect(disabled.operations[0]).not.toHaveProperty('use_instead');
  });

  it('ranks a deprecated operation below its current twin and says it is deprecated', () => {
    const { operations } = searchKibanaApi(INDEX, { query: 'isolate a host' });
    expect(operations.map((hit) => hit.path).slice(0, 2)).toEqual(['/api/endpoint/action/isolate', '/api/endpoint/isolate']);
    expect(operations[1]).toMatchObject({ deprecated: true });
  });

  it('keeps titles short', () => {
    const { operations } = searchKibanaApi(INDEX, { query: 'attack discovery generations' });
    expect(operations[0]!.title.length).toBeLessThanOrEqual(80);
    expect(operations[0]!.title.endsWith('…')).toBe(true);
  });

  it('narrows by tag, API area or toolset', () => {
    const byArea = searchKibanaApi(INDEX, { query: 'get', tag: 'fleet' }).operations;
    expect(byArea.length).toBeGreaterThan(0);
    expect(byArea.every((hit) => hit.path.startsWith('/api/fleet/'))).toBe(true);
    const byTag = searchKibanaApi(INDEX, { query: 'agent', tag: 'Elastic Agent actions' }).operations;
    expect(byTag.map((hit) => hit.path)).toEqual(['/api/fleet/agents/{agentId}/unenroll']);
    const byToolset = searchKibanaApi(INDEX, { query: 'data view', tag: 'data_views' }).operations;
    expect(byToolset.map((hit) => hit.method)).toEqual(['GET', 'DELETE']);
  });

  it('refuses a tag no operation has, listing the API areas', () => {
    const error = refusal(() => searchKibanaApi(INDEX, { query: 'agents', tag: 'flet' }));
    expect(error.code).toBe('bad_input');
    expect(error.message).toContain('tag: no operation has tag, area or toolset "flet"');
    expect(error.message).toContain('alerting, attack_discovery, data_views, endpoint, fleet, security');
  });

  it('refuses an empty or overlong query and says what to send', () => {
    expect(refusal(() => searchKibanaApi(INDEX, { query: '  ' })).message).toMatch(/^query: expected a few words/);
    expect(refusal(() => searchKibanaApi(INDEX, { query: 'agents '.repeat(40) })).message).toMatch(/^query: \d+ characters/);
  });

  it('says so when nothing matches instead of answering an empty list', () => {
    const output = searchKibanaApi(INDEX, { query: 'the of and' });
    expect(output.operations).toEqual([]);
    expect(output.notice).toMatch(/^No operation matches "the of and"/);
    expect(searchKibanaApi(INDEX, { query: 'kubernetes', tag: 'roles' }).notice).toContain('with tag "roles"');
  });

  it('returns at most 10 operations, in the same order every time', () => {
    const many = Array.from({ length: 30 }, (_, i) => entry(`GET /api/things/t${i} Get thing number ${i}`));
    const index = buildSearchIndex(many);
    const first = searchKibanaApi(index, { query: 'get things' }).operations;
    expect(first).toHaveLength(MAX_RESULTS);
    expect(searchKibanaApi(index, { query: 'get things' }).operations).toEqual(first);
    // Equal scores: the shorter path first, then by path.
    expect(first.slice(0, 3).map((hit) => hit.path)).toEqual(['/api/things/t0', '/api/things/t1', '/api/things/t2']);
  });

  it('prefers the collection for list wording and the one object for "an"', () => {
    expect(rankOperations(INDEX, 'offline agents', 1)[0]!.entry.path).toBe('/api/fleet/agents');
    expect(rankOperations(INDEX, 'show an agent', 1)[0]!.entry.path).toBe('/api/fleet/agents/{agentId}');
    expect(rankOperations(INDEX, 'how many agents', 1)[0]!.entry.path).toBe('/api/fleet/agent_status');
  });
});
