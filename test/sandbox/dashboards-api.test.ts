// The 9.4+ dashboards API: what the sandbox stores and answers is checked against the shared
// dashboards spec (read by the test only; the sandbox ships without it).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const SPEC = fileURLToPath(new URL('../../../shared/openapi/kibana-dashboards-api-2026-05-11.json', import.meta.url));
const HAVE_SPEC = existsSync(SPEC);

const sandbox = useSandbox({ version: '9.4.0' });

type Node = Record<string, unknown>;

/**
 * The spec lists fields with a default or `x-oas-optional` as required, though Kibana fills them in;
 * take them out of `required`, as Kibana's own validation does.
 */
function withKibanaOptionals(document: Node): Node {
  const resolve = (schema: Node): Node =>
    typeof schema.$ref === 'string'
      ? resolve(
          schema.$ref
            .replace(/^#\//, '')
            .split('/')
            .reduce<Node>((node, key) => node[key] as Node, document),
        )
      : schema;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const value of Object.values(node)) visit(value);
    const schema = node as Node;
    if (!Array.isArray(schema.required) || typeof schema.properties !== 'object') return;
    const properties = schema.properties as Record<string, Node>;
    schema.required = schema.required.filter((name: string) => {
      const property = properties[name] ? resolve(properties[name]) : {};
      return property['x-oas-optional'] !== true && property.default === undefined;
    });
  };
  visit(document);
  return document;
}

const escape = (path: string) => path.replace(/~/g, '~0').replace(/\//g, '~1');
const BODY = (path: string, method: string) => `/paths/${escape(path)}/${method}/requestBody/content/application~1json/schema`;
const RESPONSE = (path: string, method: string, status: number) =>
  `/paths/${escape(path)}/${method}/responses/${status}/content/application~1json/schema`;

type Check = (value: unknown) => string[];
const checks: Record<string, Check> = {};

/** Validators for schemas of the spec, by JSON pointer; compiled before any request (it takes seconds). */
beforeAll(() => {
  if (!HAVE_SPEC) return;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...withKibanaOptionals(JSON.parse(readFileSync(SPEC, 'utf8'))), $id: 'dashboards.json' });
  const pointers = [
    BODY('/api/dashboards', 'post'),
    RESPONSE('/api/dashboards', 'post', 201),
    RESPONSE('/api/dashboards/{id}', 'get', 200),
    RESPONSE('/api/dashboards', 'get', 200),
  ];
  for (const pointer of pointers) {
    const validate = ajv.compile({ $ref: `dashboards.json#${pointer}` });
    checks[pointer] = (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));
  }
});
const specValidator = (pointer: string): Check => checks[pointer]!;

const logDashboard = {
  title: 'Web logs',
  description: 'Requests and top hosts',
  tags: ['web'],
  time_range: { from: 'now-24h', to: 'now' },
  query: { expression: 'service.name:web', language: 'kql' },
  panels: [
    {
      type: 'markdown',
      grid: { x: 0, y: 0, w: 48, h: 4 },
      id: 'intro',
      config: { content: '# Web logs', settings: { open_links_in_new_tab: true } },
    },
    { type: 'vis', grid: { x: 0, y: 4 }, id: 'errors', config: { ref_id: 'web-errors-lens', title: '5xx over time' } },
    {
      title: 'Details',
      grid: { y: 20 },
      id: 'details',
      panels: [{ type: 'markdown', grid: { x: 0, y: 0, w: 24, h: 6 }, id: 'notes', config: { content: 'Runbook', settings: {} } }],
    },
  ],
};

describe('the 9.4 dashboards API', () => {
  it('creates a dashboard (201) and reads back exactly what it stored, with Kibana’s defaults', async () => {
    const created = await call(sandbox(), 'POST', '/api/dashboards', { body: logDashboard });
    expect(created.status).toBe(201);
    const read = await call(sandbox(), 'GET', `/api/dashboards/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.body.data).toMatchObject({
      ...logDashboard,
      panels: [
        logDashboard.panels[0],
        { ...logDashboard.panels[1], grid: { x: 0, y: 4, w: 24, h: 15 } },
        { ...logDashboard.panels[2], collapsed: false },
      ],
      refresh_interval: { pause: true, value: 60000 },
      options: { use_margins: true, hide_panel_titles: false, sync_cursor: true },
      access_control: { access_mode: 'default' },
      filters: [],
    });
    expect(read.body.meta).toMatchObject({ created_by: 'sandbox_api_key', managed: false, version: expect.any(String) });
  });

  it('stores the same saved object the 8.x API and saved-objects export read: panels, by-reference panels, tags', async () => {
    const { body } = await call(sandbox(), 'POST', '/api/dashboards', { body: logDashboard });
    const stored = sandbox().state.savedObjects.require('default', 'dashboard', body.id);
    const panels = JSON.parse(String(stored.attributes.panelsJSON));
    expect(panels.map((panel: { type: string; panelIndex: string }) => [panel.type, panel.panelIndex])).toEqual([
      ['markdown', 'intro'],
      ['lens', 'errors'],
      ['markdown', 'notes'],
    ]);
    expect(panels[1].panelRefName).toBe('panel_errors');
    expect(stored.references).toEqual([
      { type: 'tag', id: 'web', name: 'tag-ref-web' },
      { type: 'lens', id: 'web-errors-lens', name: 'errors:panel_errors' },
    ]);
    expect(JSON.parse(String((stored.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string }).searchSourceJSON)).query).toEqual({
      query: 'service.name:web',
      language: 'kuery',
    });
  });

  it('lists dashboards (seeded ones too), by text and tag, and upserts and deletes by id', async () => {
    const listed = await call(sandbox(), 'GET', '/api/dashboards', { query: { tags: 'web', per_page: '50' } });
    expect(listed.body.dashboards.every((entry: { data: { tags: string[] } }) => entry.data.tags.includes('web'))).toBe(true);
    // Search text in simple_query_string syntax, on title and description, every word required.
    const byTitle = await call(sandbox(), 'GET', '/api/dashboards', { query: { query: 'host metric*' } });
    expect(byTitle.body.dashboards.map((entry: { id: string }) => entry.id)).toEqual(['host-metrics-dashboard']);
    const everyWord = await call(sandbox(), 'GET', '/api/dashboards', { query: { query: 'host nowhere' } });
    expect(everyWord.body.dashboards).toEqual([]);

    const upserted = await call(sandbox(), 'PUT', '/api/dashboards/ops-overview', { body: { title: 'Ops overview' } });
    expect(upserted.status).toBe(201);
    const replaced = await call(sandbox(), 'PUT', '/api/dashboards/ops-overview', { body: { title: 'Ops overview v2', panels: [] } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data.title).toBe('Ops overview v2');
    expect(replaced.body.meta.created_by).toBe('sandbox_api_key');
    expect((await call(sandbox(), 'DELETE', '/api/dashboards/ops-overview')).status).toBe(204);
    const gone = await call(sandbox(), 'GET', '/api/dashboards/ops-overview');
    expect(gone.status).toBe(404);
    expect((await call(sandbox(), 'DELETE', '/api/dashboards/ops-overview')).status).toBe(404);
  });

  it('shows a seeded 8.x dashboard, leaving out panels of types the API does not know with a warning', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/dashboards/web-traffic-dashboard');
    expect(body.data.panels).toEqual([
      { type: 'vis', grid: { x: 0, y: 0, w: 24, h: 15 }, id: 'p1', config: { ref_id: 'web-errors-lens' } },
    ]);
    sandbox().state.savedObjects.create('default', {
      type: 'dashboard',
      id: 'legacy-map',
      attributes: {
        title: 'Legacy map',
        panelsJSON: JSON.stringify([
          { type: 'map', panelIndex: 'm1', gridData: { x: 0, y: 0, w: 24, h: 15, i: 'm1' }, embeddableConfig: { zoom: 3 } },
        ]),
      },
    });
    const legacy = await call(sandbox(), 'GET', '/api/dashboards/legacy-map');
    expect(legacy.body.data.panels).toEqual([]);
    expect(legacy.body.warnings).toEqual([
      expect.objectContaining({ type: 'dropped_panel', panel_type: 'map', panel_config: { zoom: 3 } }),
    ]);
  });

  it('refuses bodies Kibana refuses, naming the field', async () => {
    const noTitle = await call(sandbox(), 'POST', '/api/dashboards', { body: { panels: [] } });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.message).toBe('[request body.title]: expected value of type [string] but got [undefined]');
    const wide = await call(sandbox(), 'POST', '/api/dashboards', {
      body: { title: 't', panels: [{ type: 'markdown', grid: { x: 0, y: 0, w: 60 }, config: {} }] },
    });
    expect(wide.status).toBe(400);
    expect(wide.body.message).toMatch(/^\[request body\.panels\.0\.grid\.w\]/);
    const unknownOption = await call(sandbox(), 'POST', '/api/dashboards', { body: { title: 't', options: { darkMode: true } } });
    expect(unknownOption.body.message).toBe('[request body.options.darkMode]: definition for this key is missing');
  });

  it('is absent before 9.4, where the 8.x API answers; that API is gone on 9.4', async () => {
    expect((await call(sandbox(), 'GET', '/api/dashboards/dashboard/web-traffic-dashboard')).status).toBe(404);
  });
});

describe.skipIf(!HAVE_SPEC)('the 9.4 dashboards API against the shared spec', () => {
  it('the test dashboard is a valid request, and every answer is a valid response', async () => {
    expect(specValidator(`/paths/${escape('/api/dashboards')}/post/requestBody/content/application~1json/schema`)(logDashboard)).toEqual(
      [],
    );
    const created = await call(sandbox(), 'POST', '/api/dashboards', { body: logDashboard });
    expect(specValidator(RESPONSE('/api/dashboards', 'post', 201))(created.body)).toEqual([]);
    const read = await call(sandbox(), 'GET', `/api/dashboards/${created.body.id}`);
    expect(specValidator(RESPONSE('/api/dashboards/{id}', 'get', 200))(read.body)).toEqual([]);
    const listed = await call(sandbox(), 'GET', '/api/dashboards');
    expect(specValidator(RESPONSE('/api/dashboards', 'get', 200))(listed.body)).toEqual([]);
    const legacy = await call(sandbox(), 'GET', '/api/dashboards/web-traffic-dashboard');
    expect(specValidator(RESPONSE('/api/dashboards/{id}', 'get', 200))(legacy.body)).toEqual([]);
  });
});
