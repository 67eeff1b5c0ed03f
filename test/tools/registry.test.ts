import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectTools, type ToolsetInfo } from '../../src/tools/registry.js';
import type { Tier, ToolSpec } from '../../src/tools/spec.js';

function tool(name: string, toolset: string, tier: Tier): ToolSpec {
  return {
    name,
    toolset,
    tier,
    description: name,
    annotations: {
      title: name,
      readOnlyHint: tier === 'read',
      destructiveHint: tier === 'destructive',
      idempotentHint: true,
      openWorldHint: false,
    },
    spaceAware: false,
    inputSchema: { type: 'object', properties: {} },
    tokens: 0,
    validator: async () => z.object({}),
    versions: {},
    request: { method: 'GET', path: `/api/${name}`, params: [] },
    operation: { method: 'GET', path: `/api/${name}` },
  };
}

const TOOLS = [
  tool('find_cases', 'cases', 'read'),
  tool('create_case', 'cases', 'write'),
  tool('delete_case', 'cases', 'destructive'),
  tool('list_spaces', 'spaces', 'read'),
  tool('find_slos', 'slos', 'read'),
  tool('delete_slo', 'slos', 'destructive'),
];
const TOOLSETS: ToolsetInfo[] = [
  { id: 'cases', description: '', default: true, tools: TOOLS.filter((t) => t.toolset === 'cases').map((t) => t.name) },
  { id: 'spaces', description: '', default: true, tools: TOOLS.filter((t) => t.toolset === 'spaces').map((t) => t.name) },
  { id: 'slos', description: '', default: false, tools: TOOLS.filter((t) => t.toolset === 'slos').map((t) => t.name) },
];
const names = (tools: ToolSpec[]) => tools.map((t) => t.name);

describe('selectTools', () => {
  it('defaults to the default toolsets at the chosen tier', () => {
    expect(names(selectTools(TOOLS, TOOLSETS, { tier: 'write' }))).toEqual(['find_cases', 'create_case', 'list_spaces']);
    expect(names(selectTools(TOOLS, TOOLSETS, { tier: 'read' }))).toEqual(['find_cases', 'list_spaces']);
    expect(names(selectTools(TOOLS, TOOLSETS, { tier: 'destructive' }))).toEqual([
      'find_cases',
      'create_case',
      'delete_case',
      'list_spaces',
    ]);
  });

  it('takes named toolsets, or all', () => {
    expect(names(selectTools(TOOLS, TOOLSETS, { tier: 'destructive', toolsets: ['slos'] }))).toEqual(['find_slos', 'delete_slo']);
    expect(selectTools(TOOLS, TOOLSETS, { tier: 'destructive', toolsets: 'all' })).toHaveLength(6);
  });

  it('includes tools from other toolsets and excludes by name', () => {
    const selected = selectTools(TOOLS, TOOLSETS, { tier: 'write', include: ['find_slos'], exclude: ['create_case'] });
    expect(names(selected)).toEqual(['find_cases', 'list_spaces', 'find_slos']);
  });

  it('refuses an include above the tier, saying which tier it needs', () => {
    expect(() => selectTools(TOOLS, TOOLSETS, { tier: 'write', include: ['delete_slo'] })).toThrow(
      '--include: delete_slo is a destructive tool and the tier is write; add --tier destructive to expose it',
    );
  });

  it('names unknown toolsets and tools', () => {
    expect(() => selectTools(TOOLS, TOOLSETS, { tier: 'read', toolsets: ['cases', 'nope'] })).toThrow(
      /--toolsets: unknown toolset "nope"; expected "all", "default" \(the default toolsets\) or some of: cases, spaces, slos/,
    );
    expect(() => selectTools(TOOLS, TOOLSETS, { tier: 'read', exclude: ['drop_tables'] })).toThrow(/--exclude: unknown tool "drop_tables"/);
    expect(() => selectTools(TOOLS, TOOLSETS, { tier: 'read', include: ['x'] })).toThrow(/--include: unknown tool "x"/);
  });
});
