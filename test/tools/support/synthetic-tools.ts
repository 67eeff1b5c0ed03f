// Synthetic ToolSpecs shaped as the generator emits them for several Kibana versions: names with one
// variant over every version, names added or removed at a version, and names whose operation and
// schema change at a version (variants oldest first, disjoint ranges). Tests of version selection
// use them, so that they do not depend on which variants the generated catalogue holds today.
import { z } from 'zod';
import type { HttpMethod, Tier, ToolSpec, ToolsetInfo, VersionRange } from '../../../src/tools/spec.js';
import { FULL_ARGUMENT, FULL_ARGUMENT_SCHEMA } from '../../../src/tools/write-answers.js';

export function syntheticTool(
  name: string,
  versions: VersionRange,
  options: { toolset?: string; tier?: Tier; method?: HttpMethod; path?: string; args?: string[] } = {},
): ToolSpec {
  const { toolset = 'synthetic', tier = 'read', method = 'GET', path = `/api/${name}`, args = [] } = options;
  // Writes answer compactly and advertise `full` last, as generated writes do.
  const write = tier !== 'read';
  const properties = Object.fromEntries(args.map((arg) => [arg, { type: 'string' }]));
  return {
    name,
    toolset,
    tier,
    description: `${name} (${JSON.stringify(versions)})`,
    annotations: {
      title: name,
      readOnlyHint: tier === 'read',
      destructiveHint: tier === 'destructive',
      idempotentHint: true,
      openWorldHint: false,
    },
    spaceAware: false,
    inputSchema: {
      type: 'object',
      properties: write ? { ...properties, [FULL_ARGUMENT]: FULL_ARGUMENT_SCHEMA } : properties,
      required: args,
    },
    tokens: 10 + args.length,
    validator: async () => z.object(Object.fromEntries(args.map((arg) => [arg, z.string()]))).strict(),
    request: {
      method,
      path,
      params: [],
      ...(method === 'GET' ? {} : { body: { kind: 'fields', fields: Object.fromEntries(args.map((arg) => [arg, arg])) } }),
    },
    versions,
    ...(write ? { writeAnswer: 'compact' as const } : {}),
    operation: { method, path },
  };
}

/** One of each kind, as a toolset's data lists them (a name's variants together, oldest first). */
export const SYNTHETIC_TOOLS: ToolSpec[] = [
  syntheticTool('list_spaces', {}),
  syntheticTool('create_case', { until: '9.0.0' }, { tier: 'write', method: 'POST', path: '/api/cases', args: ['title'] }),
  syntheticTool('create_case', { from: '9.0.0' }, { tier: 'write', method: 'POST', path: '/api/cases', args: ['title', 'owner'] }),
  syntheticTool(
    'create_dashboard',
    { until: '9.4.0' },
    { tier: 'write', method: 'POST', path: '/api/dashboards/dashboard', args: ['title'] },
  ),
  syntheticTool(
    'create_dashboard',
    { from: '9.4.0' },
    { tier: 'write', method: 'POST', path: '/api/dashboards', args: ['title', 'panels'] },
  ),
  syntheticTool('snooze_rule', { from: '8.19.0' }, { tier: 'write', method: 'POST', path: '/api/alerting/rule/snooze', args: ['id'] }),
  syntheticTool(
    'create_maintenance_window',
    { from: '9.1.0' },
    { tier: 'write', method: 'POST', path: '/api/maintenance_window', args: ['title'] },
  ),
  syntheticTool('find_maintenance_windows', { from: '9.2.0' }, { path: '/api/maintenance_window/_find' }),
  syntheticTool('delete_legacy_thing', { until: '9.0.0' }, { tier: 'destructive', method: 'DELETE', path: '/api/legacy' }),
];

export const SYNTHETIC_TOOLSETS: ToolsetInfo[] = [
  { id: 'synthetic', description: 'synthetic tools', default: true, tools: [...new Set(SYNTHETIC_TOOLS.map((tool) => tool.name))] },
];
