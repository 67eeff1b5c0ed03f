import { describe, expect, it } from 'vitest';
import { API_TOOLS, CALL_KIBANA_API, DESCRIBE_KIBANA_API, SEARCH_KIBANA_API } from '../../src/api/tools.js';
import { toolTokens } from '../../src/generator/tokens.js';
import { TIERS } from '../../src/tools/registry.js';
import type { Tier } from '../../src/tools/spec.js';
import { LISTING_SETTINGS } from '../../src/tools/tasks/catalog.js';
import { apiTools } from '../../src/tools/tasks/api.js';

const BUDGET = 1200;

/** Every schema under `properties` (and the schema of additional properties), with where it is. */
function propertySchemas(schema: Record<string, unknown>, at = ''): Array<[string, Record<string, unknown>]> {
  const found: Array<[string, Record<string, unknown>]> = [];
  for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    found.push([`${at}${name}`, child], ...propertySchemas(child, `${at}${name}.`));
  }
  if (typeof schema.additionalProperties === 'object') found.push([`${at}*`, schema.additionalProperties as Record<string, unknown>]);
  return found;
}

describe('the full-API tool definitions', () => {
  it(`cost at most ${BUDGET} tokens together in tools/list`, () => {
    const costs = API_TOOLS.map((tool) => toolTokens(tool));
    console.info(
      `full-API tools: ${API_TOOLS.map((tool, i) => `${tool.name} ${costs[i]}`).join(', ')}; total ${costs.reduce((a, b) => a + b, 0)} tokens`,
    );
    expect(costs.reduce((sum, cost) => sum + cost, 0)).toBeLessThanOrEqual(BUDGET);
  });

  it('have an object root and a type at the top of every property schema', () => {
    for (const tool of API_TOOLS) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.inputSchema.additionalProperties).toBe(false);
      expect(tool.name).toMatch(/^[a-z0-9_]{1,48}$/);
      const untyped = propertySchemas(tool.inputSchema).filter(([, schema]) => schema.type === undefined);
      expect(untyped.map(([where]) => `${tool.name}.${where}`)).toEqual([]);
    }
  });

  it('take the arguments the issue names', () => {
    expect(SEARCH_KIBANA_API.inputSchema.required).toEqual(['query']);
    expect(Object.keys(DESCRIBE_KIBANA_API.inputSchema.properties!)).toEqual(['method', 'path', 'schema_path']);
    expect(Object.keys(CALL_KIBANA_API.inputSchema.properties!)).toEqual([
      'method',
      'path',
      'path_params',
      'query',
      'body',
      'space_id',
      'full',
    ]);
    expect(CALL_KIBANA_API.inputSchema.required).toEqual(['method', 'path']);
  });

  it('say honestly what they do: search and describe only read; call may write or delete, inside Kibana', () => {
    for (const tool of [SEARCH_KIBANA_API, DESCRIBE_KIBANA_API]) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
    }
    expect(CALL_KIBANA_API.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: false,
    });
  });

  it.each(TIERS)(
    'are served at tier %s as the task toolset api, each at tier read (call_kibana_api refuses per call), with their shipped token counts',
    (tier) => {
      const served = apiTools({ ...LISTING_SETTINGS, tier });
      expect(served.map((tool) => [tool.name, tool.toolset, tool.tier])).toEqual(API_TOOLS.map((tool) => [tool.name, 'api', 'read']));
      expect(served.map((tool) => [tool.name, tool.tokens])).toEqual(served.map((tool) => [tool.name, toolTokens(tool)]));
    },
  );

  it('say in call_kibana_api’s annotations what the tier lets it do', () => {
    const annotationsAt = (tier: Tier) => apiTools({ ...LISTING_SETTINGS, tier })[2]!.annotations;
    expect(annotationsAt('read')).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(annotationsAt('write')).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(annotationsAt('destructive')).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  it('check their own arguments before any work: a wrong method, an unknown argument', async () => {
    const [, describeTool, callTool] = apiTools(LISTING_SETTINGS);
    const validator = await callTool!.validator();
    expect(validator.safeParse({ method: 'GET', path: '/api/status', query: { a: 1 }, full: true }).success).toBe(true);
    expect(validator.safeParse({ method: 'FETCH', path: '/api/status' }).success).toBe(false);
    expect(validator.safeParse({ method: 'GET', path: '/api/status', headers: {} }).success).toBe(false);
    expect((await describeTool!.validator()).safeParse({ method: 'GET' }).success).toBe(false);
  });
});
