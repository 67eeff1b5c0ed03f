// The integration package catalog (a fixed registry) and what is installed from it.

import { notFound } from '../../http/errors.js';
import type { Route } from '../../http/route.js';
import type { PackageInfo } from '../../state/entities/fleet.js';
import type { SandboxState } from '../../state/index.js';
import { now } from '../../state/space-store.js';
import { boolean, nullable, object, string } from '../../validation/json-schema.js';

/** A package by name and, when given, exact version (the registry knows one version of each). */
export function requirePackage(state: SandboxState, name: string, version?: string): PackageInfo {
  const found = state.fleet.packages.get(name);
  if (!found) throw notFound(`[${name}] package not found in registry`);
  if (version !== undefined && version !== found.version) throw notFound(`[${name}-${version}] package not found in registry`);
  return found;
}

/** Installs a package (a no-op when that version is installed); answers the assets Kibana reports. */
export function installPackage(found: PackageInfo) {
  if (found.installedVersion !== found.version) Object.assign(found, { installedVersion: found.version, installedAt: now() });
  return {
    items: [
      { id: `${found.name}-ingest-pipeline`, type: 'ingest_pipeline' },
      { id: `${found.name}-overview-dashboard`, type: 'dashboard' },
    ],
    _meta: { install_source: 'registry', name: found.name },
  };
}

function packageView(state: SandboxState, found: PackageInfo) {
  const installed = found.installedVersion !== undefined;
  const policies = [...state.fleet.packagePolicies.values()].filter((policy) => policy.package.name === found.name).length;
  return {
    id: found.name,
    name: found.name,
    title: found.title,
    version: found.version,
    latestVersion: found.version,
    description: found.description,
    categories: found.categories,
    type: 'integration',
    download: `/epr/${found.name}/${found.name}-${found.version}.zip`,
    path: `/package/${found.name}/${found.version}`,
    status: installed ? 'installed' : 'not_installed',
    packagePoliciesInfo: { count: policies },
    ...(installed
      ? {
          installationInfo: {
            name: found.name,
            version: found.installedVersion,
            type: 'epm-packages',
            install_status: 'installed',
            install_source: 'registry',
            installed_es: [],
            installed_kibana: [],
            verification_status: 'verified',
            created_at: found.installedAt,
            updated_at: found.installedAt,
          },
        }
      : {}),
  };
}

const readQuery = object({ ignoreUnverified: boolean(), prerelease: boolean(), full: boolean(), withMetadata: boolean() });
const installQuery = object({ prerelease: boolean(), ignoreMappingUpdateErrors: boolean(), skipDataStreamRollover: boolean() });
const installBody = nullable(object({ force: boolean(), ignore_constraints: boolean() }));

const readPackage: Route['handler'] = ({ state, params }) => {
  const item = packageView(state, requirePackage(state, params.pkgName!, params.pkgVersion));
  return { item, metadata: { has_policies: item.packagePoliciesInfo.count > 0 } };
};
const install: Route['handler'] = ({ state, params }) => installPackage(requirePackage(state, params.pkgName!, params.pkgVersion));

export const packageRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/fleet/epm/packages',
    schema: {
      query: object({ category: string(), prerelease: boolean(), excludeInstallStatus: boolean(), withPackagePoliciesCount: boolean() }),
    },
    handler: ({ state, query }) => ({
      items: [...state.fleet.packages.values()]
        .filter((found) => query.category === undefined || found.categories.includes(String(query.category)))
        .map((found) => packageView(state, found)),
    }),
  },
  // Kibana's route has an optional version segment: without it, the registry's latest.
  { method: 'GET', path: '/api/fleet/epm/packages/{pkgName}/{pkgVersion}', schema: { query: readQuery }, handler: readPackage },
  { method: 'GET', path: '/api/fleet/epm/packages/{pkgName}', schema: { query: readQuery }, handler: readPackage },
  {
    method: 'POST',
    path: '/api/fleet/epm/packages/{pkgName}/{pkgVersion}',
    schema: { query: installQuery, body: installBody },
    handler: install,
  },
  { method: 'POST', path: '/api/fleet/epm/packages/{pkgName}', schema: { query: installQuery, body: installBody }, handler: install },
];
