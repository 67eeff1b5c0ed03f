// Flat metrics and breakdowns as the columns of a Lens `formBased` layer (Kibana 8.6 on).
import { histogramField, sortField } from '../field-checks.js';
import type { DataViewInfo } from '../data-view.js';
import type { FlatBreakdown, FlatMetric } from '../flat.js';
import { DEFAULT_INTERVAL, DEFAULT_PERCENTILE, DEFAULT_TOP_VALUES, defaultBreakdownLabel, defaultMetricLabel } from '../operations.js';

export type LensColumn = Record<string, unknown>;

/** The pseudo-field Lens counts documents with. */
export const RECORDS_FIELD = '___records___';

const ORDINAL_TYPES = new Set(['string', 'ip', 'ip_range', 'date_range', 'number_range']);

export function metricColumn(metric: FlatMetric, view: DataViewInfo): LensColumn {
  const field = metric.field ?? RECORDS_FIELD;
  const fieldType = view.fields.get(field)?.type;
  const base = {
    label: metric.label ?? defaultMetricLabel(metric),
    ...(metric.label !== undefined ? { customLabel: true } : {}),
    operationType: metric.op,
    sourceField: field,
    isBucketed: false,
  };
  switch (metric.op) {
    case 'percentile':
      return { ...base, dataType: 'number', scale: 'ratio', params: { percentile: metric.percentile ?? DEFAULT_PERCENTILE } };
    case 'last_value':
      return {
        ...base,
        dataType: fieldType,
        scale: ORDINAL_TYPES.has(fieldType ?? '') ? 'ordinal' : 'ratio',
        filter: { query: `${field}: *`, language: 'kuery' },
        params: { sortField: sortField(view), showArrayValues: false },
      };
    case 'min':
    case 'max':
      return { ...base, dataType: fieldType === 'date' ? 'date' : 'number', scale: 'ratio', params: { emptyAsNull: true } };
    default:
      return { ...base, dataType: 'number', scale: 'ratio', params: { emptyAsNull: true } };
  }
}

/** A bucket column; `orderColumn` is the metric top values rank by. */
export function bucketColumn(breakdown: FlatBreakdown, view: DataViewInfo, orderColumn: string): LensColumn {
  const field = (breakdown.by === 'date_histogram' ? histogramField(breakdown, view) : breakdown.field) ?? '';
  const label = defaultBreakdownLabel(breakdown, field);
  const base = { label, sourceField: field, isBucketed: true };
  if (breakdown.by === 'date_histogram') {
    return {
      ...base,
      dataType: 'date',
      operationType: 'date_histogram',
      scale: 'interval',
      params: { interval: breakdown.interval ?? DEFAULT_INTERVAL, includeEmptyRows: true, dropPartials: false },
    };
  }
  if (breakdown.by === 'ranges') {
    const ranges = (breakdown.ranges ?? []).map((range) => ({ from: range.from ?? null, to: range.to ?? null, label: range.label ?? '' }));
    return {
      ...base,
      dataType: 'number',
      operationType: 'range',
      scale: 'ordinal',
      params: {
        type: 'range',
        ranges,
        maxBars: 'auto',
        parentFormat: { id: 'range', params: { template: 'arrow_right', replaceInfinity: true } },
      },
    };
  }
  return {
    ...base,
    dataType: view.fields.get(field)?.type ?? 'string',
    operationType: 'terms',
    scale: 'ordinal',
    params: {
      size: breakdown.size ?? DEFAULT_TOP_VALUES,
      orderBy: { type: 'column', columnId: orderColumn },
      orderDirection: 'desc',
      otherBucket: true,
      missingBucket: false,
      parentFormat: { id: 'terms' },
      include: [],
      exclude: [],
      includeIsRegex: false,
      excludeIsRegex: false,
    },
  };
}
