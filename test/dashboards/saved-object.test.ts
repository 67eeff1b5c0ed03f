import { describe, expect, it } from 'vitest';

import { describeDashboard, patchDashboard, type StoredDashboard, writeDashboard } from '../../src/dashboards/dashboards.js';
import type { DashboardSavedObject } from '../../src/dashboards/saved-object/dashboard.js';
import { checkDashboardPanels } from '../../src/sandbox/checks/lens-panels.js';
import { EVERY_CHART, LOGS, LOOKUPS, sequentialIds, VIEWS } from './fixtures.js';

const VERSION = '8.18.0';
const fieldsOf = (id: string) => (id === LOGS.id ? new Set(LOGS.fields.keys()) : undefined);

function build(): DashboardSavedObject {
  const written = writeDashboard(EVERY_CHART, {
    version: VERSION,
    views: VIEWS,
    newId: sequentialIds(),
    tags: [{ id: 'tag-1', name: 'web' }],
  });
  if (written.format !== 'saved-object') throw new Error(`expected a saved object, got ${written.format}`);
  return written.savedObject;
}

const stored = (savedObject: DashboardSavedObject): StoredDashboard => ({ format: 'saved-object', id: 'dash-1', savedObject });

describe('8.x dashboard saved object', () => {
  it('writes Lens panels by value that the sandbox checker accepts', () => {
    const savedObject = build();
    expect(checkDashboardPanels(savedObject.attributes, savedObject.references, fieldsOf)).toEqual([]);
    const panels = JSON.parse(String(savedObject.attributes.panelsJSON)) as Record<string, unknown>[];
    expect(panels.map((panel) => panel.type)).toEqual(['visualization', ...Array(9).fill('lens')]);
    expect(savedObject.references).toContainEqual({
      name: 'p4:indexpattern-datasource-layer-layer_0',
      type: 'index-pattern',
      id: 'logs-view',
    });
    expect(savedObject.references).toContainEqual({ name: 'tag-ref-tag-1', type: 'tag', id: 'tag-1' });
    expect(savedObject.attributes).toMatchObject({ timeRestore: true, timeFrom: 'now-24h', timeTo: 'now' });
  });

  it('writes the Lens states Kibana reads: visualization types, columns and accessors', () => {
    const panels = JSON.parse(String(build().attributes.panelsJSON)) as { embeddableConfig: { attributes: Record<string, any> } }[];
    const line = panels[3]?.embeddableConfig.attributes;
    expect(line?.visualizationType).toBe('lnsXY');
    const layer = line?.state.datasourceStates.formBased.layers.layer_0;
    expect(layer.columnOrder).toEqual(['breakdown', 'metric_0']);
    expect(layer.columns.metric_0).toMatchObject({ operationType: 'count', sourceField: '___records___' });
    expect(layer.columns.breakdown).toMatchObject({
      operationType: 'date_histogram',
      sourceField: '@timestamp',
      params: { interval: 'auto' },
    });
    expect(line?.state.visualization.layers[0]).toMatchObject({ seriesType: 'line', xAccessor: 'breakdown', accessors: ['metric_0'] });
    const stackedBars = panels[4]?.embeddableConfig.attributes;
    expect(stackedBars?.state.datasourceStates.formBased.layers.layer_0.columnOrder).toEqual(['split', 'breakdown', 'metric_0']);
    expect(stackedBars?.state.query).toEqual({ query: 'http.response.status_code >= 400', language: 'kuery' });
    const donut = panels[7]?.embeddableConfig.attributes;
    expect(donut?.state.visualization).toMatchObject({ shape: 'donut', layers: [{ primaryGroups: ['breakdown'], metrics: ['metric_0'] }] });
    const lastValue = panels[8]?.embeddableConfig.attributes.state.datasourceStates.formBased.layers.layer_0.columns.metric_0;
    expect(lastValue).toMatchObject({ operationType: 'last_value', params: { sortField: '@timestamp' } });
  });

  it('reads back exactly the flat panels it wrote', () => {
    const described = describeDashboard(stored(build()), { ...LOOKUPS, tagName: (id) => (id === 'tag-1' ? 'web' : undefined) });
    expect(described.kept).toEqual([]);
    const { panels, ...rest } = described;
    expect(rest).toMatchObject({
      title: EVERY_CHART.title,
      description: EVERY_CHART.description,
      time_range: EVERY_CHART.time_range,
      tags: ['web'],
    });
    expect(rest.query).toBe(EVERY_CHART.query);
    expect(rest.filters).toEqual(EVERY_CHART.filters);
    const expected = EVERY_CHART.panels.map((panel) => ({ ...panel, ...(panel.data_view ? { data_view: 'logs-*' } : {}) }));
    expect(panels.map(({ id: _id, grid: _grid, ...panel }) => panel)).toEqual(expected);
  });

  it('a patch that changes nothing gives back the stored object byte for byte', () => {
    const savedObject = build();
    const patched = patchDashboard(stored(savedObject), {}, { version: VERSION, views: VIEWS }, LOOKUPS);
    expect(patched.format === 'saved-object' && JSON.stringify(patched.savedObject)).toBe(JSON.stringify(savedObject));
  });

  it('adds and removes panels, keeping the others and their references as they were', () => {
    const savedObject = build();
    const patched = patchDashboard(
      stored(savedObject),
      {
        remove_panels: ['p2'],
        add_panels: [{ chart: 'metric', title: 'Bytes', data_view: 'logs-*', metrics: [{ op: 'sum', field: 'http.response.bytes' }] }],
      },
      { version: VERSION, views: VIEWS, newId: () => 'new1' },
      LOOKUPS,
    );
    if (patched.format !== 'saved-object') throw new Error('expected a saved object');
    const before = JSON.parse(String(savedObject.attributes.panelsJSON)) as Record<string, unknown>[];
    const after = JSON.parse(String(patched.savedObject.attributes.panelsJSON)) as Record<string, unknown>[];
    expect(after.map((panel) => panel.panelIndex)).toEqual(['p1', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'new1']);
    expect(after.slice(0, 9)).toEqual(before.filter((panel) => panel.panelIndex !== 'p2'));
    expect(patched.savedObject.references.some((reference) => reference.name.startsWith('p2:'))).toBe(false);
    expect(patched.savedObject.references).toContainEqual({
      name: 'new1:indexpattern-datasource-layer-layer_0',
      type: 'index-pattern',
      id: 'logs-view',
    });
    expect(checkDashboardPanels(patched.savedObject.attributes, patched.savedObject.references, fieldsOf)).toEqual([]);
    // The new panel fills the hole the removed metric left on the first metric row.
    expect(after.at(-1)?.gridData).toMatchObject({ y: 6, w: 12, h: 8 });
  });

  it('keeps panels it cannot express, names them, and moves them when asked', () => {
    const savedObject = build();
    const panels = JSON.parse(String(savedObject.attributes.panelsJSON)) as Record<string, any>[];
    panels.push({
      type: 'map',
      panelIndex: 'm1',
      gridData: { x: 0, y: 90, w: 24, h: 15, i: 'm1' },
      embeddableConfig: { mapCenter: { lat: 1 } },
    });
    const withMap = { ...savedObject, attributes: { ...savedObject.attributes, panelsJSON: JSON.stringify(panels) } };
    const described = describeDashboard(stored(withMap), LOOKUPS);
    expect(described.kept).toEqual([
      { kind: 'panel', id: 'm1', type: 'map', grid: { x: 0, y: 90, w: 24, h: 15 }, reason: 'map panels are outside the flat form' },
    ]);
    const moved = patchDashboard(
      stored(withMap),
      { move_panels: [{ id: 'm1', grid: { y: 100 } }], title: 'Renamed' },
      { version: VERSION, views: VIEWS },
      LOOKUPS,
    );
    if (moved.format !== 'saved-object') throw new Error('expected a saved object');
    const map = (JSON.parse(String(moved.savedObject.attributes.panelsJSON)) as Record<string, any>[]).find(
      (panel) => panel.panelIndex === 'm1',
    );
    expect(map).toEqual({ ...panels.at(-1), gridData: { x: 0, y: 100, w: 24, h: 15, i: 'm1' } });
    expect(moved.savedObject.attributes.title).toBe('Renamed');
  });

  it('reads a Lens panel outside the flat form as a kept item with its reason', () => {
    const savedObject = build();
    const panels = JSON.parse(String(savedObject.attributes.panelsJSON)) as Record<string, any>[];
    (
      panels[1] as Record<string, any>
    ).embeddableConfig.attributes.state.datasourceStates.formBased.layers.layer_0.columns.metric_0.operationType = 'formula';
    const described = describeDashboard(
      stored({ ...savedObject, attributes: { ...savedObject.attributes, panelsJSON: JSON.stringify(panels) } }),
      LOOKUPS,
    );
    expect(described.kept).toEqual([
      expect.objectContaining({ id: 'p2', type: 'lens', reason: 'the formula operation is outside the flat form' }),
    ]);
  });

  it('refuses unknown panel ids with a suggestion, and Kibana versions it cannot write', () => {
    expect(() => patchDashboard(stored(build()), { remove_panels: ['p11'] }, { version: VERSION, views: VIEWS }, LOOKUPS)).toThrow(
      'remove_panels: the dashboard has no panel `p11`; did you mean `p1`',
    );
    expect(() => writeDashboard(EVERY_CHART, { version: '8.5.3', views: VIEWS })).toThrow('dashboards cannot be built on Kibana 8.5.3');
    expect(() => writeDashboard(EVERY_CHART, { version: '9.5.0', views: VIEWS })).toThrow('9.4.0 up to 9.5.0');
  });
});
