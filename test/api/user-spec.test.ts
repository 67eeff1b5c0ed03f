// --spec: the user's own OpenAPI spec (a file, or GET /api/oas of the connected Kibana) as the full-API
// tools' catalogue, read at start; a spec that cannot serve is one line at start, exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI } from '../../harness/mcp-peers.js';
import { kibanaError, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { readSpecFile, specSummary } from '../../src/api/user-spec.js';
import { connectKibana } from '../../src/commands/kibana-connection.js';
import { specAtStart } from '../../src/commands/spec-at-start.js';
import { toolsAtStart } from '../../src/commands/tools-at-start.js';
import { readOptions } from '../../src/config/read-options.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { KibanaVersion } from '../../src/tools/kibana-version.js';
import { apiTools } from '../../src/tools/tasks/api.js';
import { testRuntime, textOf } from '../support/runtime.js';

/** A plugin's API, as a Kibana with it would describe itself: a space-aware POST with a body, and an operation the shipped catalogue also has. */
const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Kibana with a plugin', version: '9.6.0' },
  paths: {
    '/api/acme/widgets': {
      post: {
        summary: 'Create a widget',
        tags: ['acme'],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } } },
        responses: { 200: { description: 'OK', content: { 'application/json': {} } } },
      },
    },
    '/s/{spaceId}/api/acme/widgets/{id}': {
      get: {
        summary: 'Get a widget',
        parameters: [
          { name: 'spaceId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        ],
        responses: { 200: { description: 'OK' } },
      },
    },
    '/api/data_views': { get: { summary: 'Get all data views', responses: { 200: { description: 'OK' } } } },
    '/api/acme/broken': { get: { parameters: [{ $ref: '#/components/parameters/missing' }], responses: { 200: { description: 'OK' } } } },
  },
  components: {
    schemas: {
      Widget: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, size: { type: 'integer', nullable: true } } },
    },
  },
};

let dir: string;
let kibana: RecordingKibana;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kibana-mcp-spec-'));
  kibana = await startRecordingKibana();
});
afterAll(async () => {
  await kibana.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  kibana.requests.length = 0;
});

async function specFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('a spec file', () => {
  it('serves its operations, JSON or YAML, and leaves out the ones it cannot read, saying which', async () => {
    for (const file of [await specFile('spec.json', JSON.stringify(SPEC)), await specFile('spec.yaml', stringify(SPEC))]) {
      const spec = await readSpecFile(file);
      expect(spec.operations.map((operation) => `${operation.method} ${operation.path}`)).toEqual([
        'POST /api/acme/widgets',
        'GET /api/acme/widgets/{id}',
        'GET /api/data_views',
      ]);
      expect(specSummary(spec)).toMatch(
        new RegExp(
          `^--spec ${file}: the full-API tools serve its 3 operations; 1 left out, their schemas unreadable \\(GET /api/acme/broken: `,
        ),
      );
    }
  });

  it('takes the curated tools, and their tiers, of the connected version’s shipped catalogue', async () => {
    const spec = await readSpecFile(await specFile('spec.json', JSON.stringify(SPEC)));
    const catalogue = await spec.catalogue('9.4.0');
    const dataViews = catalogue.operations.find((operation) => operation.path === '/api/data_views');
    expect(dataViews).toMatchObject({ curatedTool: 'list_data_views', toolset: 'data_views', effect: 'read' });
    expect(catalogue.operations.find((operation) => operation.path === '/api/acme/widgets/{id}')).toMatchObject({
      spaceAware: true,
      specPath: '/s/{spaceId}/api/acme/widgets/{id}',
    });
  });

  it('is called through call_kibana_api, checked against its own schemas', async () => {
    const spec = await readSpecFile(await specFile('spec.json', JSON.stringify(SPEC)));
    const runtime = testRuntime(kibana.url, {
      tools: apiTools({ tier: 'write', allowInternal: false, catalogue: (version) => spec.catalogue(version) }),
      kibanaVersion: new KibanaVersion(async () => ({ failure: 'not asked' }), '9.6.0'),
    });
    const refused = await runtime.call('call_kibana_api', { method: 'POST', path: '/api/acme/widgets', body: { size: 'big' } });
    expect(textOf(refused)).toBe(
      'Not sent: invalid arguments for POST /api/acme/widgets:\nbody.name: missing required field\nbody.size: expected number, got string',
    );
    await runtime.call('call_kibana_api', { method: 'POST', path: '/api/acme/widgets', body: { name: 'w', size: null } });
    await runtime.call('call_kibana_api', { method: 'GET', path: '/api/acme/widgets/w1', space_id: 'ops' });
    expect(kibana.requests.map((request) => `${request.method} ${request.path} ${request.body}`)).toEqual([
      'POST /api/acme/widgets {"name":"w","size":null}',
      'GET /s/ops/api/acme/widgets/w1 ',
    ]);
    const found = JSON.parse(textOf(await runtime.call('search_kibana_api', { query: 'create a widget' })));
    expect(found.operations[0]).toMatchObject({ method: 'POST', path: '/api/acme/widgets', tier: 'write' });
  });

  it.each([
    ['one that does not exist', async () => join(dir, 'missing.json'), /missing\.json: cannot be read \(ENOENT\)$/],
    ['one that is not YAML', async () => specFile('bad.yaml', 'a: [1,\n'), /bad\.yaml: not YAML or JSON \(/],
    ['one without paths', async () => specFile('nopaths.json', '{"openapi":"3.0.3"}'), /not an OpenAPI document \(no "paths"\)$/],
    [
      'one none of whose operations can be read',
      async () => specFile('broken.json', JSON.stringify({ paths: { '/api/x': SPEC.paths['/api/acme/broken'] } })),
      /no operation of the spec can be read: GET \/api\/x: /,
    ],
  ])('refuses %s', async (_, file, message) => {
    await expect(readSpecFile(await file())).rejects.toThrow(message);
  });
});

describe('--spec at start', () => {
  async function start(argv: string[], env: NodeJS.ProcessEnv = { KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' }, passthrough = false) {
    const options = readOptions(argv, env);
    return specAtStart(options, await connectKibana(options, silentLogger, { passthroughAuth: passthrough }), passthrough, silentLogger);
  }

  it('kibana: reads GET /api/oas of the connected Kibana', async () => {
    kibana.handle((request) => (request.path === '/api/oas' ? { body: SPEC } : { body: {} }));
    const catalogue = await start(['--spec', 'kibana']);
    expect(kibana.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/oas']);
    expect((await catalogue!('9.6.0')).operations).toHaveLength(3);
  });

  it('kibana: says clearly that a Kibana which answers 404 does not serve its spec, and how to enable it', async () => {
    kibana.handle(() => kibanaError(404, 'Not Found', 'Not Found'));
    await expect(start(['--spec', 'kibana'])).rejects.toThrow(
      /^--spec: Kibana does not serve its OpenAPI spec \(GET \/api\/oas answered 404\): it does so only with server\.oas\.enabled: true in kibana\.yml/,
    );
    kibana.handle(() => kibanaError(401, 'Unauthorized', 'bad key'));
    await expect(start(['--spec', 'kibana'])).rejects.toThrow(/^--spec: GET \/api\/oas failed: .*401/);
  });

  it('kibana: refused in passthrough mode, which has no credentials of its own', async () => {
    await expect(start(['--spec', 'kibana'], { KIBANA_URL: kibana.url }, true)).rejects.toThrow(/passthrough mode has no credentials/);
  });

  it('is read only when the full-API tools are served', async () => {
    const options = readOptions(['--spec', join(dir, 'missing.json'), '--toolsets', 'platform', '--kibana-version', '9.3.0'], {
      KIBANA_URL: kibana.url,
      KIBANA_API_KEY: 'k',
    });
    const logged: string[] = [];
    const started = await toolsAtStart(
      options,
      await connectKibana(options, silentLogger),
      false,
      createLogger('warn', (line) => logged.push(line)),
    );
    expect(started.tools.map((tool) => tool.name)).toEqual(['get_status', 'get_task_manager_health']);
    expect(logged).toEqual(['kibana-mcp warn: --spec: the full-API tools (toolset api) are not selected, so the spec is not read\n']);
  });

  it('a spec that fails to load stops the server with one line and exit code 2', () => {
    const started = spawnSync(process.execPath, [CLI, '--spec', join(dir, 'missing.json'), '--kibana-version', '9.3.0'], {
      env: { PATH: process.env.PATH, KIBANA_URL: kibana.url, KIBANA_API_KEY: 'k' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(started.status).toBe(2);
    expect(started.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^kibana-mcp: --spec: .*missing\.json: cannot be read \(ENOENT\)$/),
    ]);
  });
});
