// Flat panels as the chart configs of Kibana 9.4's `/api/dashboards` (`vis` panels), and back.
import { histogramField, sortField } from '../field-checks.js';
import type { DataViewInfo } from '../data-view.js';
import { type FlatBreakdown, type FlatMetric, type FlatPanel, isXyChart, METRIC_OPS, XY_CHARTS } from '../flat.js';
import { type PanelReading, readOrKeep, refuse } from '../inexpressible.js';
import { asArray, asRecord } from '../json.js';
import { DEFAULT_INTERVAL, DEFAULT_PERCENTILE, DEFAULT_TOP_VALUES } from '../operations.js';
import { type ResolvedPanel, requireView } from '../resolved.js';

const EMPTY_KQL = { expression: '', language: 'kql' };
const DONUT_HOLE = 'm';

export function chartConfig(resolved: ResolvedPanel): Record<string, unknown> {
  const { panel } = resolved;
  const view = requireView(resolved);
  const dataSource = { type: 'data_view_reference', ref_id: view.id };
  const common = { title: panel.title, query: { expression: panel.filter ?? '', language: 'kql' } };
  const metrics = (panel.metrics ?? []).map((metric) => metricConfig(metric, view));
  const breakdown = panel.breakdown ? bucketConfig(panel.breakdown, view) : undefined;
  if (isXyChart(panel.chart)) {
    const layer = {
      type: panel.chart,
      data_source: dataSource,
      y: metrics,
      ...(breakdown ? { x: breakdown } : {}),
      ...(panel.split ? { breakdown_by: bucketConfig(panel.split, view) } : {}),
    };
    return { type: 'xy', ...common, layers: [layer] };
  }
  if (panel.chart === 'metric') {
    const [primary, secondary] = metrics;
    const typed = [{ ...primary, type: 'primary' }, ...(secondary ? [{ ...secondary, type: 'secondary' }] : [])];
    return { type: 'metric', ...common, data_source: dataSource, metrics: typed, ...(breakdown ? { breakdown_by: breakdown } : {}) };
  }
  if (panel.chart === 'table')
    return { type: 'data_table', ...common, data_source: dataSource, metrics, ...(breakdown ? { rows: [breakdown] } : {}) };
  return {
    type: 'pie',
    ...common,
    data_source: dataSource,
    metrics,
    group_by: breakdown ? [breakdown] : [],
    ...(panel.chart === 'donut' ? { styling: { donut_hole: DONUT_HOLE } } : {}),
  };
}

function metricConfig(metric: FlatMetric, view: DataViewInfo): Record<string, unknown> {
  return {
    operation: metric.op,
    ...(metric.field ? { field: metric.field } : {}),
    ...(metric.op === 'percentile' ? { percentile: metric.percentile ?? DEFAULT_PERCENTILE } : {}),
    ...(metric.op === 'last_value' ? { time_field: sortField(view) } : {}),
    ...(metric.label !== undefined ? { label: metric.label } : {}),
    filter: EMPTY_KQL,
  };
}

function bucketConfig(breakdown: FlatBreakdown, view: DataViewInfo): Record<string, unknown> {
  if (breakdown.by === 'date_histogram') {
    return {
      operation: 'date_histogram',
      field: histogramField(breakdown, view),
      suggested_interval: breakdown.interval ?? DEFAULT_INTERVAL,
    };
  }
  if (breakdown.by === 'ranges') {
    const ranges = (breakdown.ranges ?? []).map((range) => ({
      ...(range.from !== undefined ? { gt: range.from } : {}),
      ...(range.to !== undefined ? { lte: range.to } : {}),
      ...(range.label !== undefined ? { label: range.label } : {}),
    }));
    return { operation: 'range', field: breakdown.field, ranges };
  }
  return { operation: 'terms', fields: [breakdown.field], limit: breakdown.size ?? DEFAULT_TOP_VALUES };
}

/** What a reader needs to name data views. */
export interface ChartReadContext {
  title: string;
  dataViewTitle: (id: string) => string | undefined;
  timeFieldOf: (id: string) => string | undefined;
}

export function readChart(config: Record<string, unknown>, context: ChartReadContext): PanelReading {
  return readOrKeep(() => readOrRefuse(config, context));
}

const OWN_KEYS = new Set(['type', 'title', 'query', 'data_source', 'metrics', 'breakdown_by', 'rows', 'group_by', 'layers', 'styling']);
const COSMETIC_KEYS = new Set([
  'description',
  'legend',
  'axis',
  'hide_title',
  'hide_border',
  'sampling',
  'ignore_global_filters',
  'time_range',
  'references',
]);

function readOrRefuse(config: Record<string, unknown>, context: ChartReadContext): FlatPanel {
  const extra = Object.keys(config).filter((key) => !OWN_KEYS.has(key) && !COSMETIC_KEYS.has(key));
  if (asArray(config.filters).length > 0 || extra.includes('drilldowns')) refuse('its own filters or drilldowns are outside the flat form');
  const query = asRecord(config.query);
  if (query.expression && query.language === 'lucene') refuse('its Lucene query is not KQL');
  const filter = typeof query.expression === 'string' && query.expression !== '' ? { filter: query.expression } : {};
  const shape = readShape(config);
  const viewId = String(asRecord(shape.dataSource).ref_id ?? '');
  if (asRecord(shape.dataSource).type !== 'data_view_reference' || viewId === '')
    refuse('charts over an inline data view or ES|QL are outside the flat form');
  const reader = new ConfigReader(context.timeFieldOf(viewId));
  const metrics = shape.metrics.map((metric) => reader.metric(metric));
  const breakdown = shape.breakdown === undefined ? {} : { breakdown: reader.bucket(shape.breakdown) };
  const split = shape.split === undefined ? {} : { split: reader.bucket(shape.split) };
  return {
    chart: shape.chart,
    title: context.title,
    data_view: context.dataViewTitle(viewId) ?? viewId,
    metrics,
    ...breakdown,
    ...split,
    ...filter,
  };
}

interface ConfigShape {
  chart: FlatPanel['chart'];
  dataSource: unknown;
  metrics: unknown[];
  breakdown?: unknown;
  split?: unknown;
}

function readShape(config: Record<string, unknown>): ConfigShape {
  const single = (list: unknown, what: string): unknown => {
    const items = asArray(list);
    if (items.length > 1) refuse(`several ${what} are outside the flat form`);
    return items[0];
  };
  switch (config.type) {
    case 'xy': {
      const layer = asRecord(single(config.layers, 'layers'));
      const chart =
        XY_CHARTS.find((candidate) => candidate === layer.type) ?? refuse(`${String(layer.type)} layers are outside the flat form`);
      return { chart, dataSource: layer.data_source, metrics: asArray(layer.y), breakdown: layer.x, split: layer.breakdown_by };
    }
    case 'metric':
      return { chart: 'metric', dataSource: config.data_source, metrics: asArray(config.metrics), breakdown: config.breakdown_by };
    case 'data_table':
      if (config.split_metrics_by) refuse('split metric columns are outside the flat form');
      return {
        chart: 'table',
        dataSource: config.data_source,
        metrics: asArray(config.metrics),
        breakdown: single(config.rows, 'row groups'),
      };
    case 'pie': {
      const hole = asRecord(config.styling).donut_hole;
      const chart = hole === undefined || hole === 'none' ? 'pie' : 'donut';
      return {
        chart,
        dataSource: config.data_source,
        metrics: asArray(config.metrics),
        breakdown: single(config.group_by, 'slice groupings'),
      };
    }
    default:
      return refuse(`${String(config.type)} charts are outside the flat form`);
  }
}

class ConfigReader {
  constructor(private readonly timeField: string | undefined) {}

  metric(raw: unknown): FlatMetric {
    const metric = asRecord(raw);
    const op =
      METRIC_OPS.find((candidate) => candidate === metric.operation) ??
      refuse(`the ${String(metric.operation)} operation is outside the flat form`);
    if (asRecord(metric.filter).expression || metric.time_shift || metric.reduced_time_range || metric.time_scale) {
      refuse('metrics with their own filter, time shift or scaling are outside the flat form');
    }
    return {
      op,
      ...(typeof metric.field === 'string' ? { field: metric.field } : {}),
      ...(op === 'percentile' && metric.percentile !== undefined && metric.percentile !== DEFAULT_PERCENTILE
        ? { percentile: Number(metric.percentile) }
        : {}),
      ...(typeof metric.label === 'string' ? { label: metric.label } : {}),
    };
  }

  bucket(raw: unknown): FlatBreakdown {
    const bucket = asRecord(raw);
    switch (bucket.operation) {
      case 'terms': {
        const fields = asArray(bucket.fields);
        if (fields.length !== 1 || bucket.rank_by !== undefined)
          refuse('top values of several fields or with their own ranking are outside the flat form');
        const size = bucket.limit === undefined ? DEFAULT_TOP_VALUES : Number(bucket.limit);
        return { by: 'top_values', field: String(fields[0]), ...(size !== DEFAULT_TOP_VALUES ? { size } : {}) };
      }
      case 'date_histogram': {
        const interval = bucket.suggested_interval;
        return {
          by: 'date_histogram',
          ...(bucket.field !== this.timeField ? { field: String(bucket.field) } : {}),
          ...(typeof interval === 'string' && interval !== DEFAULT_INTERVAL ? { interval } : {}),
        };
      }
      case 'range': {
        const ranges = asArray(bucket.ranges).map((item) => {
          const range = asRecord(item);
          return {
            ...(typeof range.gt === 'number' ? { from: range.gt } : {}),
            ...(typeof range.lte === 'number' ? { to: range.lte } : {}),
            ...(typeof range.label === 'string' ? { label: range.label } : {}),
          };
        });
        return { by: 'ranges', field: String(bucket.field), ranges };
      }
      default:
        return refuse(`grouping by ${String(bucket.operation)} is outside the flat form`);
    }
  }
}
