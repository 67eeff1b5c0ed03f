// Contract of every generated tool: names, annotations, schemas clients accept, and an
// advertised schema that agrees with the tool's Zod validator.
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { tools, toolsets } from '../../src/tools/generated/index.js';
import { SPACE_ARG } from '../../src/tools/spec.js';
import { DESTRUCTIVE_NOTE } from '../../src/generator/input-model.js';
import { synthesize } from '../support/synthesize.js';
import { fullInputSchema } from '../support/tools.js';
import { listedTool } from '../../src/tools/listing.js';
import { formatValidationError } from '../../src/tools/validation.js';

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

function hasBooleanSubschema(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasBooleanSubschema);
  if (typeof schema !== 'object' || schema === null) return false;
  return Object.entries(schema).some(([key, value]) => {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'required') return false;
    if (typeof value === 'boolean') return key !== 'additionalProperties' || value === true ? !['deprecated', 'uniqueItems', 'readOnlyHint'].includes(key) : false;
    return hasBooleanSubschema(value);
  });
}

describe('generated tools', () => {
  it('exist, with unique valid names, in known toolsets', () => {
    expect(tools.length).toBeGreaterThan(0);
    const names = tools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,48}$/);
    const ids = new Set(toolsets.map((t) => t.id));
    for (const tool of tools) expect(ids.has(tool.toolset), tool.name).toBe(true);
  });

  it('pass the SDK client tools/list parsing', () => {
    expect(() => ListToolsResultSchema.parse({ tools: tools.map(listedTool) })).not.toThrow();
  });

  it.each(tools.map((t) => [t.name, t] as const))('%s: schema rules, annotations, agreement with Zod', (_name, tool) => {
    const schema = tool.inputSchema;
    expect(schema.type).toBe('object');
    for (const combiner of ['oneOf', 'anyOf', 'allOf']) expect(schema).not.toHaveProperty(combiner);
    expect(hasBooleanSubschema(schema)).toBe(false);
    const validate = ajv.compile(schema);

    const { method } = tool.request;
    const tier = tool.tier;
    expect(tool.annotations.readOnlyHint).toBe(tier === 'read');
    expect(tool.annotations.destructiveHint).toBe(tier === 'destructive');
    if (tier === 'destructive') expect(tool.description.endsWith(DESTRUCTIVE_NOTE)).toBe(true);
    if (method === 'GET') expect(tier).toBe('read');
    for (const header of ['kbn-xsrf', 'elastic-api-version', 'x-elastic-internal-origin', 'authorization']) {
      expect(Object.keys(schema.properties ?? {}).map((k) => k.toLowerCase())).not.toContain(header);
    }
    expect(SPACE_ARG in (schema.properties ?? {})).toBe(tool.spaceAware);
    expect(tool.request.path.startsWith('/s/')).toBe(false);

    const validator = tool.input();
    for (const optional of [false, true]) {
      const args = synthesize(fullInputSchema(tool), { optional });
      expect(validator.safeParse(args).success, JSON.stringify(args)).toBe(true);
      expect(validate(args), JSON.stringify(validate.errors)).toBe(true);
    }
    const invalid: Array<Record<string, unknown>> = [{ ...synthesize(fullInputSchema(tool)), not_an_argument: 1 }];
    for (const name of schema.required ?? []) {
      const args = synthesize(fullInputSchema(tool));
      delete args[name];
      invalid.push(args);
    }
    for (const args of invalid) {
      expect(validator.safeParse(args).success, JSON.stringify(args)).toBe(false);
      expect(validate(args)).toBe(false);
    }
    for (const name of schema.required ?? []) {
      const args = synthesize(fullInputSchema(tool));
      delete args[name];
      const result = validator.safeParse(args);
      // Zod does not report the (absent) input of an enum, so a missing enum names what it expects instead.
      const message = result.success ? '' : formatValidationError(result.error);
      expect(message.includes(`missing required argument "${name}"`) || message.includes(`${name}: expected one of`), message).toBe(true);
    }
    const stringArg = Object.entries(schema.properties ?? {}).find(([, sub]) => (sub as { type?: unknown }).type === 'string' && !('enum' in (sub as object)))?.[0];
    if (stringArg) {
      const result = validator.safeParse({ ...synthesize(fullInputSchema(tool)), [stringArg]: 42 });
      expect(result.success ? '' : formatValidationError(result.error)).toContain(`${stringArg}: expected string, got number`);
    }
  });
});

describe('annotations follow method and overrides', () => {
  it('uses the method defaults unless toolsets.yaml overrides them', () => {
    const idempotentByMethod = { GET: true, PUT: true, DELETE: true, POST: false, PATCH: false };
    const readOnlyPosts = tools.filter((t) => t.request.method === 'POST' && t.tier === 'read');
    for (const tool of readOnlyPosts) expect(tool.annotations.readOnlyHint).toBe(true);
    const defaults = tools.filter((t) => t.annotations.idempotentHint === idempotentByMethod[t.request.method]);
    expect(defaults.length).toBeGreaterThan(tools.length / 2);
  });
});
