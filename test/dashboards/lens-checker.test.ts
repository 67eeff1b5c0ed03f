import { describe, expect, it } from 'vitest';

import { writeDashboard } from '../../src/dashboards/dashboards.js';
import type { DashboardSavedObject } from '../../src/dashboards/saved-object/dashboard.js';
import { checkDashboardPanels, dashboardRenderError } from '../../src/sandbox/checks/lens-panels.js';
import { EVERY_CHART, LOGS, sequentialIds, VIEWS } from './fixtures.js';

const fieldsOf = (id: string) => (id === LOGS.id ? new Set(LOGS.fields.keys()) : undefined);

function written(): DashboardSavedObject {
  const result = writeDashboard(EVERY_CHART, { version: '8.18.0', views: VIEWS, newId: sequentialIds() });
  if (result.format !== 'saved-object') throw new Error('expected a saved object');
  return result.savedObject;
}

/** The written dashboard with one panel's Lens attributes changed by `mutate`. */
function withMistake(
  index: number,
  mutate: (attributes: Record<string, any>) => void,
  references?: (refs: DashboardSavedObject['references']) => DashboardSavedObject['references'],
) {
  const savedObject = written();
  const panels = JSON.parse(String(savedObject.attributes.panelsJSON)) as Record<string, any>[];
  mutate(panels[index]?.embeddableConfig.attributes);
  const attributes = { ...savedObject.attributes, panelsJSON: JSON.stringify(panels) };
  const refs = references ? references(savedObject.references) : savedObject.references;
  return checkDashboardPanels(attributes, refs, fieldsOf).map((error) => `${error.panelIndex}: ${error.message}`);
}

const layerOf = (attributes: Record<string, any>) => attributes.state.datasourceStates.formBased.layers.layer_0;

describe('the sandbox Lens checker', () => {
  it('accepts what the writer writes', () => {
    const savedObject = written();
    expect(checkDashboardPanels(savedObject.attributes, savedObject.references, fieldsOf)).toEqual([]);
    expect(dashboardRenderError(savedObject.attributes, savedObject.references, fieldsOf)).toBeUndefined();
  });

  it('catches an unknown visualization type', () => {
    expect(withMistake(3, (a) => (a.visualizationType = 'lnsLine'))).toEqual(['p4: Visualization type lnsLine not found']);
  });

  it('catches an unknown operation type', () => {
    expect(withMistake(3, (a) => (layerOf(a).columns.metric_0.operationType = 'avg'))).toEqual([
      'p4: layer layer_0: column metric_0 has the unknown operation avg',
    ]);
  });

  it("catches a column whose field is not in the layer's data view", () => {
    expect(withMistake(4, (a) => (layerOf(a).columns.metric_0.sourceField = 'bytes'))).toEqual([
      'p5: Field bytes was not found (layer layer_0, column metric_0)',
    ]);
  });

  it('catches an accessor that names no column', () => {
    expect(withMistake(3, (a) => (a.state.visualization.layers[0].xAccessor = 'x'))).toEqual([
      'p4: the visualization names column x, which layer layer_0 does not have',
    ]);
    expect(withMistake(1, (a) => (a.state.visualization.secondaryMetricAccessor = 'gone'))).toEqual([
      'p2: the visualization names column gone, which layer layer_0 does not have',
    ]);
  });

  it('catches a column left out of columnOrder and a ranking by a missing column', () => {
    expect(withMistake(5, (a) => (layerOf(a).columnOrder = ['metric_0', 'metric_1']))).toEqual([
      'p6: layer layer_0: column breakdown is missing from columnOrder',
    ]);
    expect(withMistake(5, (a) => (layerOf(a).columns.breakdown.params.orderBy.columnId = 'metric_9'))).toEqual([
      'p6: layer layer_0: column breakdown ranks by metric_9, which is not a column',
    ]);
  });

  it('catches references that do not resolve', () => {
    const noDashboardReference = withMistake(
      3,
      () => {},
      (refs) => refs.filter((ref) => !ref.name.startsWith('p4:')),
    );
    expect(noDashboardReference).toEqual(['p4: layer layer_0: no reference indexpattern-datasource-layer-layer_0 resolves to a data view']);
    expect(withMistake(3, (a) => (a.references = []))).toEqual([
      'p4: layer layer_0: no reference indexpattern-datasource-layer-layer_0 resolves to a data view',
    ]);
    const unknownView = withMistake(
      3,
      () => {},
      (refs) => refs.map((ref) => (ref.name.startsWith('p4:') ? { ...ref, id: 'gone' } : ref)),
    );
    expect(unknownView).toEqual(['p4: Could not find the data view: gone']);
  });

  it('catches broken grids and panelsJSON, and answers like Kibana', () => {
    const savedObject = written();
    const panels = JSON.parse(String(savedObject.attributes.panelsJSON)) as Record<string, any>[];
    (panels[0] as Record<string, any>).gridData.x = 40;
    const attributes = { ...savedObject.attributes, panelsJSON: JSON.stringify(panels) };
    expect(dashboardRenderError(attributes, savedObject.references, fieldsOf)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: '[panel p1] gridData {"x":40,"y":0,"w":48,"h":6} is outside the 48-column grid',
    });
    expect(checkDashboardPanels({ panelsJSON: '{' }, [], fieldsOf)).toEqual([
      { panelIndex: '', message: 'panelsJSON is not a JSON list of panels' },
    ]);
  });
});
