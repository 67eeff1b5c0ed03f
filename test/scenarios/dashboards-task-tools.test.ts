// An agent builds, reads and changes dashboards with the three task tools, over stdio, against the
// sandbox as Kibana 8.18 (the dashboard saved object, Lens panels by value) and as Kibana 9.4 (the
// dashboards API). Every scenario ends with describe_dashboard reading back exactly what was built.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlatDashboard, FlatPanel } from '../../src/dashboards/flat.js';
import { toApi } from '../../src/sandbox/resources/dashboards/api-9x.js';
import { LOG_DASHBOARD as ISSUE_LOG_DASHBOARD } from '../../bench/dashboards.js';
import { type Agent, unique, useScenario, writesIn } from './support/scenario.js';

interface Built {
  id: string;
  url: string;
  panels: string[];
  created_tags?: string[];
}

interface Described extends Omit<FlatDashboard, 'panels'> {
  id: string;
  panels: (FlatPanel & { id: string; grid: { x: number; y: number; w: number; h: number } })[];
  kept: unknown[];
}

const LAST_DAY = ISSUE_LOG_DASHBOARD.time_range!;

/** The issue's log dashboard, tagged. */
const LOG_DASHBOARD: FlatDashboard = { ...ISSUE_LOG_DASHBOARD, tags: ['web'] };

const METRIC_ROW_AND_SERIES: FlatDashboard = {
  title: 'Service health',
  description: 'Requests, bytes and hosts, then traffic per service',
  time_range: { from: 'now-7d', to: 'now' },
  query: 'service.name: *',
  filters: [{ field: 'http.response.status_code', operator: 'range', value: { gte: 200, lt: 600 } }],
  panels: [
    { chart: 'metric', title: 'Requests', data_view: 'logs-*', metrics: [{ op: 'count' }] },
    { chart: 'metric', title: 'Bytes', data_view: 'logs-*', metrics: [{ op: 'sum', field: 'http.response.bytes', label: 'Bytes sent' }] },
    {
      chart: 'metric',
      title: 'p99 latency',
      data_view: 'logs-*',
      metrics: [{ op: 'percentile', field: 'event.duration', percentile: 99 }],
    },
    { chart: 'metric', title: 'Hosts', data_view: 'logs-*', metrics: [{ op: 'unique_count', field: 'host.name' }] },
    {
      chart: 'area_stacked',
      title: 'Requests per service',
      data_view: 'logs-*',
      metrics: [{ op: 'count' }],
      breakdown: { by: 'date_histogram', interval: '1h' },
      split: { by: 'top_values', field: 'service.name', size: 5 },
    },
  ],
};

const PIE: FlatDashboard = {
  title: 'Status codes',
  time_range: LAST_DAY,
  panels: [
    {
      chart: 'pie',
      title: 'Top status codes',
      data_view: 'logs-*',
      metrics: [{ op: 'count' }],
      breakdown: { by: 'top_values', field: 'http.response.status_code', size: 5 },
      filter: 'log.level: error',
    },
  ],
};

const MARKDOWN: FlatDashboard = {
  title: 'Runbook',
  time_range: LAST_DAY,
  panels: [{ chart: 'markdown', title: 'On call', text: '# Web tier\n\nPage **#web-oncall** when the error rate passes 5%.' }],
};

/** What describe_dashboard returns for a dashboard built from `flat`, panel ids and places aside. */
function flatOf(described: Described) {
  const { id: _id, kept, panels, ...rest } = described;
  return { ...rest, kept, panels: panels.map(({ id: _panel, grid: _grid, ...panel }) => panel) };
}

const asBuilt = (flat: FlatDashboard) => ({ ...flat, kept: [] });

describe.each(['8.18.2', '9.4.0'])('dashboard task tools on Kibana %s', (version) => {
  const scenario = useScenario({ version });
  let agent: Agent;
  beforeAll(async () => {
    agent = await scenario.connect([]);
  });

  const build = (flat: FlatDashboard, space?: string) =>
    agent.ok<Built>('build_dashboard', { ...flat, ...(space ? { space_id: space } : {}) });
  const describeById = (id: string, space?: string) =>
    agent.ok<Described>('describe_dashboard', { id, ...(space ? { space_id: space } : {}) });
  const stored = (id: string, space = 'default') => scenario.sandbox.state.savedObjects.get(space, 'dashboard', id);
  /** The stored dashboard as its API keeps it, as JSON text: the saved object on 8.x, the dashboard's data on 9.4. */
  const storedText = (id: string) => {
    const object = stored(id)!;
    return JSON.stringify(version.startsWith('8.') ? { attributes: object.attributes, references: object.references } : toApi(object).data);
  };

  it('are on by default, beside no generated dashboards API tool', async () => {
    const names = await agent.toolNames();
    expect(names).toEqual(expect.arrayContaining(['build_dashboard', 'describe_dashboard', 'update_dashboard']));
    expect(names.filter((name) => /dashboard/.test(name))).toHaveLength(3);
  });

  it('build the log dashboard, and read back exactly what was built', async () => {
    const mark = scenario.sandbox.requests.length;
    const built = await build(LOG_DASHBOARD);
    // Two panels on one data view: the list and the view are each read once.
    const reads = scenario.requestsSince(mark).map((request) => `${request.method} ${request.path}`);
    expect(reads.filter((request) => request.startsWith('GET /api/data_views'))).toEqual([
      'GET /api/data_views',
      'GET /api/data_views/data_view/logs-data-view',
    ]);
    expect(built.url).toBe(`/app/dashboards#/view/${built.id}`);
    expect(built.panels).toEqual([
      'p1: line "Log count over time": Count of records by time (auto) of logs-*',
      'p2: table "Top 10 hosts": Count of records by top 10 host.name of logs-*',
    ]);
    expect(built.created_tags).toEqual(['web']);
    const described = await describeById(built.id);
    expect(flatOf(described)).toEqual(asBuilt(LOG_DASHBOARD));
    expect(described.panels.map((panel) => panel.grid)).toEqual([
      { x: 0, y: 0, w: 24, h: 15 },
      { x: 24, y: 0, w: 24, h: 15 },
    ]);
    // Stored as Kibana stores a dashboard; the second build finds the tag instead of creating it.
    expect(stored(built.id)?.references.filter((reference) => reference.type === 'tag')).toHaveLength(1);
    expect((await build({ ...LOG_DASHBOARD, tags: ['WEB'] })).created_tags).toBeUndefined();
  });

  it('build a metric row above a time series, placed on the grid', async () => {
    const built = await build(METRIC_ROW_AND_SERIES);
    const described = await describeById(built.id);
    expect(flatOf(described)).toEqual(asBuilt(METRIC_ROW_AND_SERIES));
    expect(described.panels.map((panel) => panel.grid)).toEqual([
      { x: 0, y: 0, w: 12, h: 8 },
      { x: 12, y: 0, w: 12, h: 8 },
      { x: 24, y: 0, w: 12, h: 8 },
      { x: 36, y: 0, w: 12, h: 8 },
      { x: 0, y: 8, w: 24, h: 15 },
    ]);
  });

  it('build a pie of top values and a markdown panel', async () => {
    for (const flat of [PIE, MARKDOWN]) expect(flatOf(await describeById((await build(flat)).id))).toEqual(asBuilt(flat));
  });

  it('update: add a panel and remove another, the rest kept as stored', async () => {
    const { id } = await build(LOG_DASHBOARD);
    const tableBefore = (await describeById(id)).panels[1];
    const pie = PIE.panels[0]!;
    const updated = await agent.ok<Built>('update_dashboard', { id, add_panels: [pie], remove_panels: ['p1'] });
    expect(updated.panels).toEqual([
      'p2: table "Top 10 hosts": Count of records by top 10 host.name of logs-*',
      'p3: pie "Top status codes": Count of records by top 5 http.response.status_code of logs-* where log.level: error',
    ]);
    const described = await describeById(id);
    expect(flatOf(described)).toEqual(asBuilt({ ...LOG_DASHBOARD, panels: [LOG_DASHBOARD.panels[1]!, pie] }));
    expect(described.panels[0]).toEqual(tableBefore);
    // The new panel goes to the first free place: where the removed one was.
    expect(described.panels[1]?.grid).toEqual({ x: 0, y: 0, w: 16, h: 15 });
  });

  it('refuse a wrong field with the likely one, and save nothing', async () => {
    const mark = scenario.sandbox.requests.length;
    const wrong = { ...LOG_DASHBOARD, tags: ['never-created'], panels: [{ ...PIE.panels[0]!, metrics: [{ op: 'sum', field: 'bytes' }] }] };
    const refusal = await agent.fails('build_dashboard', wrong);
    expect(refusal).toBe(
      'Nothing was saved; fix this problem and call again:\n' +
        '- panel 1, metric 1: `bytes` is not a field of `logs-*`; did you mean `http.response.bytes`?',
    );
    expect(writesIn(scenario.requestsSince(mark))).toEqual([]);
    const fixed = {
      ...wrong,
      tags: ['web'],
      panels: [{ ...wrong.panels[0]!, metrics: [{ op: 'sum' as const, field: 'http.response.bytes' }] }],
    };
    expect(flatOf(await describeById((await build(fixed)).id))).toEqual(asBuilt(fixed));
  });

  it('build in a space other than the default one, with a data view of that space', async () => {
    const space = unique('team');
    await agent.ok('create_space', { id: space, name: 'Team' });
    await agent.ok('create_data_view', { space_id: space, data_view: { title: 'logs-*', timeFieldName: '@timestamp' } });
    const built = await build(LOG_DASHBOARD, space);
    expect(built.url).toBe(`/s/${space}/app/dashboards#/view/${built.id}`);
    expect(stored(built.id, space)).toBeDefined();
    expect(stored(built.id)).toBeUndefined();
    expect(flatOf(await describeById(built.id, space))).toEqual(asBuilt(LOG_DASHBOARD));
    expect(await agent.fails('describe_dashboard', { id: built.id })).toMatch(/404/);
    // A space that does not exist is refused before anything is written.
    expect(await agent.fails('build_dashboard', { ...LOG_DASHBOARD, space_id: unique('nowhere') })).toMatch(
      /does not exist, so nothing was written/,
    );
  });

  it('round trip: describe → update with what was described writes nothing; a change undone restores every byte', async () => {
    const { id } = await build(METRIC_ROW_AND_SERIES);
    const before = structuredClone(stored(id));
    const text = storedText(id);
    const { id: _id, kept: _kept, panels, ...fields } = await describeById(id);
    const replace_panels = panels.map(({ id: panelId, ...panel }) => ({ id: panelId, panel }));
    const move_panels = panels.map(({ id: panelId, grid }) => ({ id: panelId, grid }));
    const mark = scenario.sandbox.requests.length;
    const unchanged = await agent.ok('update_dashboard', { id, ...fields, replace_panels, move_panels });
    expect(unchanged.unchanged).toMatch(/nothing was written/);
    expect(writesIn(scenario.requestsSince(mark))).toEqual([]);
    expect(stored(id)).toEqual(before);

    await agent.ok('update_dashboard', { id, title: 'Renamed' });
    expect((await describeById(id)).title).toBe('Renamed');
    await agent.ok('update_dashboard', { id, title: METRIC_ROW_AND_SERIES.title });
    expect(storedText(id)).toBe(text);
  });
});
