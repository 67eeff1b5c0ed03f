// Data views and flat dashboards the dashboard tests share.
import { type DataViewInfo, dataViewInfo } from '../../src/dashboards/data-view.js';
import type { FlatDashboard } from '../../src/dashboards/flat.js';

const field = (type: string, aggregatable = true) => ({ type, aggregatable, searchable: true });

/** A data view answer shaped like `GET /api/data_views/data_view/{id}` (fields as a map). */
export const LOGS_ANSWER = {
  data_view: {
    id: 'logs-view',
    title: 'logs-*',
    name: 'Logs',
    timeFieldName: '@timestamp',
    fields: {
      '@timestamp': { name: '@timestamp', ...field('date') },
      'host.name': { name: 'host.name', ...field('string') },
      'http.response.bytes': { name: 'http.response.bytes', ...field('number') },
      'http.response.status_code': { name: 'http.response.status_code', ...field('number') },
      message: { name: 'message', ...field('string', false) },
      'client.ip': { name: 'client.ip', ...field('ip') },
    },
  },
};

export const LOGS: DataViewInfo = dataViewInfo(LOGS_ANSWER);
export const VIEWS = new Map<string, DataViewInfo>([
  ['logs-*', LOGS],
  ['logs-view', LOGS],
]);

export const TITLES = (id: string) => (id === LOGS.id ? LOGS.title : undefined);
export const LOOKUPS = { dataViewTitle: TITLES, timeFieldOf: (id: string) => (id === LOGS.id ? LOGS.timeFieldName : undefined) };

/** Ids as a writer would draw them, but predictable. */
export function sequentialIds(prefix = 'p'): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}

/** The log dashboard plus one panel of every other chart type. */
export const EVERY_CHART: FlatDashboard = {
  title: 'Web logs',
  description: 'Traffic of the web tier',
  time_range: { from: 'now-24h', to: 'now' },
  query: 'service.name: web',
  filters: [
    { field: 'host.name', operator: 'is', value: 'web-1' },
    { field: 'http.response.status_code', operator: 'range', value: { gte: 500, lt: 600 }, negate: true },
  ],
  panels: [
    { chart: 'markdown', title: 'About', text: '# Web tier' },
    { chart: 'metric', title: 'Requests', data_view: 'logs-*', metrics: [{ op: 'count' }, { op: 'unique_count', field: 'client.ip' }] },
    {
      chart: 'metric',
      title: 'p99 bytes',
      data_view: 'logs-*',
      metrics: [{ op: 'percentile', field: 'http.response.bytes', percentile: 99 }],
    },
    { chart: 'line', title: 'Log count over time', data_view: 'logs-*', metrics: [{ op: 'count' }], breakdown: { by: 'date_histogram' } },
    {
      chart: 'bar_stacked',
      title: 'Bytes per host',
      data_view: 'logs-*',
      metrics: [{ op: 'sum', field: 'http.response.bytes', label: 'Bytes' }],
      breakdown: { by: 'date_histogram', interval: '1h' },
      split: { by: 'top_values', field: 'host.name', size: 5 },
      filter: 'http.response.status_code >= 400',
    },
    {
      chart: 'table',
      title: 'Top 10 hosts',
      data_view: 'logs-*',
      metrics: [{ op: 'count' }, { op: 'average', field: 'http.response.bytes' }],
      breakdown: { by: 'top_values', field: 'host.name' },
    },
    {
      chart: 'pie',
      title: 'Status codes',
      data_view: 'logs-*',
      metrics: [{ op: 'count' }],
      breakdown: { by: 'top_values', field: 'http.response.status_code', size: 5 },
    },
    {
      chart: 'donut',
      title: 'Sizes',
      data_view: 'logs-*',
      metrics: [{ op: 'max', field: 'http.response.bytes' }],
      breakdown: { by: 'ranges', field: 'http.response.bytes', ranges: [{ to: 1000, label: 'small' }, { from: 1000 }] },
    },
    {
      chart: 'area',
      title: 'Last status',
      data_view: 'logs-*',
      metrics: [
        { op: 'last_value', field: 'http.response.status_code' },
        { op: 'median', field: 'http.response.bytes' },
        { op: 'min', field: '@timestamp' },
      ],
      breakdown: { by: 'date_histogram' },
    },
    {
      chart: 'bar_horizontal',
      title: 'Hosts',
      data_view: 'logs-view',
      metrics: [{ op: 'count', field: 'host.name' }],
      breakdown: { by: 'top_values', field: 'host.name', size: 3 },
    },
  ],
};
