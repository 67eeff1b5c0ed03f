// Which tools each Kibana version gets, from the selection data alone (ToolSpec.versions: from
// inclusive, until exclusive; the registry picks the variants of the connected version).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsFile } from '../../src/generator/paths.js';
import { canonicalKey } from '../../src/kibana/spaces.js';
import { parseDocument } from '../../src/openapi/document.js';
import { SpecReader } from '../../src/openapi/spec-reader.js';
import { toolsOnVersion, type ToolSpec } from '../../src/tools/spec.js';
import { ALL_VARIANTS } from '../support/tools.js';
import { SOURCES } from './support/upstream.js';

const ROOT = resolve(import.meta.dirname, '../..');
const on = (version: string) => new Map(toolsOnVersion(ALL_VARIANTS, version).map((tool) => [tool.name, tool]));
const operation = (tool: ToolSpec | undefined) => tool && `${tool.operation.method} ${tool.operation.path}`;
const ofToolset = (tools: Map<string, ToolSpec>, toolset: string) => [...tools.values()].filter((tool) => tool.toolset === toolset).length;

describe('version sets', () => {
  const v818 = on('8.18.2');
  const v90 = on('9.0.0');
  const v93 = on('9.3.0');
  const v94 = on('9.4.0');
  const v95 = on('9.5.0');

  it('8.18.2: the 8.x tools, without Fleet, maintenance windows or scheduled snoozes, and the 8.x dashboards API', () => {
    for (const toolset of ['fleet', 'fleet_integrations', 'maintenance_windows']) expect(ofToolset(v818, toolset), toolset).toBe(0);
    expect(v818.has('snooze_alerting_rule')).toBe(false);
    expect(operation(v818.get('create_dashboard'))).toBe('POST /api/dashboards/dashboard/{id}');
    expect(v818.size).toBe(141);
  });

  it('9.0.0: Fleet and scheduled snoozes (added in 8.19.0), no maintenance windows yet (9.1), the 8.x dashboards API still', () => {
    expect(ofToolset(v90, 'fleet')).toBe(14);
    expect(ofToolset(v90, 'fleet_integrations')).toBe(8);
    expect(v90.has('snooze_alerting_rule') && v90.has('unsnooze_alerting_rule')).toBe(true);
    expect(ofToolset(v90, 'maintenance_windows')).toBe(0);
    expect(operation(v90.get('list_dashboards'))).toBe('GET /api/dashboards/dashboard');
    expect(v90.size).toBe(165);
  });

  it('9.3.0: maintenance windows, their search too (9.2); every 9.x tool validates with the 9.x schema', () => {
    expect(ofToolset(v93, 'maintenance_windows')).toBe(7);
    expect(v93.has('find_maintenance_windows')).toBe(true);
    expect(v93.size).toBe(172);
    const eightX = [...v93.values()].filter((tool) => tool.versions.until === '9.0.0');
    expect(eightX.map((tool) => tool.name)).toEqual([]);
  });

  it('9.4.0: the dashboards tools follow the /api/dashboards API under the same names; 9.5.0 has none, as its shapes changed', () => {
    for (const name of ['list_dashboards', 'get_dashboard', 'create_dashboard', 'replace_dashboard', 'delete_dashboard']) {
      expect(operation(v94.get(name)), name).toMatch(/^\w+ \/api\/dashboards(\/\{id\})?$/);
      expect(v95.has(name), name).toBe(false);
    }
    expect(operation(v94.get('create_dashboard'))).toBe('POST /api/dashboards');
    expect(v94.size).toBe(172);
    expect([...v93.keys()].sort()).toEqual([...v94.keys()].sort());
  });

  it("every variant holds exactly on the versions its operation's facts say", () => {
    const ranges = new Map<string, unknown>();
    for (const { id } of SOURCES.specs) {
      const reader = new SpecReader(parseDocument(readFileSync(join(ROOT, 'openapi/facts', factsFile(id)), 'utf8'), id));
      for (const { method, path } of reader.operations())
        ranges.set(`${id} ${canonicalKey(method, path)}`, reader.operation(method, path).versions);
    }
    for (const tool of ALL_VARIANTS) {
      const key = canonicalKey(tool.operation.method, tool.operation.path);
      const own = SOURCES.specs.map(({ id }) => ranges.get(`${id} ${key}`)).filter((range) => range !== undefined) as Array<{
        from?: string;
        until?: string;
      }>;
      // A variant is one spec's facts, or those of adjacent specs merged where the tool is the same.
      const from = own.find((range) => range.from === tool.versions.from);
      const until = own.find((range) => range.until === tool.versions.until);
      expect(from !== undefined && until !== undefined, `${tool.name} ${JSON.stringify(tool.versions)}`).toBe(true);
    }
  });
});
