// Security roles: Elasticsearch privileges plus Kibana feature privileges per space. Reserved roles
// (metadata._reserved) can be read but neither changed nor deleted, as Elasticsearch refuses.

import { badRequest, conflict, notFound } from '../http/errors.js';
import { noContent } from '../http/reply.js';
import type { Route } from '../http/route.js';
import type { KibanaPrivilege, Role } from '../state/entities/roles.js';
import type { SandboxState } from '../state/index.js';
import { cloneJson } from '../state/space-store.js';

interface RoleBody {
  description?: string;
  metadata?: Record<string, unknown>;
  elasticsearch: Partial<Role['elasticsearch']>;
  kibana?: Partial<KibanaPrivilege>[];
}

export function newRole(name: string, body: RoleBody): Role {
  const { cluster = [], indices = [], run_as = [], ...elasticsearch } = cloneJson(body.elasticsearch);
  return {
    name,
    ...(body.description === undefined ? {} : { description: body.description }),
    metadata: cloneJson(body.metadata ?? {}),
    transient_metadata: { enabled: true },
    elasticsearch: { ...elasticsearch, cluster, indices, run_as },
    kibana: (body.kibana ?? []).map((privilege) => ({
      base: privilege.base ?? [],
      feature: privilege.feature ?? {},
      spaces: privilege.spaces ?? ['*'],
    })),
  };
}

const isReserved = (role: Role): boolean => role.metadata._reserved === true;

function requireRole(state: SandboxState, name: string): Role {
  const role = state.roles.get(name);
  if (!role) throw notFound();
  return role;
}

export const roleRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/security/role',
    handler: ({ state }) => [...state.roles.values()].sort((a, b) => a.name.localeCompare(b.name)),
  },
  {
    method: 'GET',
    path: '/api/security/role/{name}',
    handler: ({ state, params }) => requireRole(state, params.name!),
  },
  {
    method: 'PUT',
    path: '/api/security/role/{name}',
    handler: ({ state, params, query, body }) => {
      const name = params.name!;
      const existing = state.roles.get(name);
      if (existing && query.createOnly === true) throw conflict(`Role already exists and cannot be created: ${name}`);
      if (existing && isReserved(existing)) throw badRequest(`role [${name}] is reserved and cannot be modified`);
      state.roles.set(name, newRole(name, body as RoleBody));
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: '/api/security/role/{name}',
    handler: ({ state, params }) => {
      const role = requireRole(state, params.name!);
      if (isReserved(role)) throw badRequest(`role [${role.name}] is reserved and cannot be deleted`);
      state.roles.delete(role.name);
      return noContent();
    },
  },
];
