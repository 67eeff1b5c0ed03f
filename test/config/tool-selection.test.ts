// Flags and environment → the tools a server exposes, over the generated catalog.
import { describe, expect, it } from 'vitest';
import { readOptions } from '../../src/config/read-options.js';
import { toolSelectionFrom } from '../../src/config/tool-selection.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadSelectedTools, type ToolCatalog } from '../../src/tools/registry.js';
import { ALL_TOOLS, toolsets } from '../support/tools.js';

async function selected(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const loaded: string[] = [];
  const catalog: ToolCatalog = {
    toolsets,
    loadToolset: Object.fromEntries(
      Object.entries(generated.loadToolset).map(([id, load]) => [
        id,
        () => {
          loaded.push(id);
          return load();
        },
      ]),
    ),
  };
  const tools = await loadSelectedTools(catalog, toolSelectionFrom(readOptions(argv, env).settings));
  return { names: tools.map((tool) => tool.name).sort(), loaded: loaded.sort() };
}

const defaultToolsets = toolsets.filter((toolset) => toolset.default).map((toolset) => toolset.id);

describe('the tools a configuration exposes', () => {
  it('by default: the default toolsets at tier write, and only their modules are loaded', async () => {
    const { names, loaded } = await selected([]);
    const expected = ALL_TOOLS.filter((tool) => defaultToolsets.includes(tool.toolset) && tool.tier !== 'destructive');
    expect(names).toEqual(expected.map((tool) => tool.name).sort());
    expect(names.some((name) => name.startsWith('delete_'))).toBe(false);
    expect(loaded).toEqual([...defaultToolsets].sort());
  });

  it('--tier read: only read-only tools', async () => {
    const { names } = await selected(['--tier', 'read']);
    const readOnly = new Set(ALL_TOOLS.filter((tool) => tool.annotations.readOnlyHint).map((tool) => tool.name));
    expect(names.length).toBeGreaterThan(5);
    expect(names.every((name) => readOnly.has(name))).toBe(true);
  });

  it('--toolsets all --tier destructive: every tool', async () => {
    expect((await selected(['--toolsets', 'all', '--tier', 'destructive'])).names).toHaveLength(ALL_TOOLS.length);
  });

  it('--include and --exclude by name, from flags or the environment; an included tool loads its own toolset only', async () => {
    const expected = { names: ['find_cases', 'get_status'], loaded: ['cases', 'platform'] };
    expect(await selected(['--toolsets', 'platform', '--include', 'find_cases', '--exclude', 'get_task_manager_health'])).toEqual(expected);
    expect(
      await selected([], {
        KIBANA_MCP_TOOLSETS: 'platform',
        KIBANA_MCP_INCLUDE: 'find_cases',
        KIBANA_MCP_EXCLUDE: 'get_task_manager_health',
      }),
    ).toEqual(expected);
  });

  it('--toolsets default,slos: "default" stands for the default toolsets inside a list', async () => {
    const withSlos = await selected(['--toolsets', 'default,slos']);
    const defaults = await selected([]);
    const slos = await selected(['--toolsets', 'slos']);
    expect(withSlos.names).toEqual([...defaults.names, ...slos.names].sort());
    expect(withSlos.loaded).toEqual([...defaultToolsets, 'slos'].sort());
    expect((await selected([], { KIBANA_MCP_TOOLSETS: 'slos, default' })).names).toEqual(withSlos.names);
  });

  it('an unknown toolset is a usage error that names the choices', async () => {
    await expect(selected(['--toolsets', 'nope'])).rejects.toThrow(
      /^--toolsets: unknown toolset "nope"; expected "all", "default" \(the default toolsets\) or some of: /,
    );
  });
});
