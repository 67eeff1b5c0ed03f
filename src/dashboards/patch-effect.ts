// A patch as it changes a described dashboard: values equal to the stored ones, panels replaced by
// themselves and moves to where a panel already is are dropped. Sending back what
// describe_dashboard returned is then no change at all, and nothing is written.
import type { DescribedDashboard, FlatGrid, FlatPatch, Placement } from './flat.js';
import { sameJson } from './json.js';

export function effectivePatch(described: DescribedDashboard, patch: FlatPatch): FlatPatch {
  const effective: FlatPatch = {};
  if (patch.title !== undefined && patch.title !== described.title) effective.title = patch.title;
  if (patch.description !== undefined && patch.description !== (described.description ?? '')) effective.description = patch.description;
  if (patch.tags !== undefined && !sameJson([...patch.tags].sort(), [...(described.tags ?? [])].sort())) effective.tags = patch.tags;
  if (patch.time_range !== undefined && !sameJson(patch.time_range ?? undefined, described.time_range))
    effective.time_range = patch.time_range;
  if (patch.query !== undefined && patch.query !== (described.query ?? '')) effective.query = patch.query;
  if (patch.filters !== undefined && !sameJson(patch.filters, described.filters ?? [])) effective.filters = patch.filters;
  if (patch.add_panels?.length) effective.add_panels = patch.add_panels;
  if (patch.remove_panels?.length) effective.remove_panels = patch.remove_panels;
  const current = new Map(described.panels.map((panel) => [panel.id, panel]));
  const replaced = (patch.replace_panels ?? []).filter(({ id, panel }) => {
    const stored = current.get(id);
    if (!stored) return true;
    const { id: _id, grid, ...flat } = stored;
    const { grid: change, ...wanted } = panel;
    return !sameJson(wanted, flat) || !staysAt(grid, change);
  });
  if (replaced.length > 0) effective.replace_panels = replaced;
  const places = new Map<string, Placement>(described.panels.map((panel) => [panel.id, panel.grid]));
  for (const item of described.kept) if (item.id && item.grid) places.set(item.id, item.grid);
  const moved = (patch.move_panels ?? []).filter(({ id, grid }) => !staysAt(places.get(id), grid));
  if (moved.length > 0) effective.move_panels = moved;
  return effective;
}

export const changesNothing = (patch: FlatPatch): boolean => Object.keys(patch).length === 0;

function staysAt(grid: Placement | undefined, change: FlatGrid | undefined): boolean {
  if (!change) return true;
  if (!grid) return false;
  return (['x', 'y', 'w', 'h'] as const).every((key) => change[key] === undefined || change[key] === grid[key]);
}
