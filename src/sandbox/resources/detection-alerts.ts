// Security detection alerts: searched with query DSL, triaged by status, tags and assignees.
// Changes answer with Elasticsearch's update-by-query summary, as Kibana passes it through.

import { badRequest } from '../http/errors.js';
import type { RequestContext, Route } from '../http/route.js';
import { matchesQuery, search, type SearchRequest } from '../query/query-dsl.js';
import type { DetectionAlert } from '../state/entities/security.js';
import { now } from '../state/space-store.js';

export const WORKFLOW_STATUS = 'kibana.alert.workflow_status';
export const WORKFLOW_TAGS = 'kibana.alert.workflow_tags';
export const ASSIGNEES = 'kibana.alert.workflow_assignee_ids';

function updateByQueryResult(updated: number) {
  return {
    took: 1,
    timed_out: false,
    total: updated,
    updated,
    deleted: 0,
    batches: 1,
    version_conflicts: 0,
    noops: 0,
    retries: { bulk: 0, search: 0 },
    throttled_millis: 0,
    requests_per_second: -1,
    throttled_until_millis: 0,
    failures: [],
  };
}

function alertsById({ state, space }: RequestContext, ids: string[]): DetectionAlert[] {
  return state.detectionAlerts.list(space).filter((alert) => ids.includes(alert._id));
}

/** Adds and removes values of a list field; the same value on both sides is a 400, as in Kibana. */
function editListField(
  ctx: RequestContext,
  ids: string[],
  field: string,
  change: { add: string[]; remove: string[]; duplicateMessage: string },
) {
  const { add, remove } = change;
  if (add.some((value) => remove.includes(value))) throw badRequest(change.duplicateMessage);
  const alerts = alertsById(ctx, ids);
  for (const alert of alerts) {
    const current = ((alert._source[field] as string[] | undefined) ?? []).filter((value) => !remove.includes(value));
    alert._source[field] = [...new Set([...current, ...add])];
  }
  return updateByQueryResult(alerts.length);
}

export const detectionAlertRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/detection_engine/signals/search',
    handler: ({ state, space, body }) => search(state.detectionAlerts.list(space), body as SearchRequest),
  },
  {
    method: 'POST',
    path: '/api/detection_engine/signals/status',
    handler: (ctx) => {
      const request = ctx.body as { status: string; signal_ids?: string[]; query?: Record<string, unknown> };
      const alerts = request.signal_ids
        ? alertsById(ctx, request.signal_ids)
        : ctx.state.detectionAlerts.list(ctx.space).filter((alert) => matchesQuery(alert, request.query));
      for (const alert of alerts) {
        alert._source[WORKFLOW_STATUS] = request.status;
        alert._source['kibana.alert.workflow_status_updated_at'] = now();
        alert._source['kibana.alert.workflow_user'] = ctx.username;
      }
      return updateByQueryResult(alerts.length);
    },
  },
  {
    method: 'POST',
    path: '/api/detection_engine/signals/tags',
    handler: (ctx) => {
      const { ids, tags } = ctx.body as { ids: string[]; tags: { tags_to_add: string[]; tags_to_remove: string[] } };
      return editListField(ctx, ids, WORKFLOW_TAGS, {
        add: tags.tags_to_add,
        remove: tags.tags_to_remove,
        duplicateMessage: 'Duplicate tags were found in the tags_to_add and tags_to_remove parameters.',
      });
    },
  },
  {
    method: 'POST',
    path: '/api/detection_engine/signals/assignees',
    handler: (ctx) => {
      const { ids, assignees } = ctx.body as { ids: string[]; assignees: { add: string[]; remove: string[] } };
      return editListField(ctx, ids, ASSIGNEES, {
        ...assignees,
        duplicateMessage: 'Duplicate assignees were found in the add and remove parameters.',
      });
    },
  },
];
