// The rules of the one JSON Schema → Zod converter, on small schemas.
import { describe, expect, it } from 'vitest';
import type { InputModule } from '../../src/schema/input-module.js';
import { validatorOf } from '../../src/schema/input-validators.js';
import type { Schema } from '../../src/schema/schema.js';
import { ZodConverter } from '../../src/schema/to-zod.js';
import { formatValidationError } from '../../src/tools/validation.js';

const NODE: Schema = {
  type: 'object',
  properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
  required: ['name'],
};
const COMPONENTS: Record<string, Schema> = { Node: NODE, Count: { type: 'integer', minimum: 1 } };
const converter = () => new ZodConverter((name) => COMPONENTS[name]);
const root = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

function errors(schema: Schema, args: unknown, textArgs: string[] = []): string {
  const result = converter().input(schema, textArgs).safeParse(args, { reportInput: true });
  return result.success ? 'ok' : formatValidationError(result.error);
}

describe('ZodConverter', () => {
  it('refuses unknown arguments at the root and keeps unknown fields of nested objects, unless they say additionalProperties: false', () => {
    const schema = root({ loose: { type: 'object', properties: { a: { type: 'string' } } }, strict: root({ a: { type: 'string' } }) });
    expect(errors(schema, { other: 1 })).toBe('unknown argument "other"');
    expect(errors(schema, { loose: { a: 'x', b: 2 } })).toBe('ok');
    expect(errors(schema, { strict: { a: 'x', b: 2 } })).toBe('strict.b: unknown field');
  });

  it('names missing required arguments and fields, and wrong types', () => {
    const schema = root(
      { rule: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }, size: { type: 'integer' } },
      ['rule'],
    );
    expect(errors(schema, {})).toBe('missing required argument "rule"');
    expect(errors(schema, { rule: {} })).toBe('rule.name: missing required field');
    expect(errors(schema, { rule: { name: 1 }, size: 1.5 })).toBe('rule.name: expected string, got number\nsize: expected int, got number');
  });

  it('validates oneOf as a union where the first match wins, and allOf as all members', () => {
    const schema = root({
      value: { oneOf: [{ type: 'string' }, { type: 'string', enum: ['a'] }] },
      both: {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { type: 'object', properties: { b: { type: 'number' } }, required: ['b'] },
        ],
      },
    });
    expect(
      converter()
        .input(schema)
        .parse({ value: 'b', both: { a: 'x', b: 1 } }),
    ).toEqual({ value: 'b', both: { a: 'x', b: 1 } });
    expect(errors(schema, { both: { a: 'x' } })).toBe('both.b: missing required field');
  });

  it('treats formats as documentation and applies no defaults', () => {
    const schema = root({ when: { type: 'string', format: 'date-time' }, size: { type: 'integer', default: 20 } });
    expect(converter().input(schema).parse({ when: 'yesterday' })).toEqual({ when: 'yesterday' });
  });

  it('checks bounds, patterns, enums, consts, nullable types, maps and the empty not', () => {
    const schema = root({
      name: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
      size: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 1 },
      kind: { enum: ['a', 1, null] },
      fixed: { const: 'x' },
      note: { type: ['string', 'null'] },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      never: { not: {} },
    });
    expect(errors(schema, { name: 'ab', size: 10, tags: ['a'], kind: null, fixed: 'x', note: null, labels: { a: 'b' } })).toBe('ok');
    expect(errors(schema, { name: 'A' })).toMatch(/^name: /);
    expect(errors(schema, { size: 0 })).toMatch(/^size: /);
    expect(errors(schema, { tags: ['a', 'b'] })).toMatch(/^tags: /);
    expect(errors(schema, { kind: 'b' })).toMatch(/^kind: /);
    expect(errors(schema, { labels: { a: 1 } })).toBe('labels.a: expected string, got number');
    expect(errors(schema, { never: 1 })).toMatch(/^never: /);
  });

  it('takes numbers and booleans as text for textArgs only, and only where a string is expected', () => {
    const schema = root({ id: { type: 'string' }, name: { type: 'string' } });
    expect(converter().input(schema, ['id']).parse({ id: 7 })).toEqual({ id: '7' });
    expect(converter().input(schema, ['id']).parse({ id: true })).toEqual({ id: 'true' });
    expect(errors(schema, { name: 7 }, ['id'])).toBe('name: expected string, got number');
    expect(errors(schema, { id: {} }, ['id'])).toBe('id: expected string, got object');
  });

  it('resolves component references, recursive ones included', () => {
    const schema = root({ tree: { $ref: '#/components/schemas/Node' }, count: { $ref: '#/components/schemas/Count' } });
    const tree = { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] };
    expect(errors(schema, { tree, count: 2 })).toBe('ok');
    expect(errors(schema, { tree: { name: 'a', children: [{ children: [] }] } })).toBe('tree.children[0].name: missing required field');
    expect(errors(schema, { count: 0 })).toMatch(/^count: /);
  });

  it('refuses, when the validator is made, a schema whose components are missing or not component references', () => {
    expect(() => converter().input(root({ x: { $ref: '#/components/schemas/Nowhere' } }))).toThrow('component schema Nowhere is missing');
    expect(() => converter().input(root({ x: { $ref: '#/definitions/X' } }))).toThrow('unsupported reference #/definitions/X');
  });
});

describe('validatorOf', () => {
  const module: InputModule = {
    inputs: {
      a: { schema: root({ n: { $ref: '#/components/schemas/Count' } }) },
      b: { schema: root({ id: { type: 'string' } }), textArgs: ['id'] },
    },
    components: { Count: { type: 'integer' } },
  };

  it('makes each validator once and uses the textArgs of its input', () => {
    expect(validatorOf(module, 'a')).toBe(validatorOf(module, 'a'));
    expect(validatorOf(module, 'b').parse({ id: 3 })).toEqual({ id: '3' });
  });

  it('knows only the inputs and components the module holds', () => {
    expect(() => validatorOf(module, 'toString')).toThrow('no input schema named toString');
    const inherited: InputModule = { inputs: { c: { schema: root({ x: { $ref: '#/components/schemas/constructor' } }) } }, components: {} };
    expect(() => validatorOf(inherited, 'c')).toThrow('component schema constructor is missing');
  });
});
