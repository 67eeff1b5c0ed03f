import { describe, expect, it } from 'vitest';
import { isMarkedOptional, isPlaceholderSchema, normalizeSchema } from '../../src/openapi/normalize-schema.js';

const context = () => ({});

describe("Kibana's optional-value schemas", () => {
  const upstream = {
    anyOf: [{ items: {}, type: 'array' }, { type: 'boolean' }, { type: 'number' }, { type: 'object' }, { type: 'string' }],
    nullable: true,
    oneOf: [
      { enum: [false], type: 'boolean', 'x-oas-optional': true },
      { type: 'boolean', 'x-oas-optional': true },
    ],
  };

  it('keeps the real oneOf and drops the anyOf that admits anything', () => {
    const normalized = normalizeSchema(upstream, context);
    expect(JSON.stringify(normalized)).not.toContain('"array"');
    expect(normalized).toEqual({
      anyOf: [{ oneOf: [{ type: 'boolean', enum: [false] }, { type: 'boolean' }] }, { type: 'null' }],
    });
  });

  it('keeps an anyOf that constrains', () => {
    const normalized = normalizeSchema({ anyOf: [{ type: 'string' }, { type: 'number' }], oneOf: [{ type: 'string' }] }, context);
    expect(normalized.anyOf).toEqual([{ type: 'string' }, { type: 'number' }]);
  });

  it('recognises a schema whose members are all marked optional', () => {
    expect(isMarkedOptional(upstream)).toBe(true);
    expect(isMarkedOptional({ 'x-oas-optional': true, type: 'string' })).toBe(true);
    expect(isMarkedOptional({ oneOf: [{ type: 'boolean', 'x-oas-optional': true }, { type: 'string' }] })).toBe(false);
    expect(isMarkedOptional({ type: 'string' })).toBe(false);
  });
});

describe('placeholder bodies', () => {
  it("recognises 9.x streams' placeholder body and nothing more", () => {
    expect(isPlaceholderSchema(normalizeSchema({ anyOf: [{}, { nullable: true }, { type: 'object', properties: {} }] }, context))).toBe(
      true,
    );
    expect(isPlaceholderSchema(normalizeSchema({ type: 'object', properties: { name: { type: 'string' } } }, context))).toBe(false);
  });
});
