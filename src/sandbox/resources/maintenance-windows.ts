// Maintenance windows (Kibana 9.1 and later; their find route from 9.2): per space, with a status
// computed from the schedule at the time of the request.

import { notFound } from '../http/errors.js';
import { noContent } from '../http/reply.js';
import type { RequestContext, Route, VersionRange } from '../http/route.js';
import { paginate } from '../query/paging.js';
import { currentOccurrence, nextOccurrence } from '../query/schedule.js';
import type { MaintenanceWindow } from '../state/entities/maintenance-windows.js';
import type { SandboxState } from '../state/index.js';
import { cloneJson, newId, now } from '../state/space-store.js';
import { checkSchedule } from './custom-schedule.js';

const FROM_9_1: VersionRange = { from: '9.1.0' };
const BASE = '/api/maintenance_window';
type Status = 'running' | 'upcoming' | 'finished' | 'archived';

function status(window: MaintenanceWindow, at = Date.now()): Status {
  if (window.archived) return 'archived';
  if (currentOccurrence(window.schedule.custom, at)) return 'running';
  return nextOccurrence(window.schedule.custom, at) ? 'upcoming' : 'finished';
}

function view(window: MaintenanceWindow) {
  const { archived: _archived, ...fields } = window;
  return { ...fields, status: status(window) };
}

function requireWindow(state: SandboxState, space: string, id: string): MaintenanceWindow {
  const window = state.maintenanceWindows.get(space, id);
  if (!window) throw notFound(`Saved object [maintenance-window/${id}] not found`);
  return window;
}

function setArchived(archived: boolean) {
  return ({ state, space, params, username }: RequestContext) => {
    const window = requireWindow(state, space, params.id!);
    Object.assign(window, { archived, updated_at: now(), updated_by: username });
    return view(window);
  };
}

export const maintenanceWindowRoutes: Route[] = [
  {
    method: 'POST',
    path: BASE,
    versions: FROM_9_1,
    handler: ({ state, space, body, username }) => {
      const request = cloneJson(body as Pick<MaintenanceWindow, 'title' | 'enabled' | 'schedule' | 'scope'>);
      checkSchedule(request.schedule.custom, 'request body.schedule.custom');
      const timestamp = now();
      const window: MaintenanceWindow = {
        id: newId(),
        title: request.title,
        enabled: request.enabled ?? true,
        archived: false,
        schedule: request.schedule,
        ...(request.scope ? { scope: request.scope } : {}),
        created_at: timestamp,
        created_by: username,
        updated_at: timestamp,
        updated_by: username,
      };
      state.maintenanceWindows.set(space, window.id, window);
      return view(window);
    },
  },
  {
    method: 'GET',
    path: `${BASE}/_find`,
    versions: { from: '9.2.0' },
    handler: ({ state, space, query }) => {
      const page = (query.page as number | undefined) ?? 1;
      const perPage = (query.per_page as number | undefined) ?? 10;
      const statuses = query.status as string[] | undefined;
      const title = (query.title as string | undefined)?.toLowerCase();
      const found = state.maintenanceWindows
        .list(space)
        .map(view)
        .filter((window) => title === undefined || window.title.toLowerCase().includes(title))
        .filter((window) => query.created_by === undefined || window.created_by === query.created_by)
        .filter((window) => statuses === undefined || statuses.includes(window.status));
      return { maintenanceWindows: paginate(found, page, perPage), page, per_page: perPage, total: found.length };
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{id}`,
    versions: FROM_9_1,
    handler: ({ state, space, params }) => view(requireWindow(state, space, params.id!)),
  },
  {
    method: 'PATCH',
    path: `${BASE}/{id}`,
    versions: FROM_9_1,
    handler: ({ state, space, params, body, username }) => {
      const window = requireWindow(state, space, params.id!);
      const changes = cloneJson(body as Partial<MaintenanceWindow>);
      checkSchedule(changes.schedule?.custom, 'request body.schedule.custom');
      Object.assign(window, changes, { updated_at: now(), updated_by: username });
      return view(window);
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/{id}`,
    versions: FROM_9_1,
    handler: ({ state, space, params }) => {
      state.maintenanceWindows.delete(space, requireWindow(state, space, params.id!).id);
      return noContent();
    },
  },
  { method: 'POST', path: `${BASE}/{id}/_archive`, versions: FROM_9_1, handler: setArchived(true) },
  { method: 'POST', path: `${BASE}/{id}/_unarchive`, versions: FROM_9_1, handler: setArchived(false) },
];
