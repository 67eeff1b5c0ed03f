// A default stdio start loads only what serving the selected tools over stdio needs: no HTTP stack,
// no sandbox, no generator or tokenizer, nothing of an unselected toolset (issue 15), nothing of the
// full-API catalogue (issue 11).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedModules, loadedModules, sourcesOf } from '../../harness/loaded-modules.js';
import { CLI } from '../../harness/mcp-peers.js';
import * as tasks from '../../src/tools/tasks/index.js';
import { toolsets } from '../support/tools.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const KIBANA = { KIBANA_URL: 'http://127.0.0.1:9', KIBANA_API_KEY: 'k' };

/** What a stdio start must never load, by path inside the repository (our code by its source), and Node built-ins. */
const NEVER_ON_STDIO = [
  /^src\/server\/http/,
  /^src\/config\/http-config\.ts$/,
  /^src\/sandbox\//,
  /^src\/generator\//,
  /^src\/demo\//,
  // The full input schemas of the selected toolsets load with their first call.
  /^src\/tools\/generated\/inputs\//,
  /^src\/openapi\//,
  // The product speaks MCP through @modelcontextprotocol/server only; the 1.x SDK and the client are for tests and the tour.
  /^node_modules\/@modelcontextprotocol\/(sdk|client)\//,
  /^node_modules\/@hono\//,
  /^node_modules\/hono\//,
  /^node_modules\/js-tiktoken\//,
  /^node_modules\/undici\//,
  /^node_modules\/yaml\//,
];
// Node's bundled undici comes with the HTTP transport; tls with the Kibana client's first request; http with
// the start-up version probe (GET /api/status), which a start with --kibana-version does not send; crypto
// with the first confirmation round.
const NEVER_BUILTINS = ['internal/deps/undici/undici', 'http2', 'tls', 'crypto'];

/** A generated toolset's data file, as the build places it (its calls file is `<id>.calls.json` beside it). */
const generatedData = (id: string) => `dist/tools/generated/${id}.json`;
const taskModule = (id: string) => `src/tools/tasks/${id}.ts`;

/** Listing the dashboard task tools needs their generated schemas; their validators (Zod), Kibana calls, readers and writers load with a first call. */
const DASHBOARDS_LISTING = ['src/dashboards/advertised-schemas.ts', 'src/dashboards/tool-definitions.ts'];
/** Listing the full-API tools needs their definitions; the catalogue, its index and the schema converter load with a first call. */
const API_LISTING = ['src/api/limits.ts', 'src/api/tools.ts'];

function repoPaths(loaded: LoadedModules): string[] {
  return loaded.sources.map((file) => relative(ROOT, file));
}

function readPaths(loaded: LoadedModules): string[] {
  return loaded.read.map((file) => relative(ROOT, file));
}

describe('a default start over stdio', () => {
  let loaded: LoadedModules;
  let paths: string[];
  beforeAll(async () => {
    loaded = await loadedModules([CLI], KIBANA);
    paths = repoPaths(loaded);
  });

  it('reads the data of the default toolsets and of no other, none of their calls data, and loads the modules of the default task toolsets only', () => {
    expect(loaded.tools).toBeGreaterThan(0);
    const read = readPaths(loaded);
    for (const toolset of toolsets) expect(read.includes(generatedData(toolset.id)), toolset.id).toBe(toolset.default);
    expect(read.filter((path) => path.endsWith('.calls.json'))).toEqual([]);
    for (const toolset of tasks.toolsets) expect(paths.includes(taskModule(toolset.id)), toolset.id).toBe(toolset.default);
  });

  it('loads of the default dashboard task tools what lists them, and none of their work', () => {
    expect(paths.filter((path) => path.startsWith('src/dashboards/')).sort()).toEqual(DASHBOARDS_LISTING);
  });

  it('loads of the default full-API tools what lists them, and nothing of the catalogue', () => {
    expect(paths.filter((path) => path.startsWith('src/api/')).sort()).toEqual(API_LISTING);
    expect(paths.filter((path) => path.startsWith('src/catalogue/') || path.startsWith('src/openapi/'))).toEqual([]);
    expect(paths.some((path) => path.startsWith('openapi/catalogue/'))).toBe(false);
  });

  it('reads no module file of node_modules: the SDK and zod are bundled', () => {
    expect(loaded.files.filter((file) => file.includes('/node_modules/'))).toEqual([]);
    expect(paths.some((path) => path.startsWith('node_modules/zod/'))).toBe(true);
  });

  it('loads neither the HTTP stack nor the sandbox, the generator, the tokenizer, nor the client’s transport before a call', () => {
    expect(paths.filter((path) => NEVER_ON_STDIO.some((pattern) => pattern.test(path)))).toEqual([]);
    expect(loaded.builtins.filter((builtin) => NEVER_BUILTINS.includes(builtin))).toEqual([]);
  });
});

describe('a stdio start with --kibana-version', () => {
  it('asks Kibana nothing, so it loads no HTTP client at all', async () => {
    const loaded = await loadedModules([CLI, '--kibana-version', '9.3.0'], KIBANA);
    expect(loaded.tools).toBeGreaterThan(0);
    expect(loaded.builtins.filter((builtin) => [...NEVER_BUILTINS, 'http', 'https'].includes(builtin))).toEqual([]);
  });
});

describe('a start without the dashboards and api toolsets', () => {
  it('loads nothing of the dashboard task tools, nor of the full-API tools', async () => {
    const loaded = await loadedModules([CLI, '--toolsets', 'platform'], KIBANA);
    const paths = repoPaths(loaded);
    expect(readPaths(loaded)).toContain(generatedData('platform'));
    expect(paths.filter((path) => path.startsWith('src/dashboards/') || path.startsWith('src/tools/tasks/dashboards'))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('src/api/') || path.startsWith('src/tools/tasks/api'))).toEqual([]);
  });
});

describe('the probe itself', () => {
  it('sees the HTTP stack and a chosen toolset when they are loaded', async () => {
    const loaded = await loadedModules(['--input-type=module', '-e', httpAndSlos()], {});
    const paths = repoPaths(loaded);
    expect(paths).toContain('src/server/http.ts');
    expect(readPaths(loaded)).toContain(generatedData('slos'));
    expect(loaded.builtins).toContain('http');
  });
});

/** The built file that holds a source module, by the source maps of dist/. */
function builtFileOf(source: string): string {
  const dist = join(ROOT, 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
  const file = files.find((name) => sourcesOf(join(dist, name)).includes(join(ROOT, source)));
  if (file === undefined) throw new Error(`no file of dist/ holds ${source}`);
  return join(dist, file);
}

/** A stdio server that also loads the HTTP server module and reads one toolset's data, so the probe has something to find. */
const httpAndSlos = () => `
await import(${JSON.stringify(pathToFileURL(builtFileOf('src/server/http.ts')).href)});
const { readFile } = await import('node:fs/promises');
await readFile(${JSON.stringify(join(ROOT, generatedData('slos')))}, 'utf8');
const { McpServer } = await import('@modelcontextprotocol/server');
const { StdioServerTransport } = await import('@modelcontextprotocol/server/stdio');
const server = new McpServer({ name: 'probe-check', version: '1.0.0' });
server.registerTool('noop', { description: 'Does nothing.' }, () => ({ content: [] }));
await server.connect(new StdioServerTransport());
`;
