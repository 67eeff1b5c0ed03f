// Hosts running Elastic Defend: the Fleet agents whose policy holds the `endpoint` integration.
// Their metadata is derived from the agent, and their isolation from the response actions.

import { notFound } from '../../http/errors.js';
import type { Route } from '../../http/route.js';
import { matchesKql } from '../../query/kql.js';
import { compareValues, paginate } from '../../query/paging.js';
import { fieldValues } from '../../query/fields.js';
import type { Agent } from '../../state/entities/fleet.js';
import type { SandboxState } from '../../state/index.js';
import { packagePoliciesOf } from '../fleet/common.js';

const ENDPOINT_PACKAGE = 'endpoint';

/** Fleet's agent status as the endpoint list calls it. */
const HOST_STATUS: Record<string, string> = {
  online: 'healthy',
  offline: 'offline',
  error: 'unhealthy',
  degraded: 'unhealthy',
  updating: 'updating',
  enrolling: 'updating',
  inactive: 'inactive',
  unenrolling: 'unenrolled',
  unenrolled: 'unenrolled',
};

export function endpointPolicy(state: SandboxState, agent: Agent) {
  return packagePoliciesOf(state, agent.policy_id).find((policy) => policy.package.name === ENDPOINT_PACKAGE);
}

export function isEndpointHost(state: SandboxState, agent: Agent): boolean {
  return agent.active && endpointPolicy(state, agent) !== undefined;
}

/** Whether the last completed isolate or release of the host isolated it. */
export function isIsolated(state: SandboxState, agentId: string): boolean {
  const last = state.responseActions
    .filter((action) => (action.command === 'isolate' || action.command === 'unisolate') && action.agentState[agentId]?.isCompleted)
    .at(-1);
  return last?.command === 'isolate';
}

export function requireEndpointHost(state: SandboxState, id: string): Agent {
  const agent = state.fleet.agents.get(id);
  if (!agent || !isEndpointHost(state, agent)) throw notFound(`Endpoint host [${id}] not found`);
  return agent;
}

export function hostInfo(state: SandboxState, agent: Agent) {
  const policy = endpointPolicy(state, agent)!;
  const agentPolicy = state.fleet.agentPolicies.get(agent.policy_id);
  const { host, os } = agent.local_metadata;
  return {
    metadata: {
      '@timestamp': Date.parse(agent.last_checkin),
      agent: { id: agent.id, version: agent.agent.version, type: 'endpoint' },
      elastic: { agent: { id: agent.id } },
      host: { ...host, id: agent.id, os: { ...os, full: os.name } },
      Endpoint: {
        status: 'enrolled',
        state: { isolation: isIsolated(state, agent.id) },
        policy: {
          applied: {
            id: policy.id,
            name: policy.name,
            status: 'success',
            endpoint_policy_version: policy.revision,
            version: policy.revision,
          },
        },
        capabilities: ['isolation', 'kill_process', 'suspend_process', 'running_processes', 'get_file', 'execute', 'upload_file'],
      },
      event: {
        kind: 'metric',
        module: 'endpoint',
        action: 'endpoint_metadata',
        dataset: 'endpoint.metadata',
        created: Date.parse(agent.last_checkin),
      },
    },
    host_status: HOST_STATUS[agent.status] ?? 'unhealthy',
    last_checkin: agent.last_checkin,
    policy_info: {
      agent: {
        applied: { id: agent.policy_id, revision: agent.policy_revision ?? 0 },
        configured: { id: agent.policy_id, revision: agentPolicy?.revision ?? 0 },
      },
      endpoint: { id: policy.id, revision: policy.revision },
    },
  };
}

type HostInfo = ReturnType<typeof hostInfo>;

/** KQL over the endpoint list reads `united.endpoint.*` (the metadata) and `united.agent.*` (the Fleet agent). */
const kqlDocument = (info: HostInfo, agent: Agent) => ({ ...info, united: { endpoint: info.metadata, agent } });

export const endpointHostRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/endpoint/metadata',
    handler: ({ state, query }) => {
      const page = (query.page as number | undefined) ?? 1;
      const pageSize = (query.pageSize as number | undefined) ?? 10;
      const statuses = query.hostStatuses as string[] | undefined;
      const sortField = (query.sortField as string | undefined) ?? 'enrolled_at';
      const sortDirection = (query.sortDirection as string | undefined) ?? 'desc';
      const found = [...state.fleet.agents.values()]
        .filter((agent) => isEndpointHost(state, agent))
        .map((agent) => ({ agent, info: hostInfo(state, agent) }))
        .filter(({ info }) => statuses === undefined || statuses.length === 0 || statuses.includes(info.host_status))
        .filter(({ agent, info }) => matchesKql(String(query.kuery ?? ''), kqlDocument(info, agent)))
        .sort((a, b) => (sortDirection === 'desc' ? -1 : 1) * compareValues(sortValue(a, sortField), sortValue(b, sortField)));
      return {
        data: paginate(found, page, pageSize).map(({ info }) => info),
        total: found.length,
        page,
        pageSize,
        sortField,
        sortDirection,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/endpoint/metadata/{id}',
    handler: ({ state, params }) => hostInfo(state, requireEndpointHost(state, params.id!)),
  },
  {
    method: 'GET',
    path: '/api/endpoint/policy_response',
    handler: ({ state, query }) => {
      const agent = requireEndpointHost(state, String(query.agentId ?? ''));
      const applied = hostInfo(state, agent).metadata.Endpoint.policy.applied;
      return {
        policy_response: {
          '@timestamp': agent.last_checkin,
          agent: { id: agent.id, version: agent.agent.version },
          Endpoint: {
            policy: { applied: { ...applied, response: { configurations: { malware: { status: 'success', concerned_actions: [] } } } } },
          },
        },
      };
    },
  },
];

function sortValue({ agent, info }: { agent: Agent; info: HostInfo }, field: string): unknown {
  if (field === 'enrolled_at' || field === 'last_checkin') return agent[field];
  if (field === 'host_status') return info.host_status;
  return fieldValues(info, field)[0];
}
