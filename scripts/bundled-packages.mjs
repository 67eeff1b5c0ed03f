// The packages the build bundles into dist/ rather than importing from node_modules: the MCP server
// SDK and zod, ES modules all. Imported, they were a hundred module files, most of a minimal server's
// start; bundled, the part a server uses is in a few chunks. The bench bundles its minimal server the
// same way, to show the floor of a bundled start.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';

const BUNDLED = ['@modelcontextprotocol/server', '@modelcontextprotocol/core', 'zod'];

/** Whether a module id (a file path) lies in a node_modules directory. */
export const inNodeModules = (id) => /[\\/]node_modules[\\/]/.test(id);

/** Whether a bare import (`zod`, `@modelcontextprotocol/server/stdio`) is of a bundled package. */
export const isBundled = (source) => BUNDLED.some((name) => source === name || source.startsWith(`${name}/`));

/**
 * Rollup plugins that resolve the bundled packages as Node does and rewrite their modules in ASCII
 * (V8 keeps a module's source at two bytes a character otherwise) without their comments, whose
 * annotations Rollup cannot place and warns of. Any other bare import must be made external before these.
 */
export function bundledPackagePlugins() {
  return [
    nodeResolve({ exportConditions: ['node'] }),
    {
      name: 'bundled-modules',
      async transform(code, id) {
        if (!inNodeModules(id)) return null;
        const inside = embeddedPackages(code);
        if (inside.size > 0) embedded.set(id, inside);
        const { code: js, map } = await transform(code, {
          loader: 'js',
          format: 'esm',
          target: 'node20',
          charset: 'ascii',
          // Without layout: esbuild keeps a comment inside an expression otherwise.
          minifyWhitespace: true,
          legalComments: 'none',
          sourcemap: 'external',
          sourcefile: id,
        });
        return { code: js, map };
      },
    },
  ];
}

/**
 * Packages a bundled module holds built into it, by module id: the SDK's own build marks each with a
 * `//#region <path>/node_modules/.pnpm/<name>@<version>/node_modules/<name>/...` comment (ajv in its
 * JSON Schema validator), which the transform below strips, so they are read first.
 */
const embedded = new Map();
const EMBEDDED_REGION = /^\/\/#region \S*node_modules\/\.pnpm\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm;

/** The packages marked in a module's code, each with the version its .pnpm directory names (`ajv-formats@3.0.1_ajv@8.18.0`). */
export function embeddedPackages(code) {
  const found = new Map();
  for (const [, directory, name] of code.matchAll(EMBEDDED_REGION)) {
    const own = directory.split('_')[0];
    found.set(name, own.slice(own.lastIndexOf('@') + 1));
  }
  return found;
}

/** The directory of package `name` as Node would find it from `dir`. */
function packageDirFrom(dir, name) {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(at) === at) throw new Error(`${name}: built into a bundled package, but not installed to read its license from`);
  }
}

function licenseText(dir, name) {
  const file = readdirSync(dir).find((entry) => /^licen[cs]e/i.test(entry));
  if (file === undefined) throw new Error(`${name}: bundled, but its package has no license file to ship with it`);
  return readFileSync(join(dir, file), 'utf8').trim();
}

/**
 * The name, version and license of each package the chunks bundle, and of each built into those,
 * with its license file's text: they ship without their packages.
 */
export function bundledLicenses(chunks) {
  const roots = new Map();
  for (const chunk of chunks) {
    for (const [id, rendered] of Object.entries(chunk.modules ?? {})) {
      const at = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
      if (!at || rendered.renderedLength === 0) continue;
      const inside = roots.get(at[1]) ?? new Map();
      for (const [name, version] of embedded.get(id) ?? []) inside.set(name, version);
      roots.set(at[1], inside);
    }
  }
  const sections = [];
  for (const [dir, inside] of roots) {
    const own = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    sections.push(`${own.name} ${own.version} (${own.license})\n\n${licenseText(dir, own.name)}\n`);
    for (const [name, version] of inside) {
      const installed = packageDirFrom(dir, name);
      const { version: installedVersion, license } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
      sections.push(
        `${name} ${version} (${license}), built into ${own.name}; its license as installed with ${name} ${installedVersion}\n\n${licenseText(installed, name)}\n`,
      );
    }
  }
  return `Packages bundled into this directory, and their licenses.\n\n${sections.sort().join('\n---\n\n')}`;
}

/**
 * The imports of the chunks (written to `dir`) that are neither of another file of the build, nor of a Node
 * module, nor of a package `dependencies` names: each would fail in an install without development
 * packages (a bundled package importing one it does not build in, say).
 */
export function undeclaredImports(chunks, dependencies, dir) {
  const files = new Set(chunks.map((chunk) => chunk.fileName));
  const built = (imported) => files.has(imported) || existsSync(join(dir, imported));
  const undeclared = [];
  for (const chunk of chunks) {
    if (chunk.type !== 'chunk') continue;
    for (const imported of [...chunk.imports, ...chunk.dynamicImports]) {
      if (isAbsolute(imported) || imported.startsWith('.') || isBuiltin(imported) || built(imported)) continue;
      const name = imported
        .split('/')
        .slice(0, imported.startsWith('@') ? 2 : 1)
        .join('/');
      if (!(name in dependencies)) undeclared.push(`${chunk.fileName} imports ${imported}`);
    }
  }
  return undeclared;
}
