// Through the sandbox's HTTP API, as Kibana would answer: a dashboard Kibana could not render is
// refused with a 400 naming the panel and the mistake, one request per family of mistake, on the
// saved-objects API of 8.x and on the dashboards API of 9.4. What the writer writes is accepted.
import { describe, expect, it } from 'vitest';

import { type DataViewInfo, dataViewInfo } from '../../src/dashboards/data-view.js';
import { writeDashboard } from '../../src/dashboards/dashboards.js';
import type { FlatDashboard } from '../../src/dashboards/flat.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { type CallResult, call, useSandbox } from '../sandbox/client.js';

const LOGS_VIEW = 'logs-data-view';

const DASHBOARD: FlatDashboard = {
  title: 'Checked',
  panels: [
    { chart: 'line', title: 'Logs over time', data_view: 'logs-*', metrics: [{ op: 'count' }], breakdown: { by: 'date_histogram' } },
    {
      chart: 'table',
      title: 'Top hosts',
      data_view: 'logs-*',
      metrics: [{ op: 'average', field: 'http.response.bytes' }],
      breakdown: { by: 'top_values', field: 'host.name' },
    },
  ],
};

/** A refusal as Kibana words one: a 400 that names the panel and the mistake. */
function expectRefusal(refused: CallResult, message: string): void {
  expect(refused.status).toBe(400);
  expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  expect(refused.body.message).toMatch(/^\[panel p\d\] /);
  expect(refused.body.message).toContain(message);
}

async function logsView(sandbox: Sandbox): Promise<Map<string, DataViewInfo>> {
  const answer = await call(sandbox, 'GET', `/api/data_views/data_view/${LOGS_VIEW}`);
  return new Map([['logs-*', dataViewInfo(answer.body)]]);
}

describe('on 8.18 the saved-objects API refuses Lens panels Kibana could not render', () => {
  const sandbox = useSandbox({ version: '8.18.2' });

  async function send(mutate: (panels: Record<string, any>[], references: Record<string, any>[]) => void) {
    const write = writeDashboard(DASHBOARD, { version: '8.18.2', views: await logsView(sandbox()) });
    if (write.format !== 'saved-object') throw new Error('expected a saved object');
    const panels = JSON.parse(String(write.savedObject.attributes.panelsJSON)) as Record<string, any>[];
    const references = structuredClone(write.savedObject.references) as Record<string, any>[];
    mutate(panels, references);
    const body = { attributes: { ...write.savedObject.attributes, panelsJSON: JSON.stringify(panels) }, references };
    return call(sandbox(), 'POST', '/api/saved_objects/dashboard', { body });
  }
  const lens = (panel: Record<string, any>) => panel.embeddableConfig.attributes;
  const layer = (panel: Record<string, any>) => lens(panel).state.datasourceStates.formBased.layers.layer_0;

  it('accepts what the writer writes', async () => {
    expect((await send(() => {})).status).toBe(200);
  });

  it.each([
    ['a visualization type', (panels: any[]) => (lens(panels[0]).visualizationType = 'lnsLine'), 'Visualization type lnsLine not found'],
    ['an operation', (panels: any[]) => (layer(panels[1]).columns.metric_0.operationType = 'avg'), 'has the unknown operation avg'],
    ['a field', (panels: any[]) => (layer(panels[1]).columns.metric_0.sourceField = 'bytes'), 'Field bytes was not found'],
    ['an accessor', (panels: any[]) => (lens(panels[0]).state.visualization.layers[0].xAccessor = 'x'), 'names column x'],
    ['a reference', (_: any[], references: any[]) => references.splice(0, 1), 'no reference indexpattern-datasource-layer-layer_0'],
  ])('refuses %s that does not exist, naming the panel', async (_family, mutate, message) => {
    expectRefusal(await send(mutate), message);
  });
});

describe('on 9.4 the dashboards API refuses charts Kibana could not render', () => {
  const sandbox = useSandbox({ version: '9.4.0' });

  async function send(mutate: (panels: Record<string, any>[]) => void) {
    const write = writeDashboard(DASHBOARD, { version: '9.4.0', views: await logsView(sandbox()) });
    if (write.format !== 'api-9.4') throw new Error('expected an API body');
    const body = structuredClone(write.body) as Record<string, any>;
    mutate(body.panels);
    return call(sandbox(), 'POST', '/api/dashboards', { body });
  }

  it('accepts what the writer writes', async () => {
    expect((await send(() => {})).status).toBe(201);
  });

  it.each([
    ['a chart type', (panels: any[]) => (panels[0].config.type = 'line'), 'Visualization type line not found'],
    ['an operation', (panels: any[]) => (panels[1].config.metrics[0].operation = 'avg'), 'unknown operation avg'],
    ['a field', (panels: any[]) => (panels[1].config.rows[0].fields = ['host']), 'Field host was not found'],
    ['a data view', (panels: any[]) => (panels[1].config.data_source.ref_id = 'gone'), 'Could not find the data view: gone'],
    ['a grid place', (panels: any[]) => (panels[1].grid.x = 30), 'is outside the 48-column grid'],
  ])('refuses %s that does not exist, naming the panel', async (_family, mutate, message) => {
    expectRefusal(await send(mutate), message);
  });
});
