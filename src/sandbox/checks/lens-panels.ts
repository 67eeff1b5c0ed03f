// What Kibana 8.x would trip over when it renders a dashboard saved object, checked the way its
// dashboard and Lens code read one (docs/dashboards/lens-8x.md): panels parse and fit the grid,
// Lens panels by value name known visualizations and operations, their columns' fields exist in
// the data view their layer references, every accessor names a column, every reference resolves.
// Written apart from src/dashboards on purpose: it must catch that writer's mistakes.

import { object } from './json.js';

export interface CheckedReference {
  name: string;
  type: string;
  id: string;
}

/** The data views of the space: their field names, by id. */
export type DataViewFields = (id: string) => ReadonlySet<string> | undefined;

export interface PanelError {
  panelIndex: string;
  message: string;
}

const GRID_COLUMNS = 48;
const RECORDS = '___records___';

const VISUALIZATIONS = new Set([
  'lnsXY',
  'lnsMetric',
  'lnsLegacyMetric',
  'lnsDatatable',
  'lnsPie',
  'lnsGauge',
  'lnsHeatmap',
  'lnsTagcloud',
  'lnsChoropleth',
]);

/** Operations Lens's form-based datasource knows; those listed as field-less take no sourceField. */
const FIELD_OPERATIONS = new Set([
  'count',
  'sum',
  'average',
  'min',
  'max',
  'median',
  'standard_deviation',
  'unique_count',
  'percentile',
  'percentile_rank',
  'last_value',
  'terms',
  'date_histogram',
  'range',
]);
const FIELDLESS_OPERATIONS = new Set([
  'filters',
  'formula',
  'math',
  'static_value',
  'cumulative_sum',
  'differences',
  'moving_average',
  'counter_rate',
  'overall_sum',
  'overall_min',
  'overall_max',
  'overall_average',
  'time_scale',
  'normalize_by_unit',
  'interval',
  'now',
  'time_range',
]);

const LEGACY_VISUALIZATIONS = new Set([
  'markdown',
  'metric',
  'table',
  'pie',
  'line',
  'area',
  'histogram',
  'horizontal_bar',
  'tagcloud',
  'gauge',
  'goal',
  'heatmap',
  'timelion',
  'vega',
  'input_control_vis',
  'metrics',
]);

/** Every problem of a dashboard's panels; none when Kibana would render them. */
export function checkDashboardPanels(
  attributes: Record<string, unknown>,
  references: readonly CheckedReference[],
  fieldsOf: DataViewFields,
): PanelError[] {
  const text = attributes.panelsJSON;
  if (text === undefined) return [];
  let panels: unknown;
  try {
    panels = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    panels = undefined;
  }
  if (!Array.isArray(panels)) return [{ panelIndex: '', message: 'panelsJSON is not a JSON list of panels' }];
  const errors: PanelError[] = [];
  const seen = new Set<string>();
  for (const raw of panels) {
    const panel = object(raw);
    const panelIndex = typeof panel.panelIndex === 'string' ? panel.panelIndex : '';
    const report = (message: string) => errors.push({ panelIndex, message });
    if (!panelIndex) report('a panel has no panelIndex');
    if (seen.has(panelIndex)) report(`panelIndex ${panelIndex} is used twice`);
    seen.add(panelIndex);
    checkGrid(object(panel.gridData), panelIndex, report);
    const own = references.filter((reference) => reference.name.startsWith(`${panelIndex}:`));
    const resolve = (name: string) => own.find((reference) => reference.name === `${panelIndex}:${name}`);
    if (typeof panel.panelRefName === 'string' && !resolve(panel.panelRefName)) {
      report(`Could not find reference "${panel.panelRefName}"`);
      continue;
    }
    const config = object(panel.embeddableConfig);
    if (panel.type === 'lens' && config.attributes !== undefined) checkLens(object(config.attributes), resolve, fieldsOf, report);
    if (panel.type === 'visualization' && config.savedVis !== undefined) checkSavedVis(object(config.savedVis), report);
    if (typeof panel.type !== 'string') report('a panel has no type');
  }
  return errors;
}

/** The first problem as Kibana's saved-objects API words a refused body, or undefined. */
export function dashboardRenderError(
  attributes: Record<string, unknown>,
  references: readonly CheckedReference[],
  fieldsOf: DataViewFields,
) {
  const errors = checkDashboardPanels(attributes, references, fieldsOf);
  if (errors.length === 0) return undefined;
  const message = errors.map((error) => (error.panelIndex ? `[panel ${error.panelIndex}] ${error.message}` : error.message)).join('; ');
  return { statusCode: 400, error: 'Bad Request', message };
}

function checkGrid(grid: Record<string, unknown>, panelIndex: string, report: (message: string) => void): void {
  const { x, y, w, h, i } = grid;
  if (![x, y, w, h].every((value) => typeof value === 'number' && Number.isFinite(value))) {
    report('gridData needs numbers x, y, w and h');
    return;
  }
  const [left, top, width, height] = [x, y, w, h] as [number, number, number, number];
  if (left < 0 || top < 0 || width < 1 || height < 1 || left + width > GRID_COLUMNS)
    report(`gridData ${JSON.stringify({ x, y, w, h })} is outside the 48-column grid`);
  if (i !== undefined && i !== panelIndex) report(`gridData.i ${String(i)} differs from panelIndex ${panelIndex}`);
}

function checkSavedVis(savedVis: Record<string, unknown>, report: (message: string) => void): void {
  const type = savedVis.type;
  if (typeof type !== 'string' || !LEGACY_VISUALIZATIONS.has(type)) report(`Invalid visualization type "${String(type)}"`);
  if (type === 'markdown' && typeof object(savedVis.params).markdown !== 'string') report('a markdown visualization needs params.markdown');
}

function checkLens(
  attributes: Record<string, unknown>,
  resolve: (name: string) => CheckedReference | undefined,
  fieldsOf: DataViewFields,
  report: (message: string) => void,
): void {
  const type = attributes.visualizationType;
  if (typeof type !== 'string' || !VISUALIZATIONS.has(type)) report(`Visualization type ${String(type)} not found`);
  const state = object(attributes.state);
  const datasources = object(state.datasourceStates);
  const layers = object(object(datasources.formBased ?? datasources.indexpattern).layers);
  const ownReferences = Array.isArray(attributes.references) ? attributes.references.map(object) : [];
  const columnsByLayer = new Map<string, Set<string>>();
  for (const [layerId, rawLayer] of Object.entries(layers)) {
    const layer = object(rawLayer);
    const columns = object(layer.columns);
    columnsByLayer.set(layerId, new Set(Object.keys(columns)));
    const referenceName = `indexpattern-datasource-layer-${layerId}`;
    // Kibana injects a by-value panel's references by name from the dashboard's own, prefixed list.
    const declared = ownReferences.some((reference) => reference.name === referenceName);
    const dashboardReference = resolve(referenceName);
    if (!declared || !dashboardReference) {
      report(`layer ${layerId}: no reference ${referenceName} resolves to a data view`);
      continue;
    }
    const fields = fieldsOf(dashboardReference.id);
    if (!fields) {
      report(`Could not find the data view: ${dashboardReference.id}`);
      continue;
    }
    checkColumns(layerId, columns, layer.columnOrder, fields, report);
  }
  checkAccessors(String(type), object(state.visualization), columnsByLayer, report);
}

function checkColumns(
  layerId: string,
  columns: Record<string, unknown>,
  columnOrder: unknown,
  fields: ReadonlySet<string>,
  report: (message: string) => void,
): void {
  const order = Array.isArray(columnOrder) ? columnOrder.map(String) : [];
  for (const id of order) if (!(id in columns)) report(`layer ${layerId}: columnOrder names ${id}, which is not a column`);
  for (const [id, rawColumn] of Object.entries(columns)) {
    const column = object(rawColumn);
    const operation = String(column.operationType);
    if (!order.includes(id)) report(`layer ${layerId}: column ${id} is missing from columnOrder`);
    if (!FIELD_OPERATIONS.has(operation) && !FIELDLESS_OPERATIONS.has(operation)) {
      report(`layer ${layerId}: column ${id} has the unknown operation ${operation}`);
      continue;
    }
    if (FIELD_OPERATIONS.has(operation)) {
      const field = column.sourceField;
      const isRecords = operation === 'count' && field === RECORDS;
      if (typeof field !== 'string' || (!isRecords && !fields.has(field)))
        report(`Field ${String(field)} was not found (layer ${layerId}, column ${id})`);
    }
    const orderBy = object(object(column.params).orderBy);
    if (operation === 'terms' && orderBy.type === 'column' && !(String(orderBy.columnId) in columns)) {
      report(`layer ${layerId}: column ${id} ranks by ${String(orderBy.columnId)}, which is not a column`);
    }
    const sortField = object(column.params).sortField;
    if (operation === 'last_value' && (typeof sortField !== 'string' || !fields.has(sortField)))
      report(`Sort field ${String(sortField)} was not found`);
  }
}

/** The column ids a visualization's state points at, by layer. */
function accessorsOf(type: string, visualization: Record<string, unknown>): { layerId: unknown; accessors: unknown[] }[] {
  const strings = (...values: unknown[]) => values.filter((value) => value !== undefined && value !== null);
  const listed = (value: unknown) => (Array.isArray(value) ? value : []);
  switch (type) {
    case 'lnsXY':
      return listed(visualization.layers)
        .map(object)
        .filter((layer) => (layer.layerType ?? 'data') === 'data')
        .map((layer) => ({ layerId: layer.layerId, accessors: strings(layer.xAccessor, layer.splitAccessor, ...listed(layer.accessors)) }));
    case 'lnsMetric':
      return [
        {
          layerId: visualization.layerId,
          accessors: strings(
            visualization.metricAccessor,
            visualization.secondaryMetricAccessor,
            visualization.maxAccessor,
            visualization.breakdownByAccessor,
          ),
        },
      ];
    case 'lnsDatatable':
      return [{ layerId: visualization.layerId, accessors: listed(visualization.columns).map((column) => object(column).columnId) }];
    case 'lnsPie':
      return listed(visualization.layers)
        .map(object)
        .map((layer) => ({
          layerId: layer.layerId,
          accessors: strings(...listed(layer.primaryGroups), ...listed(layer.secondaryGroups), ...listed(layer.metrics), layer.metric),
        }));
    default:
      return [];
  }
}

function checkAccessors(
  type: string,
  visualization: Record<string, unknown>,
  columnsByLayer: ReadonlyMap<string, Set<string>>,
  report: (message: string) => void,
): void {
  for (const { layerId, accessors } of accessorsOf(type, visualization)) {
    const columns = columnsByLayer.get(String(layerId));
    if (!columns) {
      report(`the visualization names layer ${String(layerId)}, which the datasource does not have`);
      continue;
    }
    for (const accessor of accessors)
      if (!columns.has(String(accessor)))
        report(`the visualization names column ${String(accessor)}, which layer ${String(layerId)} does not have`);
  }
}
