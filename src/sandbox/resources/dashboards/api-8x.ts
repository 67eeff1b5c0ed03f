// The 8.x technical-preview dashboards API over `dashboard` saved objects (gone in 9.4, replaced by
// `/api/dashboards`). Kibana stores panels, options and the search source as JSON text
// (`panelsJSON`...); the API speaks objects.

import { emptyOk } from '../../http/reply.js';
import type { Route } from '../../http/route.js';
import { paginate } from '../../query/paging.js';
import type { Reference, SavedObject } from '../../state/saved-object-store.js';
import { deleteSavedObject } from '../saved-objects/handlers.js';
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

export function toStoredDashboard(attributes: DashboardAttributes): Record<string, unknown> {
  const { panels = [], options = {}, kibanaSavedObjectMeta = {}, ...rest } = attributes;
  return {
    ...rest,
    panelsJSON: JSON.stringify(panels.map(({ panelConfig, ...panel }) => ({ ...panel, embeddableConfig: panelConfig ?? {} }))),
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
      const { attributes, references } = body as DashboardBody;
      const created = state.savedObjects.create(space, {
        type: DASHBOARD_TYPE,
        id: params.id,
        attributes: toStoredDashboard(attributes),
        references: references ?? [],
      });
      return { item: toDashboardItem(created) };
    },
  },
  {
    method: 'PUT',
    path: '/api/dashboards/dashboard/{id}',
    handler: ({ state, space, params, body }) => {
      const { attributes, references } = body as DashboardBody;
      const updated = state.savedObjects.update(space, DASHBOARD_TYPE, params.id!, {
        attributes: toStoredDashboard(attributes),
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
