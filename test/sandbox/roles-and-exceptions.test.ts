import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();

const role = {
  description: 'Reads metrics.',
  elasticsearch: { indices: [{ names: ['metrics-*'], privileges: ['read'] }] },
  kibana: [{ base: [], feature: { dashboard: ['read'] }, spaces: ['marketing'] }],
};

describe('roles', () => {
  it('lists the seeded roles by name, reserved ones marked', async () => {
    const { status, body } = await call(sandbox(), 'GET', '/api/security/role');
    expect(status).toBe(200);
    expect(body.map((r: { name: string }) => r.name)).toEqual(['editor', 'logs_reader', 'soc_analyst', 'superuser', 'viewer']);
    expect(body.find((r: { name: string }) => r.name === 'superuser').metadata).toEqual({ _reserved: true });
  });

  it('creates, reads, replaces and deletes a role; createOnly refuses an existing name', async () => {
    expect((await call(sandbox(), 'PUT', '/api/security/role/metrics_reader', { body: role })).status).toBe(204);
    const read = await call(sandbox(), 'GET', '/api/security/role/metrics_reader');
    expect(read.body).toMatchObject({
      name: 'metrics_reader',
      description: 'Reads metrics.',
      elasticsearch: { cluster: [], run_as: [], indices: [{ names: ['metrics-*'], privileges: ['read'] }] },
      kibana: [{ base: [], feature: { dashboard: ['read'] }, spaces: ['marketing'] }],
      transient_metadata: { enabled: true },
    });
    const again = await call(sandbox(), 'PUT', '/api/security/role/metrics_reader', { body: role, query: { createOnly: 'true' } });
    expect(again.status).toBe(409);
    await call(sandbox(), 'PUT', '/api/security/role/metrics_reader', { body: { elasticsearch: { cluster: ['monitor'] } } });
    const replaced = await call(sandbox(), 'GET', '/api/security/role/metrics_reader');
    expect(replaced.body).toMatchObject({ elasticsearch: { cluster: ['monitor'], indices: [] }, kibana: [] });
    expect(replaced.body.description).toBeUndefined();
    expect((await call(sandbox(), 'DELETE', '/api/security/role/metrics_reader')).status).toBe(204);
    expect((await call(sandbox(), 'GET', '/api/security/role/metrics_reader')).status).toBe(404);
    expect((await call(sandbox(), 'DELETE', '/api/security/role/metrics_reader')).status).toBe(404);
  });

  it('refuses to change or delete a reserved role, and validates the body', async () => {
    const deleted = await call(sandbox(), 'DELETE', '/api/security/role/superuser');
    expect(deleted.status).toBe(400);
    expect(deleted.body.message).toBe('role [superuser] is reserved and cannot be deleted');
    expect((await call(sandbox(), 'PUT', '/api/security/role/viewer', { body: role })).status).toBe(400);
    const invalid = await call(sandbox(), 'PUT', '/api/security/role/x', { body: { kibana: [] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/^\[request body\.elasticsearch\]/);
  });
});

const entries = [{ field: 'process.name', operator: 'included', type: 'match', value: 'backup.exe' }];

describe('exception lists and items', () => {
  it('creates a list in a space, adds an item, finds it by KQL, and keeps it out of other spaces', async () => {
    const list = await call(sandbox(), 'POST', '/s/security/api/exception_lists', {
      body: { list_id: 'trusted-tools', name: 'Trusted tools', description: 'Admin tools', type: 'detection' },
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ list_id: 'trusted-tools', namespace_type: 'single', immutable: false, version: 1 });
    const dup = await call(sandbox(), 'POST', '/s/security/api/exception_lists', {
      body: { list_id: 'trusted-tools', name: 'x', description: 'x', type: 'detection' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('exception list id: "trusted-tools" already exists');

    const item = await call(sandbox(), 'POST', '/s/security/api/exception_lists/items', {
      body: {
        list_id: 'trusted-tools',
        item_id: 'backup',
        name: 'Backup agent',
        description: 'Nightly backup',
        type: 'simple',
        entries,
        comments: [{ comment: 'approved' }],
      },
    });
    expect(item.status).toBe(200);
    expect(item.body.comments).toEqual([
      expect.objectContaining({ comment: 'approved', created_by: 'sandbox_api_key', id: expect.any(String) }),
    ]);

    const found = await call(sandbox(), 'GET', '/s/security/api/exception_lists/items/_find', {
      query: { list_id: 'trusted-tools', filter: 'exception-list.attributes.name:Backup*' },
    });
    expect(found.body).toMatchObject({ total: 1, page: 1, per_page: 20 });
    expect(found.body.data[0].item_id).toBe('backup');
    const elsewhere = await call(sandbox(), 'GET', '/api/exception_lists/items/_find', { query: { list_id: 'trusted-tools' } });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.message).toBe('exception list list_id: "trusted-tools" does not exist');
  });

  it('updates an item (keeping comments by id), refuses a stale _version, and deletes the list with its items', async () => {
    const current = await call(sandbox(), 'GET', '/s/security/api/exception_lists/items', { query: { item_id: 'backup' } });
    const updated = await call(sandbox(), 'PUT', '/s/security/api/exception_lists/items', {
      body: {
        item_id: 'backup',
        name: 'Backup agent v2',
        description: 'Nightly',
        type: 'simple',
        entries,
        comments: current.body.comments,
        _version: current.body._version,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.comments).toEqual(current.body.comments);
    const stale = await call(sandbox(), 'PUT', '/s/security/api/exception_lists/items', {
      body: { item_id: 'backup', name: 'x', description: 'x', type: 'simple', entries, _version: current.body._version },
    });
    expect(stale.status).toBe(409);

    const deleted = await call(sandbox(), 'DELETE', '/s/security/api/exception_lists', { query: { list_id: 'trusted-tools' } });
    expect(deleted.body.list_id).toBe('trusted-tools');
    const gone = await call(sandbox(), 'GET', '/s/security/api/exception_lists/items', { query: { item_id: 'backup' } });
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('exception list item item_id: "backup" does not exist');
  });

  it('wants an id or a list_id', async () => {
    const { status, body } = await call(sandbox(), 'GET', '/api/exception_lists');
    expect(status).toBe(400);
    expect(body.message).toBe('either "list_id" or "id" needs to be defined in the request');
  });
});

describe('the endpoint exception list', () => {
  it('finds nothing before the list exists, then an item created in any space, from every space', async () => {
    const before = await call(sandbox(), 'GET', '/api/endpoint_list/items/_find');
    expect(before.status).toBe(404);

    const created = await call(sandbox(), 'POST', '/s/marketing/api/endpoint_list/items', {
      body: {
        item_id: 'allow-backup',
        name: 'Allow backup.exe',
        description: 'Backup tool',
        type: 'simple',
        os_types: ['windows'],
        entries,
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ list_id: 'endpoint_list', namespace_type: 'agnostic', os_types: ['windows'] });

    const found = await call(sandbox(), 'GET', '/s/security/api/endpoint_list/items/_find', {
      query: { filter: 'exception-list-agnostic.attributes.os_types:windows' },
    });
    expect(found.body.total).toBe(1);
    expect((await call(sandbox(), 'POST', '/api/endpoint_list')).body).toEqual({});
  });

  it('validates items, updates and deletes them', async () => {
    const invalid = await call(sandbox(), 'POST', '/api/endpoint_list/items', {
      body: { name: 'x', description: 'x', type: 'simple', entries: [{ field: 'process.name', type: 'regex' }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toBe(
      '[request body.entries.0.type]: expected one of [match|match_any|list|exists|nested|wildcard] but got [regex]',
    );
    // The entry's type picks the entry schema that speaks.
    const anyOfOne = await call(sandbox(), 'POST', '/api/endpoint_list/items', {
      body: {
        name: 'x',
        description: 'x',
        type: 'simple',
        entries: [{ field: 'process.name', type: 'match_any', operator: 'included', value: 'a' }],
      },
    });
    expect(anyOfOne.body.message).toBe('[request body.entries.0.value]: expected value of type [array] but got [string]');
    const untyped = await call(sandbox(), 'POST', '/api/endpoint_list/items', {
      body: { name: 'x', description: 'x', type: 'simple', entries: [{ field: 'process.name', value: 'a' }] },
    });
    expect(untyped.body.message).toBe(
      '[request body.entries.0.type]: expected one of [match|match_any|list|exists|nested|wildcard] but got [undefined]',
    );
    const missing = await call(sandbox(), 'POST', '/api/endpoint_list/items', { body: { name: 'x', type: 'simple', entries } });
    expect(missing.body.message).toBe('[request body.description]: expected value of type [string] but got [undefined]');

    const updated = await call(sandbox(), 'PUT', '/api/endpoint_list/items', {
      body: { item_id: 'allow-backup', name: 'Allow backup.exe', description: 'Backup tool, all OSes', type: 'simple', entries },
    });
    expect(updated.body.description).toBe('Backup tool, all OSes');
    expect((await call(sandbox(), 'DELETE', '/api/endpoint_list/items', { query: { item_id: 'allow-backup' } })).status).toBe(200);
    expect((await call(sandbox(), 'GET', '/api/endpoint_list/items', { query: { item_id: 'allow-backup' } })).status).toBe(404);
  });
});
