// On Kibana 9.4 an agent creates a dashboard with the generated dashboards API tools (toolset
// `dashboards_api`, `POST /api/dashboards`), reads it back, lists, replaces and deletes it; over
// stdio, against the sandbox as Kibana 9.4.0. The task tools' side (build_dashboard,
// describe_dashboard) on 9.4 is dashboards-task-tools.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { toApi } from '../../src/sandbox/resources/dashboards/api-9x.js';
import { type Agent, unique, useScenario, writesIn } from './support/scenario.js';

const scenario = useScenario({ version: '9.4.0' });
let agent: Agent;

beforeAll(async () => {
  agent = await scenario.connect(['--toolsets', 'dashboards_api', '--tier', 'destructive', '--confirm', 'never']);
});

const stored = (id: string) => scenario.sandbox.state.savedObjects.get('default', 'dashboard', id);

const LAST_DAY = { from: 'now-24h', to: 'now' };

// Everything the tool's schema asks for; Kibana itself fills options, query, refresh interval,
// access control, markdown settings and a by-reference panel's time range in when they are left out.
const runbook = (title: string) => ({
  title,
  description: 'What the on-call engineer checks first',
  tags: ['oncall'],
  time_range: LAST_DAY,
  query: { expression: '', language: 'kql' },
  refresh_interval: { pause: true, value: 60_000 },
  options: { use_margins: true },
  access_control: { access_mode: 'default' },
  panels: [
    {
      type: 'markdown',
      grid: { x: 0, y: 0, w: 24, h: 8 },
      config: { content: '# Checkout\n\nPage #checkout-oncall.', settings: { open_links_in_new_tab: true } },
    },
    { type: 'vis', grid: { x: 24, y: 0 }, config: { ref_id: 'web-errors-lens', time_range: LAST_DAY } },
  ],
});

describe('the 9.4 dashboards API tools', () => {
  it('are the 9.4 variants: the same names, on /api/dashboards', async () => {
    const { tools } = await agent.client.listTools();
    const create = tools.find((tool) => tool.name === 'create_dashboard');
    expect(create?.inputSchema.properties).toHaveProperty('panels');
    expect(create?.inputSchema.properties).not.toHaveProperty('attributes');
  });

  it('create a dashboard and read back what was stored', async () => {
    const title = unique('Checkout runbook');
    const mark = scenario.sandbox.requests.length;
    const created = await agent.ok('create_dashboard', runbook(title));
    expect(writesIn(scenario.requestsSince(mark)).map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /api/dashboards 201',
    ]);
    expect(created).toMatchObject({ id: expect.any(String), data: { title } });

    // Stored as the dashboard saved object both APIs read.
    const object = stored(created.id);
    expect(object?.attributes).toMatchObject({ title, timeFrom: 'now-24h', timeTo: 'now' });
    expect(object?.references).toEqual(
      expect.arrayContaining([
        { type: 'tag', id: 'oncall', name: 'tag-ref-oncall' },
        expect.objectContaining({ type: 'lens', id: 'web-errors-lens' }),
      ]),
    );

    const read = await agent.ok('get_dashboard', { id: created.id });
    expect(read.data).toEqual(toApi(object!).data);
    expect(read.data).toMatchObject({
      title,
      tags: ['oncall'],
      panels: [
        { type: 'markdown', grid: { x: 0, y: 0, w: 24, h: 8 }, config: { content: '# Checkout\n\nPage #checkout-oncall.' } },
        { type: 'vis', grid: { x: 24, y: 0, w: 24, h: 15 }, config: { ref_id: 'web-errors-lens', time_range: LAST_DAY } },
      ],
    });
  });

  it('list, replace and delete it', async () => {
    const title = unique('Payments runbook');
    const { id } = await agent.ok('create_dashboard', runbook(title));
    const listed = await agent.ok('list_dashboards', { search: title });
    expect(listed.dashboards.map((dashboard: { id: string }) => dashboard.id)).toEqual([id]);

    const { access_control: _setAtCreation, ...body } = runbook(`${title} (v2)`);
    const replaced = await agent.ok('replace_dashboard', { id, ...body, panels: [] });
    expect(replaced.data.title).toBe(`${title} (v2)`);
    expect(stored(id)?.attributes).toMatchObject({ title: `${title} (v2)`, panelsJSON: '[]' });

    await agent.ok('delete_dashboard', { id });
    expect(stored(id)).toBeUndefined();
  });
});
