// Fleet agents: list (KQL `kuery`, such as `status:offline`), read, status summary, and the actions
// Fleet sends them, one agent at a time or in bulk.

import type { RequestContext, Route } from '../../http/route.js';
import type { Agent } from '../../state/entities/fleet.js';
import type { SandboxState } from '../../state/index.js';
import { anyOf, array, boolean, nullable, number, object, oneOfValues, string } from '../../validation/json-schema.js';
import { type ActionRequest, actionStatus, checkAction, selectAgents, sendAction } from './agent-actions.js';
import { type FleetListQuery, fleetPage, isCurrent, packagesOf, requireAgent } from './common.js';

function agentView(state: SandboxState, agent: Agent) {
  return { ...agent, packages: packagesOf(state, agent) };
}

/** Fleet's summary buckets: errors include degraded agents, updating includes (un)enrolling ones. */
function statusSummary(agents: Agent[]) {
  const count = (...statuses: string[]) => agents.filter((agent) => statuses.includes(agent.status)).length;
  const online = count('online');
  const error = count('error', 'degraded');
  const offline = count('offline');
  const updating = count('updating', 'enrolling', 'unenrolling');
  const all = online + error + offline + updating;
  return {
    online,
    error,
    offline,
    updating,
    inactive: count('inactive'),
    unenrolled: count('unenrolled'),
    orphaned: 0,
    uninstalled: 0,
    other: 0,
    events: 0,
    all,
    active: all - offline,
  };
}

interface AgentListQuery extends FleetListQuery {
  showInactive?: boolean;
  getStatusSummary?: boolean;
}

function listAgents({ state, query }: RequestContext) {
  const request = query as AgentListQuery;
  const visible = [...state.fleet.agents.values()].filter((agent) => request.showInactive === true || isCurrent(agent));
  const { found, items, total, page, perPage } = fleetPage(visible, request, 'fleet-agents', 'enrolled_at');
  const statusSummary: Record<string, number> = {};
  for (const agent of found) statusSummary[agent.status] = (statusSummary[agent.status] ?? 0) + 1;
  return {
    items: items.map((agent) => agentView(state, agent)),
    total,
    page,
    perPage,
    ...(request.getStatusSummary ? { statusSummary } : {}),
  };
}

const AGENTS_SELECTOR = anyOf(array(string()), string());
const bulk = (properties: Record<string, unknown>, required: string[] = []) =>
  object({ agents: AGENTS_SELECTOR, batchSize: number(), includeInactive: boolean(), ...properties }, ['agents', ...required]);

/** One agent: Fleet refuses it with an error; the answer is an empty object. */
function singleAction(request: (ctx: RequestContext) => ActionRequest & { force?: boolean }) {
  return (ctx: RequestContext) => {
    const agent = requireAgent(ctx.state, ctx.params.agentId!);
    const { force, ...action } = request(ctx);
    checkAction(ctx.state, agent, action, force);
    sendAction(ctx.state, [agent.id], action, force);
    return {};
  };
}

/** Many agents: failures are counted in the action's status; the answer is its id. */
function bulkAction(request: (body: Record<string, unknown>) => ActionRequest & { force?: boolean }) {
  return ({ state, body }: RequestContext) => {
    const fields = body as { agents: string | string[]; includeInactive?: boolean };
    const { force, ...action } = request(body as Record<string, unknown>);
    return { actionId: sendAction(state, selectAgents(state, fields.agents, fields.includeInactive), action, force).actionId };
  };
}

const unenrollType = (body: unknown) => {
  const { force, revoke } = (body ?? {}) as { force?: boolean; revoke?: boolean };
  return { type: force || revoke ? 'FORCE_UNENROLL' : 'UNENROLL', force } as const;
};

export const agentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/fleet/agents',
    schema: {
      query: object(
        {
          page: number(),
          perPage: number(),
          kuery: string(),
          showInactive: boolean(),
          showAgentless: boolean(),
          withMetrics: boolean(),
          showUpgradeable: boolean(),
          getStatusSummary: boolean(),
          sortField: string(),
          sortOrder: oneOfValues('asc', 'desc'),
        },
        [],
      ),
    },
    handler: listAgents,
  },
  {
    method: 'GET',
    path: '/api/fleet/agents/{agentId}',
    schema: { query: object({ withMetrics: boolean() }) },
    handler: ({ state, params }) => ({ item: agentView(state, requireAgent(state, params.agentId!)) }),
  },
  {
    method: 'GET',
    path: '/api/fleet/agent_status',
    schema: { query: object({ policyId: string(), policyIds: anyOf(array(string()), string()), kuery: string() }) },
    handler: ({ state, query }) => {
      const policyIds = [query.policyId ?? [], query.policyIds ?? []].flat() as string[];
      const agents = [...state.fleet.agents.values()].filter((agent) => policyIds.length === 0 || policyIds.includes(agent.policy_id));
      const ids = new Set(selectAgents(state, String(query.kuery ?? ''), true));
      return { results: statusSummary(agents.filter((agent) => ids.has(agent.id))) };
    },
  },
  {
    method: 'GET',
    path: '/api/fleet/agents/action_status',
    schema: { query: object({ page: number(), perPage: number(), date: string(), latest: number(), errorSize: number() }) },
    handler: ({ state, query }) => {
      const page = (query.page as number | undefined) ?? 0;
      const perPage = (query.perPage as number | undefined) ?? 20;
      const newestFirst = [...state.fleet.actions].reverse();
      return { items: newestFirst.slice(page * perPage, (page + 1) * perPage).map(actionStatus) };
    },
  },
  {
    method: 'POST',
    path: '/api/fleet/agents/{agentId}/unenroll',
    schema: { body: nullable(object({ force: boolean(), revoke: boolean() })) },
    handler: singleAction(({ body }) => unenrollType(body)),
  },
  {
    method: 'POST',
    path: '/api/fleet/agents/{agentId}/reassign',
    schema: { body: object({ policy_id: string() }, ['policy_id']) },
    handler: singleAction(({ body }) => ({ type: 'POLICY_REASSIGN', policyId: (body as { policy_id: string }).policy_id })),
  },
  {
    method: 'POST',
    path: '/api/fleet/agents/{agentId}/upgrade',
    schema: { body: object({ version: string(), force: boolean(), skipRateLimitCheck: boolean(), source_uri: string() }, ['version']) },
    handler: singleAction(({ body }) => {
      const { version, force } = body as { version: string; force?: boolean };
      return { type: 'UPGRADE', version, force };
    }),
  },
  {
    method: 'POST',
    path: '/api/fleet/agents/bulk_unenroll',
    schema: { body: bulk({ force: boolean(), revoke: boolean() }) },
    handler: bulkAction(unenrollType),
  },
  {
    method: 'POST',
    path: '/api/fleet/agents/bulk_reassign',
    schema: { body: bulk({ policy_id: string() }, ['policy_id']) },
    handler: bulkAction((body) => ({ type: 'POLICY_REASSIGN', policyId: String(body.policy_id) })),
  },
  {
    method: 'POST',
    path: '/api/fleet/agents/bulk_upgrade',
    schema: {
      body: bulk(
        {
          version: string(),
          force: boolean(),
          skipRateLimitCheck: boolean(),
          source_uri: string(),
          rollout_duration_seconds: number({ minimum: 600 }),
          start_time: string(),
        },
        ['version'],
      ),
    },
    handler: bulkAction((body) => ({ type: 'UPGRADE', version: String(body.version), force: body.force === true })),
  },
  {
    method: 'POST',
    path: '/api/fleet/agents/bulk_update_agent_tags',
    schema: { body: bulk({ tagsToAdd: array(string()), tagsToRemove: array(string()) }) },
    handler: bulkAction((body) => ({
      type: 'UPDATE_TAGS',
      tagsToAdd: (body.tagsToAdd as string[] | undefined) ?? [],
      tagsToRemove: (body.tagsToRemove as string[] | undefined) ?? [],
    })),
  },
];
