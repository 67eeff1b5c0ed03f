// Kibana 9.4's `/api/dashboards`: flat → the body of POST /api/dashboards and PUT
// /api/dashboards/{id}, the reading of GET /api/dashboards/{id}, and flat patches over it.
import type { DataViewInfo } from '../data-view.js';
import type { DescribedDashboard, DescribedPanel, FlatDashboard, FlatFilter, FlatPanel, FlatPatch, KeptItem, Placement } from '../flat.js';
import { asArray, asRecord } from '../json.js';
import { placePanels } from '../layout.js';
import { applyPanelPlan, type PanelPlan } from '../patch-plan.js';
import { DashboardProblems } from '../problems.js';
import type { ReadLookups, ResolvedTag } from '../resolved.js';
import { chartConfig, readChart } from './charts.js';

export interface ApiWriteContext {
  views: ReadonlyMap<string, DataViewInfo>;
  tags: readonly ResolvedTag[];
  newId: () => string;
}

const DEFAULT_OPTIONS = {
  hide_panel_titles: false,
  hide_panel_borders: false,
  use_margins: true,
  auto_apply_filters: true,
  sync_colors: false,
  sync_cursor: true,
  sync_tooltips: false,
};

/** Members of a dashboard's `data` that GET answers but PUT does not take. */
const READ_ONLY_DATA = ['access_control'];

export function writeApiDashboard(flat: FlatDashboard, context: ApiWriteContext): Record<string, unknown> {
  const grids = placePanels([], flat.panels);
  return {
    title: flat.title,
    ...(flat.description !== undefined ? { description: flat.description } : {}),
    ...(context.tags.length > 0 ? { tags: context.tags.map((tag) => tag.id) } : {}),
    ...(flat.time_range ? { time_range: flat.time_range } : {}),
    query: { expression: flat.query ?? '', language: 'kql' },
    ...(flat.filters && flat.filters.length > 0 ? { filters: flat.filters.map(apiFilter) } : {}),
    options: DEFAULT_OPTIONS,
    panels: flat.panels.map((panel, i) => apiPanel(panel, context.newId(), grids[i] as Placement, context)),
  };
}

function apiPanel(panel: FlatPanel, id: string, grid: Placement, context: ApiWriteContext): Record<string, unknown> {
  if (panel.chart === 'markdown') {
    return {
      type: 'markdown',
      id,
      grid,
      config: { content: panel.text ?? '', settings: { open_links_in_new_tab: false }, title: panel.title },
    };
  }
  const view = panel.data_view ? context.views.get(panel.data_view) : undefined;
  return { type: 'vis', id, grid, config: chartConfig({ id, grid, panel, view }) };
}

function apiFilter(filter: FlatFilter): Record<string, unknown> {
  const condition = { field: filter.field, operator: filter.operator, ...(filter.operator !== 'exists' ? { value: filter.value } : {}) };
  return { type: 'condition', condition, ...(filter.negate ? { negate: true } : {}) };
}

function flatFilter(raw: unknown): FlatFilter | undefined {
  const filter = asRecord(raw);
  const condition = asRecord(filter.condition);
  const extra = Object.keys(filter).filter((key) => !['type', 'condition', 'negate'].includes(key));
  if (filter.type !== 'condition' || extra.length > 0 || typeof condition.field !== 'string' || condition.negate !== undefined)
    return undefined;
  const operator = condition.operator;
  if (operator !== 'is' && operator !== 'is_one_of' && operator !== 'range' && operator !== 'exists') return undefined;
  return {
    field: condition.field,
    operator,
    ...(condition.value !== undefined ? { value: condition.value as FlatFilter['value'] } : {}),
    ...(filter.negate === true ? { negate: true } : {}),
  };
}

/** The flat form of a GET /api/dashboards/{id} answer. */
export function readApiDashboard(answer: unknown, lookups: ReadLookups = {}): DescribedDashboard {
  const { id, data, warnings } = splitAnswer(answer);
  const kept: KeptItem[] = [];
  const panels: DescribedPanel[] = [];
  for (const raw of asArray(data.panels)) {
    const read = readPanel(asRecord(raw), lookups);
    if ('panel' in read) panels.push(read.panel);
    else kept.push(read.kept);
  }
  for (const warning of warnings) {
    kept.push({
      kind: 'panel',
      type: String(warning.panel_type ?? 'unknown'),
      reason: 'the dashboards API does not return this panel, so no update can keep it',
    });
  }
  const filters: FlatFilter[] = [];
  asArray(data.filters).forEach((raw, i) => {
    const filter = flatFilter(raw);
    if (filter) filters.push(filter);
    else
      kept.push({
        kind: 'filter',
        id: `filter ${i + 1}`,
        type: String(asRecord(raw).type ?? 'custom'),
        reason: 'a filter the flat form cannot say',
      });
  });
  const query = asRecord(data.query);
  if (query.language === 'lucene' && query.expression)
    kept.push({ kind: 'filter', type: 'lucene query', reason: 'only KQL queries are read' });
  const tags = asArray(data.tags).map((tag) => lookups.tagName?.(String(tag)) ?? String(tag));
  const range = asRecord(data.time_range);
  return {
    id,
    title: String(data.title ?? ''),
    ...(typeof data.description === 'string' && data.description !== '' ? { description: data.description } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(typeof range.from === 'string' && typeof range.to === 'string' ? { time_range: { from: range.from, to: range.to } } : {}),
    ...(query.language !== 'lucene' && typeof query.expression === 'string' && query.expression !== '' ? { query: query.expression } : {}),
    ...(filters.length > 0 ? { filters } : {}),
    panels,
    kept,
  };
}

function splitAnswer(answer: unknown) {
  const record = asRecord(answer);
  return { id: String(record.id ?? ''), data: asRecord(record.data), warnings: asArray(record.warnings).map(asRecord) };
}

function readPanel(raw: Record<string, unknown>, lookups: ReadLookups): { panel: DescribedPanel } | { kept: KeptItem } {
  const id = String(raw.id ?? '');
  const type = String(raw.type ?? 'unknown');
  const gridRecord = asRecord(raw.grid);
  const config = asRecord(raw.config);
  const title = typeof config.title === 'string' ? config.title : typeof raw.title === 'string' ? raw.title : undefined;
  if (raw.panels !== undefined && raw.type === undefined) {
    return {
      kept: {
        kind: 'section',
        ...(id ? { id } : {}),
        type: 'section',
        ...(title ? { title } : {}),
        reason: 'sections and the panels in them are kept as they are',
      },
    };
  }
  const grid: Placement = {
    x: Number(gridRecord.x ?? 0),
    y: Number(gridRecord.y ?? 0),
    w: Number(gridRecord.w ?? 24),
    h: Number(gridRecord.h ?? 15),
  };
  const keep = (reason: string): { kept: KeptItem } => ({ kept: { kind: 'panel', id, type, ...(title ? { title } : {}), grid, reason } });
  if (type === 'markdown') {
    if (typeof config.content !== 'string') return keep('a markdown panel from the library (by reference)');
    return { panel: { chart: 'markdown', title: title ?? '', text: config.content, id, grid } };
  }
  if (type !== 'vis') return keep(`${type} panels are outside the flat form`);
  if (config.ref_id !== undefined) return keep('a visualization from the library (by reference)');
  const reading = readChart(config, {
    title: title ?? '',
    dataViewTitle: (viewId) => lookups.dataViewTitle?.(viewId),
    timeFieldOf: (viewId) => lookups.timeFieldOf?.(viewId),
  });
  return 'panel' in reading ? { panel: { ...reading.panel, id, grid } } : keep(reading.reason);
}

/**
 * The PUT body after a patch: the stored `data` with only what the patch names changed. Refused
 * when the API left panels out of its answer, since a PUT would delete them.
 */
export function patchApiDashboard(answer: unknown, patch: FlatPatch, plan: PanelPlan, context: ApiWriteContext): Record<string, unknown> {
  const { data, warnings } = splitAnswer(answer);
  if (warnings.length > 0) {
    const types = warnings.map((warning) => String(warning.panel_type ?? 'unknown')).join(', ');
    throw new DashboardProblems([
      `the dashboards API did not return ${warnings.length} panel(s) of type ${types}; updating would delete them`,
    ]);
  }
  const body: Record<string, unknown> = Object.fromEntries(Object.entries(data).filter(([key]) => !READ_ONLY_DATA.includes(key)));
  if (patch.title !== undefined) body.title = patch.title;
  if (patch.description !== undefined) body.description = patch.description;
  if (patch.tags !== undefined) body.tags = context.tags.map((tag) => tag.id);
  if (patch.time_range === null) delete body.time_range;
  else if (patch.time_range !== undefined) body.time_range = patch.time_range;
  if (patch.query !== undefined) body.query = { ...asRecord(body.query), expression: patch.query, language: 'kql' };
  if (patch.filters !== undefined)
    body.filters = [...asArray(data.filters).filter((raw) => flatFilter(raw) === undefined), ...patch.filters.map(apiFilter)];
  const stored = asArray(data.panels).map((raw) => ({ id: String(asRecord(raw).id ?? ''), raw: raw as Record<string, unknown> }));
  body.panels = applyPanelPlan(
    stored,
    plan,
    (panel, id, grid) => apiPanel(panel, id, grid, context),
    (raw, grid) => ({ ...raw, grid }),
  );
  if (asArray(data.panels).length === 0 && data.panels === undefined && (body.panels as unknown[]).length === 0) delete body.panels;
  return body;
}
