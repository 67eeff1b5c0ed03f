// Agent policies: what a group of agents runs. Names are unique; every change is a new revision.

import { conflict } from '../../http/errors.js';
import type { Route } from '../../http/route.js';
import type { AgentPolicy } from '../../state/entities/fleet.js';
import type { SandboxState } from '../../state/index.js';
import { cloneJson, newId, now } from '../../state/space-store.js';
import { array, boolean, number, object, oneOfValues, string } from '../../validation/json-schema.js';
import {
  bumpRevision,
  type FleetListQuery,
  fleetPage,
  formatQuery,
  packagePoliciesOf,
  policyListQuery,
  requireAgentPolicy,
} from './common.js';
import { createPackagePolicy } from './package-policies.js';

const DEFAULT_INACTIVITY_TIMEOUT = 1_209_600;

interface PolicyBody {
  id?: string;
  name: string;
  namespace: string;
  description?: string;
  monitoring_enabled?: string[];
  inactivity_timeout?: number;
  is_protected?: boolean;
  is_default?: boolean;
  is_managed?: boolean;
  has_fleet_server?: boolean;
  [field: string]: unknown;
}

function checkUniqueName(state: SandboxState, name: string, id: string): void {
  const clash = [...state.fleet.agentPolicies.values()].find((policy) => policy.name === name && policy.id !== id);
  if (clash) throw conflict(`Agent Policy '${clash.id}' already exists with name '${name}'`);
}

export function newAgentPolicy(state: SandboxState, body: PolicyBody, username: string): AgentPolicy {
  const { id = newId(), force: _force, ...fields } = cloneJson(body);
  if (state.fleet.agentPolicies.has(id)) throw conflict(`Agent policy ${id} already exists`);
  checkUniqueName(state, body.name, id);
  const policy: AgentPolicy = {
    monitoring_enabled: ['logs', 'metrics'],
    inactivity_timeout: DEFAULT_INACTIVITY_TIMEOUT,
    is_protected: false,
    is_managed: false,
    ...fields,
    id,
    status: 'active',
    revision: 1,
    updated_at: now(),
    updated_by: username,
  };
  state.fleet.agentPolicies.set(id, policy);
  return policy;
}

function policyView(state: SandboxState, policy: AgentPolicy, withPackagePolicies: boolean) {
  const agents = [...state.fleet.agents.values()].filter((agent) => agent.active && agent.policy_id === policy.id).length;
  return { ...policy, agents, ...(withPackagePolicies ? { package_policies: packagePoliciesOf(state, policy.id) } : {}) };
}

const policyProperties = {
  id: string(),
  name: string({ minLength: 1 }),
  namespace: string({ minLength: 1 }),
  description: string(),
  monitoring_enabled: array(oneOfValues('logs', 'metrics', 'traces')),
  inactivity_timeout: number({ minimum: 0 }),
  unenroll_timeout: number({ minimum: 0 }),
  is_protected: boolean(),
  is_default: boolean(),
  is_default_fleet_server: boolean(),
  is_managed: boolean(),
  has_fleet_server: boolean(),
  data_output_id: { type: ['string', 'null'] },
  monitoring_output_id: { type: ['string', 'null'] },
  fleet_server_host_id: { type: ['string', 'null'] },
  download_source_id: { type: ['string', 'null'] },
  space_ids: array(string()),
  global_data_tags: array(object({ name: string(), value: { type: ['string', 'number'] } }, ['name', 'value'])),
  force: boolean(),
};
const REQUIRED = ['name', 'namespace'];

export const agentPolicyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/fleet/agent_policies',
    schema: { query: policyListQuery({ noAgentCount: boolean(), withAgentCount: boolean(), full: boolean() }) },
    handler: ({ state, query }) => {
      const { items, total, page, perPage } = fleetPage(
        [...state.fleet.agentPolicies.values()],
        query as FleetListQuery,
        'ingest-agent-policies',
        'updated_at',
      );
      return { items: items.map((policy) => policyView(state, policy, query.full === true)), total, page, perPage };
    },
  },
  {
    method: 'GET',
    path: '/api/fleet/agent_policies/{agentPolicyId}',
    schema: { query: formatQuery },
    handler: ({ state, params }) => ({ item: policyView(state, requireAgentPolicy(state, params.agentPolicyId!), true) }),
  },
  {
    method: 'POST',
    path: '/api/fleet/agent_policies',
    schema: { query: object({ sys_monitoring: boolean() }), body: object(policyProperties, REQUIRED) },
    handler: ({ state, query, body, username }) => {
      const policy = newAgentPolicy(state, body as PolicyBody, username);
      if (query.sys_monitoring === true) {
        createPackagePolicy(
          state,
          { name: `system-${policy.name}`, namespace: policy.namespace, package: { name: 'system' }, policy_ids: [policy.id] },
          username,
        );
      }
      return { item: policyView(state, policy, true) };
    },
  },
  {
    method: 'PUT',
    path: '/api/fleet/agent_policies/{agentPolicyId}',
    schema: { query: formatQuery, body: object({ ...policyProperties, bumpRevision: boolean() }, REQUIRED) },
    handler: ({ state, params, body, username }) => {
      const policy = requireAgentPolicy(state, params.agentPolicyId!);
      const { id: _id, force: _force, bumpRevision: _bump, ...changes } = cloneJson(body as PolicyBody);
      checkUniqueName(state, changes.name, policy.id);
      Object.assign(policy, changes);
      bumpRevision(policy, username);
      return { item: policyView(state, policy, true) };
    },
  },
];
