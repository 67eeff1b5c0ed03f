// Demo roles: a few of Elasticsearch's reserved ones and two custom ones.

import { newRole } from '../resources/roles.js';
import type { SandboxState } from '../state/index.js';

const RESERVED = { _reserved: true };

export function seedRoles(state: SandboxState): void {
  const roles = [
    newRole('superuser', {
      metadata: RESERVED,
      elasticsearch: { cluster: ['all'], indices: [{ names: ['*'], privileges: ['all'] }], run_as: ['*'] },
      kibana: [{ base: ['all'], spaces: ['*'] }],
    }),
    newRole('viewer', {
      metadata: RESERVED,
      elasticsearch: { indices: [{ names: ['*'], privileges: ['read', 'view_index_metadata'] }] },
      kibana: [{ base: ['read'], spaces: ['*'] }],
    }),
    newRole('editor', {
      metadata: RESERVED,
      elasticsearch: { indices: [{ names: ['*'], privileges: ['read', 'view_index_metadata'] }] },
      kibana: [{ base: ['all'], spaces: ['*'] }],
    }),
    newRole('logs_reader', {
      description: 'Reads logs and their dashboards in the default space.',
      elasticsearch: { indices: [{ names: ['logs-*'], privileges: ['read'] }] },
      kibana: [{ feature: { discover: ['read'], dashboard: ['read'] }, spaces: ['default'] }],
    }),
    newRole('soc_analyst', {
      description: 'Triages security alerts and cases in the Security space.',
      elasticsearch: { indices: [{ names: ['.alerts-security.alerts-*', 'logs-*'], privileges: ['read', 'write'] }] },
      kibana: [{ feature: { siemV2: ['all'], securitySolutionCasesV2: ['all'] }, spaces: ['security'] }],
    }),
  ];
  for (const role of roles) state.roles.set(role.name, role);
}
