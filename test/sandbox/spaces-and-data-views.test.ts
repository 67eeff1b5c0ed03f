import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();
const idsOf = (views: { id: string }[]) => views.map((view) => view.id);

describe('spaces', () => {
  it('lists the seeded spaces and reads one', async () => {
    const list = await call(sandbox(), 'GET', '/api/spaces/space');
    expect(list.body.map((space: { id: string }) => space.id)).toEqual(['default', 'security', 'marketing']);
    const one = await call(sandbox(), 'GET', '/api/spaces/space/security');
    expect(one.body).toMatchObject({ id: 'security', name: 'Security', solution: 'security' });
  });

  it('creates, updates (replacing the definition) and deletes a space', async () => {
    const created = await call(sandbox(), 'POST', '/api/spaces/space', { body: { id: 'ops', name: 'Ops', color: '#ff0000' } });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: 'ops', name: 'Ops', color: '#ff0000', disabledFeatures: [] });

    const duplicate = await call(sandbox(), 'POST', '/api/spaces/space', { body: { id: 'ops', name: 'Ops again' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'A space with the identifier ops already exists.' });

    const updated = await call(sandbox(), 'PUT', '/api/spaces/space/ops', { body: { id: 'ops', name: 'Operations' } });
    expect(updated.body).toEqual({ id: 'ops', name: 'Operations', disabledFeatures: [] });

    expect((await call(sandbox(), 'DELETE', '/api/spaces/space/ops')).status).toBe(204);
    const gone = await call(sandbox(), 'GET', '/api/spaces/space/ops');
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not Found' });
  });

  it('refuses to delete the reserved default space', async () => {
    const { status, body } = await call(sandbox(), 'DELETE', '/api/spaces/space/default');
    expect(status).toBe(400);
    expect(body.message).toContain('reserved');
  });
});

describe('data views', () => {
  it('keeps a data view created under /s/marketing out of the other spaces', async () => {
    const created = await call(sandbox(), 'POST', '/s/marketing/api/data_views/data_view', {
      body: { data_view: { title: 'campaigns-*', name: 'Campaigns', timeFieldName: '@timestamp' } },
    });
    expect(created.status).toBe(200);
    const id = created.body.data_view.id as string;
    expect(created.body.data_view.namespaces).toEqual(['marketing']);

    expect(idsOf((await call(sandbox(), 'GET', '/s/marketing/api/data_views')).body.data_view)).toContain(id);
    expect(idsOf((await call(sandbox(), 'GET', '/api/data_views')).body.data_view)).not.toContain(id);
    expect(idsOf((await call(sandbox(), 'GET', '/s/security/api/data_views')).body.data_view)).not.toContain(id);
    expect((await call(sandbox(), 'GET', `/api/data_views/data_view/${id}`)).status).toBe(404);
    expect((await call(sandbox(), 'GET', `/s/marketing/api/data_views/data_view/${id}`)).status).toBe(200);
  });

  it('accepts writes into a space that does not exist, as Kibana does', async () => {
    const created = await call(sandbox(), 'POST', '/s/no-such-space/api/data_views/data_view', {
      body: { data_view: { title: 'ghost-*' } },
    });
    expect(created.status).toBe(200);
    expect(sandbox().state.spaces.has('no-such-space')).toBe(false);
    expect(sandbox().state.savedObjects.list('no-such-space', ['index-pattern'])).toHaveLength(1);
  });

  it('reads, updates, extends with a runtime field and deletes a data view', async () => {
    const created = await call(sandbox(), 'POST', '/api/data_views/data_view', {
      body: { data_view: { id: 'web-view', title: 'web-*', name: 'Web' } },
    });
    expect(created.body.data_view.fields['@timestamp'].type).toBe('date');

    const conflict = await call(sandbox(), 'POST', '/api/data_views/data_view', {
      body: { data_view: { id: 'web-view', title: 'other-*' } },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe('Saved object [index-pattern/web-view] conflict');

    const updated = await call(sandbox(), 'POST', '/api/data_views/data_view/web-view', { body: { data_view: { name: 'Web tier' } } });
    expect(updated.body.data_view).toMatchObject({ id: 'web-view', title: 'web-*', name: 'Web tier' });

    const runtime = await call(sandbox(), 'PUT', '/api/data_views/data_view/web-view/runtime_field', {
      body: { name: 'hour', runtimeField: { type: 'long', script: { source: "emit(doc['@timestamp'].value.getHour())" } } },
    });
    expect(runtime.status).toBe(200);
    expect(runtime.body.fields[0]).toMatchObject({ name: 'hour', type: 'long' });
    const read = await call(sandbox(), 'GET', '/api/data_views/data_view/web-view');
    expect(read.body.data_view.runtimeFieldMap.hour.type).toBe('long');
    expect(sandbox().state.savedObjects.get('default', 'index-pattern', 'web-view')?.attributes.runtimeFieldMap).toBeTypeOf('string');

    expect((await call(sandbox(), 'DELETE', '/api/data_views/data_view/web-view')).status).toBe(204);
    const missing = await call(sandbox(), 'DELETE', '/api/data_views/data_view/web-view');
    expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Saved object [index-pattern/web-view] not found' });
  });

  it('keeps the default data view unless forced', async () => {
    expect((await call(sandbox(), 'GET', '/api/data_views/default')).body).toEqual({ data_view_id: 'logs-data-view' });
    await call(sandbox(), 'POST', '/api/data_views/default', { body: { data_view_id: 'metrics-data-view' } });
    expect((await call(sandbox(), 'GET', '/api/data_views/default')).body.data_view_id).toBe('logs-data-view');
    await call(sandbox(), 'POST', '/api/data_views/default', { body: { data_view_id: 'metrics-data-view', force: true } });
    expect((await call(sandbox(), 'GET', '/api/data_views/default')).body.data_view_id).toBe('metrics-data-view');
    expect((await call(sandbox(), 'GET', '/s/security/api/data_views/default')).body.data_view_id).toBeNull();
  });
});
