import { describe, expect, it } from 'vitest';
import { describeKibanaApi, MAX_SHOWN_CHARS } from '../../src/api/describe.js';
import { ApiOperations } from '../../src/api/operations.js';
import { SCHEMA_PATH } from '../../src/api/shown-schema.js';
import { loadCatalogue } from '../../src/catalogue/load.js';
import type { CatalogueOperation } from '../../src/catalogue/model.js';
import { countTokens } from '../../src/generator/tokens.js';
import type { Schema } from '../../src/schema/schema.js';
import { catalogueOf, operation, ref } from './support/catalogue.js';
import { refusal } from './support/refusal.js';

const MAX_TOKENS = 2500;

const OPTION_PROPERTIES: Record<string, Schema> = Object.fromEntries(
  ['value', 'unit', 'scale', 'label', 'color', 'order', 'group', 'note'].map((name) => [name, { type: 'string' }]),
);
/** A body too large to show whole: many optional fields around a required core, a union with a discriminator, a recursive part. */
const RULE: Schema = {
  type: 'object',
  required: ['name', 'params'],
  properties: {
    name: { type: 'string', minLength: 3 },
    params: ref('Params'),
    filter: ref('Filter'),
    ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`option_${i}`, { type: 'object', properties: OPTION_PROPERTIES }])),
  },
};
const COMPONENTS: Record<string, Schema> = {
  Params: {
    oneOf: [
      { type: 'object', required: ['kind', 'query'], properties: { kind: { type: 'string', enum: ['query'] }, query: { type: 'string' } } },
      { type: 'object', required: ['kind', 'ratio'], properties: { kind: { type: 'string', enum: ['ratio'] }, ratio: { type: 'number' } } },
    ],
  },
  Filter: { type: 'object', properties: { and: { type: 'array', items: ref('Filter') }, field: { type: 'string' } } },
};

const API = new ApiOperations(
  catalogueOf(
    [
      operation('POST /api/rules/{id} Create a rule', {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'elastic-api-version', in: 'header', required: true, schema: { type: 'string', enum: ['2023-10-31'] } },
          { name: 'query', in: 'query', required: false, schema: { type: 'object', properties: { page: { type: 'integer' } } } },
          { name: 'has_reference', in: 'query', required: false, schema: { type: 'object' } },
        ],
        body: { mediaType: 'application/json', required: true, schema: RULE },
        curatedTool: 'create_rule',
      }),
      operation('GET /api/filters Get filters', { body: { mediaType: 'application/json', required: false, schema: ref('Filter') } }),
      operation('POST /api/files/_import Import files', {
        body: {
          mediaType: 'multipart/form-data',
          required: true,
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', format: 'binary' }, overwrite: { type: 'boolean' } },
          },
        },
      }),
      operation('GET /api/things/{id}', { schemaless: true }),
    ],
    COMPONENTS,
  ),
);

type Described = Record<string, unknown> & { arguments: Record<string, any>; schema: Record<string, any> };

function described(method: string, path: string, extra: Record<string, unknown> = {}, options = {}): Described {
  return describeKibanaApi(API, { method, path, ...extra }, options) as Described;
}

/** Every schema_path a described schema shows. */
function schemaPaths(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) schemaPaths(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === SCHEMA_PATH && typeof inner === 'string') found.push(inner);
      else schemaPaths(inner, found);
    }
  }
  return found;
}

describe('describe_kibana_api', () => {
  it('shows the arguments call_kibana_api takes: path_params, query (a whole-query object as its parameters), body, and the headers it sends', () => {
    const result = described('POST', '/api/rules/{id}');
    expect(result).toMatchObject({
      operation: 'POST /api/rules/{id}',
      title: 'Create a rule',
      tier: 'write',
      use_instead: 'create_rule',
      body_media_type: 'application/json',
      headers_sent: { 'elastic-api-version': '2023-10-31' },
    });
    const { properties, required } = result.arguments;
    expect(required).toEqual(['body']);
    expect(properties.path_params).toEqual({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' } },
      additionalProperties: false,
    });
    expect(Object.keys(properties.query.properties)).toEqual(['page', 'has_reference']);
    // A free-form object filter takes one object or several.
    expect(properties.query.properties.has_reference.anyOf).toEqual([{ type: 'object' }, { type: 'array', items: { type: 'object' } }]);
  });

  it('names the curated tool only when the server serves it', () => {
    expect(described('POST', '/api/rules/{id}', {}, { isToolEnabled: () => false })).not.toHaveProperty('use_instead');
  });

  it('shows a large body in part: the required skeleton down to the leaves, union members with their discriminator, schema_path where parts are left out', () => {
    const result = described('POST', '/api/rules/abc');
    expect(JSON.stringify(result).length).toBeLessThan(MAX_SHOWN_CHARS + 1000);
    expect(result.notice).toMatch(/schema_path/);
    const body = result.arguments.properties.body;
    expect(body.required).toEqual(['name', 'params']);
    expect(body.properties.name).toMatchObject({ type: 'string', minLength: 3 });
    const members = body.properties.params.oneOf;
    expect(members.map((member: Record<string, any>) => member.properties.kind.enum)).toEqual([['query'], ['ratio']]);
    expect(members[1].required).toEqual(['kind', 'ratio']);
    expect(body.properties.option_0).toEqual({ type: 'object', [SCHEMA_PATH]: '/properties/body/properties/option_0' });
  });

  it('shows one part whole when asked by its schema_path, through component references', () => {
    const part = described('POST', '/api/rules/{id}', { schema_path: '/properties/body/properties/option_0' });
    expect(part).toEqual({
      operation: 'POST /api/rules/{id}',
      schema_path: '/properties/body/properties/option_0',
      schema: { type: 'object', properties: OPTION_PROPERTIES },
    });
    const member = described('POST', '/api/rules/{id}', { schema_path: '/properties/body/properties/params/oneOf/1/properties/ratio' });
    expect(member.schema).toEqual({ type: 'number' });
  });

  it('cuts a recursive part where it repeats, with the schema_path that continues it', () => {
    const { arguments: args } = described('GET', '/api/filters');
    const and = args.properties.body.properties.and;
    expect(and.items).toEqual({ type: 'object', [SCHEMA_PATH]: '/properties/body/properties/and/items' });
    const deeper = described('GET', '/api/filters', { schema_path: '/properties/body/properties/and/items' });
    expect(deeper.schema.properties.and.items[SCHEMA_PATH]).toBe('/properties/body/properties/and/items/properties/and/items');
  });

  it('shows a multipart body as its parts, a file as text or an array of objects sent as ndjson lines', () => {
    const { arguments: args, body_media_type } = described('POST', '/api/files/_import');
    expect(body_media_type).toBe('multipart/form-data');
    expect(args.properties.body.properties.file).toMatchObject({ type: ['string', 'array'], items: { type: 'object' } });
    expect(args.properties.body.properties.overwrite).toEqual({ type: 'boolean' });
  });

  it('says when no schema of an operation is known, and that the call is then unchecked', () => {
    const result = described('GET', '/api/things/{id}');
    expect(result.notice).toMatch(/No schema of this operation is known.*unchecked.*--spec kibana/);
    expect(result.arguments.properties.path_params.properties).toEqual({ id: { type: 'string' } });
  });

  it('refuses a schema_path that names no part of the arguments, and one that is no pointer', () => {
    for (const at of ['/properties/body/properties/nothing', '/properties', '/properties/body/required/0', '/items']) {
      const error = refusal(() => described('POST', '/api/rules/{id}', { schema_path: at }));
      expect(error.message).toContain(`schema_path: "${at}" points at no part of the arguments of POST /api/rules/{id}`);
    }
    expect(refusal(() => described('POST', '/api/rules/{id}', { schema_path: 'properties/body' })).message).toMatch(
      /^schema_path: expected a JSON pointer/,
    );
  });

  it('refuses what call_kibana_api would: a path outside the catalogue, an /internal/ one unless allowed', () => {
    expect(refusal(() => described('GET', '/api/nothing/here')).code).toBe('unknown_operation');
    expect(refusal(() => described('GET', '/internal/x')).code).toBe('internal');
  });
});

describe('describe_kibana_api over the shipped catalogue', () => {
  it(`answers within ${MAX_TOKENS} tokens for every operation of every version, and for every part it shows in part`, async () => {
    const seen = new Set<CatalogueOperation>();
    const over: string[] = [];
    let largest = { tokens: 0, what: '' };
    let results = 0;
    for (const version of ['8.18.2', '9.3.0', '9.4.0']) {
      const api = new ApiOperations(await loadCatalogue(version));
      for (const each of api.catalogue.operations) {
        if (seen.has(each)) continue;
        seen.add(each);
        const queue: Array<string | undefined> = [undefined];
        const expanded = new Set<string>();
        while (queue.length > 0) {
          const at = queue.shift();
          const input = { method: each.method, path: each.path, ...(at === undefined ? {} : { schema_path: at }) };
          const result = describeKibanaApi(api, input, { allowInternal: true });
          results += 1;
          const text = JSON.stringify(result);
          // A token is at least one character: a shorter text needs no counting.
          const tokens = text.length <= MAX_TOKENS ? 0 : countTokens(text);
          const what = `${each.method} ${each.path}${at ? ` ${at}` : ''}`;
          if (tokens > largest.tokens) largest = { tokens, what };
          if (tokens > MAX_TOKENS) over.push(`${what}: ${tokens}`);
          // Each part shown in part is described too, and the parts those show, up to a bound per operation.
          for (const next of schemaPaths(result)) {
            if (expanded.has(next) || expanded.size >= 40) continue;
            expanded.add(next);
            queue.push(next);
          }
        }
      }
    }
    console.info(`describe: ${results} results over ${seen.size} operations; largest ${largest.tokens} tokens (${largest.what})`);
    expect(over).toEqual([]);
  }, 180_000);
});
