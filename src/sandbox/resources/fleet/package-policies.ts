// Package (integration) policies: an integration's settings inside one or more agent policies.
// Creating one installs its package when needed, as Fleet does; each change bumps the revision of
// the agent policies it is in.

import { conflict } from '../../http/errors.js';
import type { Route } from '../../http/route.js';
import type { PackagePolicy } from '../../state/entities/fleet.js';
import type { SandboxState } from '../../state/index.js';
import { cloneJson, newId, now } from '../../state/space-store.js';
import { anyObject, anyOf, array, boolean, nullable, object, string } from '../../validation/json-schema.js';
import {
  bumpRevision,
  type FleetListQuery,
  fleetPage,
  formatQuery,
  policyListQuery,
  requireAgentPolicy,
  requirePackagePolicy,
} from './common.js';
import { installPackage, requirePackage } from './packages.js';

export interface PackagePolicyBody {
  id?: string;
  name: string;
  namespace?: string;
  description?: string;
  package: { name: string; version?: string };
  policy_id?: string | null;
  policy_ids?: string[];
  inputs?: unknown;
  vars?: unknown;
  enabled?: boolean;
}

function checkUniqueName(state: SandboxState, name: string, id: string): void {
  if ([...state.fleet.packagePolicies.values()].some((policy) => policy.name === name && policy.id !== id)) {
    throw conflict(`An integration policy with the name ${name} already exists. Please rename it or choose a different name.`);
  }
}

const agentPolicyIds = (body: PackagePolicyBody): string[] => body.policy_ids ?? (body.policy_id ? [body.policy_id] : []);

function touchAgentPolicies(state: SandboxState, ids: string[], username: string): void {
  for (const id of new Set(ids)) bumpRevision(requireAgentPolicy(state, id), username);
}

export function createPackagePolicy(state: SandboxState, body: PackagePolicyBody, username: string): PackagePolicy {
  const found = requirePackage(state, body.package.name, body.package.version);
  const ids = agentPolicyIds(body);
  for (const id of ids) requireAgentPolicy(state, id);
  const id = body.id ?? newId();
  if (state.fleet.packagePolicies.has(id)) throw conflict(`Package policy ${id} already exists`);
  checkUniqueName(state, body.name, id);
  installPackage(found);
  const timestamp = now();
  const policy: PackagePolicy = {
    id,
    name: body.name,
    namespace: body.namespace ?? 'default',
    ...(body.description === undefined ? {} : { description: body.description }),
    package: { name: found.name, title: found.title, version: found.version },
    policy_id: ids[0] ?? '',
    policy_ids: ids,
    enabled: body.enabled ?? true,
    inputs: cloneJson(body.inputs ?? {}),
    ...(body.vars === undefined ? {} : { vars: cloneJson(body.vars) }),
    revision: 1,
    created_at: timestamp,
    created_by: username,
    updated_at: timestamp,
    updated_by: username,
  };
  state.fleet.packagePolicies.set(id, policy);
  touchAgentPolicies(state, ids, username);
  return policy;
}

const packagePolicyBody = object(
  {
    id: string(),
    name: string({ minLength: 1 }),
    namespace: string(),
    description: string(),
    package: object(
      { name: string(), version: string(), title: string(), requires_root: boolean(), fips_compatible: boolean() },
      ['name', 'version'],
      true,
    ),
    policy_id: nullable(string()),
    policy_ids: array(string()),
    output_id: nullable(string()),
    enabled: boolean(),
    force: boolean(),
    inputs: anyOf(anyObject(), array(anyObject())),
    vars: anyOf(anyObject(), array(anyObject())),
    supports_agentless: nullable(boolean()),
    additional_datastreams_permissions: nullable(array(string())),
  },
  ['name', 'package'],
);

export const packagePolicyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/fleet/package_policies',
    schema: { query: policyListQuery({ withAgentCount: boolean() }) },
    handler: ({ state, query }) => {
      const { items, total, page, perPage } = fleetPage(
        [...state.fleet.packagePolicies.values()],
        query as FleetListQuery,
        'ingest-package-policies',
        'updated_at',
      );
      return { items, total, page, perPage };
    },
  },
  {
    method: 'GET',
    path: '/api/fleet/package_policies/{packagePolicyId}',
    schema: { query: formatQuery },
    handler: ({ state, params }) => ({ item: requirePackagePolicy(state, params.packagePolicyId!) }),
  },
  {
    method: 'POST',
    path: '/api/fleet/package_policies',
    schema: { query: formatQuery, body: packagePolicyBody },
    handler: ({ state, body, username }) => ({ item: createPackagePolicy(state, body as PackagePolicyBody, username) }),
  },
  {
    method: 'PUT',
    path: '/api/fleet/package_policies/{packagePolicyId}',
    schema: { query: formatQuery, body: packagePolicyBody },
    handler: ({ state, params, body, username }) => {
      const policy = requirePackagePolicy(state, params.packagePolicyId!);
      const request = body as PackagePolicyBody;
      const found = requirePackage(state, request.package.name, request.package.version);
      const ids = agentPolicyIds(request);
      for (const id of ids) requireAgentPolicy(state, id);
      checkUniqueName(state, request.name, policy.id);
      const before = policy.policy_ids;
      Object.assign(policy, {
        name: request.name,
        namespace: request.namespace ?? policy.namespace,
        description: request.description ?? policy.description,
        package: { name: found.name, title: found.title, version: found.version },
        policy_id: ids[0] ?? policy.policy_id,
        policy_ids: ids.length > 0 ? ids : policy.policy_ids,
        enabled: request.enabled ?? policy.enabled,
        inputs: cloneJson(request.inputs ?? policy.inputs),
        ...(request.vars === undefined ? {} : { vars: cloneJson(request.vars) }),
        revision: policy.revision + 1,
        updated_at: now(),
        updated_by: username,
      });
      touchAgentPolicies(state, [...before, ...policy.policy_ids], username);
      return { item: policy };
    },
  },
  {
    method: 'DELETE',
    path: '/api/fleet/package_policies/{packagePolicyId}',
    schema: { query: object({ force: boolean() }) },
    handler: ({ state, params, username }) => {
      const policy = requirePackagePolicy(state, params.packagePolicyId!);
      state.fleet.packagePolicies.delete(policy.id);
      touchAgentPolicies(state, policy.policy_ids, username);
      return { id: policy.id };
    },
  },
];
