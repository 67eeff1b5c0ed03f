// Reading a spec at run time: local references only, failures isolated to the operation that has them.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/openapi/document.js';
import { localRefResolver } from '../../src/openapi/pointer.js';
import { SpecReader } from '../../src/openapi/spec-reader.js';
import { addedInVersion } from '../../src/openapi/x-state.js';

const ok = { 200: { description: 'OK', content: { 'application/json': {} } } };
const SPEC = {
  openapi: '3.0.3',
  info: { title: 't', version: '8.18.0' },
  paths: {
    '/api/local': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: { operationId: 'local', summary: ' Read one ', description: 'Upstream prose', tags: ['things', 3], responses: ok },
    },
    '/api/remote': { post: { requestBody: { content: { 'application/json': { schema: { $ref: 'other.yaml#/X' } } } }, responses: ok } },
    '/api/escaped/{id}': { get: { parameters: [{ $ref: '#/components/parameters/a~1b' }], responses: {} } },
    '/api/new': { get: { 'x-state': 'Technical Preview; Added in 9.4.0', responses: ok } },
    '/api/deep': {
      post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Outer' } } } }, responses: ok },
    },
    '/api/missing': {
      post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } } }, responses: ok },
    },
  },
  components: {
    parameters: { Id: { name: 'id', in: 'query', description: 'Prose', schema: { type: 'string' } }, 'a/b': { name: 'id', in: 'path' } },
    schemas: {
      Outer: { type: 'object', properties: { inner: { $ref: '#/components/schemas/Inner' } } },
      Inner: { type: 'object', properties: { far: { $ref: 'other.yaml#/Far' } } },
    },
  },
};

describe('localRefResolver', () => {
  const resolve = localRefResolver(SPEC);

  it('follows #/ pointers, with ~1 and ~0 escapes and percent-encoding', () => {
    expect(resolve('#/components/parameters/Id')).toBe(SPEC.components.parameters.Id);
    expect(resolve('#/components/parameters/a~1b')).toBe(SPEC.components.parameters['a/b']);
    expect(resolve('#/paths/~1api~1local')).toBe(SPEC.paths['/api/local']);
    expect(resolve('#')).toBe(SPEC);
  });

  it('refuses other documents and pointers to nothing, inherited members included', () => {
    expect(() => resolve('other.yaml#/X')).toThrow('unsupported $ref other.yaml#/X: only local references (#/...) are read');
    expect(() => resolve('#/components/schemas/Missing')).toThrow('unresolvable $ref #/components/schemas/Missing');
    expect(() => resolve('#/components/toString')).toThrow('unresolvable $ref');
  });
});

describe('SpecReader', () => {
  const reader = new SpecReader(parseDocument(JSON.stringify(SPEC), 'spec.json'));

  it('reads the version an x-state says an operation was added in, whatever its case', () => {
    expect(reader.operations().find(({ path }) => path === '/api/new')).toEqual({ method: 'GET', path: '/api/new', addedIn: '9.4.0' });
    expect(reader.operation('GET', '/api/new').addedIn).toBe('9.4.0');
    expect(addedInVersion('Generally available; added in 8.19.0')).toBe('8.19.0');
    expect(addedInVersion('Technical Preview')).toBeUndefined();
  });

  it('reads the facts of an operation, without prose', () => {
    expect(reader.version).toBe('8.18.0');
    expect(reader.operation('GET', '/api/local')).toEqual({
      method: 'GET',
      path: '/api/local',
      operationId: 'local',
      summary: 'Read one',
      tags: ['things'],
      deprecated: false,
      parameters: [{ name: 'id', in: 'query', required: false, deprecated: false, schema: { type: 'string' } }],
      responses: [{ status: '200', mediaTypes: ['application/json'] }],
    });
    expect(reader.operation('GET', '/api/escaped/{id}').parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  });

  it('keeps descriptions only when asked (for the generator’s own facts document)', () => {
    const own = new SpecReader(parseDocument(JSON.stringify(SPEC), 'spec.json'), { keepDescriptions: true });
    expect(own.operation('GET', '/api/local')).toMatchObject({ description: 'Upstream prose', parameters: [{ description: 'Prose' }] });
  });

  it('a reference into another document fails that operation only, with the reason', () => {
    expect(() => reader.operation('POST', '/api/remote')).toThrow('unsupported $ref other.yaml#/X');
    expect(() => reader.operation('POST', '/api/deep')).toThrow('unsupported $ref other.yaml#/Far');
    expect(() => reader.operation('POST', '/api/missing')).toThrow('component schema Gone is missing');
    expect(() => reader.operation('GET', '/api/nowhere')).toThrow('GET /api/nowhere is not in the spec');
    expect(reader.operation('GET', '/api/local').operationId).toBe('local');
    expect(reader.operations()).toHaveLength(6);
  });

  it('says what is wrong with a file that is no OpenAPI document', () => {
    expect(() => parseDocument('a: [', 'bad.yaml')).toThrow(/^bad\.yaml: not YAML or JSON/);
    expect(() => parseDocument('openapi: 3.0.3\n', 'empty.yaml')).toThrow('empty.yaml: not an OpenAPI document (no "paths")');
  });
});
