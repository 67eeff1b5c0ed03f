// What Kibana 9.4 would trip over when it renders a dashboard sent to `/api/dashboards`
// (docs/dashboards/api-9.4.md): panels fit the grid and have distinct ids, markdown has its
// content, charts by value name a known chart and layer type, their data views exist, and every
// operation is known and reads fields of its data view. Shapes are the request schema's job;
// these are the facts a schema cannot hold. Written apart from src/dashboards on purpose.
import { list, object } from './json.js';
import type { DataViewFields, PanelError } from './lens-panels.js';

const GRID_COLUMNS = 48;
/** The width the API gives a panel that does not say. */
const DEFAULT_WIDTH = 24;

const CHART_TYPES = new Set([
  'metric',
  'legacy_metric',
  'xy',
  'gauge',
  'heatmap',
  'tag_cloud',
  'region_map',
  'data_table',
  'pie',
  'mosaic',
  'treemap',
  'waffle',
]);
const XY_LAYER_TYPES = new Set([
  'area',
  'area_percentage',
  'area_stacked',
  'bar',
  'bar_horizontal',
  'bar_horizontal_stacked',
  'bar_horizontal_percentage',
  'bar_percentage',
  'bar_stacked',
  'line',
  'reference_lines',
  'annotations',
  'annotation_group',
]);
const OPERATIONS = new Set([
  'average',
  'count',
  'counter_rate',
  'cumulative_sum',
  'date_histogram',
  'differences',
  'filters',
  'formula',
  'histogram',
  'last_value',
  'max',
  'median',
  'min',
  'moving_average',
  'percentile',
  'percentile_rank',
  'range',
  'standard_deviation',
  'static_value',
  'sum',
  'terms',
  'unique_count',
]);
const DATA_VIEW_REFERENCE = 'data_view_reference';
/** Parts of a chart config that hold no operation. */
const NOT_OPERATIONS = new Set(['data_source', 'query', 'filters', 'drilldowns', 'styling', 'legend', 'axis', 'references']);

/** Every problem of a dashboard body's panels; none when Kibana would render them. */
export function checkApiDashboardPanels(body: Record<string, unknown>, fieldsOf: DataViewFields): PanelError[] {
  const errors: PanelError[] = [];
  const seen = new Set<string>();
  const visit = (entries: unknown, at: string): void => {
    list(entries).forEach((raw, i) => {
      const entry = object(raw);
      const where = typeof entry.id === 'string' ? entry.id : `${at}${i}`;
      const report = (message: string) => errors.push({ panelIndex: where, message });
      if (typeof entry.id === 'string') {
        if (seen.has(entry.id)) report(`panel id ${entry.id} is used twice`);
        seen.add(entry.id);
      }
      if (entry.type === undefined && entry.panels !== undefined) return visit(entry.panels, `${where}.`);
      checkGrid(object(entry.grid), report);
      const config = object(entry.config);
      if (config.ref_id !== undefined) return;
      if (entry.type === 'markdown' && typeof config.content !== 'string') report('a markdown panel needs its content');
      if (entry.type === 'vis') checkChart(config, fieldsOf, report);
    });
  };
  visit(body.panels, '');
  return errors;
}

/** The problems as Kibana's dashboards API words a refused body, or undefined. */
export function apiDashboardRenderError(body: Record<string, unknown>, fieldsOf: DataViewFields) {
  const errors = checkApiDashboardPanels(body, fieldsOf);
  if (errors.length === 0) return undefined;
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((error) => `[panel ${error.panelIndex}] ${error.message}`).join('; '),
  };
}

function checkGrid(grid: Record<string, unknown>, report: (message: string) => void): void {
  const { x, y } = grid;
  const w = grid.w ?? DEFAULT_WIDTH;
  if (typeof x !== 'number' || typeof y !== 'number' || typeof w !== 'number') return;
  if (x < 0 || y < 0 || x + w > GRID_COLUMNS) report(`grid ${JSON.stringify(grid)} is outside the 48-column grid`);
}

function checkChart(config: Record<string, unknown>, fieldsOf: DataViewFields, report: (message: string) => void): void {
  const type = config.type;
  if (typeof type !== 'string' || !CHART_TYPES.has(type)) {
    report(`Visualization type ${String(type)} not found`);
    return;
  }
  if (type !== 'xy') {
    checkSeries(config, config.data_source, fieldsOf, report);
    return;
  }
  list(config.layers).forEach((raw, i) => {
    const layer = object(raw);
    if (typeof layer.type !== 'string' || !XY_LAYER_TYPES.has(layer.type))
      report(`layer ${i + 1}: unknown layer type ${String(layer.type)}`);
    else checkSeries(layer, layer.data_source, fieldsOf, (message) => report(`layer ${i + 1}: ${message}`));
  });
}

/** A chart's (or an xy layer's) operations against the data view its data source names. */
function checkSeries(
  part: Record<string, unknown>,
  dataSource: unknown,
  fieldsOf: DataViewFields,
  report: (message: string) => void,
): void {
  const source = object(dataSource);
  // Inline data views and ES|QL carry their own fields; only saved data views can be checked.
  if (source.type !== DATA_VIEW_REFERENCE) return;
  const id = String(source.ref_id);
  const fields = fieldsOf(id);
  if (!fields) {
    report(`Could not find the data view: ${id}`);
    return;
  }
  for (const operation of operationsIn(part)) {
    const name = String(operation.operation);
    if (!OPERATIONS.has(name)) {
      report(`unknown operation ${name}`);
      continue;
    }
    const named = [operation.field, ...list(operation.fields), operation.time_field].filter((field) => field !== undefined);
    for (const field of named) if (typeof field !== 'string' || !fields.has(field)) report(`Field ${String(field)} was not found`);
  }
}

function operationsIn(part: Record<string, unknown>): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.operation === 'string') found.push(record);
    for (const [key, value] of Object.entries(record)) if (!NOT_OPERATIONS.has(key)) visit(value);
  };
  for (const [key, value] of Object.entries(part)) if (!NOT_OPERATIONS.has(key)) visit(value);
  return found;
}
