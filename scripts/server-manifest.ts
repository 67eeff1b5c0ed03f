// server.json, the MCP registry's manifest, derived from package.json and the option table, so that
// every environment variable the server reads is described there exactly as `--help` describes it.
// `npm run manifest` writes it; a test checks that the committed file is what this produces.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPTIONS, type OptionSpec } from '../src/config/options.js';

export const REGISTRY_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
const ROOT = resolve(import.meta.dirname, '..');
/** At most 100 characters (the registry's limit). */
const SHORT_DESCRIPTION = 'Kibana administration for AI agents: curated, version-matched, token-budgeted REST API tools.';
/** Without it the server cannot start (outside --demo). */
const REQUIRED = new Set(['KIBANA_URL']);

interface PackageJson {
  name: string;
  version: string;
  mcpName: string;
  repository: { url: string };
  homepage: string;
}

export function serverManifest(pkg: PackageJson, options: readonly OptionSpec[] = OPTIONS): Record<string, unknown> {
  const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  return {
    $schema: REGISTRY_SCHEMA,
    name: pkg.mcpName,
    description: SHORT_DESCRIPTION,
    version: pkg.version,
    repository: { url: repository, source: 'github' },
    websiteUrl: pkg.homepage,
    packages: [
      {
        registryType: 'npm',
        registryBaseUrl: 'https://registry.npmjs.org',
        identifier: pkg.name,
        version: pkg.version,
        runtimeHint: 'npx',
        transport: { type: 'stdio' },
        environmentVariables: options.filter((option) => option.env !== undefined).map(environmentVariable),
      },
    ],
  };
}

function environmentVariable(option: OptionSpec): Record<string, unknown> {
  const variable: Record<string, unknown> = { name: option.env, description: option.help, isRequired: REQUIRED.has(option.env!) };
  if (option.type === 'boolean') variable.format = 'boolean';
  if (option.type === 'integer') variable.format = 'number';
  if (option.values) variable.choices = [...option.values];
  if (option.default !== undefined) variable.default = option.default;
  if (option.secret) variable.isSecret = true;
  return variable;
}

export function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as PackageJson;
}

export function manifestText(): string {
  return `${JSON.stringify(serverManifest(readPackageJson()), null, 2)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(resolve(ROOT, 'server.json'), manifestText());
  process.stdout.write('wrote server.json\n');
}
