// Which variants a Kibana version gets, over synthetic ToolSpecs (the shape the generator emits).
import { describe, expect, it } from 'vitest';
import { loadSelectedTools, unservedOnVersion } from '../../src/tools/registry.js';
import type { ToolSpec } from '../../src/tools/spec.js';
import { describeVersions, isInRange, listedVariant, variantGroups, variantOn, variantsOn } from '../../src/tools/variants.js';
import { SYNTHETIC_TOOLS, SYNTHETIC_TOOLSETS, syntheticTool } from './support/synthetic-tools.js';

const byName = (tools: ToolSpec[]) => Object.fromEntries(tools.map((tool) => [tool.name, tool.request.path]));
const argsOf = (tool: ToolSpec | undefined) => Object.keys(tool?.inputSchema.properties ?? {});

describe('the tool set of a Kibana version', () => {
  it.each([
    [
      '8.18.2',
      {
        list_spaces: '/api/list_spaces',
        create_case: '/api/cases',
        create_dashboard: '/api/dashboards/dashboard',
        delete_legacy_thing: '/api/legacy',
      },
    ],
    [
      '9.0.0',
      {
        list_spaces: '/api/list_spaces',
        create_case: '/api/cases',
        create_dashboard: '/api/dashboards/dashboard',
        snooze_rule: '/api/alerting/rule/snooze',
      },
    ],
    [
      '9.3.0',
      {
        list_spaces: '/api/list_spaces',
        create_case: '/api/cases',
        create_dashboard: '/api/dashboards/dashboard',
        snooze_rule: '/api/alerting/rule/snooze',
        create_maintenance_window: '/api/maintenance_window',
        find_maintenance_windows: '/api/maintenance_window/_find',
      },
    ],
    [
      '9.4.0',
      {
        list_spaces: '/api/list_spaces',
        create_case: '/api/cases',
        create_dashboard: '/api/dashboards',
        snooze_rule: '/api/alerting/rule/snooze',
        create_maintenance_window: '/api/maintenance_window',
        find_maintenance_windows: '/api/maintenance_window/_find',
      },
    ],
  ])('%s gets exactly the names it has, each once, through the operation of its version', (version, expected) => {
    const tools = variantsOn(SYNTHETIC_TOOLS, version);
    expect(byName(tools)).toEqual(expected);
    expect(tools).toHaveLength(Object.keys(expected).length);
  });

  it('with that version’s schemas: the 8.x and the 9.x create_case differ, and each version gets its own', () => {
    const on818 = variantsOn(SYNTHETIC_TOOLS, '8.18.2').find((tool) => tool.name === 'create_case');
    const on90 = variantsOn(SYNTHETIC_TOOLS, '9.0.0').find((tool) => tool.name === 'create_case');
    expect([argsOf(on818), argsOf(on90)]).toEqual([
      ['title', 'full'],
      ['title', 'owner', 'full'],
    ]);
  });

  it('`from` is inclusive and `until` exclusive; pre-release suffixes count as their version', () => {
    expect(isInRange('9.4.0', { from: '9.4.0' })).toBe(true);
    expect(isInRange('9.4.0', { until: '9.4.0' })).toBe(false);
    expect(isInRange('9.3.9', { until: '9.4.0' })).toBe(true);
    expect(isInRange('9.10.0', { from: '9.4.0', until: '10.0.0' })).toBe(true);
    expect(isInRange('9.4.0-SNAPSHOT', { from: '9.4.0' })).toBe(true);
  });

  it('refuses data where two variants of a name hold the same version, naming both ranges', () => {
    const overlapping = [syntheticTool('x', { until: '9.4.0' }), syntheticTool('x', { from: '9.3.0' })];
    expect(() => variantsOn(overlapping, '9.3.5')).toThrow('x: two variants hold Kibana 9.3.5 (before 9.4.0, 9.3.0 and later)');
  });
});

describe('a server that does not know the version', () => {
  it('groups each name’s variants, oldest first, whatever order they come in, and lists the newest', () => {
    const shuffled = [...SYNTHETIC_TOOLS].reverse();
    const groups = variantGroups(shuffled);
    expect(groups.map((group) => group[0]!.name).sort()).toEqual([...new Set(SYNTHETIC_TOOLS.map((tool) => tool.name))].sort());
    const dashboards = groups.find((group) => group[0]!.name === 'create_dashboard')!;
    expect(dashboards.map((tool) => tool.versions)).toEqual([{ until: '9.4.0' }, { from: '9.4.0' }]);
    expect(listedVariant(dashboards).request.path).toBe('/api/dashboards');
    expect(variantOn(dashboards, '8.18.2')?.request.path).toBe('/api/dashboards/dashboard');
    expect(variantOn(groups.find((group) => group[0]!.name === 'snooze_rule')!, '8.18.2')).toBeUndefined();
  });

  it('describes ranges in words', () => {
    expect([{}, { from: '9.1.0' }, { until: '9.4.0' }, { from: '9.4.0', until: '9.5.0' }].map(describeVersions)).toEqual([
      'every version',
      '9.1.0 and later',
      'before 9.4.0',
      '9.4.0 to 9.5.0 (exclusive)',
    ]);
  });
});

describe('a selection on a version', () => {
  const catalog = { toolsets: SYNTHETIC_TOOLSETS, loadToolset: { synthetic: async () => ({ tools: SYNTHETIC_TOOLS }) } };

  it('keeps every variant that its toolsets and tier allow, for the version to choose from', async () => {
    const kept = await loadSelectedTools(catalog, { tier: 'write' });
    expect(kept.filter((tool) => tool.name === 'create_dashboard')).toHaveLength(2);
    expect(kept.some((tool) => tool.name === 'delete_legacy_thing')).toBe(false);
  });

  it('says which included tools and named toolsets the version lacks', async () => {
    const selection = { tier: 'write' as const, toolsets: ['synthetic'], include: ['create_maintenance_window'] };
    const kept = await loadSelectedTools(catalog, selection);
    expect(unservedOnVersion(kept, selection, '8.18.2')).toEqual([
      '--include create_maintenance_window: not on Kibana 8.18.2 (only 9.1.0 and later)',
    ]);
    expect(unservedOnVersion(kept, selection, '9.3.0')).toEqual([]);
    const onlyNew = { tier: 'read' as const, toolsets: ['synthetic'], exclude: ['list_spaces'] };
    expect(unservedOnVersion(await loadSelectedTools(catalog, onlyNew), onlyNew, '8.18.2')).toEqual([
      '--toolsets synthetic: none of its tools is on Kibana 8.18.2',
    ]);
  });

  it('throws for an unknown toolset before loading anything', () => {
    let loaded = false;
    const watched = { toolsets: SYNTHETIC_TOOLSETS, loadToolset: { synthetic: async () => ((loaded = true), { tools: SYNTHETIC_TOOLS }) } };
    expect(() => loadSelectedTools(watched, { tier: 'read', toolsets: ['nope'] })).toThrow(/unknown toolset "nope"/);
    expect(loaded).toBe(false);
  });
});
