// What each metric and breakdown accepts, as Lens decides it (docs/dashboards/lens-8x.md): the
// field types, whether the field must be aggregatable, and the label Kibana gives a column.
import type { BreakdownKind, FlatBreakdown, FlatMetric, MetricOp } from './flat.js';

export interface FieldRule {
  /** Kibana field types the operation takes. */
  types: readonly string[];
  aggregatable: boolean;
  /** How the rule reads in an error: "a number field". */
  wants: string;
}

const NUMBER: FieldRule = { types: ['number', 'histogram'], aggregatable: true, wants: 'a number field' };
const NUMBER_OR_DATE: FieldRule = { types: ['number', 'histogram', 'date'], aggregatable: true, wants: 'a number or date field' };
const DISTINCT: FieldRule = {
  types: ['string', 'boolean', 'number', 'number_range', 'ip', 'ip_range', 'date', 'date_range', 'murmur3'],
  aggregatable: true,
  wants: 'an aggregatable string, number, date, boolean or ip field',
};
const LATEST: FieldRule = {
  types: ['string', 'boolean', 'number', 'ip', 'date', 'ip_range', 'number_range', 'date_range'],
  aggregatable: false,
  wants: 'a string, number, date, boolean or ip field',
};

/** Count takes any field (or none: it counts documents). */
const ANY_FIELD: FieldRule = { types: [], aggregatable: false, wants: 'any field' };

export const METRIC_FIELD_RULES: Record<MetricOp, FieldRule> = {
  count: ANY_FIELD,
  sum: NUMBER,
  average: NUMBER,
  median: NUMBER,
  percentile: NUMBER,
  min: NUMBER_OR_DATE,
  max: NUMBER_OR_DATE,
  unique_count: DISTINCT,
  last_value: LATEST,
};

export const BREAKDOWN_FIELD_RULES: Record<BreakdownKind, FieldRule> = {
  top_values: {
    types: ['string', 'boolean', 'number', 'ip'],
    aggregatable: true,
    wants: 'an aggregatable string, number, boolean or ip field',
  },
  date_histogram: { types: ['date'], aggregatable: true, wants: 'a date field' },
  ranges: { types: ['number'], aggregatable: true, wants: 'a number field' },
};

export function fieldFits(rule: FieldRule, field: { type: string; aggregatable: boolean }): boolean {
  if (rule.types.length > 0 && !rule.types.includes(field.type)) return false;
  return !rule.aggregatable || field.aggregatable;
}

export const DEFAULT_TOP_VALUES = 10;
export const DEFAULT_PERCENTILE = 95;
export const DEFAULT_INTERVAL = 'auto';

const OP_LABELS: Record<Exclude<MetricOp, 'count' | 'percentile'>, string> = {
  sum: 'Sum',
  average: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
  unique_count: 'Unique count',
  last_value: 'Last value',
};

/** The label Kibana gives a metric column when no custom label is set. */
export function defaultMetricLabel(metric: FlatMetric): string {
  if (metric.op === 'count') return metric.field ? `Count of ${metric.field}` : 'Count of records';
  if (metric.op === 'percentile') return `${ordinal(metric.percentile ?? DEFAULT_PERCENTILE)} percentile of ${metric.field}`;
  return `${OP_LABELS[metric.op]} of ${metric.field}`;
}

export function defaultBreakdownLabel(breakdown: FlatBreakdown, field: string): string {
  if (breakdown.by === 'top_values') return `Top ${breakdown.size ?? DEFAULT_TOP_VALUES} values of ${field}`;
  return field;
}

function ordinal(value: number): string {
  if (!Number.isInteger(value)) return `${value}th`;
  const tens = value % 100;
  if (tens >= 11 && tens <= 13) return `${value}th`;
  return `${value}${['th', 'st', 'nd', 'rd'][value % 10] ?? 'th'}`;
}
