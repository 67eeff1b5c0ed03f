import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildRequest } from '../../src/tools/build-request.js';
import type { RequestMapping, ToolSpec } from '../../src/tools/spec.js';
import { formatValidationError } from '../../src/tools/validation.js';

function spec(request: RequestMapping, spaceAware = true): ToolSpec {
  return {
    name: 'tool',
    toolset: 't',
    tier: 'write',
    description: '',
    spaceAware,
    request,
    annotations: { title: 't', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    inputSchema: { type: 'object' },
    tokens: 0,
    validator: async () => z.object({}),
    versions: {},
    operation: { method: request.method, path: request.path },
  };
}

describe('buildRequest', () => {
  it('maps path, query, fixed headers and flat body fields; default space', () => {
    const tool = spec({
      method: 'POST',
      path: '/api/things/{thingId}',
      headers: { 'elastic-api-version': '2023-10-31' },
      params: [
        { arg: 'thingId', name: 'thingId', in: 'path' },
        { arg: 'per_page', name: 'per_page', in: 'query' },
      ],
      body: { kind: 'fields', fields: { name: 'name', tags: 'tags' } },
    });
    expect(buildRequest(tool, { thingId: 'a/b', per_page: 5, name: 'n' }, 'default')).toEqual({
      method: 'POST',
      path: '/api/things/{thingId}',
      params: { thingId: 'a/b' },
      query: { per_page: 5 },
      headers: { 'elastic-api-version': '2023-10-31' },
      body: { name: 'n' },
      bodyType: 'json',
      space: 'default',
    });
  });

  it('keeps a path parameter and a same-named body property apart (name clash → body arg)', () => {
    const tool = spec(
      {
        method: 'PUT',
        path: '/api/spaces/space/{id}',
        params: [{ arg: 'id', name: 'id', in: 'path' }],
        body: { kind: 'arg', arg: 'body', encoding: 'json' },
      },
      false,
    );
    const request = buildRequest(tool, { id: 'path-id', body: { id: 'body-id', name: 'x' } }, 'default');
    expect(request.params).toEqual({ id: 'path-id' });
    expect(request.body).toEqual({ id: 'body-id', name: 'x' });
    expect(request.space).toBeUndefined();
  });

  it('sends a whole-body argument as ndjson when asked', () => {
    const tool = spec({ method: 'POST', path: '/x', params: [], body: { kind: 'arg', arg: 'body', encoding: 'ndjson' } });
    expect(buildRequest(tool, { body: [{ a: 1 }], space_id: 'ops' }, 'default')).toMatchObject({
      body: [{ a: 1 }],
      bodyType: 'ndjson',
      space: 'ops',
    });
  });

  it('builds multipart parts: ndjson file, json and text', () => {
    const tool = spec({
      method: 'POST',
      path: '/api/saved_objects/_import',
      params: [{ arg: 'overwrite', name: 'overwrite', in: 'query' }],
      body: {
        kind: 'multipart',
        parts: [
          { arg: 'objects', field: 'file', as: 'ndjson-file', filename: 'import.ndjson' },
          { arg: 'retries', field: 'retries', as: 'json' },
          { arg: 'note', field: 'note', as: 'text' },
        ],
      },
    });
    const request = buildRequest(
      tool,
      {
        objects: [
          { type: 'index-pattern', id: '1' },
          { type: 'tag', id: '2' },
        ],
        retries: [{ id: '1' }],
        note: 'hi',
        overwrite: true,
      },
      'default',
    );
    expect(request.bodyType).toBe('multipart');
    expect(request.query).toEqual({ overwrite: true });
    expect(request.body).toEqual([
      {
        name: 'file',
        value: '{"type":"index-pattern","id":"1"}\n{"type":"tag","id":"2"}\n',
        filename: 'import.ndjson',
        contentType: 'application/ndjson',
      },
      { name: 'retries', value: '[{"id":"1"}]' },
      { name: 'note', value: 'hi' },
    ]);
  });
});

describe('formatValidationError', () => {
  const schema = z.strictObject({
    id: z.string(),
    objects: z.array(z.looseObject({ type: z.string() })),
    mode: z.enum(['a', 'b']).optional(),
  });
  it('names each bad field and what it expects', () => {
    const result = schema.safeParse({ objects: [{ type: 3 }], mode: 'c', extra: 1 });
    expect(result.success).toBe(false);
    const text = formatValidationError(result.error!);
    expect(text).toContain('missing required argument "id"');
    expect(text).toContain('objects[0].type: expected string, got number');
    expect(text).toContain('mode: expected one of "a", "b"');
    expect(text).toContain('unknown argument "extra"');
  });
});
