// Demo Fleet: a package registry (what the policies use is installed), three agent policies with their integrations, and eight agents on
// the hosts the security alerts name, some checking in (online), some not (offline), one in error
// and one inactive. Check-ins are timed relative to start-up.

import { newAgentPolicy } from '../resources/fleet/agent-policies.js';
import { createPackagePolicy } from '../resources/fleet/package-policies.js';
import { versionParts } from '../../kibana/versions.js';
import type { Agent, AgentStatus, PackageInfo } from '../state/entities/fleet.js';
import type { SandboxState } from '../state/index.js';

const SEED_USER = 'elastic';

export const FLEET_SEED_IDS = {
  fleetServerPolicy: 'fleet-server-policy',
  endpointPolicy: 'endpoint-hosts-policy',
  linuxPolicy: 'linux-servers-policy',
} as const;

const PACKAGES: Omit<PackageInfo, 'installedVersion' | 'installedAt'>[] = [
  {
    name: 'system',
    title: 'System',
    version: '2.3.1',
    description: 'System logs and metrics of the host.',
    categories: ['observability', 'os_system'],
  },
  {
    name: 'fleet_server',
    title: 'Fleet Server',
    version: '1.6.0',
    description: 'Central agent management.',
    categories: ['elastic_stack'],
  },
  {
    name: 'endpoint',
    title: 'Elastic Defend',
    version: '9.3.0',
    description: 'Endpoint protection and response.',
    categories: ['security', 'edr_xdr'],
  },
  {
    name: 'osquery_manager',
    title: 'Osquery Manager',
    version: '1.16.0',
    description: 'Live and scheduled osquery queries.',
    categories: ['security', 'os_system'],
  },
  {
    name: 'apm',
    title: 'Elastic APM',
    version: '9.3.0',
    description: 'Application performance monitoring.',
    categories: ['observability'],
  },
  {
    name: 'nginx',
    title: 'Nginx',
    version: '2.3.0',
    description: 'Nginx access and error logs and status metrics.',
    categories: ['web', 'observability'],
  },
  {
    name: 'kubernetes',
    title: 'Kubernetes',
    version: '1.80.0',
    description: 'Kubernetes cluster and workload metrics.',
    categories: ['containers', 'kubernetes'],
  },
  { name: 'aws', title: 'AWS', version: '3.1.0', description: 'Logs and metrics of AWS services.', categories: ['aws', 'cloud'] },
];

function seedPolicies(state: SandboxState): void {
  for (const found of PACKAGES) state.fleet.packages.set(found.name, { ...found });
  newAgentPolicy(
    state,
    { id: FLEET_SEED_IDS.fleetServerPolicy, name: 'Fleet Server policy', namespace: 'default', is_managed: true, has_fleet_server: true },
    SEED_USER,
  );
  newAgentPolicy(
    state,
    { id: FLEET_SEED_IDS.endpointPolicy, name: 'Endpoint hosts', namespace: 'default', description: 'Hosts protected by Elastic Defend.' },
    SEED_USER,
  );
  newAgentPolicy(state, { id: FLEET_SEED_IDS.linuxPolicy, name: 'Linux servers', namespace: 'default', is_default: true }, SEED_USER);
  const integrations: [string, string, string][] = [
    ['fleet_server-1', 'fleet_server', FLEET_SEED_IDS.fleetServerPolicy],
    ['system-1', 'system', FLEET_SEED_IDS.endpointPolicy],
    ['elastic-defend-1', 'endpoint', FLEET_SEED_IDS.endpointPolicy],
    ['osquery_manager-1', 'osquery_manager', FLEET_SEED_IDS.endpointPolicy],
    ['system-2', 'system', FLEET_SEED_IDS.linuxPolicy],
    ['osquery_manager-2', 'osquery_manager', FLEET_SEED_IDS.linuxPolicy],
  ];
  for (const [name, pkg, policyId] of integrations) {
    createPackagePolicy(state, { id: `${name}-policy`, name, package: { name: pkg }, policy_ids: [policyId] }, SEED_USER);
  }
}

/** An older agent version than the sandbox's own (Fleet can upgrade it), and the current one. */
function agentVersions(kibanaVersion: string): { current: string; older: string } {
  const [major, minor] = versionParts(kibanaVersion);
  return { current: kibanaVersion, older: minor > 0 ? `${major}.${minor - 1}.3` : `${major - 1}.18.2` };
}

interface AgentSeed {
  id: string;
  host: string;
  os: 'linux' | 'windows' | 'macos';
  policy: string;
  status: AgentStatus;
  /** Minutes since the last check-in. */
  lastSeen: number;
  older?: boolean;
  tags: string[];
}

const AGENTS: AgentSeed[] = [
  {
    id: 'agent-fleet-server-01',
    host: 'fleet-server-01',
    os: 'linux',
    policy: FLEET_SEED_IDS.fleetServerPolicy,
    status: 'online',
    lastSeen: 0.5,
    tags: [],
  },
  {
    id: 'agent-web-01',
    host: 'web-01',
    os: 'linux',
    policy: FLEET_SEED_IDS.endpointPolicy,
    status: 'online',
    lastSeen: 0.5,
    tags: ['web', 'prod'],
  },
  {
    id: 'agent-web-02',
    host: 'web-02',
    os: 'linux',
    policy: FLEET_SEED_IDS.linuxPolicy,
    status: 'online',
    lastSeen: 1,
    older: true,
    tags: ['web', 'prod'],
  },
  {
    id: 'agent-db-01',
    host: 'db-01',
    os: 'linux',
    policy: FLEET_SEED_IDS.linuxPolicy,
    status: 'offline',
    lastSeen: 180,
    tags: ['db', 'prod'],
  },
  {
    id: 'agent-win-dc-01',
    host: 'win-dc-01',
    os: 'windows',
    policy: FLEET_SEED_IDS.endpointPolicy,
    status: 'online',
    lastSeen: 0.5,
    tags: ['windows', 'prod'],
  },
  {
    id: 'agent-laptop-ana',
    host: 'laptop-ana',
    os: 'macos',
    policy: FLEET_SEED_IDS.endpointPolicy,
    status: 'offline',
    lastSeen: 2 * 24 * 60,
    older: true,
    tags: ['laptop'],
  },
  { id: 'agent-build-07', host: 'build-07', os: 'linux', policy: FLEET_SEED_IDS.linuxPolicy, status: 'error', lastSeen: 1, tags: ['ci'] },
  {
    id: 'agent-old-vm-03',
    host: 'old-vm-03',
    os: 'linux',
    policy: FLEET_SEED_IDS.linuxPolicy,
    status: 'inactive',
    lastSeen: 15 * 24 * 60,
    older: true,
    tags: [],
  },
];

const OS = {
  linux: { family: 'debian', platform: 'ubuntu', name: 'Ubuntu 24.04 LTS' },
  windows: { family: 'windows', platform: 'windows', name: 'Windows Server 2022' },
  macos: { family: 'darwin', platform: 'darwin', name: 'macOS 15' },
} as const;

function agent(
  seed: AgentSeed,
  index: number,
  versions: { current: string; older: string },
  seededAt: number,
  policyRevision: number,
): Agent {
  const version = seed.older ? versions.older : versions.current;
  const lastCheckin = new Date(seededAt - seed.lastSeen * 60_000).toISOString();
  return {
    id: seed.id,
    type: 'PERMANENT',
    active: true,
    status: seed.status,
    policy_id: seed.policy,
    policy_revision: policyRevision,
    enrolled_at: new Date(seededAt - (30 - index) * 24 * 3_600_000).toISOString(),
    last_checkin: lastCheckin,
    last_checkin_status: seed.status === 'error' ? 'error' : 'online',
    agent: { id: seed.id, version },
    local_metadata: {
      host: { hostname: seed.host, name: seed.host, ip: [`10.0.${index + 1}.${10 + index}`] },
      os: OS[seed.os],
      elastic: { agent: { version, upgradeable: seed.older === true } },
    },
    tags: seed.tags,
  };
}

export function seedFleet(state: SandboxState): void {
  seedPolicies(state);
  const versions = agentVersions(state.version);
  const seededAt = Date.now();
  AGENTS.forEach((seed, index) => {
    const revision = state.fleet.agentPolicies.get(seed.policy)!.revision;
    state.fleet.agents.set(seed.id, agent(seed, index, versions, seededAt, revision));
  });
}
