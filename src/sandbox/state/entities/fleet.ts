// Fleet: enrolled Elastic Agents, the agent policies they run, the integration (package) policies
// inside those, the package catalog, and the actions Fleet sent to agents. Global to Kibana.

export type AgentStatus =
  | 'online'
  | 'offline'
  | 'error'
  | 'degraded'
  | 'updating'
  | 'enrolling'
  | 'unenrolling'
  | 'unenrolled'
  | 'inactive';

export interface Agent {
  id: string;
  type: 'PERMANENT';
  active: boolean;
  status: AgentStatus;
  policy_id: string;
  policy_revision: number | null;
  enrolled_at: string;
  last_checkin: string;
  last_checkin_status: 'online' | 'error' | 'degraded' | 'updating';
  agent: { id: string; version: string };
  local_metadata: {
    host: { hostname: string; name: string; ip: string[] };
    os: { family: string; platform: string; name: string };
    elastic: { agent: { version: string; upgradeable: boolean } };
  };
  tags: string[];
  unenrollment_started_at?: string;
  unenrolled_at?: string;
  upgrade_started_at?: string | null;
  upgraded_at?: string | null;
  upgrade_details?: { action_id: string; state: string; target_version: string } | null;
}

export interface AgentPolicy {
  id: string;
  name: string;
  namespace: string;
  description?: string;
  status: 'active' | 'inactive';
  is_managed: boolean;
  is_protected: boolean;
  is_default?: boolean;
  has_fleet_server?: boolean;
  monitoring_enabled: string[];
  inactivity_timeout: number;
  revision: number;
  updated_at: string;
  updated_by: string;
  [field: string]: unknown;
}

export interface PackagePolicy {
  id: string;
  name: string;
  namespace: string;
  description?: string;
  package: { name: string; title: string; version: string };
  policy_id: string;
  policy_ids: string[];
  enabled: boolean;
  inputs: unknown;
  vars?: unknown;
  revision: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface PackageInfo {
  name: string;
  title: string;
  version: string;
  description: string;
  categories: string[];
  /** The version installed, if any. */
  installedVersion?: string;
  installedAt?: string;
}

export type FleetActionType = 'UNENROLL' | 'FORCE_UNENROLL' | 'POLICY_REASSIGN' | 'UPGRADE' | 'UPDATE_TAGS';

export interface FleetAction {
  actionId: string;
  type: FleetActionType;
  agentIds: string[];
  /** Agents that acknowledged (the ones checking in, at once: the sandbox has no check-in loop). */
  ackedAgentIds: string[];
  /** Ids a bulk action named that are no agent. */
  failedAgentIds: string[];
  creationTime: string;
  version?: string;
  newPolicyId?: string;
}
