// The sandbox's check of 9.4 dashboards API bodies: what the writer writes passes, and each kind
// of mistake Kibana could not render is caught, with the panel named.
import { describe, expect, it } from 'vitest';

import { writeDashboard } from '../../src/dashboards/dashboards.js';
import { apiDashboardRenderError, checkApiDashboardPanels } from '../../src/sandbox/checks/dashboard-api-panels.js';
import { EVERY_CHART, LOGS, sequentialIds, VIEWS } from './fixtures.js';

const fieldsOf = (id: string) => (id === LOGS.id ? new Set(LOGS.fields.keys()) : undefined);

function written(): Record<string, any> {
  const result = writeDashboard(EVERY_CHART, { version: '9.4.0', views: VIEWS, newId: sequentialIds() });
  if (result.format !== 'api-9.4') throw new Error('expected an API body');
  return result.body;
}

/** The problems of the written body after `mutate` changed one panel. */
function withMistake(index: number, mutate: (panel: Record<string, any>) => void): string[] {
  const body = written();
  mutate(body.panels[index]);
  return checkApiDashboardPanels(body, fieldsOf).map((error) => `${error.panelIndex}: ${error.message}`);
}

describe('the sandbox check of 9.4 dashboards API panels', () => {
  it('accepts what the writer writes', () => {
    expect(checkApiDashboardPanels(written(), fieldsOf)).toEqual([]);
  });

  it('catches an unknown chart or layer type', () => {
    expect(withMistake(3, (panel) => (panel.config.type = 'line'))).toEqual(['p4: Visualization type line not found']);
    expect(withMistake(3, (panel) => (panel.config.layers[0].type = 'lines'))).toEqual(['p4: layer 1: unknown layer type lines']);
  });

  it('catches an unknown operation', () => {
    expect(withMistake(5, (panel) => (panel.config.metrics[1].operation = 'avg'))).toEqual(['p6: unknown operation avg']);
  });

  it('catches fields the data view lacks, in metrics, buckets and sort fields', () => {
    expect(withMistake(4, (panel) => (panel.config.layers[0].y[0].field = 'bytes'))).toEqual(['p5: layer 1: Field bytes was not found']);
    expect(withMistake(5, (panel) => (panel.config.rows[0].fields = ['host']))).toEqual(['p6: Field host was not found']);
    expect(withMistake(8, (panel) => (panel.config.layers[0].y[0].time_field = 'ts'))).toEqual(['p9: layer 1: Field ts was not found']);
  });

  it('catches a data view that does not exist', () => {
    expect(withMistake(1, (panel) => (panel.config.data_source.ref_id = 'gone'))).toEqual(['p2: Could not find the data view: gone']);
  });

  it('catches panels off the grid, reused ids and markdown without content, and answers like Kibana', () => {
    expect(withMistake(0, (panel) => (panel.grid.x = 40))).toEqual(['p1: grid {"x":40,"y":0,"w":48,"h":6} is outside the 48-column grid']);
    expect(withMistake(2, (panel) => (panel.id = 'p1'))).toEqual(['p1: panel id p1 is used twice']);
    const body = written();
    delete body.panels[0].config.content;
    expect(apiDashboardRenderError(body, fieldsOf)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: '[panel p1] a markdown panel needs its content',
    });
  });

  it('looks into sections and leaves library panels and inline data views alone', () => {
    const body = written();
    const [first, ...rest] = body.panels;
    first.config = { ref_id: 'some-markdown' };
    rest[0].config.data_source = { type: 'data_view_spec', index_pattern: 'other-*' };
    rest[0].config.metrics[0].field = 'anything';
    rest[1].config.data_source.ref_id = 'gone';
    body.panels = [first, rest[0], { title: 'Section', grid: { y: 30 }, panels: rest.slice(1) }];
    expect(checkApiDashboardPanels(body, fieldsOf).map((error) => `${error.panelIndex}: ${error.message}`)).toEqual([
      'p3: Could not find the data view: gone',
    ]);
  });
});
