// Contract of every generated tool: names, annotations, schemas clients accept, and an
// advertised schema that agrees with the tool's Zod validator.
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ALL_VARIANTS as tools, toolsets } from '../support/tools.js';
import { SPACE_ARG, toolsOnVersion } from '../../src/tools/spec.js';
import { DESTRUCTIVE_NOTE } from '../../src/generator/tool-model.js';
import { synthesize } from '../support/synthesize.js';
import { fullInputSchema, inputOf } from '../support/tools.js';
import { listedTool } from '../../src/tools/listing.js';
import { formatValidationError } from '../../src/tools/validation.js';
import { FULL_ARGUMENT, FULL_ARGUMENT_SCHEMA } from '../../src/tools/write-answers.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseToolsets } from '../../src/generator/toolsets.js';

const entries = new Map(
  parseToolsets(readFileSync(resolve(import.meta.dirname, '../../openapi/toolsets.yaml'), 'utf8')).flatMap((t) =>
    t.tools.map((e) => [e.name, e] as const),
  ),
);
/** Write tools that overwrite or replace existing data (review finding: they must say so). */
const OVERWRITING = [
  'import_saved_objects',
  'copy_saved_objects_to_space',
  'create_or_update_role',
  'update_space',
  'update_detection_rule',
  'update_alerting_rule',
  'create_or_update_apm_agent_config',
  'replace_dashboard',
  'update_connector',
  'create_or_update_runtime_field',
];

/** Arguments sent in the path or query string: string-typed ones also accept numbers and booleans. */
function urlArgs(tool: (typeof tools)[number]): Set<string> {
  return new Set(tool.request.params.filter((p) => p.in !== 'header').map((p) => p.arg));
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

function hasBooleanSubschema(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasBooleanSubschema);
  if (typeof schema !== 'object' || schema === null) return false;
  return Object.entries(schema).some(([key, value]) => {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'required') return false;
    if (typeof value === 'boolean')
      return key !== 'additionalProperties' || value === true ? !['deprecated', 'uniqueItems', 'readOnlyHint'].includes(key) : false;
    return hasBooleanSubschema(value);
  });
}

describe('generated tools', () => {
  it('exist, with valid names unique on every Kibana version, in known toolsets', () => {
    expect(tools.length).toBeGreaterThan(0);
    for (const version of ['8.18.2', '9.0.0', '9.3.0', '9.4.0', '9.5.0']) {
      const names = toolsOnVersion(tools, version).map((t) => t.name);
      expect(new Set(names).size, version).toBe(names.length);
    }
    for (const { name } of tools) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,48}$/);
    const ids = new Set(toolsets.map((t) => t.id));
    for (const tool of tools) expect(ids.has(tool.toolset), tool.name).toBe(true);
  });

  it('pass the SDK client tools/list parsing', () => {
    expect(() => ListToolsResultSchema.parse({ tools: tools.map(listedTool) })).not.toThrow();
  });

  it.each(tools.map((t) => [`${t.name} ${JSON.stringify(t.versions)}`, t] as const))(
    '%s: schema rules, annotations, agreement with Zod',
    (_name, tool) => {
      const schema = tool.inputSchema;
      expect(schema.type).toBe('object');
      for (const combiner of ['oneOf', 'anyOf', 'allOf']) expect(schema).not.toHaveProperty(combiner);
      expect(hasBooleanSubschema(schema)).toBe(false);
      const validate = ajv.compile(schema);

      const { method } = tool.request;
      const tier = tool.tier;
      expect(tool.annotations.readOnlyHint).toBe(tier === 'read');
      expect(tool.annotations.destructiveHint).toBe(tier === 'destructive' || entries.get(tool.name)?.destructiveHint === true);
      if (tier === 'read') expect(tool.annotations.idempotentHint).toBe(entries.get(tool.name)?.idempotent ?? true);
      if (tier === 'destructive') expect(tool.description.endsWith(DESTRUCTIVE_NOTE)).toBe(true);
      if (method === 'GET') expect(tier).toBe('read');
      for (const header of ['kbn-xsrf', 'elastic-api-version', 'x-elastic-internal-origin', 'authorization']) {
        expect(Object.keys(schema.properties ?? {}).map((k) => k.toLowerCase())).not.toContain(header);
      }
      expect(SPACE_ARG in (schema.properties ?? {})).toBe(tool.spaceAware);
      expect(tool.request.path.startsWith('/s/')).toBe(false);

      const validator = inputOf(tool);
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
      const isPlainString = (sub: unknown) => (sub as { type?: unknown }).type === 'string' && !('enum' in (sub as object));
      const strings = Object.entries(schema.properties ?? {})
        .filter(([, sub]) => isPlainString(sub))
        .map(([name]) => name);
      for (const name of strings.filter((arg) => urlArgs(tool).has(arg))) {
        const result = validator.safeParse({ ...synthesize(fullInputSchema(tool)), [name]: 42 });
        const pattern = (schema.properties?.[name] as { pattern?: string }).pattern;
        if (pattern === undefined || new RegExp(pattern, 'u').test('42')) expect(result.success && result.data[name], name).toBe('42');
      }
      const stringArg = strings.find((arg) => !urlArgs(tool).has(arg));
      if (stringArg) {
        const result = validator.safeParse({ ...synthesize(fullInputSchema(tool)), [stringArg]: 42 });
        expect(result.success ? '' : formatValidationError(result.error)).toContain(`${stringArg}: expected string, got number`);
      }
    },
  );
});

describe('arguments that travel in the URL', () => {
  const tool = (name: string) => {
    const found = tools.find((t) => t.name === name);
    if (!found) throw new Error(`no tool ${name}`);
    return found;
  };

  it('string-typed ones accept numbers and booleans as their text; the advertised type stays string', () => {
    const timelines = tool('list_timelines');
    expect(inputOf(timelines).parse({ per_page: 10, page: '1' })).toMatchObject({ per_page: '10' });
    expect((timelines.inputSchema.properties?.per_page as { type: unknown }).type).toEqual(['string', 'null']);
    expect(inputOf(tool('get_space')).parse({ id: 7 })).toEqual({ id: '7' });
    expect(inputOf(tool('get_space')).safeParse({ id: {} }).success).toBe(false);
  });

  it('an object standing for the whole query string becomes one query argument per property', () => {
    const status = tool('get_endpoint_action_status');
    expect(status.request.params).toEqual([{ arg: 'agent_ids', name: 'agent_ids', in: 'query' }]);
    expect(tool('get_endpoint_policy_response').request.params).toEqual([{ arg: 'agent_id', name: 'agentId', in: 'query' }]);
    expect(inputOf(status).parse({ agent_ids: ['a', 'b'] })).toEqual({ agent_ids: ['a', 'b'] });
  });

  it('has_reference of find_saved_objects takes one reference or a list', () => {
    const find = inputOf(tool('find_saved_objects'));
    const one = { type: 'dashboard', id: '1' };
    expect(find.safeParse({ type: 'dashboard', has_reference: one }).success).toBe(true);
    expect(find.safeParse({ type: 'dashboard', has_reference: [one, { type: 'tag', id: '2' }] }).success).toBe(true);
  });

  it('list_endpoints does not require hostStatuses', () => {
    expect(tool('list_endpoints').inputSchema.required ?? []).not.toContain('host_statuses');
    expect(inputOf(tool('list_endpoints')).safeParse({}).success).toBe(true);
  });

  it('space_id is a lower-case space id', () => {
    expect(tool('get_space').inputSchema.properties?.space_id).toBeUndefined();
    expect(inputOf(tool('find_saved_objects')).safeParse({ type: 'x', space_id: 'Ops Team' }).success).toBe(false);
    expect(inputOf(tool('find_saved_objects')).safeParse({ type: 'x', space_id: 'ops-team_2' }).success).toBe(true);
  });
});

describe('whole-body arguments', () => {
  it("carry the team's argument descriptions", () => {
    for (const name of ['set_detection_alert_status', 'perform_detection_rules_bulk_action']) {
      const body = tools.find((t) => t.name === name)?.inputSchema.properties?.body as { description?: string } | undefined;
      expect(body?.description, name).toMatch(/\w+: /);
    }
  });

  it('are required on POST, PUT and PATCH unless the body may be null', () => {
    for (const tool of tools.filter((t) => t.request.body?.kind === 'arg' && t.request.method !== 'DELETE')) {
      const body = tool.request.body as { arg: string };
      const type = (tool.inputSchema.properties?.[body.arg] as { type?: unknown }).type;
      const nullable = Array.isArray(type) && type.includes('null');
      expect((tool.inputSchema.required ?? []).includes(body.arg), tool.name).toBe(!nullable);
    }
    expect(tools.find((t) => t.name === 'update_space')?.inputSchema.required).toContain('body');
  });
});

describe('annotations follow method and overrides', () => {
  it('tools that overwrite or replace are write tools with destructiveHint', () => {
    for (const name of OVERWRITING) {
      const tool = tools.find((t) => t.name === name);
      expect(tool?.tier, name).toBe('write');
      expect(tool?.annotations.destructiveHint, name).toBe(true);
    }
  });

  it('search_apm_agent_config cannot write: its writing body properties are hidden', () => {
    const search = tools.find((t) => t.name === 'search_apm_agent_config');
    expect(Object.keys(search?.inputSchema.properties ?? {})).not.toEqual(expect.arrayContaining(['etag']));
    expect(Object.keys(search?.inputSchema.properties ?? {})).not.toEqual(expect.arrayContaining(['mark_as_applied_by_agent']));
    expect(inputOf(search!).safeParse({ service: {}, mark_as_applied_by_agent: true }).success).toBe(false);
  });

  it('read-only POSTs are idempotent', () => {
    for (const name of ['export_saved_objects', 'search_detection_alerts'])
      expect(tools.find((t) => t.name === name)?.annotations.idempotentHint, name).toBe(true);
  });

  it('uses the method defaults unless toolsets.yaml overrides them', () => {
    const idempotentByMethod = { GET: true, PUT: true, DELETE: true, POST: false, PATCH: false };
    const readOnlyPosts = tools.filter((t) => t.request.method === 'POST' && t.tier === 'read');
    for (const tool of readOnlyPosts) expect(tool.annotations.readOnlyHint).toBe(true);
    const defaults = tools.filter((t) => t.annotations.idempotentHint === idempotentByMethod[t.request.method]);
    expect(defaults.length).toBeGreaterThan(tools.length / 2);
  });
});

describe('how writes answer', () => {
  it('every write says how it answers and reads do not; compact writes advertise full last, as write-answers.ts defines it, never required', () => {
    for (const tool of tools) {
      const names = Object.keys(tool.inputSchema.properties ?? {});
      if (tool.tier === 'read') {
        expect(tool.writeAnswer, tool.name).toBeUndefined();
        expect(tool.keepsExisting, tool.name).toBeUndefined();
        continue;
      }
      expect(tool.writeAnswer, tool.name).toBe(entries.get(tool.name)?.answer ?? 'compact');
      if (tool.writeAnswer === 'compact') {
        expect(names.at(-1), tool.name).toBe(FULL_ARGUMENT);
        expect(tool.inputSchema.properties?.[FULL_ARGUMENT], tool.name).toEqual(FULL_ARGUMENT_SCHEMA);
      } else expect(names, tool.name).not.toContain(FULL_ARGUMENT);
      expect(tool.inputSchema.required ?? [], tool.name).not.toContain(FULL_ARGUMENT);
    }
    const whole = new Set(tools.filter((tool) => tool.writeAnswer === 'whole').map((tool) => tool.name));
    expect([...whole].sort()).toEqual(['create_apm_agent_key', 'execute_connector']);
  });

  it('set_default_data_view reads the default back unless forced, on every variant', () => {
    const variants = tools.filter((tool) => tool.name === 'set_default_data_view');
    expect(variants.length).toBeGreaterThan(0);
    for (const tool of variants)
      expect(tool.keepsExisting).toEqual({
        unless: 'force',
        read: { method: 'GET', path: '/api/data_views/default' },
        field: 'data_view_id',
        argument: 'data_view_id',
      });
    expect(tools.filter((tool) => tool.keepsExisting).map((tool) => tool.name)).toEqual(variants.map((tool) => tool.name));
  });
});
