// What the Fleet routes share: lookups with Fleet's 404 messages, the derived facts of an agent
// (its integrations, whether it checks in), and Fleet's paged list answer.

import { notFound } from '../../http/errors.js';
import { matchesKql } from '../../query/kql.js';
import { compareValues, paginate } from '../../query/paging.js';
import type { Agent, AgentPolicy, PackagePolicy } from '../../state/entities/fleet.js';
import { boolean, type JsonSchema, number, object, oneOfValues, string } from '../../validation/json-schema.js';
import type { SandboxState } from '../../state/index.js';
import { now } from '../../state/space-store.js';

export function requireAgent(state: SandboxState, id: string): Agent {
  const agent = state.fleet.agents.get(id);
  if (!agent) throw notFound(`Agent ${id} not found`);
  return agent;
}

export function requireAgentPolicy(state: SandboxState, id: string): AgentPolicy {
  const policy = state.fleet.agentPolicies.get(id);
  if (!policy) throw notFound(`Agent policy ${id} not found`);
  return policy;
}

export function requirePackagePolicy(state: SandboxState, id: string): PackagePolicy {
  const policy = state.fleet.packagePolicies.get(id);
  if (!policy) throw notFound(`Package policy ${id} not found`);
  return policy;
}

export const packagePoliciesOf = (state: SandboxState, agentPolicyId: string): PackagePolicy[] =>
  [...state.fleet.packagePolicies.values()].filter((policy) => policy.policy_ids.includes(agentPolicyId));

/** The integrations an agent runs: those of its policy. */
export const packagesOf = (state: SandboxState, agent: Agent): string[] => [
  ...new Set(packagePoliciesOf(state, agent.policy_id).map((policy) => policy.package.name)),
];

/** Enrolled and seen in the inactivity timeout: what Fleet lists and selects unless told to include inactive agents. */
export const isCurrent = (agent: Agent): boolean => agent.active && agent.status !== 'inactive';

/** Agents that check in pick up an action at once; the others never do until they come back. */
export const checksIn = (agent: Agent): boolean => ['online', 'error', 'degraded', 'updating'].includes(agent.status);

/** A change to an agent policy, as Fleet records it: a new revision, by whom and when. */
export function bumpRevision(policy: AgentPolicy, username: string): void {
  policy.revision += 1;
  policy.updated_at = now();
  policy.updated_by = username;
}

/** How policies are answered: their inputs as a map (simplified) or a list (legacy). */
export const formatQuery = object({ format: oneOfValues('simplified', 'legacy') });

/** The query of Fleet's policy lists, with the parameters a list adds. */
export const policyListQuery = (extra: Record<string, JsonSchema>): JsonSchema =>
  object({
    page: number(),
    perPage: number(),
    sortField: string(),
    sortOrder: oneOfValues('desc', 'asc'),
    showUpgradeable: boolean(),
    kuery: string(),
    format: oneOfValues('simplified', 'legacy'),
    ...extra,
  });

export interface FleetListQuery {
  page?: number;
  perPage?: number;
  kuery?: string;
  sortField?: string;
  sortOrder?: string;
}

/**
 * Fleet's paged list: KQL over the objects (with the saved-object prefix Fleet accepts, such as
 * `fleet-agents.status`), sorted (newest `defaultSort` first by default), one page.
 */
export function fleetPage<T extends object>(items: T[], query: FleetListQuery, kqlPrefix: string, defaultSort: keyof T & string) {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 20;
  const field = (query.sortField ?? defaultSort) as keyof T;
  const direction = (query.sortOrder ?? 'desc') === 'desc' ? -1 : 1;
  const prefix = new RegExp(`^${kqlPrefix.replace(/[.-]/g, '\\$&')}\\.`);
  const found = items
    .filter((item) => matchesKql(query.kuery ?? '', item, (name) => name.replace(prefix, '')))
    .sort((a, b) => direction * compareValues(a[field], b[field]));
  return { found, items: paginate(found, page, perPage), total: found.length, page, perPage };
}
