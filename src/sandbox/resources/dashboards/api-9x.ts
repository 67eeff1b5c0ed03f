// The dashboards API of Kibana 9.4 and later (`/api/dashboards`), over the same `dashboard` saved
// objects as the 8.x API. The API's snake_case options, `grid`, `config`, `ref_id`, sections, query
// and time range map onto the stored form and back, so that what one API writes the other reads.
// Stored panels of a type this API does not know are left out of a read, with a warning.

import { notFound } from '../../http/errors.js';
import { noContent, Reply } from '../../http/reply.js';
import type { Route } from '../../http/route.js';
import { paginate } from '../../query/paging.js';
import { matchesSimpleQuery } from '../../query/simple-query.js';
import type { Reference, SavedObject } from '../../state/saved-object-store.js';
import { newId } from '../../state/space-store.js';
import { anyObject, anyOf, array, boolean, number, object, oneOfValues, string, type JsonSchema } from '../../validation/json-schema.js';
import { refuseUnrenderableApiBody } from './render-check.js';
import { DASHBOARD_TYPE, parsedAttribute } from './stored.js';

const FROM_9_4 = { from: '9.4.0' };

export const PANEL_TYPES = [
  'discover_session',
  'esql_control',
  'image',
  'markdown',
  'options_list_control',
  'range_slider_control',
  'slo_alerts',
  'slo_burn_rate',
  'slo_error_budget',
  'slo_overview',
  'synthetics_monitors',
  'synthetics_stats_overview',
  'time_slider_control',
  'vis',
  'lens-dashboard-app',
];
/** The stored embeddable type of an API panel type, where they differ. */
const STORED_TYPE: Record<string, string> = { vis: 'lens' };
const apiType = (stored: string): string => Object.entries(STORED_TYPE).find(([, type]) => type === stored)?.[0] ?? stored;

/** The API's options: the stored (camelCase) name of each, and Kibana's default. */
const OPTIONS: Record<string, [stored: string, byDefault: boolean]> = {
  hide_panel_titles: ['hidePanelTitles', false],
  hide_panel_borders: ['hidePanelBorders', false],
  use_margins: ['useMargins', true],
  auto_apply_filters: ['autoApplyFilters', true],
  sync_colors: ['syncColors', false],
  sync_cursor: ['syncCursor', true],
  sync_tooltips: ['syncTooltips', false],
};
const DEFAULT_TIME_RANGE: { from: string; to: string; mode?: string } = { from: 'now-15m', to: 'now' };
const DEFAULT_REFRESH = { pause: true, value: 60_000 };
const DEFAULT_QUERY = { expression: '', language: 'kql' };
const QUERY_LANGUAGE: Record<string, string> = { kql: 'kuery', lucene: 'lucene' };

interface ApiPanel {
  type: string;
  grid: { x: number; y: number; w?: number; h?: number };
  id?: string;
  config: Record<string, unknown>;
}

interface ApiSection {
  title: string;
  collapsed?: boolean;
  grid: { y: number };
  panels?: ApiPanel[];
  id?: string;
}

export interface DashboardData {
  title: string;
  description?: string;
  tags?: string[];
  time_range?: { from: string; to: string; mode?: string };
  refresh_interval?: { pause: boolean; value: number };
  query?: { expression: string; language: string };
  filters?: unknown[];
  options?: Record<string, boolean>;
  panels?: (ApiPanel | ApiSection)[];
  pinned_panels?: unknown[];
  access_control?: { access_mode?: string };
  project_routing?: string;
}

interface StoredPanel {
  type: string;
  panelIndex: string;
  gridData: { x: number; y: number; w: number; h: number; i: string; sectionId?: string };
  embeddableConfig: Record<string, unknown>;
  panelRefName?: string;
}

const isSection = (panel: ApiPanel | ApiSection): panel is ApiSection => !('type' in panel);
const tagReference = (id: string): Reference => ({ type: 'tag', id, name: `tag-ref-${id}` });

function storedPanel(panel: ApiPanel, references: Reference[], sectionId?: string): StoredPanel {
  const id = panel.id ?? newId();
  const { ref_id: refId, ...config } = panel.config;
  const stored: StoredPanel = {
    type: STORED_TYPE[panel.type] ?? panel.type,
    panelIndex: id,
    gridData: {
      x: panel.grid.x,
      y: panel.grid.y,
      w: panel.grid.w ?? 24,
      h: panel.grid.h ?? 15,
      i: id,
      ...(sectionId ? { sectionId } : {}),
    },
    embeddableConfig: config,
  };
  if (typeof refId === 'string') {
    stored.panelRefName = `panel_${id}`;
    references.push({ name: `${id}:panel_${id}`, type: stored.type, id: refId });
  }
  return stored;
}

/** The saved object's attributes and references for an API body (defaults filled as Kibana fills them). */
export function toStored(data: DashboardData): { attributes: Record<string, unknown>; references: Reference[] } {
  const references = (data.tags ?? []).map(tagReference);
  const panels: StoredPanel[] = [];
  const sections: Record<string, unknown>[] = [];
  for (const entry of data.panels ?? []) {
    if (!isSection(entry)) {
      panels.push(storedPanel(entry, references));
      continue;
    }
    const id = entry.id ?? newId();
    sections.push({ id, title: entry.title, collapsed: entry.collapsed ?? false, gridData: { y: entry.grid.y } });
    for (const panel of entry.panels ?? []) panels.push(storedPanel(panel, references, id));
  }
  const options = { ...Object.fromEntries(Object.entries(OPTIONS).map(([name, [, byDefault]]) => [name, byDefault])), ...data.options };
  const query = data.query ?? DEFAULT_QUERY;
  const timeRange = data.time_range ?? DEFAULT_TIME_RANGE;
  return {
    references,
    attributes: {
      title: data.title,
      description: data.description ?? '',
      timeRestore: true,
      timeFrom: timeRange.from,
      timeTo: timeRange.to,
      ...(timeRange.mode ? { timeRangeMode: timeRange.mode } : {}),
      refreshInterval: data.refresh_interval ?? DEFAULT_REFRESH,
      panelsJSON: JSON.stringify(panels),
      ...(sections.length > 0 ? { sections } : {}),
      optionsJSON: JSON.stringify(Object.fromEntries(Object.entries(options).map(([name, value]) => [OPTIONS[name]![0], value]))),
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({
          query: { query: query.expression, language: QUERY_LANGUAGE[query.language] ?? query.language },
          filter: data.filters ?? [],
        }),
      },
      ...(data.pinned_panels ? { pinnedPanels: data.pinned_panels } : {}),
      accessControl: data.access_control ?? { access_mode: 'default' },
      ...(data.project_routing ? { projectRouting: data.project_routing } : {}),
    },
  };
}

function apiPanel(panel: StoredPanel, references: Reference[]): ApiPanel {
  const reference = panel.panelRefName && references.find((candidate) => candidate.name === `${panel.panelIndex}:${panel.panelRefName}`);
  const { x, y, w, h } = panel.gridData;
  return {
    type: apiType(panel.type),
    grid: { x, y, w, h },
    id: panel.panelIndex,
    config: { ...panel.embeddableConfig, ...(reference ? { ref_id: reference.id } : {}) },
  };
}

/** The API's view of a stored dashboard: its data, and warnings for panels the API cannot show. */
export function toApi(object: SavedObject) {
  const a = object.attributes;
  const stored = parsedAttribute(a.panelsJSON, []) as StoredPanel[];
  const searchSource = parsedAttribute((a.kibanaSavedObjectMeta as { searchSourceJSON?: string } | undefined)?.searchSourceJSON, {}) as {
    query?: { query?: string; language?: string };
    filter?: unknown[];
  };
  const storedOptions = parsedAttribute(a.optionsJSON, {}) as Record<string, boolean>;
  const warnings = stored
    .filter((panel) => !PANEL_TYPES.includes(apiType(panel.type)))
    .map((panel) => ({
      type: 'dropped_panel',
      message: `Panels of type ${panel.type} are not supported by the dashboards API`,
      panel_type: panel.type,
      panel_config: panel.embeddableConfig,
      panel_references: object.references.filter((reference) => reference.name.startsWith(`${panel.panelIndex}:`)),
    }));
  const shown = stored.filter((panel) => PANEL_TYPES.includes(apiType(panel.type)));
  const sections = ((a.sections as { id: string; title: string; collapsed: boolean; gridData: { y: number } }[] | undefined) ?? []).map(
    (section) => ({
      title: section.title,
      collapsed: section.collapsed,
      grid: { y: section.gridData.y },
      id: section.id,
      panels: shown.filter((panel) => panel.gridData.sectionId === section.id).map((panel) => apiPanel(panel, object.references)),
    }),
  );
  const language = Object.entries(QUERY_LANGUAGE).find(([, stored]) => stored === searchSource.query?.language)?.[0] ?? 'kql';
  const data: DashboardData = {
    title: String(a.title),
    description: String(a.description ?? ''),
    tags: object.references.filter((reference) => reference.type === 'tag').map((reference) => reference.id),
    time_range: a.timeRestore
      ? { from: String(a.timeFrom), to: String(a.timeTo), ...(a.timeRangeMode ? { mode: String(a.timeRangeMode) } : {}) }
      : DEFAULT_TIME_RANGE,
    refresh_interval: (a.refreshInterval as DashboardData['refresh_interval']) ?? DEFAULT_REFRESH,
    query: { expression: searchSource.query?.query ?? '', language },
    filters: searchSource.filter ?? [],
    options: Object.fromEntries(Object.entries(OPTIONS).map(([name, [stored, byDefault]]) => [name, storedOptions[stored] ?? byDefault])),
    panels: [
      ...shown.filter((panel) => panel.gridData.sectionId === undefined).map((panel) => apiPanel(panel, object.references)),
      ...sections,
    ],
    ...(a.pinnedPanels ? { pinned_panels: a.pinnedPanels as unknown[] } : {}),
    access_control: (a.accessControl as DashboardData['access_control']) ?? { access_mode: 'default' },
    ...(a.projectRouting ? { project_routing: String(a.projectRouting) } : {}),
  };
  return { data, warnings };
}

const meta = (object: SavedObject) => ({
  created_at: object.created_at,
  updated_at: object.updated_at,
  version: object.version,
  managed: false,
  ...(object.attributes.createdBy ? { created_by: String(object.attributes.createdBy) } : {}),
  ...(object.attributes.updatedBy ? { updated_by: String(object.attributes.updatedBy) } : {}),
});

function dashboardResponse(object: SavedObject) {
  const { data, warnings } = toApi(object);
  return { id: object.id, data, meta: meta(object), ...(warnings.length > 0 ? { warnings } : {}) };
}

const grid = object({ x: number(), y: number(), w: number({ minimum: 1, maximum: 48 }), h: number({ minimum: 1 }) }, ['x', 'y']);
const panel = object({ type: oneOfValues(...PANEL_TYPES), grid, id: string(), config: anyObject() }, ['type', 'grid', 'config']);
const section = object(
  { title: string(), collapsed: boolean(), grid: object({ y: number() }, ['y']), panels: array(panel, { maxItems: 100 }), id: string() },
  ['title', 'grid'],
);
const bodyProperties: Record<string, JsonSchema> = {
  title: string(),
  description: string(),
  tags: array(string(), { maxItems: 100 }),
  time_range: object({ from: string(), to: string(), mode: oneOfValues('absolute', 'relative') }, ['from', 'to']),
  refresh_interval: object({ pause: boolean(), value: number() }, ['pause', 'value']),
  query: object({ expression: string(), language: oneOfValues('kql', 'lucene') }, ['expression', 'language']),
  filters: array(anyObject(), { maxItems: 500 }),
  options: object(Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, boolean()]))),
  panels: array(anyOf(panel, section), { maxItems: 100 }),
  pinned_panels: array(anyObject(), { maxItems: 100 }),
  project_routing: string(),
};
/** The access mode is set when a dashboard is created; an upsert does not take it. */
const createBody = object({ ...bodyProperties, access_control: object({ access_mode: oneOfValues('write_restricted', 'default') }) }, [
  'title',
]);
const upsertBody = object(bodyProperties, ['title']);

function save(object: { attributes: Record<string, unknown> }, username: string, created: boolean) {
  return { ...object.attributes, ...(created ? { createdBy: username } : {}), updatedBy: username };
}

export const dashboardRoutes9x: Route[] = [
  {
    method: 'POST',
    path: '/api/dashboards',
    versions: FROM_9_4,
    schema: { body: createBody },
    handler: ({ state, space, body, username }) => {
      refuseUnrenderableApiBody(state, space, body as Record<string, unknown>);
      const stored = toStored(body as DashboardData);
      const created = state.savedObjects.create(space, {
        type: DASHBOARD_TYPE,
        attributes: save(stored, username, true),
        references: stored.references,
      });
      return new Reply(201, dashboardResponse(created));
    },
  },
  {
    method: 'GET',
    path: '/api/dashboards',
    versions: FROM_9_4,
    schema: {
      query: object({
        page: number({ minimum: 1 }),
        per_page: number({ minimum: 1 }),
        query: string(),
        tags: array(string()),
        excluded_tags: array(string()),
      }),
    },
    handler: ({ state, space, query }) => {
      const page = (query.page as number | undefined) ?? 1;
      const perPage = (query.per_page as number | undefined) ?? 20;
      const tags = query.tags as string[] | undefined;
      const excluded = (query.excluded_tags as string[] | undefined) ?? [];
      const found = state.savedObjects
        .list(space, [DASHBOARD_TYPE])
        .map(dashboardResponse)
        // The search text is a simple_query_string on title and description, every word required.
        .filter(({ data }) => query.query === undefined || matchesSimpleQuery(String(query.query), [data.title, data.description], 'and'))
        .filter(({ data }) => tags === undefined || tags.some((tag) => data.tags!.includes(tag)))
        .filter(({ data }) => !excluded.some((tag) => data.tags!.includes(tag)));
      return {
        dashboards: paginate(found, page, perPage).map(({ id, data, meta }) => ({
          id,
          data: {
            title: data.title,
            description: data.description,
            tags: data.tags,
            time_range: data.time_range,
            access_control: data.access_control,
          },
          meta,
        })),
        total: found.length,
        page,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/dashboards/{id}',
    versions: FROM_9_4,
    handler: ({ state, space, params }) => dashboardResponse(state.savedObjects.require(space, DASHBOARD_TYPE, params.id!)),
  },
  {
    method: 'PUT',
    path: '/api/dashboards/{id}',
    versions: FROM_9_4,
    schema: { body: upsertBody },
    handler: ({ state, space, params, body, username }) => {
      refuseUnrenderableApiBody(state, space, body as Record<string, unknown>);
      const existing = state.savedObjects.get(space, DASHBOARD_TYPE, params.id!);
      const stored = toStored(body as DashboardData);
      // An upsert keeps who created the dashboard and the access mode it was created with.
      const kept = existing ? { createdBy: existing.attributes.createdBy, accessControl: existing.attributes.accessControl } : {};
      const attributes = {
        ...save(stored, username, !existing),
        ...Object.fromEntries(Object.entries(kept).filter(([, value]) => value !== undefined)),
      };
      const saved = state.savedObjects.create(
        space,
        { type: DASHBOARD_TYPE, id: params.id, attributes, references: stored.references },
        { overwrite: true },
      );
      return new Reply(existing ? 200 : 201, dashboardResponse(saved));
    },
  },
  {
    method: 'DELETE',
    path: '/api/dashboards/{id}',
    versions: FROM_9_4,
    handler: ({ state, space, params }) => {
      if (!state.savedObjects.get(space, DASHBOARD_TYPE, params.id!)) throw notFound(`A dashboard with ID [${params.id}] was not found.`);
      state.savedObjects.delete(space, DASHBOARD_TYPE, params.id!);
      return noContent();
    },
  },
];
