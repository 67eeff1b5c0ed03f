// The validators of the three dashboard tools' arguments, and the JSON Schemas `tools/list` shows,
// derived from them so that the two cannot drift apart. The server lists the derived schemas as
// `npm run generate` wrote them (advertised-schemas.ts, a test keeps them fresh) and loads this module,
// and Zod's schema building with it, only when a dashboard tool is first called.
import { z } from 'zod';

import { SPACE_ID_SOURCE } from '../kibana/spaces.js';
import type { JsonSchemaObject } from '../tools/spec.js';
import type { DashboardToolName } from './tool-definitions.js';
import { dashboardFields, panelSchema, patchSchema } from './flat.js';

const spaceId = z.string().regex(new RegExp(SPACE_ID_SOURCE, 'u')).optional().describe('Default: the configured space');
const dashboardId = z.string().min(1);

const buildDashboardInput = z.strictObject({
  space_id: spaceId,
  ...dashboardFields,
  panels: z.array(panelSchema).min(1).max(100),
});
const describeDashboardInput = z.strictObject({ space_id: spaceId, id: dashboardId });
const updateDashboardInput = z.strictObject({ space_id: spaceId, id: dashboardId, ...patchSchema.shape });

export type BuildDashboardInput = z.infer<typeof buildDashboardInput>;
export type DescribeDashboardInput = z.infer<typeof describeDashboardInput>;
export type UpdateDashboardInput = z.infer<typeof updateDashboardInput>;

/** Limits so far from any real input that advertising them costs tokens and tells nothing. */
const UNTOLD_LIMIT = 20;

/**
 * The advertised schema: the JSON Schema of the Zod input, shared parts under `$defs`, and
 * without the keywords that cost tokens but guide nobody (the validator still checks them all).
 * `stubs` replaces shared parts by a line that names where they are advertised in full.
 */
function advertisedSchema(input: z.ZodType, stubs: Record<string, string> = {}): JsonSchemaObject {
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

export const DASHBOARD_VALIDATORS: Record<DashboardToolName, z.ZodType<Record<string, unknown>>> = {
  build_dashboard: buildDashboardInput,
  describe_dashboard: describeDashboardInput,
  update_dashboard: updateDashboardInput,
};

/** The schemas `tools/list` shows, as advertised-schemas.ts holds them. */
export function advertisedDashboardSchemas(): Record<DashboardToolName, JsonSchemaObject> {
  return {
    build_dashboard: advertisedSchema(buildDashboardInput),
    describe_dashboard: advertisedSchema(describeDashboardInput),
    update_dashboard: advertisedSchema(updateDashboardInput, {
      panel: 'A panel as in build_dashboard',
      filter: 'A filter as in build_dashboard',
      grid: '{x, y, w, h} as in build_dashboard',
    }),
  };
}
