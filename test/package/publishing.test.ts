// What a published package carries besides code: licence, repository links, the MCP registry manifest.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { embeddedPackages, undeclaredImports } from '../../scripts/bundled-packages.mjs';
import { manifestText, readPackageJson, serverManifest } from '../../scripts/server-manifest.js';
import { OPTIONS } from '../../src/config/options.js';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, unknown>;

describe('package metadata', () => {
  it('carries the licence package.json names, and where the project lives', () => {
    expect(pkg.license).toBe('Apache-2.0');
    expect(read('LICENSE')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'LICENSE', 'server.json', 'README.md']));
    for (const url of [(pkg.repository as { url: string }).url.replace(/^git\+/, ''), pkg.homepage, (pkg.bugs as { url: string }).url]) {
      expect(() => new URL(String(url))).not.toThrow();
    }
  });
});

describe('the packages bundled into dist/', () => {
  it('each ships with its license, named with its version', () => {
    const maps = readdirSync(resolve(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js.map'));
    const packages = new Set<string>();
    for (const map of maps) {
      const { sources } = JSON.parse(read(`dist/${map}`)) as { sources: string[] };
      for (const source of sources) {
        const at = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(resolve(ROOT, 'dist', dirname(map), source));
        if (at) packages.add(at[1]!.replaceAll('\\', '/'));
      }
    }
    expect([...packages].sort()).toEqual(['@modelcontextprotocol/core', '@modelcontextprotocol/server', 'zod']);
    const licenses = read('dist/THIRD-PARTY-LICENSES.txt');
    for (const name of packages) {
      const { version, license } = JSON.parse(read(`node_modules/${name}/package.json`)) as { version: string; license: string };
      expect(licenses, name).toContain(`${name} ${version} (${license})`);
    }
    expect(licenses).toContain('Apache License');
    expect(licenses).toContain('Permission is hereby granted');
  });

  it('each package built into a bundled one ships with its license too', () => {
    const licenses = read('dist/THIRD-PARTY-LICENSES.txt');
    const maps = readdirSync(resolve(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js.map'));
    const built = new Set<string>();
    for (const map of maps) {
      const { sources } = JSON.parse(read(`dist/${map}`)) as { sources: string[] };
      for (const source of sources
        .map((file) => resolve(ROOT, 'dist', dirname(map), file))
        .filter((file) => /[\\/]node_modules[\\/]/.test(file))) {
        for (const name of embeddedPackages(readFileSync(source, 'utf8')).keys()) built.add(name);
      }
    }
    // The SDK's JSON Schema validator holds ajv and what ajv needs.
    expect(built).toContain('ajv');
    for (const name of built) expect(licenses, name).toMatch(new RegExp(`^${name} \\S+ \\([^)]+\\), built into `, 'm'));
  });

  it('the build refuses an import that only development packages would satisfy', () => {
    const chunk = (fileName: string, imports: string[], dynamicImports: string[] = []) => ({
      type: 'chunk',
      fileName,
      imports,
      dynamicImports,
    });
    const chunks = [
      chunk('cli.js', ['chunks/core.js', 'node:fs', 'events', 'undici/lib/api/api-request.js'], ['zod']),
      chunk('chunks/core.js', ['@scope/pkg/sub']),
    ];
    expect(undeclaredImports(chunks as never, { undici: '7' }, resolve(ROOT, 'dist'))).toEqual([
      'cli.js imports zod',
      'chunks/core.js imports @scope/pkg/sub',
    ]);
  });

  it('reads the packages a module holds built in from its region marks, with the version of each', () => {
    const code = [
      '//#region ../../node_modules/.pnpm/ajv-formats@3.0.1_ajv@8.18.0/node_modules/ajv-formats/dist/formats.js',
      'var x = 1;',
      '//#region ../../node_modules/.pnpm/@cfworker+json-schema@4.1.1/node_modules/@cfworker/json-schema/dist/esm/validate.js',
      '//#region src/own.ts',
    ].join('\n');
    expect([...embeddedPackages(code)]).toEqual([
      ['ajv-formats', '3.0.1'],
      ['@cfworker/json-schema', '4.1.1'],
    ]);
  });
});

describe('server.json (MCP registry manifest)', () => {
  const committed = JSON.parse(read('server.json')) as Record<string, unknown>;

  it('is what the option table and package.json produce (npm run manifest)', () => {
    expect(read('server.json')).toBe(manifestText());
  });

  it("is valid against the registry's schema and names the npm package by its mcpName", () => {
    const schema = JSON.parse(read('test/fixtures/mcp-registry-server.schema.json')) as Record<string, unknown>;
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
    expect(validate(committed), JSON.stringify(validate.errors)).toBe(true);
    expect(committed.name).toBe(pkg.mcpName);
    const [npm] = committed.packages as Array<Record<string, unknown>>;
    expect(npm).toMatchObject({ registryType: 'npm', identifier: pkg.name, version: pkg.version, transport: { type: 'stdio' } });
  });

  it('describes every environment variable the server reads, secrets marked', () => {
    const [npm] = committed.packages as Array<{ environmentVariables: Array<Record<string, unknown>> }>;
    const listed = new Map(npm!.environmentVariables.map((variable) => [variable.name, variable]));
    const envOptions = OPTIONS.filter((option) => 'env' in option);
    expect([...listed.keys()].sort()).toEqual(envOptions.map((option) => option.env).sort());
    for (const option of envOptions) {
      const variable = listed.get(option.env)!;
      expect(variable.description).toBe(option.help);
      expect(variable.isSecret === true).toBe('secret' in option && option.secret === true);
    }
  });

  it('refuses a description the registry would reject', () => {
    const schema = JSON.parse(read('test/fixtures/mcp-registry-server.schema.json')) as Record<string, unknown>;
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    const tooLong = { ...serverManifest(readPackageJson()), description: 'x'.repeat(101) };
    expect(validate(tooLong)).toBe(false);
  });
});
