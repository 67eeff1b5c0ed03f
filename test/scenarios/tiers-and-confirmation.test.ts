// What a server's tier lets an agent do at all, and how destructive calls ask the user first.
import { describe, expect, it } from 'vitest';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { unique, useScenario, writesIn } from './support/scenario.js';

const scenario = useScenario();

describe('read-only tier', () => {
  it('--tier read exposes no tool that writes, and a write tool is unknown', async () => {
    const reader = await scenario.connect(['--toolsets', 'all', '--tier', 'read']);
    const { tools } = await reader.client.listTools();
    expect(tools.length).toBeGreaterThan(40);
    // call_kibana_api is served at every tier; at this one its annotations say it only reads.
    expect(tools.filter((tool) => tool.annotations?.readOnlyHint !== true).map((tool) => tool.name)).toEqual([]);
    const names = tools.map((tool) => tool.name);
    expect(
      names.filter((name) =>
        /^(create|update|delete|set|add|execute|enable|disable|mute|unmute|import|copy|install|push|patch|perform|reset|run)_/.test(name),
      ),
    ).toEqual([]);
    // Read-only POSTs stay available.
    expect(names).toEqual(expect.arrayContaining(['export_saved_objects', 'search_detection_alerts', 'find_cases']));

    const mark = scenario.sandbox.requests.length;
    await expect(reader.call('create_case', { title: 't' })).rejects.toThrow(/Unknown tool "create_case"/);
    await expect(reader.call('delete_space', { id: 'marketing' })).rejects.toThrow(/Unknown tool "delete_space"/);
    expect(scenario.requestsSince(mark)).toEqual([]);

    // Reading still works, and an export is not a write.
    expect((await reader.ok('find_cases', {})).total).toBeGreaterThan(0);
    const exported = await reader.ok('export_saved_objects', { type: 'index-pattern' });
    expect(exported.count).toBe(3);
    expect(exported.details).toMatchObject({ exportedCount: 3 });
    expect(writesIn(scenario.requestsSince(mark)).map((request) => request.path)).toEqual(['/api/saved_objects/_export']);
    expect(scenario.sandbox.state.spaces.has('marketing')).toBe(true);
  });

  it('--exclude hides a tool of an allowed tier and --include adds one from another toolset', async () => {
    const agent = await scenario.connect([
      '--toolsets',
      'cases',
      '--tier',
      'destructive',
      '--exclude',
      'delete_cases',
      '--include',
      'get_status',
    ]);
    const names = await agent.toolNames();
    expect(names).not.toContain('delete_cases');
    expect(names).toContain('get_status');
    await expect(agent.call('delete_cases', { ids: ['x'] })).rejects.toThrow(/Unknown tool/);
  });
});

describe('destructive calls ask the user (elicitation)', () => {
  it('declined or cancelled: nothing is deleted and Kibana never sees a DELETE; accepted: it is gone', async () => {
    const answers: ElicitResult[] = [];
    const asked: string[] = [];
    const agent = await scenario.connect(['--toolsets', 'data_views,spaces', '--tier', 'destructive'], {
      client: { capabilities: { elicitation: { form: {} } } },
    });
    agent.client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected elicitation');
      return answer;
    });

    const view = await agent.ok<{ data_view: { id: string } }>('create_data_view', {
      data_view: { title: 'scratch-*', name: unique('Scratch') },
    });
    const viewId = view.data_view.id;
    const mark = scenario.sandbox.requests.length;

    answers.push({ action: 'decline' });
    const declined = await agent.fails('delete_data_view', { view_id: viewId });
    expect(declined).toMatch(/Not done: the user did not confirm delete_data_view\. Nothing was changed\./);
    expect(asked[0]).toMatch(/delete_data_view/);
    expect(asked[0]).toMatch(/cannot be undone/);
    expect(asked[0]).toContain(viewId);

    answers.push({ action: 'cancel' });
    expect(await agent.fails('delete_data_view', { view_id: viewId })).toMatch(/did not confirm/);
    answers.push({ action: 'accept', content: { confirm: false } });
    expect(await agent.fails('delete_data_view', { view_id: viewId })).toMatch(/did not confirm/);

    // Still there, and no DELETE reached Kibana.
    expect(writesIn(scenario.requestsSince(mark))).toEqual([]);
    expect(await agent.ok('get_data_view', { view_id: viewId })).toMatchObject({ data_view: { id: viewId } });
    expect(scenario.sandbox.state.savedObjects.get('default', 'index-pattern', viewId)).toBeDefined();

    // Non-destructive writes are not asked about.
    const askedBefore = asked.length;
    await agent.ok('update_data_view', { view_id: viewId, data_view: { timeFieldName: '@timestamp' } });
    expect(asked).toHaveLength(askedBefore);

    answers.push({ action: 'accept', content: { confirm: true } });
    expect(await agent.ok('delete_data_view', { view_id: viewId })).toMatchObject({ ok: true });
    expect(writesIn(scenario.requestsSince(mark)).map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /api/data_views/data_view/${viewId}`,
      `DELETE /api/data_views/data_view/${viewId}`,
    ]);
    expect(await agent.fails('get_data_view', { view_id: viewId })).toMatch(/404/);
    expect(answers).toEqual([]);
  });

  it('a reserved space cannot be deleted even when the user confirms (Kibana says 400)', async () => {
    const agent = await scenario.connect(['--toolsets', 'spaces', '--tier', 'destructive'], {
      client: { capabilities: { elicitation: { form: {} } } },
    });
    agent.client.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept', content: { confirm: true } }));
    const text = await agent.fails('delete_space', { id: 'default' });
    expect(text).toMatch(/400/);
    expect(text).toMatch(/reserved/);
    expect(scenario.sandbox.state.spaces.has('default')).toBe(true);
  });
});

describe('space guard after a space is deleted', () => {
  it('a write into a space deleted a moment ago through the same server is refused', async () => {
    const agent = await scenario.connect(['--toolsets', 'spaces,data_views', '--tier', 'destructive']);
    const space = unique('short-lived');
    await agent.ok('create_space', { id: space, name: 'Short-lived' });
    await agent.ok('create_data_view', { space_id: space, data_view: { title: 'before-*' } });
    await agent.ok('delete_space', { id: space });
    expect(scenario.sandbox.state.spaces.has(space)).toBe(false);

    const mark = scenario.sandbox.requests.length;
    const text = await agent.fails('create_data_view', { space_id: space, data_view: { title: 'after-*' } });
    expect(text).toMatch(/does not exist/);
    expect(writesIn(scenario.requestsSince(mark))).toEqual([]);
    expect(scenario.sandbox.state.savedObjects.list(space)).toEqual([]);
  });
});
