// Service-level objectives. Their spec paths carry the space (`/s/{spaceId}/api/observability/slos`);
// the router serves them with and without the prefix, like every space-aware route.

import { conflict, notFound } from '../http/errors.js';
import { noContent } from '../http/reply.js';
import type { RequestContext, Route } from '../http/route.js';
import { matchesKql } from '../query/kql.js';
import { compareValues, paginate } from '../query/paging.js';
import type { Slo } from '../state/entities/slos.js';
import type { SandboxState } from '../state/index.js';
import { cloneJson, newId, now } from '../state/space-store.js';

const BASE = '/api/observability/slos';

export function newSlo(body: Partial<Slo>, sliValue = 0.999): Slo {
  return {
    tags: [],
    groupBy: '*',
    ...cloneJson(body),
    settings: { syncDelay: '1m', frequency: '1m', preventInitialBackfill: false, ...body.settings },
    id: body.id ?? newId(),
    enabled: true,
    revision: 1,
    version: 2,
    createdAt: now(),
    updatedAt: now(),
    sliValue,
  } as Slo;
}

function definition(slo: Slo) {
  const { sliValue: _sliValue, ...fields } = slo;
  return fields;
}

function withSummary(slo: Slo) {
  const initial = 1 - slo.objective.target;
  const consumed = initial > 0 ? Math.max(0, (1 - slo.sliValue) / initial) : 0;
  const status = !slo.enabled ? 'NO_DATA' : consumed >= 1 ? 'VIOLATED' : consumed >= 0.75 ? 'DEGRADING' : 'HEALTHY';
  return {
    ...definition(slo),
    instanceId: '*',
    summary: {
      status,
      sliValue: slo.sliValue,
      errorBudget: { initial, consumed, remaining: 1 - consumed, isEstimated: false },
    },
  };
}

function requireSlo(state: SandboxState, space: string, id: string): Slo {
  const slo = state.slos.get(space, id);
  if (!slo) throw notFound(`SLO [${id}] not found`);
  return slo;
}

const SORT_KEYS: Record<string, (slo: ReturnType<typeof withSummary>) => unknown> = {
  sli_value: (slo) => slo.summary.sliValue,
  status: (slo) => slo.summary.status,
  error_budget_consumed: (slo) => slo.summary.errorBudget.consumed,
  error_budget_remaining: (slo) => slo.summary.errorBudget.remaining,
};

function findSlos({ state, space, query }: RequestContext) {
  const page = (query.page as number | undefined) ?? 1;
  const perPage = (query.perPage as number | undefined) ?? 25;
  const sortKey = SORT_KEYS[String(query.sortBy ?? 'status')] ?? SORT_KEYS.status!;
  const direction = query.sortDirection === 'desc' ? -1 : 1;
  const results = state.slos
    .list(space)
    .filter((slo) => matchesKql(String(query.kqlQuery ?? ''), slo, (field) => field.replace(/^slo\./, '')))
    .map(withSummary)
    .sort((a, b) => direction * compareValues(sortKey(a), sortKey(b)));
  return { page, perPage, total: results.length, results: paginate(results, page, perPage) };
}

function setEnabled(enabled: boolean) {
  return ({ state, space, params }: RequestContext) => {
    Object.assign(requireSlo(state, space, params.sloId!), { enabled, updatedAt: now() });
    return noContent();
  };
}

/** Kibana deletes the instances' data by query and answers 204 whether or not any matched; so does the sandbox. */
function deleteInstances({ state, space, body }: RequestContext) {
  const { list } = body as { list: Array<{ sloId: string; instanceId: string }> };
  state.sloInstanceDeletions.push(...list.map(({ sloId, instanceId }) => ({ space, sloId, instanceId })));
  return noContent();
}

export const sloRoutes: Route[] = [
  { method: 'GET', path: BASE, handler: findSlos },
  { method: 'POST', path: `${BASE}/_delete_instances`, handler: deleteInstances },
  {
    method: 'POST',
    path: BASE,
    handler: ({ state, space, body }) => {
      const slo = newSlo(body as Partial<Slo>);
      if (state.slos.has(space, slo.id)) throw conflict(`SLO [${slo.id}] already exists`);
      state.slos.set(space, slo.id, slo);
      return { id: slo.id };
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{sloId}`,
    handler: ({ state, space, params }) => withSummary(requireSlo(state, space, params.sloId!)),
  },
  {
    method: 'PUT',
    path: `${BASE}/{sloId}`,
    handler: ({ state, space, params, body }) => {
      const slo = requireSlo(state, space, params.sloId!);
      const { id: _id, ...changes } = cloneJson(body as Partial<Slo>);
      Object.assign(slo, changes, { revision: slo.revision + 1, updatedAt: now() });
      return definition(slo);
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/{sloId}`,
    handler: ({ state, space, params }) => {
      state.slos.delete(space, requireSlo(state, space, params.sloId!).id);
      return noContent();
    },
  },
  { method: 'POST', path: `${BASE}/{sloId}/enable`, handler: setEnabled(true) },
  { method: 'POST', path: `${BASE}/{sloId}/disable`, handler: setEnabled(false) },
  {
    method: 'POST',
    path: `${BASE}/{sloId}/_reset`,
    handler: ({ state, space, params }) => {
      const slo = requireSlo(state, space, params.sloId!);
      slo.updatedAt = now();
      return definition(slo);
    },
  },
];
