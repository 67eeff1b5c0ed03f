// What a flat panel must say for its chart type, before any data view is read.
import { type FlatBreakdown, type FlatFilter, type FlatMetric, type FlatPanel, isXyChart } from './flat.js';

const INTERVAL = /^(auto|\d+(ms|s|m|h|d|w|M|q|y))$/;

/** Problems of one panel's shape; `where` names it in messages ("panel 2"). */
export function panelShapeProblems(panel: FlatPanel, where: string): string[] {
  if (panel.chart === 'markdown') return markdownProblems(panel, where);
  const problems: string[] = [];
  if (panel.text !== undefined) problems.push(`${where}: text is for markdown panels; a ${panel.chart} shows metrics`);
  if (!panel.data_view) problems.push(`${where}: a ${panel.chart} needs a data_view (its title or id)`);
  const metrics = panel.metrics ?? [];
  if (metrics.length === 0) problems.push(`${where}: a ${panel.chart} needs at least one metric, such as {"op":"count"}`);
  metrics.forEach((metric, i) => problems.push(...metricProblems(metric, `${where}, metric ${i + 1}`)));
  problems.push(...chartProblems(panel, metrics.length, where));
  if (panel.breakdown) problems.push(...breakdownProblems(panel.breakdown, `${where}, breakdown`));
  if (panel.split) problems.push(...breakdownProblems(panel.split, `${where}, split`));
  return problems;
}

function markdownProblems(panel: FlatPanel, where: string): string[] {
  const problems: string[] = [];
  if (!panel.text) problems.push(`${where}: a markdown panel needs its text`);
  const extra = (['data_view', 'metrics', 'breakdown', 'split', 'filter'] as const).filter((key) => panel[key] !== undefined);
  if (extra.length > 0) problems.push(`${where}: a markdown panel takes text only; remove ${extra.join(', ')}`);
  return problems;
}

function chartProblems(panel: FlatPanel, metricCount: number, where: string): string[] {
  const problems: string[] = [];
  const { chart } = panel;
  if (chart === 'metric' && metricCount > 2) problems.push(`${where}: a metric panel shows 1 or 2 metrics, not ${metricCount}`);
  if ((chart === 'pie' || chart === 'donut') && metricCount > 1)
    problems.push(`${where}: a ${chart} sizes its slices by 1 metric, not ${metricCount}`);
  if ((chart === 'pie' || chart === 'donut') && !panel.breakdown) problems.push(`${where}: a ${chart} needs a breakdown to cut its slices`);
  if (isXyChart(chart) && !panel.breakdown) {
    problems.push(`${where}: a ${chart} chart needs a breakdown for its x axis, such as {"by":"date_histogram"} for a time series`);
  }
  if (panel.split && !isXyChart(chart)) problems.push(`${where}: split is for line, area and bar charts; a ${chart} takes one breakdown`);
  if (panel.split && panel.split.by !== 'top_values') problems.push(`${where}, split: series are split by top_values only`);
  return problems;
}

function metricProblems(metric: FlatMetric, where: string): string[] {
  const problems: string[] = [];
  if (metric.op !== 'count' && !metric.field) problems.push(`${where}: ${metric.op} needs a field`);
  if (metric.percentile !== undefined && metric.op !== 'percentile') problems.push(`${where}: percentile is only for the percentile op`);
  return problems;
}

function breakdownProblems(breakdown: FlatBreakdown, where: string): string[] {
  const problems: string[] = [];
  const { by } = breakdown;
  if (by !== 'date_histogram' && !breakdown.field) problems.push(`${where}: ${by} needs a field`);
  if (breakdown.size !== undefined && by !== 'top_values') problems.push(`${where}: size is only for top_values`);
  if (breakdown.interval !== undefined && by !== 'date_histogram') problems.push(`${where}: interval is only for date_histogram`);
  if (breakdown.interval !== undefined && !INTERVAL.test(breakdown.interval)) {
    problems.push(`${where}: interval "${breakdown.interval}" is not auto nor a count and a unit (ms, s, m, h, d, w, M, q, y), such as 1h`);
  }
  if (by === 'ranges' && !breakdown.ranges) problems.push(`${where}: ranges needs its ranges, such as [{"to":100},{"from":100}]`);
  if (by !== 'ranges' && breakdown.ranges) problems.push(`${where}: ranges are only for the ranges breakdown`);
  breakdown.ranges?.forEach((range, i) => {
    if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
      problems.push(`${where}, range ${i + 1}: from (${range.from}) must be below to (${range.to})`);
    }
  });
  return problems;
}

const RANGE_BOUNDS = ['gte', 'gt', 'lte', 'lt'];

/** Problems of one dashboard filter's operator and value. */
export function filterShapeProblems(filter: FlatFilter, where: string): string[] {
  const { operator, value } = filter;
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  if (operator === 'is' && !scalar) return [`${where}: "is" takes one string, number or boolean value`];
  if (operator === 'is_one_of' && !(Array.isArray(value) && value.length > 0))
    return [`${where}: "is_one_of" takes a non-empty list of values`];
  if (operator === 'exists' && value !== undefined) return [`${where}: "exists" takes no value`];
  if (operator === 'range') {
    const bounds = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
    const unknown = bounds.filter((bound) => !RANGE_BOUNDS.includes(bound));
    if (bounds.length === 0 || unknown.length > 0) return [`${where}: "range" takes an object of gte, gt, lte and lt bounds`];
  }
  return [];
}
