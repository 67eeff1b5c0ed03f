// What an agent gets back, through the sandbox: compact write answers (full: true for all of it),
// reads in a space that does not exist, and the data of every result sent once.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Agent, unique, useScenario } from './support/scenario.js';

const scenario = useScenario();
let agent: Agent;

beforeAll(async () => {
  agent = await scenario.connect(['--toolsets', 'spaces,dashboards_api,data_views,saved_objects,detection_rules', '--tier', 'destructive']);
});

describe('compact write answers', () => {
  it('a dashboard create answers with its id, title, version and the fields sent; full: true with the whole object', async () => {
    const attributes = {
      title: 'Checkout errors',
      description: 'Built by the on-call agent.',
      timeRestore: true,
      timeFrom: 'now-4h',
      timeTo: 'now',
      options: { useMargins: true, hidePanelTitles: false },
      panels: [{ type: 'lens', gridData: { x: 0, y: 0, w: 48, h: 15, i: 'p1' }, panelIndex: 'p1', panelConfig: {} }],
    };
    const compact = await agent.call('create_dashboard', { id: unique('compact'), attributes });
    expect(compact.structuredContent).toBeUndefined();
    const [answer, notice] = compact.content as Array<{ type: 'text'; text: string }>;
    expect(JSON.parse(answer!.text)).toMatchObject({
      item: { type: 'dashboard', version: expect.any(String), attributes: { title: 'Checkout errors', timeFrom: 'now-4h' } },
    });
    // The panels it sent are not echoed back.
    expect(JSON.stringify(JSON.parse(answer!.text).item.attributes.panels ?? [])).not.toContain('gridData');
    expect(notice!.text).toMatch(/^Compact answer \(ids, names, versions, status, counts, the fields sent\): \d+ of \d+ characters\./);
    expect(notice!.text).toMatch(/Pass full: true for all of it\.$/);

    const whole = await agent.call('create_dashboard', { id: unique('whole'), attributes, full: true });
    expect(whole.content).toHaveLength(1);
    const full = JSON.parse((whole.content as Array<{ text: string }>)[0]!.text);
    expect(full.item.attributes.panels[0]).toMatchObject({ gridData: { x: 0, y: 0, w: 48, h: 15, i: 'p1' } });
    expect(answer!.text.length + notice!.text.length).toBeLessThan((whole.content as Array<{ text: string }>)[0]!.text.length);
  });

  it('a bulk delete of 30 rules answers with counts and ten ids, not every rule', async () => {
    const tag = unique('bulk');
    for (let index = 0; index < 30; index += 1) {
      await agent.ok('create_detection_rule', {
        body: {
          type: 'query',
          name: `Bulk rule ${index}`,
          description: 'A rule made to be deleted in bulk, with a description long enough to weigh something in the answer.',
          query: 'process.name:cmd.exe and process.args:"/c"',
          index: ['logs-*'],
          severity: 'low',
          risk_score: 21,
          tags: [tag],
        },
      });
    }
    const deleted = await agent.call('perform_detection_rules_bulk_action', {
      body: { action: 'delete', query: `alert.attributes.tags:"${tag}"` },
    });
    const [answer, notice] = (deleted.content as Array<{ text: string }>).map((part) => part.text);
    const compact = JSON.parse(answer!);
    expect(compact).toMatchObject({ success: true, rules_count: 30, attributes: { summary: { succeeded: 30, failed: 0, total: 30 } } });
    expect(compact.attributes.results.deleted).toHaveLength(10);
    expect(compact.attributes.results.deleted[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), name: expect.stringMatching(/^Bulk rule/) }),
    );
    expect(compact.attributes.results.deleted[0].description).toBeUndefined();
    expect(notice).toMatch(/"attributes\.results\.deleted": 10 of 30 items shown\./);
    expect(answer!.length).toBeLessThan(3_000);
  });
});

describe('reads in a space that does not exist', () => {
  it('say so and name the nearest spaces, instead of an empty page', async () => {
    const space = unique('payments');
    await agent.ok('create_space', { id: space, name: 'Payments team' });
    const typo = `${space}s`;
    const mark = scenario.sandbox.requests.length;
    for (const [tool, args] of [
      ['list_data_views', {}],
      ['find_saved_objects', { type: 'dashboard' }],
      ['find_detection_rules', {}],
    ] as const) {
      const text = await agent.fails(tool, { ...args, space_id: typo });
      expect(text, tool).toBe(
        `Space "${typo}" does not exist, so there is nothing to read in it. Nearest existing spaces: "${space}" (Payments team). Pass an existing space_id (list_spaces shows them all).`,
      );
    }
    expect(scenario.requestsSince(mark).every((request) => request.method === 'GET')).toBe(true);
  });

  it('an empty page in a space that exists is an empty page, and checking it costs one request once', async () => {
    const space = unique('quiet');
    await agent.ok('create_space', { id: space, name: 'Quiet team' });
    const mark = scenario.sandbox.requests.length;
    expect(await agent.ok('list_data_views', { space_id: space })).toEqual({ data_view: [] });
    expect(await agent.ok('find_saved_objects', { type: 'dashboard', space_id: space })).toMatchObject({ total: 0, saved_objects: [] });
    const checks = scenario.requestsSince(mark).filter((request) => request.path.startsWith('/api/spaces/'));
    expect(checks.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /api/spaces/space/${space}`]);
  });
});
