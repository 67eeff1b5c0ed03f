// Osquery live queries: recorded per space and answered from canned results, never sent to a host.
// A query reaches the osquery agents it selects (by id, platform, policy, or all); those that check
// in answer at once with the rows a host of that kind would return.

import { badRequest, notFound } from '../http/errors.js';
import type { Route } from '../http/route.js';
import { matchesKql } from '../query/kql.js';
import { compareValues, paginate } from '../query/paging.js';
import type { LiveQuery } from '../state/entities/endpoint.js';
import type { Agent } from '../state/entities/fleet.js';
import type { SandboxState } from '../state/index.js';
import { newId, now } from '../state/space-store.js';
import { checksIn, isCurrent, packagesOf } from './fleet/common.js';

const OSQUERY_PACKAGE = 'osquery_manager';
const RESULTS_INDEX = 'logs-osquery_manager.result-default';
const EXPIRY_MS = 5 * 60_000;

interface LiveQueryBody {
  agent_all?: boolean;
  agent_ids?: string[];
  agent_platforms?: string[];
  agent_policy_ids?: string[];
  query?: string;
  queries?: { id?: string; query: string; ecs_mapping?: unknown; platform?: string }[];
  ecs_mapping?: unknown;
  metadata?: unknown;
  pack_id?: string;
  saved_query_id?: string;
  alert_ids?: string[];
  case_ids?: string[];
}

/** Osquery's platform name for an agent's OS. */
const platformOf = (agent: Agent): string => (agent.local_metadata.os.family === 'debian' ? 'linux' : agent.local_metadata.os.family);

function selectAgents(state: SandboxState, body: LiveQueryBody): string[] {
  const candidates = [...state.fleet.agents.values()].filter(
    (agent) => isCurrent(agent) && packagesOf(state, agent).includes(OSQUERY_PACKAGE),
  );
  const chosen = candidates.filter(
    (agent) =>
      body.agent_all === true ||
      (body.agent_ids ?? []).includes(agent.id) ||
      (body.agent_platforms ?? []).includes(platformOf(agent)) ||
      (body.agent_policy_ids ?? []).includes(agent.policy_id),
  );
  return chosen.map((agent) => agent.id);
}

function queriesOf(body: LiveQueryBody): LiveQuery['queries'] {
  const given = body.queries ?? (body.query === undefined ? [] : [{ query: body.query, ecs_mapping: body.ecs_mapping }]);
  if (given.length === 0) {
    const source = body.pack_id ? 'packs' : body.saved_query_id ? 'saved queries' : undefined;
    throw badRequest(
      source
        ? `[request body]: the sandbox runs inline queries only; it does not simulate ${source}`
        : '[request body]: a query or queries is required',
    );
  }
  return given.map((query, index) => ({ ...query, id: query.id ?? `query-${index + 1}`, action_id: newId() }));
}

/** Rows an osquery table would give on a host, for the tables the demo knows; others give none. */
function cannedRows(query: string, agent: Agent): Record<string, unknown>[] {
  const table = /\bfrom\s+([a-z_]+)/i.exec(query)?.[1]?.toLowerCase();
  const { host, os } = agent.local_metadata;
  switch (table) {
    case 'uptime':
      return [{ days: '3', hours: '4', minutes: '12', seconds: '9', total_seconds: '274329' }];
    case 'os_version':
      return [{ name: os.name, platform: os.platform, version: os.name.replace(/^\D+/, '') }];
    case 'system_info':
      return [{ hostname: host.hostname, cpu_brand: 'Sandbox CPU @ 2.40GHz', physical_memory: '17179869184' }];
    case 'users':
      return ['root', 'svc-backup', 'ana'].map((username, index) => ({ username, uid: String(index === 0 ? 0 : 1000 + index) }));
    case 'processes':
      return [
        { pid: '1', name: 'init', path: '/sbin/init' },
        { pid: '812', name: 'sshd', path: '/usr/sbin/sshd' },
      ];
    default:
      return [];
  }
}

function requireLiveQuery(state: SandboxState, space: string, id: string): LiveQuery {
  const found = state.liveQueries.get(space, id);
  if (!found) throw notFound(`Live query [${id}] not found`);
  return found;
}

const respondingAgents = (state: SandboxState, liveQuery: LiveQuery) =>
  liveQuery.agents.map((id) => state.fleet.agents.get(id)).filter((agent): agent is Agent => agent !== undefined && checksIn(agent));

function details(state: SandboxState, liveQuery: LiveQuery) {
  const responders = respondingAgents(state, liveQuery);
  const expired = Date.now() > Date.parse(liveQuery.expiration);
  const queries = liveQuery.queries.map((query) => {
    const docs = responders.reduce((sum, agent) => sum + cannedRows(query.query, agent).length, 0);
    const pending = liveQuery.agents.length - responders.length;
    return {
      ...query,
      agents: liveQuery.agents,
      docs,
      successful: responders.length,
      failed: 0,
      pending: expired ? 0 : pending,
      responded: responders.length,
      status: pending === 0 || expired ? 'completed' : 'running',
    };
  });
  return { ...liveQuery, queries, status: queries.every((query) => query.status === 'completed') ? 'completed' : 'running' };
}

export const osqueryRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/osquery/live_queries',
    handler: ({ state, space, body, username }) => {
      const request = body as LiveQueryBody;
      const queries = queriesOf(request);
      const agents = selectAgents(state, request);
      if (agents.length === 0) throw badRequest('No agents found for selection');
      const created = now();
      const liveQuery: LiveQuery = {
        action_id: newId(),
        '@timestamp': created,
        expiration: new Date(Date.parse(created) + EXPIRY_MS).toISOString(),
        agent_ids: request.agent_ids ?? [],
        agent_all: request.agent_all ?? false,
        agent_platforms: request.agent_platforms ?? [],
        agent_policy_ids: request.agent_policy_ids ?? [],
        agents,
        user_id: username,
        ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
        ...(request.alert_ids === undefined ? {} : { alert_ids: request.alert_ids }),
        ...(request.case_ids === undefined ? {} : { case_ids: request.case_ids }),
        queries,
      };
      state.liveQueries.set(space, liveQuery.action_id, liveQuery);
      return { data: liveQuery };
    },
  },
  {
    method: 'GET',
    path: '/api/osquery/live_queries',
    handler: ({ state, space, query }) => {
      const page = (query.page as number | undefined) ?? 1;
      const pageSize = (query.pageSize as number | undefined) ?? 20;
      const field = (query.sort as string | undefined) ?? '@timestamp';
      const direction = query.sortOrder === 'asc' ? 1 : -1;
      const sortKey = field === 'createdAt' ? '@timestamp' : field;
      const found = state.liveQueries
        .list(space)
        .filter((liveQuery) => matchesKql(String(query.kuery ?? ''), liveQuery))
        .sort((a, b) => direction * compareValues(a[sortKey as keyof LiveQuery], b[sortKey as keyof LiveQuery]));
      return {
        data: {
          total: found.length,
          items: paginate(found, page, pageSize).map((liveQuery) => ({
            _source: liveQuery,
            fields: {
              action_id: [liveQuery.action_id],
              agents: liveQuery.agents,
              '@timestamp': [liveQuery['@timestamp']],
              user_id: [liveQuery.user_id],
            },
          })),
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/osquery/live_queries/{id}',
    handler: ({ state, space, params }) => ({ data: details(state, requireLiveQuery(state, space, params.id!)) }),
  },
  {
    method: 'GET',
    path: '/api/osquery/live_queries/{id}/results/{actionId}',
    handler: ({ state, space, params, query }) => {
      const liveQuery = requireLiveQuery(state, space, params.id!);
      const subQuery = liveQuery.queries.find((candidate) => candidate.action_id === params.actionId);
      if (!subQuery) throw notFound(`Query [${params.actionId}] of live query [${params.id}] not found`);
      const rows = respondingAgents(state, liveQuery).flatMap((agent) =>
        cannedRows(subQuery.query, agent).map((row, index) => ({
          _id: `${subQuery.action_id}-${agent.id}-${index}`,
          _index: RESULTS_INDEX,
          _source: {
            ...row,
            action_id: subQuery.action_id,
            agent: { id: agent.id, name: agent.local_metadata.host.hostname },
            '@timestamp': liveQuery['@timestamp'],
          },
          fields: { 'agent.id': [agent.id], 'agent.name': [agent.local_metadata.host.hostname] },
        })),
      );
      const page = (query.page as number | undefined) ?? 1;
      const pageSize = (query.pageSize as number | undefined) ?? 20;
      return { data: { total: rows.length, edges: paginate(rows, page, pageSize) } };
    },
  },
];
