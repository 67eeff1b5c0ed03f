// Endpoint response actions and osquery live queries: recorded with the answer a host would give,
// never sent to any host.

export type ResponseCommand = 'isolate' | 'unisolate' | 'running-processes' | 'kill-process' | 'suspend-process' | 'get-file';

export interface ResponseAction {
  id: string;
  command: ResponseCommand;
  agentType: 'endpoint';
  agents: string[];
  hosts: Record<string, { name: string }>;
  createdBy: string;
  startedAt: string;
  comment?: string;
  parameters?: Record<string, unknown>;
  alertIds?: string[];
  caseIds?: string[];
  /** Per agent: completed (online hosts answer at once) with its output, or still pending. */
  agentState: Record<string, { isCompleted: boolean; wasSuccessful: boolean; completedAt?: string; errors?: string[] }>;
  outputs: Record<string, { type: 'json'; content: Record<string, unknown> }>;
}

export interface LiveQuery {
  action_id: string;
  '@timestamp': string;
  expiration: string;
  agent_ids: string[];
  agent_all: boolean;
  agent_platforms: string[];
  agent_policy_ids: string[];
  agents: string[];
  user_id: string;
  metadata?: unknown;
  pack_id?: string;
  alert_ids?: string[];
  case_ids?: string[];
  queries: { action_id: string; id: string; query: string; ecs_mapping?: unknown; platform?: string }[];
}
