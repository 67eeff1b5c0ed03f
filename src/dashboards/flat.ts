// The flat description of a dashboard: what an agent writes instead of Lens state or panelsJSON.
// One Zod schema per part; the advertised JSON Schema is derived from these (see tool-schemas.ts),
// with the parts that carry an `id` written once under `$defs`.
import { z } from 'zod';

export const CHART_TYPES = [
  'metric',
  'line',
  'area',
  'area_stacked',
  'bar',
  'bar_stacked',
  'bar_horizontal',
  'bar_horizontal_stacked',
  'table',
  'pie',
  'donut',
  'markdown',
] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** The chart types drawn as series over an x axis. */
export const XY_CHARTS = ['line', 'area', 'area_stacked', 'bar', 'bar_stacked', 'bar_horizontal', 'bar_horizontal_stacked'] as const;
export type XyChart = (typeof XY_CHARTS)[number];
export const isXyChart = (chart: ChartType): chart is XyChart => (XY_CHARTS as readonly string[]).includes(chart);

export const METRIC_OPS = ['count', 'sum', 'average', 'min', 'max', 'median', 'unique_count', 'percentile', 'last_value'] as const;
export type MetricOp = (typeof METRIC_OPS)[number];

export const BREAKDOWN_KINDS = ['top_values', 'date_histogram', 'ranges'] as const;
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number];

export const FILTER_OPERATORS = ['is', 'is_one_of', 'range', 'exists'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const gridUnit = z.number().int();

export const gridSchema = z
  .strictObject({
    x: gridUnit.min(0).max(47).optional(),
    y: gridUnit.min(0).optional(),
    w: gridUnit.min(1).max(48).optional(),
    h: gridUnit.min(1).max(200).optional(),
  })
  .describe('Grid units, 48 wide; omitted parts are chosen')
  .meta({ id: 'grid' });

export const metricSchema = z.strictObject({
  op: z.enum(METRIC_OPS),
  field: z.string().min(1).optional().describe('Not for count'),
  percentile: z.number().gt(0).lt(100).optional().describe('Default 95'),
  label: z.string().optional(),
});

const rangeSchema = z.strictObject({ from: z.number().optional(), to: z.number().optional(), label: z.string().optional() });

export const breakdownSchema = z
  .strictObject({
    by: z.enum(BREAKDOWN_KINDS),
    field: z.string().min(1).optional().describe('date_histogram: default the time field'),
    size: z.number().int().min(1).max(1000).optional().describe('top_values; default 10'),
    interval: z.string().min(1).optional().describe('auto (default), 1m, 1h, 1d...'),
    ranges: z.array(rangeSchema).min(1).max(100).optional().describe('from inclusive, to exclusive'),
  })
  .meta({ id: 'breakdown' });

export const panelSchema = z
  .strictObject({
    chart: z.enum(CHART_TYPES),
    title: z.string(),
    data_view: z.string().min(1).optional().describe('Title or id; not for markdown'),
    metrics: z.array(metricSchema).min(1).max(20).optional().describe('metric: 1-2, pie/donut: 1'),
    breakdown: breakdownSchema.optional().describe('x axis, rows, slices or metric split'),
    split: breakdownSchema.optional().describe('line/area/bar: a series per top value'),
    filter: z.string().optional().describe('KQL'),
    text: z.string().optional().describe('markdown'),
    grid: gridSchema.optional(),
  })
  .meta({ id: 'panel' });

export const filterSchema = z
  .strictObject({
    field: z.string().min(1),
    operator: z.enum(FILTER_OPERATORS),
    value: z
      .union([
        z.string(),
        z.number(),
        z.boolean(),
        z.array(z.union([z.string(), z.number(), z.boolean()])),
        z.record(z.string(), z.number()),
      ])
      .optional()
      .describe('is: a value, is_one_of: a list, range: {gte,gt,lte,lt}, exists: none'),
    negate: z.boolean().optional(),
  })
  .meta({ id: 'filter' });

export const timeRangeSchema = z.strictObject({
  from: z.string().min(1).describe('now-24h or ISO date'),
  to: z.string().min(1),
});

export const dashboardFields = {
  title: z.string().min(1),
  description: z.string().optional(),
  tags: z.array(z.string().min(1)).max(100).optional().describe('Names; missing tags are created'),
  time_range: timeRangeSchema.optional(),
  query: z.string().optional().describe('KQL'),
  filters: z.array(filterSchema).max(100).optional(),
};

export const dashboardSchema = z.strictObject({ ...dashboardFields, panels: z.array(panelSchema).max(100) });

/** A change to a described dashboard: only what it names changes; everything else is kept as stored. */
export const patchSchema = z.strictObject({
  title: dashboardFields.title.optional(),
  description: z.string().optional(),
  tags: dashboardFields.tags,
  time_range: timeRangeSchema.nullable().optional().describe('{from, to} or null: none stored'),
  query: z.string().optional(),
  filters: z.array(filterSchema).max(100).optional().describe('Replaces the listed filters'),
  add_panels: z.array(panelSchema).max(100).optional(),
  replace_panels: z
    .array(z.strictObject({ id: z.string().min(1), panel: panelSchema }))
    .max(100)
    .optional(),
  remove_panels: z.array(z.string().min(1)).max(100).optional().describe('Panel ids'),
  move_panels: z
    .array(z.strictObject({ id: z.string().min(1), grid: gridSchema }))
    .max(100)
    .optional(),
});

export type FlatPatch = z.infer<typeof patchSchema>;
export type FlatGrid = z.infer<typeof gridSchema>;
export type FlatMetric = z.infer<typeof metricSchema>;
export type FlatRange = z.infer<typeof rangeSchema>;
export type FlatBreakdown = z.infer<typeof breakdownSchema>;
export type FlatPanel = z.infer<typeof panelSchema>;
export type FlatFilter = z.infer<typeof filterSchema>;
export type FlatTimeRange = z.infer<typeof timeRangeSchema>;
export type FlatDashboard = z.infer<typeof dashboardSchema>;

/** A full placement, as the readers report it and the writers store it. */
export interface Placement {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A panel as a reader returns it: its id and where it sits, beside the flat fields. */
export type DescribedPanel = FlatPanel & { id: string; grid: Placement };

/**
 * Anything a reader cannot express in the flat form (a panel type it does not know, a Lens
 * configuration outside the flat form, a section, a filter it cannot read). It is named so the
 * agent knows it is there, and it is left untouched by every update.
 */
export interface KeptItem {
  kind: 'panel' | 'section' | 'filter';
  id?: string;
  type: string;
  title?: string;
  grid?: Placement;
  /** Why it is kept as it is. */
  reason: string;
}

export interface DescribedDashboard {
  id: string;
  title: string;
  description?: string;
  tags?: string[];
  time_range?: FlatTimeRange;
  query?: string;
  filters?: FlatFilter[];
  panels: DescribedPanel[];
  kept: KeptItem[];
}
