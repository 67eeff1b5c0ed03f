// The spec defects and oddities listed in kibana-api.md, each in a tiny spec of its own:
// the extractor must read them leniently and write strict, facts-only OpenAPI.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogue, type CatalogueResult } from '../../src/generator/catalogue.js';
import { readSpecs } from '../../src/generator/extract.js';
import { extractInput } from './support/specs.js';

const PROSE = 'Upstream prose that must not be copied';
const ok = { 200: { description: PROSE } };
const jsonBody = (schema: unknown, type = 'application/json') => ({ required: true, content: { [type]: { schema } } });

const SPEC = {
  openapi: '3.0.3',
  info: { title: 'quirks', version: '1' },
  paths: {
    '/api/formats': {
      post: {
        requestBody: jsonBody({
          type: 'object',
          properties: {
            a: { type: 'string', format: 'nonempty', description: PROSE, example: PROSE },
            b: { type: 'string', format: 'date-math' },
            c: { type: 'string', format: 'integer' },
            d: { type: 'string', format: 'date-time' },
          },
        }),
        responses: ok,
      },
    },
    '/api/typos': { post: { requestBody: jsonBody({ $ref: '#/components/schemas/Typo' }), responses: ok } },
    '/api/versioned': {
      post: {
        requestBody: jsonBody(
          { type: 'object', properties: { x: { type: 'string' } } },
          'application/json; Elastic-Api-Version=2023-10-31',
        ),
        responses: ok,
      },
    },
    '/api/transport-headers': {
      post: {
        parameters: [
          { name: 'kbn-xsrf', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'x-elastic-internal-origin', in: 'header', schema: { type: 'string' } },
          { name: 'page', in: 'query', schema: { type: 'integer' } },
        ],
        responses: ok,
      },
    },
    '/api/placeholder': {
      get: { requestBody: jsonBody({ anyOf: [{}, { nullable: true }, { type: 'object', properties: {} }] }), responses: ok },
    },
    '/api/tree': { post: { requestBody: jsonBody({ $ref: '#/components/schemas/Node' }), responses: ok } },
    '/api/nullable': {
      post: { requestBody: jsonBody({ type: 'object', properties: { n: { type: 'string', nullable: true } } }), responses: ok },
    },
    '/api/broken-media-type': {
      get: { responses: { 200: { description: 'OK', content: { 'application:json': { schema: { type: 'object' } } } } } },
    },
  },
  components: {
    schemas: {
      Typo: { type: 'objects', additionalproperties: false, properties: { x: { type: 'string' } } },
      Node: {
        type: 'object',
        properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
      },
    },
  },
};

// The catalogue converts every operation of a spec with the rules the tools use.
let result: CatalogueResult;
let document: Record<string, any>;
const operation = (path: string, method: string) => ((document.paths as Record<string, Record<string, any>>)[path] ?? {})[method];
const bodySchema = (path: string) => operation(path, 'post').requestBody.content['application/json'].schema;

beforeAll(() => {
  const input = extractInput([{ id: 'quirks', versions: {}, document: SPEC }], []);
  result = buildCatalogue(input, readSpecs(input));
  document = result.documents.get('quirks')!;
});

describe('kibana-api.md spec quirks', () => {
  it('converts every operation', () => {
    expect(result.schemaless).toEqual([]);
    expect(Object.values(document.paths as Record<string, object>).flatMap(Object.keys)).toHaveLength(8);
  });

  it('drops non-standard formats (nonempty, date-math, integer) and keeps standard ones', () => {
    expect(bodySchema('/api/formats').properties).toEqual({
      a: { type: 'string' },
      b: { type: 'string' },
      c: { type: 'string' },
      d: { type: 'string', format: 'date-time' },
    });
  });

  it('repairs `type: objects` and lower-case `additionalproperties`', () => {
    const components = (document.components as { schemas: Record<string, unknown> }).schemas;
    expect(components.Typo).toEqual({ type: 'object', properties: { x: { type: 'string' } }, additionalProperties: false });
  });

  it('turns a versioned media type into plain JSON plus the elastic-api-version header', () => {
    const op = operation('/api/versioned', 'post');
    expect(Object.keys(op.requestBody.content)).toEqual(['application/json']);
    expect(op.parameters).toContainEqual({
      name: 'elastic-api-version',
      in: 'header',
      required: true,
      schema: { type: 'string', enum: ['2023-10-31'] },
    });
  });

  it('never keeps transport headers as parameters', () => {
    expect(operation('/api/transport-headers', 'post').parameters.map((p: { name: string }) => p.name)).toEqual(['page']);
  });

  it('removes a placeholder body on GET', () => {
    expect(operation('/api/placeholder', 'get').requestBody).toBeUndefined();
  });

  it('keeps a recursive schema as a reference instead of recursing forever', () => {
    const components = (document.components as { schemas: Record<string, any> }).schemas;
    expect(bodySchema('/api/tree')).toEqual({ $ref: '#/components/schemas/Node' });
    expect(components.Node.properties.children.items).toEqual({ $ref: '#/components/schemas/Node' });
  });

  it('folds nullable into a type union', () => {
    expect(bodySchema('/api/nullable').properties.n).toEqual({ type: ['string', 'null'] });
  });

  it('reads the broken media type application:json as JSON', () => {
    expect(Object.keys(operation('/api/broken-media-type', 'get').responses[200].content)).toEqual(['application/json']);
  });

  it('writes OpenAPI 3.1 with no upstream prose', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(JSON.stringify(document)).not.toContain(PROSE);
    expect(JSON.stringify(document)).not.toMatch(/"(example|examples|x-codeSamples)":/);
  });
});
