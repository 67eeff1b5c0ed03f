// Lens attributes by value back to a flat panel, when the flat form can say all that matters;
// otherwise the reason it cannot, and the panel is kept as it is.
import { type FlatBreakdown, type FlatMetric, type FlatPanel, METRIC_OPS, type MetricOp, XY_CHARTS } from '../flat.js';
import { type PanelReading, readOrKeep, refuse } from '../inexpressible.js';
import { asRecord as record } from '../json.js';
import { DEFAULT_INTERVAL, DEFAULT_PERCENTILE, DEFAULT_TOP_VALUES } from '../operations.js';
import { RECORDS_FIELD } from './lens-columns.js';

/** Where a layer's data view is found, and how to name it. */
export interface LensReadContext {
  title: string;
  dataViewOf: (layerId: string) => string | undefined;
  dataViewTitle: (id: string) => string | undefined;
  timeFieldOf: (id: string) => string | undefined;
}

type Column = Record<string, unknown>;
type Layer = { columns: Record<string, Column>; columnOrder?: string[] };

export function readLens(attributes: unknown, context: LensReadContext): PanelReading {
  return readOrKeep(() => readOrRefuse(record(attributes), context));
}

function readOrRefuse(attributes: Record<string, unknown>, context: LensReadContext): FlatPanel {
  const state = record(attributes.state);
  const { layerId, layer } = onlyLayer(record(state.datasourceStates));
  if (Array.isArray(state.filters) && state.filters.length > 0) refuse('its own filters are outside the flat form');
  const query = record(state.query);
  if (query.query && query.language !== 'kuery') refuse(`its ${String(query.language)} query is not KQL`);
  const dataViewId = context.dataViewOf(layerId) ?? refuse('its data view reference is missing');
  const columns = new ColumnReader(layer, context.timeFieldOf(dataViewId));
  const shape = readVisualization(String(attributes.visualizationType), record(state.visualization), columns);
  columns.requireAllUsed();
  return {
    chart: shape.chart,
    title: context.title,
    data_view: context.dataViewTitle(dataViewId) ?? dataViewId,
    metrics: shape.metrics,
    ...(shape.breakdown ? { breakdown: shape.breakdown } : {}),
    ...(shape.split ? { split: shape.split } : {}),
    ...(typeof query.query === 'string' && query.query !== '' ? { filter: query.query } : {}),
  };
}

function onlyLayer(datasourceStates: Record<string, unknown>): { layerId: string; layer: Layer } {
  const textLayers = Object.keys(record(record(datasourceStates.textBased).layers));
  if (textLayers.length > 0) refuse('ES|QL charts are outside the flat form');
  const formBased = record(datasourceStates.formBased ?? datasourceStates.indexpattern);
  const layers = Object.entries(record(formBased.layers));
  if (layers.length !== 1) refuse(`it has ${layers.length} data layers; the flat form has one`);
  const [layerId, layer] = layers[0] as [string, unknown];
  return { layerId, layer: { columns: record(record(layer).columns) as Record<string, Column> } };
}

interface Shape {
  chart: FlatPanel['chart'];
  metrics: FlatMetric[];
  breakdown?: FlatBreakdown;
  split?: FlatBreakdown;
}

function readVisualization(type: string, visualization: Record<string, unknown>, columns: ColumnReader): Shape {
  switch (type) {
    case 'lnsXY':
      return readXy(visualization, columns);
    case 'lnsMetric': {
      if (visualization.maxAccessor) refuse('a metric with a maximum bar is outside the flat form');
      const ids = [visualization.metricAccessor, visualization.secondaryMetricAccessor].filter((id) => id !== undefined);
      return {
        chart: 'metric',
        metrics: ids.map((id) => columns.metric(id)),
        ...optionalBucket('breakdown', visualization.breakdownByAccessor, columns),
      };
    }
    case 'lnsDatatable': {
      const ids = (Array.isArray(visualization.columns) ? visualization.columns : []).map((column) => record(column).columnId);
      const buckets = ids.filter((id) => columns.isBucket(id));
      if (buckets.length > 1) refuse('a table with several row groups is outside the flat form');
      return {
        chart: 'table',
        metrics: ids.filter((id) => !columns.isBucket(id)).map((id) => columns.metric(id)),
        ...optionalBucket('breakdown', buckets[0], columns),
      };
    }
    case 'lnsPie':
      return readPie(visualization, columns);
    default:
      return refuse(`Lens ${type} charts are outside the flat form`);
  }
}

function readXy(visualization: Record<string, unknown>, columns: ColumnReader): Shape {
  const layers = (Array.isArray(visualization.layers) ? visualization.layers : []).map(record);
  if (layers.length !== 1 || (layers[0]?.layerType ?? 'data') !== 'data')
    refuse('reference lines and annotations are outside the flat form');
  const layer = layers[0] as Record<string, unknown>;
  const chart =
    XY_CHARTS.find((candidate) => candidate === layer.seriesType) ?? refuse(`${String(layer.seriesType)} series are outside the flat form`);
  const accessors = Array.isArray(layer.accessors) ? layer.accessors : [];
  const split = optionalBucket('split', layer.splitAccessor, columns);
  if (split.split && split.split.by !== 'top_values') refuse('series split other than by top values is outside the flat form');
  return { chart, metrics: accessors.map((id) => columns.metric(id)), ...optionalBucket('breakdown', layer.xAccessor, columns), ...split };
}

function readPie(visualization: Record<string, unknown>, columns: ColumnReader): Shape {
  const shape = visualization.shape;
  if (shape !== 'pie' && shape !== 'donut') refuse(`${String(shape)} charts are outside the flat form`);
  const layers = (Array.isArray(visualization.layers) ? visualization.layers : []).map(record);
  const layer = layers.length === 1 ? (layers[0] as Record<string, unknown>) : refuse('a pie of several layers is outside the flat form');
  const groups = Array.isArray(layer.primaryGroups) ? layer.primaryGroups : [];
  if (groups.length !== 1 || (Array.isArray(layer.secondaryGroups) && layer.secondaryGroups.length > 0)) {
    refuse('a pie with other than one slice grouping is outside the flat form');
  }
  const metricIds = Array.isArray(layer.metrics) ? layer.metrics : layer.metric !== undefined ? [layer.metric] : [];
  return {
    chart: shape as 'pie' | 'donut',
    metrics: metricIds.map((id) => columns.metric(id)),
    ...optionalBucket('breakdown', groups[0], columns),
  };
}

function optionalBucket(key: 'breakdown' | 'split', id: unknown, columns: ColumnReader): Partial<Shape> {
  return id === undefined ? {} : { [key]: columns.bucket(id) };
}

/** Reads the columns of the one layer, remembering which the visualization used. */
class ColumnReader {
  private readonly used = new Set<string>();

  constructor(
    private readonly layer: Layer,
    private readonly timeField: string | undefined,
  ) {}

  isBucket(id: unknown): boolean {
    return record(this.layer.columns[String(id)]).isBucketed === true;
  }

  metric(id: unknown): FlatMetric {
    const column = this.take(id);
    const op =
      METRIC_OPS.find((candidate) => candidate === column.operationType) ??
      refuse(`the ${String(column.operationType)} operation is outside the flat form`);
    if (column.timeShift || column.reducedTimeRange || column.timeScale) refuse('time shifts and scaling are outside the flat form');
    const field = String(column.sourceField);
    if (column.filter && !(op === 'last_value' && isExistsFilter(column.filter, field)))
      refuse('metrics with their own filter are outside the flat form');
    const params = record(column.params);
    const percentile = op === 'percentile' && params.percentile !== DEFAULT_PERCENTILE ? { percentile: Number(params.percentile) } : {};
    return {
      op: op as MetricOp,
      ...(field !== RECORDS_FIELD ? { field } : {}),
      ...percentile,
      ...(column.customLabel === true && typeof column.label === 'string' ? { label: column.label } : {}),
    };
  }

  bucket(id: unknown): FlatBreakdown {
    const column = this.take(id);
    const field = String(column.sourceField);
    const params = record(column.params);
    switch (column.operationType) {
      case 'terms': {
        const orderBy = record(params.orderBy);
        if (Array.isArray(params.secondaryFields) && params.secondaryFields.length > 0)
          refuse('top values of several fields are outside the flat form');
        if (orderBy.type !== 'column' || params.orderDirection !== 'desc')
          refuse('top values not ranked by a metric are outside the flat form');
        const size = Number(params.size);
        return { by: 'top_values', field, ...(size !== DEFAULT_TOP_VALUES ? { size } : {}) };
      }
      case 'date_histogram':
        return {
          by: 'date_histogram',
          ...(field !== this.timeField ? { field } : {}),
          ...(params.interval !== DEFAULT_INTERVAL && typeof params.interval === 'string' ? { interval: params.interval } : {}),
        };
      case 'range': {
        if (params.type !== 'range') refuse('histogram intervals are outside the flat form');
        const ranges = (Array.isArray(params.ranges) ? params.ranges : []).map((item) => {
          const range = record(item);
          return {
            ...(typeof range.from === 'number' ? { from: range.from } : {}),
            ...(typeof range.to === 'number' ? { to: range.to } : {}),
            ...(typeof range.label === 'string' && range.label !== '' ? { label: range.label } : {}),
          };
        });
        return { by: 'ranges', field, ranges };
      }
      default:
        return refuse(`grouping by ${String(column.operationType)} is outside the flat form`);
    }
  }

  requireAllUsed(): void {
    const unused = Object.keys(this.layer.columns).filter((id) => !this.used.has(id));
    if (unused.length > 0) refuse('it has columns the chart does not show (a formula or a helper column)');
  }

  private take(id: unknown): Column {
    const column = this.layer.columns[String(id)] ?? refuse(`its visualization names a column ${String(id)} that does not exist`);
    this.used.add(String(id));
    return column;
  }
}

function isExistsFilter(filter: unknown, field: string): boolean {
  const query = record(filter).query;
  return typeof query === 'string' && query.replace(/"/g, '').replace(/\s+/g, '') === `${field}:*`;
}
