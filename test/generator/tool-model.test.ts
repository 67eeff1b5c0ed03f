// The operation → tool rules of tool-model.ts and the team's corrections applied by curate.ts,
// on small hand-written operations, through the same path as the generator: extract, write the
// facts document, read it back, build the tool.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/generator/extract.js';
import { buildToolModel, type ToolModel } from '../../src/generator/tool-model.js';
import { parseToolsets } from '../../src/generator/toolsets.js';
import { localRefResolver } from '../../src/openapi/pointer.js';
import { SpecReader } from '../../src/openapi/spec-reader.js';
import type { Schema } from '../../src/schema/schema.js';
import type { HttpMethod } from '../../src/tools/spec.js';
import { extractInput, specDocument } from './support/specs.js';

type JsonObject = Record<string, unknown>;

/** Extracts one operation with one selection entry (extra YAML keys indented for a tool entry) and builds its tool. */
function toolFor(method: HttpMethod, path: string, operation: JsonObject, entryYaml = '', schemas: JsonObject = {}): ToolModel {
  const text = `toolsets:\n  t:\n    description: Test.\n    tools:\n      - op: ${method} ${path}\n        name: test_tool\n        title: Test\n        description: Test tool.\n${entryYaml}`;
  const toolsets = parseToolsets(text);
  const document = specDocument({ [path]: { [method.toLowerCase()]: operation } }, schemas);
  const result = extractFacts(extractInput([{ id: 'test', versions: {}, document }], toolsets));
  expect(result.skipped).toEqual([]);
  const facts = result.documents.get('test')!;
  const reader = new SpecReader({ document: facts, resolveRef: localRefResolver(facts) }, { keepDescriptions: true });
  return buildToolModel(reader.operation(method, path), toolsets[0]!.tools[0]!, reader.components);
}

const properties = (tool: ToolModel): Record<string, Schema> => tool.input.properties ?? {};
const OBJECT_BODY = {
  content: { 'application/json': { schema: { anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'array' }] } } },
};

describe('query parameters', () => {
  it('flattens an object parameter named query into one query argument per property, described and required as declared', () => {
    const query = {
      type: 'object',
      properties: { agent_ids: { type: 'array', items: { type: 'string' } }, agentId: { type: 'string' } },
      required: ['agentId'],
    };
    const tool = toolFor(
      'GET',
      '/api/endpoint/x',
      { parameters: [{ name: 'query', in: 'query', required: true, schema: query }] },
      '        args:\n          agent_ids: Agent ids.\n',
    );
    expect(tool.request.params).toEqual([
      { arg: 'agent_ids', name: 'agent_ids', in: 'query' },
      { arg: 'agent_id', name: 'agentId', in: 'query' },
    ]);
    expect(properties(tool).agent_ids).toMatchObject({ type: 'array', description: 'Agent ids.' });
    expect(tool.input.required).toEqual(['agent_id']);
  });

  it('keeps other object parameters as one argument; a free-form one also takes a list of objects', () => {
    const reference = { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' } } };
    const tool = toolFor('GET', '/api/things/_find', {
      parameters: [
        { name: 'has_reference', in: 'query', schema: { type: 'object' } },
        { name: 'rule_reference', in: 'query', schema: reference },
      ],
    });
    expect(tool.request.params.map((p) => p.arg)).toEqual(['has_reference', 'rule_reference']);
    expect(properties(tool).has_reference).toEqual({ anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] });
    expect(properties(tool).rule_reference).toEqual(reference);
  });

  it('marks string-typed path and query arguments as text, not numbers, headers or body fields', () => {
    const tool = toolFor(
      'POST',
      '/api/things/{id}',
      {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'mode', in: 'query', schema: { $ref: '#/components/schemas/Mode' } },
          { name: 'size', in: 'query', schema: { type: 'integer' } },
        ],
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
      },
      '',
      { Mode: { type: 'string', enum: ['true', 'false'] } },
    );
    expect(tool.textArgs).toEqual(['id', 'mode']);
  });

  it('drops the required mark of parameters listed in optional', () => {
    const tool = toolFor(
      'GET',
      '/api/endpoint/metadata',
      { parameters: [{ name: 'hostStatuses', in: 'query', required: true, schema: { type: 'array' } }] },
      '        optional: [hostStatuses]\n',
    );
    expect(tool.input.required).toBeUndefined();
  });
});

describe('argument names', () => {
  it('are snake_case with one name per recurring concept, and map back to each wire name', () => {
    const params = ['perPage', 'kuery', 'sortField', 'includeReferencesDeep', '_source', 'query'].map((name) => ({
      name,
      in: 'query',
      schema: { type: 'string' },
    }));
    const tool = toolFor('GET', '/api/things/_find', { parameters: params }, '        rename:\n          query: search\n');
    expect(tool.request.params.map(({ arg, name }) => `${name}→${arg}`)).toEqual([
      'perPage→per_page',
      'kuery→filter',
      'sortField→sort_field',
      'includeReferencesDeep→include_references_deep',
      '_source→source',
      'query→search',
    ]);
  });

  it('renames flat body fields too, and keeps a body whole when two fields would share a name', () => {
    const flat = { type: 'object', properties: { timelineId: { type: 'string' }, '@timestamp': { type: 'string' } } };
    expect(toolFor('POST', '/api/things', { requestBody: { content: { 'application/json': { schema: flat } } } }).request.body).toEqual({
      kind: 'fields',
      fields: { timeline_id: 'timelineId', timestamp: '@timestamp' },
    });
    const clash = { type: 'object', properties: { perPage: { type: 'number' }, per_page: { type: 'number' } } };
    expect(toolFor('POST', '/api/things', { requestBody: { content: { 'application/json': { schema: clash } } } }).request.body).toEqual({
      kind: 'arg',
      arg: 'body',
      encoding: 'json',
    });
  });

  it('refuses a rename to a name that is no concept', () => {
    expect(() => toolFor('GET', '/api/things', {}, '        rename:\n          q: text\n')).toThrow(
      'rename.q "text" is not one of page, per_page',
    );
  });
});

describe('whole-body arguments', () => {
  it("carry the team's descriptions of the body's properties", () => {
    const tool = toolFor(
      'POST',
      '/api/things',
      { requestBody: { required: true, ...OBJECT_BODY } },
      '        args:\n          a: The a.\n',
    );
    expect(properties(tool).body?.description).toBe('a: The a.');
  });

  it('are required on POST, PUT and PATCH even when the spec does not say so, unless nullable; not on DELETE', () => {
    for (const method of ['POST', 'PUT', 'PATCH'] as const)
      expect(toolFor(method, '/api/things', { requestBody: OBJECT_BODY }).input.required).toEqual(['body']);
    expect(toolFor('DELETE', '/api/things', { requestBody: OBJECT_BODY }).input.required).toBeUndefined();
    const nullable = {
      content: { 'application/json': { schema: { type: 'object', nullable: true, properties: { untrack: { type: 'boolean' } } } } },
    };
    expect(toolFor('POST', '/api/things/_disable', { requestBody: nullable }).input.required).toBeUndefined();
  });
});

describe('omit on body properties', () => {
  it('hides optional top-level properties of a flat body, never required ones', () => {
    const schema = { type: 'object', properties: { service: { type: 'object' }, etag: { type: 'string' } }, required: ['service'] };
    const tool = toolFor(
      'POST',
      '/api/things/search',
      { requestBody: { content: { 'application/json': { schema } } } },
      '        read_only: true\n        omit: [etag, service]\n',
    );
    expect(Object.keys(properties(tool)).sort()).toEqual(['service', 'space_id']);
    expect(tool.request.body).toEqual({ kind: 'fields', fields: { service: 'service' } });
  });
});

describe('annotations', () => {
  it('read-only tools are idempotent by default', () => {
    expect(toolFor('POST', '/api/things/_export', {}, '        read_only: true\n').annotations.idempotentHint).toBe(true);
    expect(toolFor('POST', '/api/things', {}).annotations.idempotentHint).toBe(false);
  });

  it('destructive_hint sets destructiveHint without changing the tier', () => {
    const tool = toolFor(
      'PUT',
      '/api/things/{id}',
      { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] },
      '        destructive_hint: true\n',
    );
    expect(tool.tier).toBe('write');
    expect(tool.annotations.destructiveHint).toBe(true);
    expect(toolFor('PUT', '/api/things', {}).annotations.destructiveHint).toBe(false);
  });

  it('refuses destructive_hint on a read-only tool', () => {
    expect(() => toolFor('GET', '/api/things', {}, '        destructive_hint: true\n')).toThrow(/destructive_hint/);
  });
});

describe('space_id', () => {
  it('is a lower-case space id', () => {
    expect(properties(toolFor('GET', '/api/saved_objects/_find', {})).space_id).toEqual({ type: 'string', pattern: '^[a-z0-9_-]+$' });
  });
});
