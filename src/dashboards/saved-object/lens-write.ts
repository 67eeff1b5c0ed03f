// A flat chart panel as Lens attributes by value, with the data view reference of its layer.
import { type FlatPanel, isXyChart, type XyChart } from '../flat.js';
import { type ResolvedPanel, requireView } from '../resolved.js';
import { bucketColumn, type LensColumn, metricColumn } from './lens-columns.js';

export const LAYER_ID = 'layer_0';
export const DATA_VIEW_REFERENCE_TYPE = 'index-pattern';

/** The name Lens gives the reference of a `formBased` layer's data view. */
export const layerReferenceName = (layerId: string): string => `indexpattern-datasource-layer-${layerId}`;

export const VISUALIZATION_TYPES = { xy: 'lnsXY', metric: 'lnsMetric', table: 'lnsDatatable', pie: 'lnsPie' } as const;

interface Columns {
  metrics: string[];
  breakdown?: string;
  split?: string;
  byId: Record<string, LensColumn>;
  order: string[];
}

export function lensAttributes(resolved: ResolvedPanel): Record<string, unknown> {
  const { panel } = resolved;
  const view = requireView(resolved);
  const columns = layerColumns(resolved);
  return {
    title: panel.title,
    description: '',
    visualizationType: visualizationType(panel),
    state: {
      datasourceStates: {
        formBased: { layers: { [LAYER_ID]: { columns: columns.byId, columnOrder: columns.order, incompleteColumns: {}, sampling: 1 } } },
      },
      visualization: visualization(panel, columns),
      query: { query: panel.filter ?? '', language: 'kuery' },
      filters: [],
      internalReferences: [],
      adHocDataViews: {},
    },
    references: [{ type: DATA_VIEW_REFERENCE_TYPE, id: view.id, name: layerReferenceName(LAYER_ID) }],
  };
}

function layerColumns(resolved: ResolvedPanel): Columns {
  const { panel } = resolved;
  const view = requireView(resolved);
  const metrics = (panel.metrics ?? []).map((_, i) => `metric_${i}`);
  const byId: Record<string, LensColumn> = {};
  (panel.metrics ?? []).forEach((metric, i) => {
    byId[metrics[i] ?? ''] = metricColumn(metric, view);
  });
  const firstMetric = metrics[0] ?? '';
  const buckets: string[] = [];
  // Lens nests buckets in column order: the series split goes outside the x axis.
  if (panel.split) {
    byId.split = bucketColumn(panel.split, view, firstMetric);
    buckets.push('split');
  }
  if (panel.breakdown) {
    byId.breakdown = bucketColumn(panel.breakdown, view, firstMetric);
    buckets.push('breakdown');
  }
  return {
    metrics,
    breakdown: panel.breakdown ? 'breakdown' : undefined,
    split: panel.split ? 'split' : undefined,
    byId,
    order: [...buckets, ...metrics],
  };
}

function visualizationType(panel: FlatPanel): string {
  if (isXyChart(panel.chart)) return VISUALIZATION_TYPES.xy;
  if (panel.chart === 'metric') return VISUALIZATION_TYPES.metric;
  if (panel.chart === 'table') return VISUALIZATION_TYPES.table;
  return VISUALIZATION_TYPES.pie;
}

function visualization(panel: FlatPanel, columns: Columns): Record<string, unknown> {
  const layer = { layerId: LAYER_ID, layerType: 'data' };
  const { chart } = panel;
  if (isXyChart(chart)) return xyVisualization(chart, layer, columns);
  if (chart === 'metric') {
    const [primary, secondary] = columns.metrics;
    return {
      ...layer,
      metricAccessor: primary,
      ...(secondary ? { secondaryMetricAccessor: secondary } : {}),
      ...(columns.breakdown ? { breakdownByAccessor: columns.breakdown } : {}),
    };
  }
  if (chart === 'table') {
    const ids = [...(columns.breakdown ? [columns.breakdown] : []), ...columns.metrics];
    return { ...layer, columns: ids.map((columnId) => ({ columnId })) };
  }
  return {
    shape: chart,
    layers: [
      {
        ...layer,
        primaryGroups: columns.breakdown ? [columns.breakdown] : [],
        metrics: columns.metrics,
        numberDisplay: 'percent',
        categoryDisplay: 'default',
        legendDisplay: 'default',
        nestedLegend: false,
      },
    ],
  };
}

function xyVisualization(chart: XyChart, layer: Record<string, string>, columns: Columns): Record<string, unknown> {
  return {
    legend: { isVisible: true, position: 'right' },
    valueLabels: 'hide',
    fittingFunction: 'None',
    preferredSeriesType: chart,
    layers: [
      {
        ...layer,
        seriesType: chart,
        ...(columns.breakdown ? { xAccessor: columns.breakdown } : {}),
        accessors: columns.metrics,
        ...(columns.split ? { splitAccessor: columns.split } : {}),
      },
    ],
  };
}
