// `npm run build`: src/ → dist/, bundled from the CLI by Rollup, each module's types stripped by esbuild.
// Every dynamic import stays a split point, so each mode still loads only its own code (a toolset's
// tools are a JSON data file, emitted beside the bundle); a module the importer has already loaded is
// not split off again (esbuild's splitting would), so a start reads six module files instead of a
// hundred: each file costs a start about a millisecond. The MCP server SDK and zod are bundled too
// (./bundled-packages.mjs), with their licenses written beside them.
// The source maps name each output file's sources (the start-up test reads them). Type checking is
// `npm run typecheck` (tsc over src, tests, benches and scripts at once), so nothing is checked twice.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';
import { bundledLicenses, bundledPackagePlugins, inNodeModules, isBundled, undeclaredImports } from './bundled-packages.mjs';

/** A path with `/` between its parts, as the prefixes below are written: a Windows path has `\`. */
const slashed = (path) => path.replaceAll('\\', '/');
const root = slashed(fileURLToPath(new URL('..', import.meta.url)));
const dist = `${root}dist`;
// The generated input schemas (data, importing nothing, a third of the code) are each a module of its
// own, loaded with a tool's first call: esbuild compiles them file by file, and Rollup leaves them be.
const INPUTS = 'tools/generated/inputs/';

const GENERATED = `${root}src/tools/generated/`;
/** Where the generated index says a toolset's data file is (src/generator/emit-modules.ts writes it so). */
const DATA_URL = /new URL\('\.\/([\w.-]+\.json)', import\.meta\.url\)/g;

/**
 * The generated index with each toolset's data file emitted beside the inputs (as JSON without its
 * layout), and the file's URL rendered from the importing chunk, as Rollup does for its assets.
 */
function withDataFiles(plugin, code, id) {
  if (slashed(id) !== `${GENERATED}index.ts`) return code;
  return code.replace(DATA_URL, (_, file) => {
    const source = JSON.stringify(JSON.parse(readFileSync(`${GENERATED}${file}`, 'utf8')));
    const reference = plugin.emitFile({ type: 'asset', fileName: `tools/generated/${file}`, source });
    return `new URL(import.meta.ROLLUP_FILE_URL_${reference})`;
  });
}

/** Our modules import each other as `./x.js`; the file is `./x.ts`. Packages not bundled and Node's modules stay imports. */
const typescript = {
  name: 'typescript',
  resolveId(source, importer) {
    // An absolute path is a file node-resolve found, which it resolves once more through every plugin.
    if (!importer || isAbsolute(source)) return null;
    if (!source.startsWith('.')) return isBundled(source) ? null : { id: source, external: true };
    if (inNodeModules(importer)) return null;
    const file = resolve(dirname(importer), source.replace(/\.js$/, '.ts'));
    // Rendered relative to the importing chunk, as if the module sat at its source's place in dist/.
    if (slashed(file).startsWith(`${root}src/${INPUTS}`)) return { id: file.replace(/\.ts$/, '.js'), external: 'relative' };
    return existsSync(file) ? file : null;
  },
  async transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const { code: js, map } = await transform(withDataFiles(this, code, id), {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: id,
    });
    return { code: js, map };
  },
};

/**
 * V8 keeps a module's source for as long as the module lives, one byte per character only while every
 * character is Latin-1: one `…` in a comment esbuild keeps stored the 150 KB core chunk as 300 KB.
 */
const latin1Sources = {
  name: 'latin1-sources',
  renderChunk(_code, chunk) {
    for (const [id, rendered] of Object.entries(chunk.modules)) {
      const found = /[^\u0000-\u00ff]/u.exec(rendered.code ?? '');
      if (!found) continue;
      this.error(
        `${id.slice(root.length)}: ${JSON.stringify(found[0])} (in "${rendered.code.slice(Math.max(0, found.index - 40), found.index + 10).trim()}") is outside Latin-1 and would make V8 keep the ${chunk.name} chunk's source at two bytes a character: write it in ASCII (an escape in a string, plain words in a comment esbuild keeps)`,
      );
    }
    return null;
  },
};

rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [`src/${INPUTS}**/*.ts`],
  outdir: `${dist}/${INPUTS}`,
  outbase: `src/${INPUTS}`,
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
const bundle = await rollup({
  input: resolve(root, 'src/cli.ts'),
  plugins: [typescript, ...bundledPackagePlugins(), latin1Sources],
  // For the bundled packages, of which a server uses a part (about 60 % of the SDK's and zod's code).
  treeshake: true,
  onwarn(warning, warn) {
    // Modules that import each other are fine in ES modules; anything else is worth reading.
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  },
});
/**
 * Chunks by what a start loads, rather than by who else imports each module (list-tools, check, the
 * sandbox), which split a start into two dozen files: `core`, what serving loads before its protocol
 * modules (serve.ts and its static imports, the CLI's own modules among them, and the small module
 * both transports import); `protocol`, the MCP server and its confirmation seal, which both
 * transports need, and which brings in the SDK. Each is a root's static imports, the first
 * chunk claiming a module keeping it. Neither holds any of the HTTP stack, the sandbox or a toolset
 * (test/e2e/startup.test.ts), and `core` imports nothing of the SDK.
 */
const MANUAL_CHUNKS = {
  core: ['commands/serve.ts', 'server/large-messages.ts'],
  protocol: ['server/mcp-server.ts', 'server/confirmation-seal.ts'],
};
let chunkOf;
function manualChunk(id, { getModuleInfo }) {
  if (!chunkOf) {
    chunkOf = new Map();
    for (const [chunk, roots] of Object.entries(MANUAL_CHUNKS)) {
      const pending = roots.map((path) => resolve(root, 'src', path));
      for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        if (chunkOf.has(next) || !slashed(next).startsWith(`${root}src/`)) continue;
        const info = getModuleInfo(next);
        if (!info) throw new Error(`MANUAL_CHUNKS: no module ${next}`);
        chunkOf.set(next, chunk);
        pending.push(...info.importedIds);
      }
    }
  }
  return chunkOf.get(id);
}

const { output } = await bundle.write({
  dir: dist,
  format: 'es',
  chunkFileNames: 'chunks/[name]-[hash].js',
  manualChunks: manualChunk,
  sourcemap: true,
  sourcemapExcludeSources: true,
});
await bundle.close();
chmodSync(`${dist}/cli.js`, 0o755);
writeFileSync(`${dist}/THIRD-PARTY-LICENSES.txt`, bundledLicenses(output));
const undeclared = undeclaredImports(output, JSON.parse(readFileSync(`${root}package.json`, 'utf8')).dependencies, dist);
if (undeclared.length > 0) throw new Error(`imports of packages that are not runtime dependencies: ${undeclared.join('; ')}`);
