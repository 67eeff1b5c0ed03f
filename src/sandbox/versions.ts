// The Kibana versions the sandbox is tested as. Any X.Y.Z works: each route states the versions that
// have it, and the sandbox serves those of the version it reports.

export const SANDBOX_VERSIONS = ['8.18.2', '9.3.0', '9.4.0'] as const;

export const DEFAULT_SANDBOX_VERSION: string = SANDBOX_VERSIONS[0];

const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

export function checkSandboxVersion(version: string): string {
  if (!VERSION_PATTERN.test(version)) {
    throw new Error(`sandbox version ${JSON.stringify(version)}: expected X.Y.Z, such as ${SANDBOX_VERSIONS.join(', ')}`);
  }
  return version;
}
