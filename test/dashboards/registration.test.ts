// How the dashboard task tools are served beside the generated tools: the task toolset takes the
// id `dashboards` and is on by default, the generated dashboards API tools stay selectable as
// `dashboards_api`, a task tool hides the generated tool of its name, and the default set keeps
// to its token budget with the task tools in it.
import { describe, expect, it } from 'vitest';

import { toolTokens } from '../../src/generator/tokens.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadAllTools, loadSelectedTools, type ToolSelection } from '../../src/tools/registry.js';
import { servedCatalog } from '../../src/tools/tasks/catalog.js';
import * as tasks from '../../src/tools/tasks/index.js';

const TASK_TOOLS = ['build_dashboard', 'describe_dashboard', 'update_dashboard'];
const catalog = servedCatalog(generated, tasks);
const served = await loadAllTools(catalog);
const generatedTools = await loadAllTools(generated);
const select = async (selection: Partial<ToolSelection>) =>
  (await loadSelectedTools(catalog, { tier: 'write', ...selection })).map((tool) => `${tool.toolset}/${tool.name}`);

describe('the served catalog', () => {
  it('serves the task toolset under its id, on by default, and the generated dashboards tools as dashboards_api', () => {
    const ids = catalog.toolsets.map((toolset) => toolset.id);
    expect(ids.filter((id) => id.startsWith('dashboards'))).toEqual(['dashboards', 'dashboards_api']);
    expect(catalog.toolsets.find((toolset) => toolset.id === 'dashboards')).toMatchObject({ default: true, tools: TASK_TOOLS });
    const api = catalog.toolsets.find((toolset) => toolset.id === 'dashboards_api');
    const generatedDashboards = generated.toolsets.find((toolset) => toolset.id === 'dashboards');
    expect(api).toMatchObject({ default: generatedDashboards?.default, description: generatedDashboards?.description });
    expect(new Set(served.map((tool) => tool.name)).size).toBe(served.length);
  });

  it('lets a task tool hide the generated tool of its name, and keeps every other generated tool', async () => {
    const hidden = generatedTools.filter((tool) => TASK_TOOLS.includes(tool.name)).map((tool) => tool.name);
    expect(served.filter((tool) => TASK_TOOLS.includes(tool.name)).map((tool) => tool.toolset)).toEqual([
      'dashboards',
      'dashboards',
      'dashboards',
    ]);
    expect(served.length).toBe(generatedTools.length - hidden.length + TASK_TOOLS.length);
    expect((await select({ toolsets: ['dashboards_api'], tier: 'destructive' })).every((name) => name.startsWith('dashboards_api/'))).toBe(
      true,
    );
    expect(await select({ toolsets: ['dashboards_api'], tier: 'destructive' })).not.toContain('dashboards_api/update_dashboard');
  });

  it('selects task tools like any other: by default, by toolset, by tier, by name', async () => {
    const byDefault = await select({});
    expect(byDefault.filter((name) => name.startsWith('dashboards'))).toEqual(TASK_TOOLS.map((name) => `dashboards/${name}`));
    expect(await select({ toolsets: ['platform'], tier: 'read', include: ['describe_dashboard'] })).toEqual([
      'platform/get_status',
      'platform/get_task_manager_health',
      'dashboards/describe_dashboard',
    ]);
    expect(await select({ toolsets: ['dashboards'], exclude: ['update_dashboard'] })).toEqual([
      'dashboards/build_dashboard',
      'dashboards/describe_dashboard',
    ]);
    await expect(select({ toolsets: ['dashboards'], tier: 'read', include: ['build_dashboard'] })).rejects.toThrow(
      /build_dashboard is a write tool/,
    );
  });

  it('refuses a task toolset that takes a generated id without saying where the generated one goes', () => {
    const [dashboards] = tasks.toolsets;
    const { generatedAs: _ignored, ...unnamed } = dashboards!;
    expect(() => servedCatalog(generated, { ...tasks, toolsets: [unnamed] })).toThrow(/task toolset "dashboards" shares its id/);
  });

  it('loads a task toolset only when a selection needs it', async () => {
    const loaded: string[] = [];
    const counting = {
      ...tasks,
      loadToolset: { dashboards: () => (loaded.push('dashboards'), tasks.loadToolset.dashboards!()) },
    };
    await loadSelectedTools(servedCatalog(generated, counting), { tier: 'write', toolsets: ['platform'] });
    expect(loaded).toEqual([]);
    await loadSelectedTools(servedCatalog(generated, counting), { tier: 'write' });
    expect(loaded).toEqual(['dashboards']);
  });
});

describe('the token cost of the task tools', () => {
  const taskTools = served.filter((tool) => TASK_TOOLS.includes(tool.name));

  it('ships the token count of each task tool as a fresh count finds it', () => {
    expect(taskTools.map((tool) => [tool.name, tool.tokens])).toEqual(taskTools.map((tool) => [tool.name, toolTokens(tool)]));
  });

  it('keeps the three at most 1,600 tokens, and the default toolsets with them at most 10,000', () => {
    const total = (tools: typeof served) => tools.reduce((sum, tool) => sum + toolTokens(tool), 0);
    expect(total(taskTools)).toBeLessThanOrEqual(1_600);
    const defaults = new Set(catalog.toolsets.filter((toolset) => toolset.default).map((toolset) => toolset.id));
    expect(total(served.filter((tool) => defaults.has(tool.toolset)))).toBeLessThanOrEqual(10_000);
  });
});
