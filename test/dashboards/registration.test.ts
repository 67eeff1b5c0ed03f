// How the dashboard task tools are served beside the generated tools: the task toolset `dashboards`
// is on by default, the generated dashboards API tools stay selectable as `dashboards_api`, no name
// is served twice, and the default set keeps to its token budget with the task tools in it.
import { describe, expect, it } from 'vitest';

import { toolTokens } from '../../src/generator/tokens.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadAllTools, loadSelectedTools, type ToolSelection } from '../../src/tools/registry.js';
import type { Tool } from '../../src/tools/runtime/tool.js';
import { servedSelection } from '../../src/tools/served-tools.js';
import { isTaskTool, servedCatalog } from '../../src/tools/tasks/catalog.js';
import * as tasks from '../../src/tools/tasks/index.js';

const TASK_TOOLS = ['build_dashboard', 'describe_dashboard', 'update_dashboard'];
const catalog = servedCatalog(generated, tasks);
const served = await loadAllTools(catalog);
const generatedTools = await loadAllTools(generated);
const select = async (selection: Partial<ToolSelection>) =>
  (await loadSelectedTools(catalog, { tier: 'write', ...selection })).map((tool) => `${tool.toolset}/${tool.name}`);

describe('the served catalog', () => {
  it('serves the task toolset on by default, the generated dashboards API tools as dashboards_api, each name once', () => {
    const ids = catalog.toolsets.map((toolset) => toolset.id);
    expect(ids.filter((id) => id.startsWith('dashboards'))).toEqual(['dashboards', 'dashboards_api']);
    expect(catalog.toolsets.find((toolset) => toolset.id === 'dashboards')).toMatchObject({ default: true, tools: TASK_TOOLS });
    expect(catalog.toolsets.find((toolset) => toolset.id === 'dashboards_api')).toMatchObject({ default: false });
    const taskNames = tasks.toolsets.flatMap((toolset) => toolset.tools);
    expect(new Set(served.map((tool) => tool.name)).size).toBe(new Set(generatedTools.map((tool) => tool.name)).size + taskNames.length);
  });

  it('keeps every generated dashboards tool, the whole-dashboard PUT as replace_dashboard', async () => {
    expect(await select({ toolsets: ['dashboards_api'], tier: 'destructive' })).toEqual(
      expect.arrayContaining(['dashboards_api/replace_dashboard', 'dashboards_api/create_dashboard']),
    );
    expect(await select({ toolsets: ['dashboards_api'], tier: 'destructive' })).not.toContain('dashboards_api/update_dashboard');
  });

  it('selects task tools like any other: by default, by toolset, by tier, by name', async () => {
    const byDefault = await select({});
    expect(byDefault.filter((name) => name.startsWith('dashboards'))).toEqual(TASK_TOOLS.map((name) => `dashboards/${name}`));
    expect(await select({ toolsets: ['platform'], tier: 'read', include: ['describe_dashboard'] })).toEqual([
      'dashboards/describe_dashboard',
      'platform/get_status',
      'platform/get_task_manager_health',
    ]);
    expect(await select({ toolsets: ['dashboards'], exclude: ['update_dashboard'] })).toEqual([
      'dashboards/build_dashboard',
      'dashboards/describe_dashboard',
    ]);
    await expect(select({ toolsets: ['dashboards'], tier: 'read', include: ['build_dashboard'] })).rejects.toThrow(
      /build_dashboard is a write tool/,
    );
  });

  it('refuses a task toolset or tool that takes a generated id or name', () => {
    const [dashboards] = tasks.toolsets;
    const clashing = (toolset: (typeof tasks.toolsets)[number]) => servedCatalog(generated, { ...tasks, toolsets: [toolset] });
    expect(() => clashing({ ...dashboards!, id: 'dashboards_api' })).toThrow(/task toolset "dashboards_api" shares its id/);
    expect(() => clashing({ ...dashboards!, tools: ['replace_dashboard'] })).toThrow(/task tool "replace_dashboard" shares its name/);
  });

  it('loads a task toolset only when a selection needs it', async () => {
    const loaded: string[] = [];
    const counting = {
      ...tasks,
      loadToolset: { ...tasks.loadToolset, dashboards: () => (loaded.push('dashboards'), tasks.loadToolset.dashboards!()) },
    };
    await loadSelectedTools(servedCatalog(generated, counting), { tier: 'write', toolsets: ['platform'] });
    expect(loaded).toEqual([]);
    await loadSelectedTools(servedCatalog(generated, counting), { tier: 'write' });
    expect(loaded).toEqual(['dashboards']);
  });
});

describe('the token cost of the task tools', () => {
  const taskTools = served.filter(isTaskTool).filter((tool) => TASK_TOOLS.includes(tool.name));

  it('ships the token count of each task tool as a fresh count finds it', () => {
    expect(taskTools.map((tool) => [tool.name, tool.tokens])).toEqual(taskTools.map((tool) => [tool.name, toolTokens(tool)]));
  });

  it.each(['8.18.2', '9.0.0', '9.3.0', '9.4.0'])(
    'keeps the three at most 1,600 tokens, and what a default start lists with them at most 10,000 on Kibana %s',
    async (version) => {
      const total = (tools: readonly Tool[]) => tools.reduce((sum, tool) => sum + toolTokens(tool), 0);
      expect(total(taskTools)).toBeLessThanOrEqual(1_600);
      // A default start: the default toolsets at the default tier.
      const defaults = servedSelection(await loadSelectedTools(catalog, { tier: 'write' }), version);
      expect(total(defaults)).toBeLessThanOrEqual(10_000);
    },
  );
});
