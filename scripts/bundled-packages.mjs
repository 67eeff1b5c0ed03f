// The packages the build bundles into dist/ rather than importing from node_modules: the MCP server
// SDK and zod, ES modules all. Imported, they were a hundred module files, most of a minimal server's
// start; bundled, the part a server uses is in a few chunks. The bench bundles its minimal server the
// same way, to show the floor of a bundled start.
import { readdirSync, readFileSync } from 'node:fs';
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

/** The name, version and license of each package the chunks bundle, with its license file's text: they ship without their packages. */
export function bundledLicenses(chunks) {
  const roots = new Set();
  for (const chunk of chunks) {
    for (const id of Object.keys(chunk.modules ?? {})) {
      const at = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
      if (at) roots.add(at[1]);
    }
  }
  const sections = [...roots].sort().map((dir) => {
    const { name, version, license } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
    const file = readdirSync(dir).find((entry) => /^licen[cs]e/i.test(entry));
    if (file === undefined) throw new Error(`${name}: bundled, but its package has no license file to ship with it`);
    return `${name} ${version} (${license})\n\n${readFileSync(`${dir}/${file}`, 'utf8').trim()}\n`;
  });
  return `Packages bundled into this directory, and their licenses.\n\n${sections.join('\n---\n\n')}`;
}
