import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();

function importForm(ndjson: string, retries?: unknown): FormData {
  const form = new FormData();
  form.append('file', new Blob([ndjson], { type: 'application/ndjson' }), 'export.ndjson');
  if (retries !== undefined) form.append('retries', JSON.stringify(retries));
  return form;
}

async function exportDashboard(space = '') {
  return call(sandbox(), 'POST', `${space}/api/saved_objects/_export`, {
    body: { objects: [{ type: 'dashboard', id: 'web-traffic-dashboard' }], includeReferencesDeep: true },
  });
}

describe('saved objects', () => {
  it('finds data views, dashboards, rules and connectors with their references', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/saved_objects/_find', {
      query: { type: ['index-pattern', 'dashboard', 'alert', 'action'], per_page: '100' },
    });
    const types = new Set(body.saved_objects.map((object: { type: string }) => object.type));
    expect(types).toEqual(new Set(['index-pattern', 'dashboard', 'alert', 'action']));
    const rule = body.saved_objects.find((object: { id: string }) => object.id === 'high-error-rate-rule');
    expect(rule.references).toEqual([{ name: 'action_0', type: 'action', id: 'server-log-connector' }]);
  });

  it('searches, filters, pages and trims attributes', async () => {
    const search = await call(sandbox(), 'GET', '/api/saved_objects/_find', { query: { type: 'dashboard', search: 'host*' } });
    expect(search.body.saved_objects.map((object: { id: string }) => object.id)).toEqual(['host-metrics-dashboard']);

    const filtered = await call(sandbox(), 'GET', '/api/saved_objects/_find', {
      query: { type: 'dashboard', filter: 'dashboard.attributes.title:"Web traffic"', fields: 'title' },
    });
    expect(filtered.body.saved_objects).toHaveLength(1);
    expect(filtered.body.saved_objects[0].attributes).toEqual({ title: 'Web traffic' });

    const paged = await call(sandbox(), 'GET', '/api/saved_objects/_find', { query: { type: 'index-pattern', per_page: '2', page: '2' } });
    expect(paged.body).toMatchObject({ page: 2, per_page: 2, total: 3 });
    expect(paged.body.saved_objects).toHaveLength(1);
  });

  it('reads one object and answers 404 for an unknown id', async () => {
    expect((await call(sandbox(), 'GET', '/api/saved_objects/lens/web-errors-lens')).body.attributes.title).toBe('HTTP 5xx over time');
    const missing = await call(sandbox(), 'GET', '/api/saved_objects/dashboard/nope');
    expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Saved object [dashboard/nope] not found' });
  });

  it('exports ndjson with references taken deep and the summary line last', async () => {
    const exported = await exportDashboard();
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('application/ndjson');
    const lines = exported.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.slice(0, -1).map((line) => `${line.type}/${line.id}`)).toEqual([
      'dashboard/web-traffic-dashboard',
      'lens/web-errors-lens',
      'index-pattern/logs-data-view',
    ]);
    expect(lines.at(-1)).toEqual({
      excludedObjects: [],
      excludedObjectsCount: 0,
      exportedCount: 3,
      missingRefCount: 0,
      missingReferences: [],
    });
  });

  it('imports an export into another space with its references intact, then reports conflicts', async () => {
    const ndjson = (await exportDashboard()).text;
    const imported = await call(sandbox(), 'POST', '/s/marketing/api/saved_objects/_import', { rawBody: importForm(ndjson) });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ success: true, successCount: 3, errors: [] });

    const dashboard = await call(sandbox(), 'GET', '/s/marketing/api/saved_objects/dashboard/web-traffic-dashboard');
    expect(dashboard.body.references).toEqual([{ name: 'p1:panel_p1', type: 'lens', id: 'web-errors-lens' }]);
    expect(dashboard.body.namespaces).toEqual(['marketing']);

    const again = await call(sandbox(), 'POST', '/s/marketing/api/saved_objects/_import', { rawBody: importForm(ndjson) });
    expect(again.body.success).toBe(false);
    expect(again.body.errors.map((error: { error: { type: string } }) => error.error.type)).toEqual(['conflict', 'conflict', 'conflict']);

    const resolved = await call(sandbox(), 'POST', '/s/marketing/api/saved_objects/_resolve_import_errors', {
      rawBody: importForm(ndjson, [{ type: 'dashboard', id: 'web-traffic-dashboard', overwrite: true }]),
    });
    expect(resolved.body).toMatchObject({ success: true, successCount: 1 });
    expect(resolved.body.successResults[0]).toMatchObject({ type: 'dashboard', id: 'web-traffic-dashboard', overwrite: true });
  });

  it('gives new ids with createNewCopies and rewrites references to them', async () => {
    const ndjson = (await exportDashboard()).text;
    const imported = await call(sandbox(), 'POST', '/s/security/api/saved_objects/_import', {
      rawBody: importForm(ndjson),
      query: { createNewCopies: 'true' },
    });
    const destination = (type: string) =>
      imported.body.successResults.find((result: { type: string }) => result.type === type).destinationId as string;
    const lens = await call(sandbox(), 'GET', `/s/security/api/saved_objects/lens/${destination('lens')}`);
    expect(lens.body.references[0].id).toBe(destination('index-pattern'));
  });

  it('reports missing references instead of importing a dangling object', async () => {
    const line = {
      type: 'lens',
      id: 'orphan',
      attributes: { title: 'Orphan' },
      references: [{ name: 'x', type: 'index-pattern', id: 'gone' }],
    };
    const { body } = await call(sandbox(), 'POST', '/s/security/api/saved_objects/_import', {
      rawBody: importForm(`${JSON.stringify(line)}\n`),
    });
    expect(body.errors[0].error).toEqual({ type: 'missing_references', references: [{ type: 'index-pattern', id: 'gone' }] });
  });

  it('copies objects with their references into other spaces', async () => {
    await call(sandbox(), 'POST', '/api/spaces/space', { body: { id: 'sales', name: 'Sales' } });
    const { status, body } = await call(sandbox(), 'POST', '/api/spaces/_copy_saved_objects', {
      body: {
        objects: [{ type: 'dashboard', id: 'host-metrics-dashboard' }],
        spaces: ['sales'],
        includeReferences: true,
        createNewCopies: false,
      },
    });
    expect(status).toBe(200);
    expect(body.sales).toMatchObject({ success: true, successCount: 2 });
    const copied = await call(sandbox(), 'GET', '/s/sales/api/data_views/data_view/metrics-data-view');
    expect(copied.body.data_view.title).toBe('metrics-*');
  });
});

describe('dashboards API', () => {
  it('creates, reads, replaces, lists and deletes a dashboard stored as a saved object', async () => {
    const attributes = {
      title: 'On-call',
      options: { useMargins: true },
      panels: [{ type: 'lens', gridData: { x: 0, y: 0, w: 12, h: 8, i: 'a' }, panelConfig: { title: 'Errors' } }],
    };
    const created = await call(sandbox(), 'POST', '/api/dashboards/dashboard/on-call', { body: { attributes } });
    expect(created.status).toBe(200);
    expect(created.body.item.attributes.panels[0].panelConfig).toEqual({ title: 'Errors' });
    expect(typeof sandbox().state.savedObjects.get('default', 'dashboard', 'on-call')?.attributes.panelsJSON).toBe('string');

    expect((await call(sandbox(), 'POST', '/api/dashboards/dashboard/on-call', { body: { attributes } })).status).toBe(409);

    const replaced = await call(sandbox(), 'PUT', '/api/dashboards/dashboard/on-call', {
      body: { attributes: { title: 'On-call v2', options: {} } },
    });
    expect(replaced.body.item.attributes).toMatchObject({ title: 'On-call v2', panels: [] });

    const list = await call(sandbox(), 'GET', '/api/dashboards/dashboard', { query: { perPage: '10' } });
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain('on-call');

    expect((await call(sandbox(), 'DELETE', '/api/dashboards/dashboard/on-call')).status).toBe(200);
    expect((await call(sandbox(), 'GET', '/api/dashboards/dashboard/on-call')).status).toBe(404);
  });
});

describe('short URLs', () => {
  it('creates a short URL and resolves it by id and by slug', async () => {
    const created = await call(sandbox(), 'POST', '/api/short_url', {
      body: { locatorId: 'DASHBOARD_APP_LOCATOR', params: { dashboardId: 'web-traffic-dashboard' }, slug: 'web-traffic' },
    });
    expect(created.body.locator).toMatchObject({ id: 'DASHBOARD_APP_LOCATOR', state: { dashboardId: 'web-traffic-dashboard' } });
    expect((await call(sandbox(), 'GET', `/api/short_url/${created.body.id}`)).body.slug).toBe('web-traffic');
    expect((await call(sandbox(), 'GET', '/api/short_url/_slug/web-traffic')).body.id).toBe(created.body.id);
    const duplicate = await call(sandbox(), 'POST', '/api/short_url', { body: { locatorId: 'X', params: {}, slug: 'web-traffic' } });
    expect(duplicate.status).toBe(409);
    expect((await call(sandbox(), 'DELETE', `/api/short_url/${created.body.id}`)).status).toBe(200);
    expect((await call(sandbox(), 'GET', `/api/short_url/${created.body.id}`)).status).toBe(404);
  });
});

/** A Lens line chart by value on the logs data view: `field` over time, one count per bucket. */
function lensPanel(field: string) {
  return {
    type: 'lens',
    panelIndex: 'p1',
    gridData: { x: 0, y: 0, w: 24, h: 15, i: 'p1' },
    embeddableConfig: {
      attributes: {
        title: 'Requests',
        visualizationType: 'lnsXY',
        references: [{ name: 'indexpattern-datasource-layer-l1', type: 'index-pattern', id: 'logs-data-view' }],
        state: {
          datasourceStates: {
            formBased: {
              layers: {
                l1: {
                  columns: {
                    c1: { operationType: 'date_histogram', sourceField: field },
                    c2: { operationType: 'count', sourceField: '___records___' },
                  },
                  columnOrder: ['c1', 'c2'],
                },
              },
            },
          },
          visualization: { layers: [{ layerId: 'l1', xAccessor: 'c1', accessors: ['c2'] }] },
        },
      },
    },
  };
}
const lensReferences = [{ name: 'p1:indexpattern-datasource-layer-l1', type: 'index-pattern', id: 'logs-data-view' }];

describe('saved objects written one by one', () => {
  it('creates, updates (merging attributes) and deletes an object; an existing id is a 409 unless overwritten', async () => {
    const created = await call(sandbox(), 'POST', '/api/saved_objects/tag/team-web', {
      body: { attributes: { name: 'web', color: '#ff0000' } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: 'tag', id: 'team-web', attributes: { name: 'web' }, references: [] });
    expect((await call(sandbox(), 'POST', '/api/saved_objects/tag/team-web', { body: { attributes: { name: 'x' } } })).status).toBe(409);
    const generated = await call(sandbox(), 'POST', '/api/saved_objects/tag', { body: { attributes: { name: 'ops' } } });
    expect(generated.body.id).toEqual(expect.any(String));

    const updated = await call(sandbox(), 'PUT', '/api/saved_objects/tag/team-web', { body: { attributes: { color: '#00ff00' } } });
    expect(updated.body.attributes).toEqual({ name: 'web', color: '#00ff00' });
    const stale = await call(sandbox(), 'PUT', '/api/saved_objects/tag/team-web', {
      body: { attributes: {}, version: created.body.version },
    });
    expect(stale.status).toBe(409);
    expect((await call(sandbox(), 'DELETE', '/api/saved_objects/tag/team-web')).body).toEqual({});
    expect((await call(sandbox(), 'GET', '/api/saved_objects/tag/team-web')).status).toBe(404);
  });

  it('refuses a dashboard Kibana could not render, naming the panel and the field, and takes the corrected one', async () => {
    const wrong = { attributes: { title: 'Requests', panelsJSON: JSON.stringify([lensPanel('timestamp')]) }, references: lensReferences };
    const refused = await call(sandbox(), 'POST', '/api/saved_objects/dashboard/requests', { body: wrong });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: '[panel p1] Field timestamp was not found (layer l1, column c1)',
    });
    expect(sandbox().state.savedObjects.get('default', 'dashboard', 'requests')).toBeUndefined();

    const right = { ...wrong, attributes: { ...wrong.attributes, panelsJSON: JSON.stringify([lensPanel('@timestamp')]) } };
    expect((await call(sandbox(), 'POST', '/api/saved_objects/dashboard/requests', { body: right })).status).toBe(200);
    const dangling = await call(sandbox(), 'PUT', '/api/saved_objects/dashboard/requests', { body: { attributes: {}, references: [] } });
    expect(dangling.status).toBe(400);
    expect(dangling.body.message).toMatch(/no reference indexpattern-datasource-layer-l1 resolves/);
  });

  it('checks dashboards written through the 8.x dashboards API too', async () => {
    const { embeddableConfig, ...panel } = lensPanel('no.such.field');
    const refused = await call(sandbox(), 'POST', '/api/dashboards/dashboard/requests-8x', {
      body: {
        attributes: { title: 'Requests', options: {}, panels: [{ ...panel, panelConfig: embeddableConfig }] },
        references: lensReferences,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('[panel p1] Field no.such.field was not found (layer l1, column c1)');
  });
});
