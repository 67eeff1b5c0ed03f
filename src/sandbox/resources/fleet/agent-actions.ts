// What Fleet does when it sends an action to agents: unenrol, reassign, upgrade, retag. The sandbox
// records the action; agents that check in acknowledge it at once and its effect shows, the others
// keep it pending (as an offline agent would), which the action status reports.

import { badRequest, HttpError } from '../../http/errors.js';
import { isAtLeast } from '../../../kibana/versions.js';
import { matchesKql } from '../../query/kql.js';
import type { Agent, FleetAction, FleetActionType } from '../../state/entities/fleet.js';
import type { SandboxState } from '../../state/index.js';
import { newId, now, recordBounded } from '../../state/space-store.js';
import { checksIn, isCurrent, requireAgentPolicy } from './common.js';

export interface ActionRequest {
  type: FleetActionType;
  version?: string;
  policyId?: string;
  tagsToAdd?: string[];
  tagsToRemove?: string[];
}

/** Refuses what Fleet refuses before sending anything: a hosted policy's agents, an impossible upgrade. */
export function checkAction(state: SandboxState, agent: Agent, request: ActionRequest, force = false): void {
  const policy = state.fleet.agentPolicies.get(agent.policy_id);
  if (policy?.is_managed && (request.type === 'UNENROLL' || request.type === 'POLICY_REASSIGN') && !force) {
    throw badRequest(
      `Cannot ${request.type === 'UNENROLL' ? 'unenroll' : 'reassign'} agent ${agent.id} from hosted agent policy ${policy.id}`,
    );
  }
  if (request.type === 'POLICY_REASSIGN') requireAgentPolicy(state, request.policyId!);
  if (request.type === 'UPGRADE') {
    const version = request.version!;
    if (!isAtLeast(state.version, version)) {
      throw badRequest(
        `Cannot upgrade agent ${agent.id} to ${version} because it is higher than the installed kibana version ${state.version}`,
      );
    }
    if (!force && isAtLeast(agent.agent.version, version)) {
      throw badRequest(`Agent ${agent.id} is not upgradeable: it already runs version ${agent.agent.version}`);
    }
  }
}

function applyOnSend(agent: Agent, request: ActionRequest, actionId: string): void {
  const timestamp = now();
  switch (request.type) {
    case 'UNENROLL':
      agent.status = 'unenrolling';
      agent.unenrollment_started_at = timestamp;
      break;
    case 'FORCE_UNENROLL':
      Object.assign(agent, { status: 'unenrolled', active: false, unenrolled_at: timestamp });
      break;
    case 'POLICY_REASSIGN':
      Object.assign(agent, { policy_id: request.policyId, policy_revision: null });
      break;
    case 'UPGRADE':
      agent.upgrade_started_at = timestamp;
      agent.upgrade_details = { action_id: actionId, state: 'UPG_REQUESTED', target_version: request.version! };
      break;
    case 'UPDATE_TAGS': {
      const kept = agent.tags.filter((tag) => !(request.tagsToRemove ?? []).includes(tag));
      agent.tags = [...new Set([...kept, ...(request.tagsToAdd ?? [])])];
      break;
    }
  }
}

function applyOnAck(state: SandboxState, agent: Agent, request: ActionRequest): void {
  const timestamp = now();
  switch (request.type) {
    case 'UNENROLL':
      Object.assign(agent, { status: 'unenrolled', active: false, unenrolled_at: timestamp });
      break;
    case 'POLICY_REASSIGN':
      agent.policy_revision = state.fleet.agentPolicies.get(agent.policy_id)?.revision ?? null;
      break;
    case 'UPGRADE':
      agent.agent.version = request.version!;
      agent.local_metadata.elastic.agent.version = request.version!;
      Object.assign(agent, { upgraded_at: timestamp, upgrade_details: null });
      break;
  }
}

/** Sends an action to agents; unknown ids and agents Fleet would refuse count as failed. */
export function sendAction(state: SandboxState, agentIds: string[], request: ActionRequest, force = false): FleetAction {
  const action: FleetAction = {
    actionId: newId(),
    type: request.type,
    agentIds: [],
    ackedAgentIds: [],
    failedAgentIds: [],
    creationTime: now(),
    ...(request.version === undefined ? {} : { version: request.version }),
    ...(request.policyId === undefined ? {} : { newPolicyId: request.policyId }),
  };
  for (const id of agentIds) {
    const agent = state.fleet.agents.get(id);
    if (!agent || !passes(() => checkAction(state, agent, request, force))) {
      action.failedAgentIds.push(id);
      continue;
    }
    action.agentIds.push(id);
    const acks = checksIn(agent) || request.type === 'FORCE_UNENROLL' || request.type === 'UPDATE_TAGS';
    applyOnSend(agent, request, action.actionId);
    if (acks) {
      applyOnAck(state, agent, request);
      action.ackedAgentIds.push(id);
    }
  }
  return recordBounded(state.fleet.actions, action);
}

function passes(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof HttpError) return false;
    throw error;
  }
}

/** The agents a bulk request names: a list of ids, or a KQL query (inactive agents only when asked). */
export function selectAgents(state: SandboxState, agents: string | string[], includeInactive = false): string[] {
  if (Array.isArray(agents)) return agents;
  return [...state.fleet.agents.values()]
    .filter((agent) => includeInactive || isCurrent(agent))
    .filter((agent) => matchesKql(agents, agent, (field) => field.replace(/^fleet-agents\./, '')))
    .map((agent) => agent.id);
}

/** One action's progress, as `GET /api/fleet/agents/action_status` lists it. */
export function actionStatus(action: FleetAction) {
  const complete = action.ackedAgentIds.length === action.agentIds.length;
  return {
    actionId: action.actionId,
    type: action.type,
    status: complete ? 'COMPLETE' : 'IN_PROGRESS',
    nbAgentsActioned: action.agentIds.length,
    nbAgentsActionCreated: action.agentIds.length,
    nbAgentsAck: action.ackedAgentIds.length,
    nbAgentsFailed: action.failedAgentIds.length,
    creationTime: action.creationTime,
    ...(complete ? { completionTime: action.creationTime } : {}),
    ...(action.version === undefined ? {} : { version: action.version }),
    ...(action.newPolicyId === undefined ? {} : { newPolicyId: action.newPolicyId }),
  };
}
