// The dashboard tools' work without I/O: check a flat description, write it for the connected
// Kibana's version, read a stored dashboard back, and patch it. The tool wiring fetches what
// these need (data views, tags, the stored dashboard) and sends what they return.
import { type ApiWriteContext, patchApiDashboard, readApiDashboard, writeApiDashboard } from './api-9.4/dashboard.js';
import type { DataViewInfo } from './data-view.js';
import { fieldProblems, filterFieldProblems, type NamedPanel } from './field-checks.js';
import type { DescribedDashboard, FlatDashboard, FlatPatch } from './flat.js';
import { gridProblems } from './layout.js';
import { filterShapeProblems, panelShapeProblems } from './panel-rules.js';
import { newPanelIds } from './panel-ids.js';
import { panelIdProblems, patchedPanels, planPanels } from './patch-plan.js';
import { refuseIfAny } from './problems.js';
import { storedPanelIds } from './references.js';
import type { ReadLookups, ResolvedTag } from './resolved.js';
import {
  type DashboardSavedObject,
  patchSavedObjectDashboard,
  readSavedObjectDashboard,
  writeSavedObjectDashboard,
} from './saved-object/dashboard.js';
import { formatFor, unsupportedProblems } from './support.js';

export interface WriteInputs {
  /** The connected Kibana's version. */
  version: string;
  /** Each data view the panels name, by the reference they give (title or id). */
  views: ReadonlyMap<string, DataViewInfo>;
  tags?: readonly ResolvedTag[];
  /** Ids for new panels; by default `p1`, `p2`... past those the dashboard has. */
  newId?: () => string;
}

/** What to send: a saved object (8.6 up to 9.4) or a body for `/api/dashboards` (9.4). */
export type DashboardWrite =
  | { format: 'saved-object'; savedObject: DashboardSavedObject }
  | { format: 'api-9.4'; body: Record<string, unknown> };

/** Every problem of a set of panels and filters for a version, data views read. */
export function panelProblems(panels: readonly NamedPanel[], filters: FlatDashboard['filters'], inputs: WriteInputs): string[] {
  const support = formatFor(inputs.version);
  const shape = panels.flatMap(({ panel, where }) => [...panelShapeProblems(panel, where), ...gridProblems(panel, where)]);
  const filterShapes = (filters ?? []).flatMap((filter, i) => filterShapeProblems(filter, `filter ${i + 1}`));
  const problems = [...shape, ...filterShapes, ...unsupportedProblems(panels, support, inputs.version)];
  if (problems.length > 0) return problems;
  return [...fieldProblems(panels, inputs.views), ...filterFieldProblems(filters ?? [], [...new Set(inputs.views.values())])];
}

export const namedPanels = (dashboard: FlatDashboard): NamedPanel[] =>
  dashboard.panels.map((panel, i) => ({ panel, where: `panel ${i + 1}` }));

/** Every mistake of a dashboard to create, data views read. */
export const dashboardProblems = (dashboard: FlatDashboard, inputs: WriteInputs): string[] =>
  panelProblems(namedPanels(dashboard), dashboard.filters, inputs);

/** The dashboard to create, or DashboardProblems naming every mistake. */
export function writeDashboard(dashboard: FlatDashboard, inputs: WriteInputs): DashboardWrite {
  refuseIfAny(dashboardProblems(dashboard, inputs));
  const context = writeContext(inputs, []);
  const support = formatFor(inputs.version);
  if (support.format === 'api-9.4') return { format: 'api-9.4', body: writeApiDashboard(dashboard, context) };
  return { format: 'saved-object', savedObject: writeSavedObjectDashboard(dashboard, context) };
}

/** A stored dashboard as GET answered it: the saved object, or the `/api/dashboards` answer. */
export type StoredDashboard =
  | { format: 'saved-object'; id: string; savedObject: DashboardSavedObject }
  | { format: 'api-9.4'; answer: unknown };

export function describeDashboard(stored: StoredDashboard, lookups: ReadLookups = {}): DescribedDashboard {
  if (stored.format === 'api-9.4') return readApiDashboard(stored.answer, lookups);
  return readSavedObjectDashboard(stored.id, stored.savedObject, lookups);
}

/** Every mistake of a patch to a described dashboard: unknown panel ids, then the new panels' own. */
export const patchProblems = (described: DescribedDashboard, patch: FlatPatch, inputs: WriteInputs): string[] => [
  ...panelIdProblems(described, patch),
  ...panelProblems(patchedPanels(patch), patch.filters, inputs),
];

/** The write that applies a patch to a stored dashboard, or DashboardProblems. */
export function patchDashboard(stored: StoredDashboard, patch: FlatPatch, inputs: WriteInputs, lookups: ReadLookups = {}): DashboardWrite {
  const described = describeDashboard(stored, lookups);
  refuseIfAny(patchProblems(described, patch, inputs));
  const context = writeContext(inputs, storedPanelIds(stored));
  const plan = planPanels(described, patch, context.newId);
  if (stored.format === 'api-9.4') return { format: 'api-9.4', body: patchApiDashboard(stored.answer, patch, plan, context) };
  return { format: 'saved-object', savedObject: patchSavedObjectDashboard(stored.savedObject, patch, plan, context) };
}

function writeContext(inputs: WriteInputs, takenIds: readonly string[]): ApiWriteContext {
  return { views: inputs.views, tags: inputs.tags ?? [], newId: inputs.newId ?? newPanelIds(takenIds) };
}
