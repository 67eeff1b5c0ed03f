// The 8.x technical-preview dashboards API over `dashboard` saved objects (gone in 9.4, replaced by
// `/api/dashboards`). Kibana stores panels, options and the search source as JSON text
// (`panelsJSON`...); the API speaks objects.

import { emptyOk } from '../../http/reply.js';
import type { Route } from '../../http/route.js';
import { paginate } from '../../query/paging.js';
import type { Reference, SavedObject } from '../../state/saved-object-store.js';
import { newId } from '../../state/space-store.js';
import { deleteSavedObject } from '../saved-objects/handlers.js';
import { refuseUnrenderable } from './render-check.js';
import { DASHBOARD_TYPE, parsedAttribute } from './stored.js';

const UNTIL_9_4 = { until: '9.4.0' };

interface Panel {
  panelConfig?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface DashboardAttributes {
  title: string;
  description?: string;
  panels?: Panel[];
  options?: Record<string, unknown>;
  kibanaSavedObjectMeta?: { searchSource?: unknown };
  [field: string]: unknown;
}

interface DashboardBody {
  attributes: DashboardAttributes;
  references?: Reference[];
}

/** A panel as stored; like Kibana, a panel without an index gets its grid key, or a new id, as one. */
function storedPanel({ panelConfig, ...panel }: Panel): Record<string, unknown> {
  const gridData = (panel.gridData ?? {}) as Record<string, unknown>;
  const panelIndex = String(panel.panelIndex ?? gridData.i ?? newId());
  return { ...panel, panelIndex, gridData: { ...gridData, i: gridData.i ?? panelIndex }, embeddableConfig: panelConfig ?? {} };
}

export function toStoredDashboard(attributes: DashboardAttributes): Record<string, unknown> {
  const { panels = [], options = {}, kibanaSavedObjectMeta = {}, ...rest } = attributes;
  return {
    ...rest,
    panelsJSON: JSON.stringify(panels.map(storedPanel)),
    optionsJSON: JSON.stringify(options),
    kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify(kibanaSavedObjectMeta.searchSource ?? {}) },
  };
}

function toDashboardItem(object: SavedObject) {
  const { panelsJSON, optionsJSON, kibanaSavedObjectMeta, ...rest } = object.attributes;
  const storedPanels = parsedAttribute(panelsJSON, []) as Record<string, unknown>[];
  const searchSourceJSON = (kibanaSavedObjectMeta as { searchSourceJSON?: string } | undefined)?.searchSourceJSON;
  return {
    id: object.id,
    type: object.type,
    attributes: {
      ...rest,
      panels: storedPanels.map(({ embeddableConfig, ...panel }) => ({ ...panel, panelConfig: embeddableConfig ?? {} })),
      options: parsedAttribute(optionsJSON, {}),
      kibanaSavedObjectMeta: { searchSource: parsedAttribute(searchSourceJSON, {}) },
    },
    references: object.references,
    namespaces: object.namespaces,
    createdAt: object.created_at,
    updatedAt: object.updated_at,
    version: object.version,
  };
}

const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/dashboards/dashboard',
    handler: ({ state, space, query }) => {
      const dashboards = state.savedObjects.list(space, [DASHBOARD_TYPE]);
      const page = paginate(dashboards, (query.page as number | undefined) ?? 1, (query.perPage as number | undefined) ?? 20);
      return {
        items: page.map((object) => {
          const { title, description, timeRestore } = object.attributes;
          return { ...toDashboardItem(object), attributes: { title, description, timeRestore } };
        }),
        total: dashboards.length,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/dashboards/dashboard/{id}',
    handler: ({ state, space, params }) => ({
      item: toDashboardItem(state.savedObjects.require(space, DASHBOARD_TYPE, params.id!)),
      meta: { outcome: 'exactMatch' },
    }),
  },
  {
    method: 'POST',
    path: '/api/dashboards/dashboard/{id}',
    handler: ({ state, space, params, body }) => {
      const { attributes, references = [] } = body as DashboardBody;
      const stored = toStoredDashboard(attributes);
      refuseUnrenderable(state, space, stored, references);
      const created = state.savedObjects.create(space, { type: DASHBOARD_TYPE, id: params.id, attributes: stored, references });
      return { item: toDashboardItem(created) };
    },
  },
  {
    method: 'PUT',
    path: '/api/dashboards/dashboard/{id}',
    handler: ({ state, space, params, body }) => {
      const { attributes, references } = body as DashboardBody;
      const stored = toStoredDashboard(attributes);
      refuseUnrenderable(state, space, stored, references ?? state.savedObjects.require(space, DASHBOARD_TYPE, params.id!).references);
      const updated = state.savedObjects.update(space, DASHBOARD_TYPE, params.id!, {
        attributes: stored,
        references,
        replaceAttributes: true,
      });
      return { item: toDashboardItem(updated) };
    },
  },
  {
    method: 'DELETE',
    path: '/api/dashboards/dashboard/{id}',
    handler: deleteSavedObject(DASHBOARD_TYPE, emptyOk),
  },
];

export const dashboardRoutes8x: Route[] = routes.map((route) => ({ ...route, versions: UNTIL_9_4 }));
