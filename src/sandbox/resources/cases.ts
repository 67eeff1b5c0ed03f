// Cases with comments, alert attachments and a user-action history. Updates need the case's
// current version (409 otherwise), as in Kibana. Attached detection alerts record the case, and a
// case that syncs alerts passes its status on to them.

import { badRequest, conflict, HttpError, notFound } from '../http/errors.js';
import { noContent } from '../http/reply.js';
import type { RequestContext, Route } from '../http/route.js';
import { parseDateMath } from '../query/date-math.js';
import { compareValues, paginate } from '../query/paging.js';
import type { Case, CaseComment, CaseFields, CaseUser, CommentBody, UserAction } from '../state/entities/cases.js';
import type { SandboxState } from '../state/index.js';
import { cloneJson, newId, nextVersion, now } from '../state/space-store.js';
import * as schema from '../validation/json-schema.js';
import { WORKFLOW_STATUS } from './detection-alerts.js';

/** The fields a create or an update may set. */
const EDITABLE_FIELDS = [
  'title',
  'description',
  'tags',
  'severity',
  'status',
  'assignees',
  'category',
  'connector',
  'settings',
  'customFields',
] as const;

const caseUser = (username: string): CaseUser => ({ username, full_name: null, email: null });

const alertIds = (comment: CaseComment): string[] => (comment.type === 'alert' ? [comment.alertId].flat() : []);

/** The alert field listing the cases an alert is attached to. */
export const ALERT_CASE_IDS = 'kibana.alert.case_ids';

/** Kibana's translation of a case status into the workflow status of the alerts the case syncs. */
const ALERT_STATUS_OF_CASE: Record<string, string> = { open: 'open', 'in-progress': 'acknowledged', closed: 'closed' };

/** Sets the workflow status of alerts attached to a case (all of them unless given) to the case's status. */
function syncAlertStatus(state: SandboxState, space: string, target: Case, ids: string[] = target.comments.flatMap(alertIds)): void {
  const status = ALERT_STATUS_OF_CASE[target.status] ?? 'open';
  for (const id of ids) {
    const alert = state.detectionAlerts.get(space, id);
    if (alert) alert._source[WORKFLOW_STATUS] = status;
  }
}

/** After alerts are attached: they record the case, and take its status when the case syncs alerts. */
export function linkAlerts(state: SandboxState, space: string, target: Case, ids: string[]): void {
  for (const id of ids) {
    const alert = state.detectionAlerts.get(space, id);
    if (!alert) continue;
    const caseIds = (alert._source[ALERT_CASE_IDS] as string[] | undefined) ?? [];
    alert._source[ALERT_CASE_IDS] = [...new Set([...caseIds, target.id])];
  }
  if (target.settings.syncAlerts) syncAlertStatus(state, space, target, ids);
}

/**
 * Kibana's checks before attaching: the owner must match the case, alerts cannot go into a closed
 * case, and alerts already attached are dropped. Returns the comment to add, or undefined when
 * every alert was attached already.
 */
function commentToAdd(target: Case, body: CommentBody): CommentBody | undefined {
  if (body.owner !== target.owner) throw badRequest('The owner field of the comment must match the case');
  if (body.type !== 'alert') return body;
  if (target.status === 'closed') throw badRequest('Alert cannot be attached to a closed case');
  const attached = new Set(target.comments.flatMap(alertIds));
  const ids = [body.alertId].flat();
  const indices = [body.index].flat();
  const keep = ids
    .map((id, position) => ({ id, position }))
    .filter(({ id, position }) => !attached.has(id) && ids.indexOf(id) === position);
  if (keep.length === 0) return undefined;
  if (keep.length === ids.length) return body;
  const sameLength = indices.length === ids.length;
  return {
    ...body,
    alertId: keep.map(({ id }) => id),
    index: sameLength ? keep.map(({ position }) => indices[position]!) : body.index,
  };
}

function recordAction(
  target: Case,
  username: string,
  action: UserAction['action'],
  type: string,
  payload: Record<string, unknown>,
  commentId: string | null = null,
): void {
  target.userActions.push({
    id: newId(),
    version: nextVersion(),
    action,
    type,
    payload,
    comment_id: commentId,
    created_at: now(),
    created_by: caseUser(username),
    owner: target.owner,
  });
}

export function createCase(state: SandboxState, space: string, fields: CaseFields, username: string): Case {
  const created: Case = {
    severity: 'low',
    assignees: [],
    category: null,
    customFields: [],
    ...cloneJson(fields),
    id: newId(),
    version: nextVersion(),
    status: 'open',
    created_at: now(),
    created_by: caseUser(username),
    updated_at: null,
    updated_by: null,
    closed_at: null,
    closed_by: null,
    duration: null,
    external_service: null,
    comments: [],
    userActions: [],
  };
  recordAction(created, username, 'create', 'create_case', { ...cloneJson(fields), status: 'open' });
  return state.cases.set(space, created.id, created);
}

export function addComment(target: Case, body: CommentBody, username: string): void {
  const comment = {
    ...cloneJson(body),
    id: newId(),
    version: nextVersion(),
    created_at: now(),
    created_by: caseUser(username),
    updated_at: null,
    updated_by: null,
    pushed_at: null,
    pushed_by: null,
  } as CaseComment;
  target.comments.push(comment);
  target.version = nextVersion();
  recordAction(target, username, 'create', 'comment', { comment: cloneJson(body) }, comment.id);
}

function toCaseView(target: Case, withComments = true) {
  const { userActions: _history, comments, ...fields } = target;
  return {
    ...fields,
    comments: withComments ? comments : [],
    totalComment: comments.filter((comment) => comment.type === 'user').length,
    totalAlerts: comments.flatMap(alertIds).length,
  };
}

function requireCase(state: SandboxState, space: string, id: string): Case {
  const found = state.cases.get(space, id);
  if (!found) throw notFound(`Saved object [cases/${id}] not found`);
  return found;
}

function applyUpdate(target: Case, changes: Partial<Case>, username: string): void {
  const changed = EDITABLE_FIELDS.filter(
    (field) => changes[field] !== undefined && JSON.stringify(changes[field]) !== JSON.stringify(target[field]),
  );
  if (changed.length === 0) throw new HttpError(406, 'All update fields are identical to current version.');
  for (const field of changed) {
    Object.assign(target, { [field]: cloneJson(changes[field]) });
    recordAction(target, username, 'update', field, { [field]: changes[field] });
  }
  if (changed.includes('status')) {
    const closed = target.status === 'closed';
    target.closed_at = closed ? now() : null;
    target.closed_by = closed ? caseUser(username) : null;
    target.duration = closed ? Math.round((Date.now() - Date.parse(target.created_at)) / 1000) : null;
  }
  target.updated_at = now();
  target.updated_by = caseUser(username);
  target.version = nextVersion();
}

function updateCases({ state, space, body, username }: RequestContext) {
  const changes = (body as { cases: (Partial<Case> & { id: string; version: string })[] }).cases;
  const missing = changes.filter((change) => !state.cases.has(space, change.id)).map((change) => change.id);
  if (missing.length > 0) throw notFound(`These cases ${missing.join(', ')} do not exist. Please check you have the correct ids.`);
  const stale = changes.filter((change) => state.cases.get(space, change.id)!.version !== change.version).map((change) => change.id);
  if (stale.length > 0)
    throw conflict(`These cases ${stale.join(', ')} has been updated. Please refresh before saving additional updates.`);
  return changes.map(({ id, version: _version, ...fields }) => {
    const target = state.cases.get(space, id)!;
    const { status: previousStatus, settings: previousSettings } = target;
    applyUpdate(target, fields, username);
    // Kibana syncs the alerts when a syncing case changes status, or when syncing is turned on.
    const statusChanged = target.status !== previousStatus && previousSettings.syncAlerts;
    const syncTurnedOn = target.settings.syncAlerts && !previousSettings.syncAlerts;
    if (statusChanged || syncTurnedOn) syncAlertStatus(state, space, target);
    return toCaseView(target);
  });
}

interface FindCasesQuery {
  status?: string;
  severity?: string;
  tags?: string | string[];
  owner?: string | string[];
  reporters?: string | string[];
  assignees?: string | string[];
  category?: string | string[];
  search?: string;
  searchFields?: string | string[];
  from?: string;
  to?: string;
  sortField?: string;
  sortOrder?: string;
  page?: number;
  perPage?: number;
}

const anyOf = (wanted: string | string[] | undefined, actual: string[]): boolean =>
  wanted === undefined || [wanted].flat().some((value) => actual.includes(value));

function matchesCase(target: Case, query: FindCasesQuery): boolean {
  const searchFields = query.searchFields === undefined ? ['title', 'description'] : [query.searchFields].flat();
  const text = searchFields
    .map((field) => String(target[field as keyof Case] ?? ''))
    .join(' ')
    .toLowerCase();
  const created = Date.parse(target.created_at);
  return (
    (query.severity === undefined || target.severity === query.severity) &&
    anyOf(query.tags, target.tags) &&
    anyOf(query.owner, [target.owner]) &&
    anyOf(query.reporters, [target.created_by.username]) &&
    anyOf(
      query.assignees,
      target.assignees.map((assignee) => assignee.uid),
    ) &&
    anyOf(query.category, target.category === null ? [] : [target.category]) &&
    (query.search === undefined || text.includes(query.search.toLowerCase())) &&
    (query.from === undefined || created >= parseDateMath(query.from)) &&
    (query.to === undefined || created <= parseDateMath(query.to))
  );
}

function findCases({ state, space, query }: RequestContext) {
  const request = query as FindCasesQuery;
  const page = request.page ?? 1;
  const perPage = request.perPage ?? 20;
  // Kibana counts statuses over the other filters, ignoring the status filter itself.
  const matching = state.cases.list(space).filter((target) => matchesCase(target, request));
  const countOf = (status: string) => matching.filter((target) => target.status === status).length;
  const field = (request.sortField ?? 'createdAt').replace(/At$/, '_at') as keyof Case;
  const direction = request.sortOrder === 'asc' ? 1 : -1;
  const found = matching
    .filter((target) => request.status === undefined || target.status === request.status)
    .sort((a, b) => direction * compareValues(a[field], b[field]));
  return {
    cases: paginate(found, page, perPage).map((target) => toCaseView(target, false)),
    page,
    per_page: perPage,
    total: found.length,
    count_open_cases: countOf('open'),
    count_in_progress_cases: countOf('in-progress'),
    count_closed_cases: countOf('closed'),
  };
}

function sortedPage<T extends { created_at: string }>(items: T[], query: Record<string, unknown>) {
  const page = (query.page as number | undefined) ?? 1;
  const perPage = (query.perPage as number | undefined) ?? 20;
  const direction = query.sortOrder === 'asc' ? 1 : -1;
  const sorted = [...items].sort((a, b) => direction * compareValues(a.created_at, b.created_at));
  return { page, perPage, total: items.length, items: paginate(sorted, page, perPage) };
}

const casesOfOwner = (state: SandboxState, space: string, owner: unknown): Case[] =>
  state.cases.list(space).filter((target) => anyOf(owner as string | string[] | undefined, [target.owner]));

export const caseRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/cases',
    handler: ({ state, space, body, username }) => toCaseView(createCase(state, space, body as CaseFields, username)),
  },
  { method: 'GET', path: '/api/cases/_find', handler: findCases },
  { method: 'PATCH', path: '/api/cases', handler: updateCases },
  {
    method: 'DELETE',
    path: '/api/cases',
    handler: ({ state, space, query }) => {
      const ids = query.ids as string[];
      for (const id of ids) requireCase(state, space, id);
      for (const id of ids) state.cases.delete(space, id);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}',
    handler: ({ state, space, params }) => toCaseView(requireCase(state, space, params.caseId!)),
  },
  {
    method: 'POST',
    path: '/api/cases/{caseId}/comments',
    handler: ({ state, space, params, body, username }) => {
      const target = requireCase(state, space, params.caseId!);
      const comment = commentToAdd(target, body as CommentBody);
      if (comment) {
        addComment(target, comment, username);
        if (comment.type === 'alert') linkAlerts(state, space, target, [comment.alertId].flat());
      }
      return toCaseView(target);
    },
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}/comments/_find',
    handler: ({ state, space, params, query }) => {
      const { page, perPage, total, items } = sortedPage(requireCase(state, space, params.caseId!).comments, query);
      return { page, per_page: perPage, total, comments: items };
    },
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}/alerts',
    handler: ({ state, space, params }) =>
      requireCase(state, space, params.caseId!).comments.flatMap((comment) =>
        comment.type === 'alert'
          ? alertIds(comment).map((id, index) => ({
              id,
              index: [comment.index].flat()[index] ?? [comment.index].flat()[0],
              attached_at: comment.created_at,
            }))
          : [],
      ),
  },
  {
    method: 'GET',
    path: '/api/cases/alerts/{alertId}',
    handler: ({ state, space, params, query }) =>
      casesOfOwner(state, space, query.owner)
        .filter((target) => target.comments.some((comment) => alertIds(comment).includes(params.alertId!)))
        .map((target) => {
          const view = toCaseView(target, false);
          return {
            id: view.id,
            title: view.title,
            description: view.description,
            status: view.status,
            createdAt: view.created_at,
            totals: { alerts: view.totalAlerts, userComments: view.totalComment },
          };
        }),
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}/user_actions/_find',
    handler: ({ state, space, params, query }) => {
      const types = query.types as string[] | undefined;
      const actions = requireCase(state, space, params.caseId!).userActions.filter(
        (action) =>
          types === undefined ||
          types.includes(action.type) ||
          types.includes(String((action.payload.comment as CommentBody | undefined)?.type)),
      );
      const { page, perPage, total, items } = sortedPage(actions, query);
      return { page, perPage, total, userActions: items };
    },
  },
  {
    method: 'GET',
    path: '/api/cases/tags',
    handler: ({ state, space, query }) => [...new Set(casesOfOwner(state, space, query.owner).flatMap((target) => target.tags))].sort(),
  },
  {
    method: 'GET',
    path: '/api/cases/reporters',
    schema: { query: schema.object({ owner: schema.anyOf(schema.string(), schema.array(schema.string())) }) },
    handler: ({ state, space, query }) => {
      const reporters = new Map(casesOfOwner(state, space, query.owner).map((target) => [target.created_by.username, target.created_by]));
      return [...reporters.values()];
    },
  },
];
