// The three dashboard tools as `tools/list` shows them, and the validators of their arguments.
// The JSON Schemas are derived from the Zod schemas of flat.ts, so the two cannot drift apart.
import { z } from 'zod';

import { SPACE_ID_SOURCE } from '../kibana/spaces.js';
import type { JsonSchemaObject, ToolAnnotations } from '../tools/spec.js';
import { dashboardFields, panelSchema, patchSchema } from './flat.js';

const spaceId = z.string().regex(new RegExp(SPACE_ID_SOURCE, 'u')).optional().describe('Default: the configured space');
const dashboardId = z.string().min(1);

export const buildDashboardInput = z.strictObject({
  space_id: spaceId,
  ...dashboardFields,
  panels: z.array(panelSchema).min(1).max(100),
});
export const describeDashboardInput = z.strictObject({ space_id: spaceId, id: dashboardId });
export const updateDashboardInput = z.strictObject({ space_id: spaceId, id: dashboardId, ...patchSchema.shape });

export type BuildDashboardInput = z.infer<typeof buildDashboardInput>;
export type DescribeDashboardInput = z.infer<typeof describeDashboardInput>;
export type UpdateDashboardInput = z.infer<typeof updateDashboardInput>;

export interface DashboardToolDefinition {
  name: 'build_dashboard' | 'describe_dashboard' | 'update_dashboard';
  description: string;
  annotations: ToolAnnotations;
  inputSchema: JsonSchemaObject;
  validator: z.ZodType<Record<string, unknown>>;
}

/** Limits so far from any real input that advertising them costs tokens and tells nothing. */
const UNTOLD_LIMIT = 20;

/**
 * The advertised schema: the JSON Schema of the Zod input, shared parts under `$defs`, and
 * without the keywords that cost tokens but guide nobody (the validator still checks them all).
 * `stubs` replaces shared parts by a line that names where they are advertised in full.
 */
export function advertisedSchema(input: z.ZodType, stubs: Record<string, string> = {}): JsonSchemaObject {
  const schema = z.toJSONSchema(input, { io: 'input' }) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = compact(schema, true) as JsonSchemaObject;
  if (!rest.$defs) return rest;
  const defs = {
    ...rest.$defs,
    ...Object.fromEntries(Object.entries(stubs).map(([id, description]) => [id, { type: 'object', description }])),
  };
  const used = referencedDefs({ ...rest, $defs: undefined }, defs);
  return { ...rest, $defs: Object.fromEntries(Object.entries(defs).filter(([id]) => used.has(id))) };
}

/** The `$defs` a schema reaches, directly or through other definitions. */
function referencedDefs(root: unknown, defs: Record<string, unknown>): Set<string> {
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const id = key === '$ref' && typeof value === 'string' ? value.replace('#/$defs/', '') : undefined;
      if (id !== undefined && !used.has(id)) {
        used.add(id);
        visit(defs[id]);
      } else visit(value);
    }
  };
  visit(root);
  return used;
}

function compact(node: unknown, root = false): unknown {
  if (Array.isArray(node)) return node.map((item) => compact(item));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isUntold(key, value, root)) continue;
    out[key] = compact(value);
  }
  // A union of scalars and lists (a filter value) is described in words instead.
  if (Array.isArray(out.anyOf) && typeof out.description === 'string') delete out.anyOf;
  return out;
}

function isUntold(key: string, value: unknown, root: boolean): boolean {
  if (key === 'minLength' || key === 'propertyNames' || key === 'pattern') return true;
  if (key === 'minimum' && (value === 0 || value === 1)) return true;
  if (key === 'additionalProperties' && value === false) return !root;
  if ((key === 'maxItems' || key === 'maximum') && typeof value === 'number') return value >= UNTOLD_LIMIT;
  return false;
}

const annotations = (title: string, readOnly: boolean, idempotent: boolean): ToolAnnotations => ({
  title,
  readOnlyHint: readOnly,
  destructiveHint: false,
  idempotentHint: idempotent,
  openWorldHint: false,
});

export const DASHBOARD_TOOLS: readonly DashboardToolDefinition[] = [
  {
    name: 'build_dashboard',
    description:
      'Creates a dashboard from flat panels: a chart, a data view, metrics, an optional breakdown. Fields are checked against ' +
      'the data view before saving. Returns the id, URL path and a line per panel.',
    annotations: annotations('Build dashboard', false, false),
    inputSchema: advertisedSchema(buildDashboardInput),
    validator: buildDashboardInput,
  },
  {
    name: 'describe_dashboard',
    description: "Reads a dashboard in build_dashboard's flat form, with panel ids and grids; what that form cannot say is listed as kept.",
    annotations: annotations('Describe dashboard', true, true),
    inputSchema: advertisedSchema(describeDashboardInput),
    validator: describeDashboardInput,
  },
  {
    name: 'update_dashboard',
    description:
      'Changes a dashboard as describe_dashboard showed it: add, replace, remove or move panels by id; set title, description, ' +
      'tags, time range, query or filters. Anything not named stays as stored.',
    annotations: annotations('Update dashboard', false, true),
    inputSchema: advertisedSchema(updateDashboardInput, {
      panel: 'A panel as in build_dashboard',
      filter: 'A filter as in build_dashboard',
      grid: '{x, y, w, h} as in build_dashboard',
    }),
    validator: updateDashboardInput,
  },
];
