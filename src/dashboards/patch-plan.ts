// What a flat patch does to a dashboard's panels, worked out once for every stored form: which
// panels go, which are rebuilt or moved, where new ones land. Stored forms only apply the plan.
import type { NamedPanel } from './field-checks.js';
import type { DescribedDashboard, FlatGrid, FlatPanel, FlatPatch, Placement } from './flat.js';
import { placePanels } from './layout.js';
import { listChoices } from './problems.js';
import { similarNames } from '../similar.js';

export interface PanelPlan {
  removed: ReadonlySet<string>;
  /** Rebuilt from a flat panel, at their place unless the new panel gives one. */
  rebuilt: ReadonlyMap<string, { panel: FlatPanel; grid: Placement }>;
  moved: ReadonlyMap<string, Placement>;
  added: readonly { panel: FlatPanel; id: string; grid: Placement }[];
}

/** The panels of a patch that will be written, named as messages speak of them. */
export function patchedPanels(patch: FlatPatch): NamedPanel[] {
  return [
    ...(patch.replace_panels ?? []).map(({ id, panel }) => ({ panel, where: `panel ${id}` })),
    ...(patch.add_panels ?? []).map((panel, i) => ({ panel, where: `new panel ${i + 1}` })),
  ];
}

/** Problems with the ids a patch names: each must be a panel or kept item, and be named once. */
export function panelIdProblems(described: DescribedDashboard, patch: FlatPatch): string[] {
  const known = [
    ...described.panels.map((panel) => panel.id),
    ...described.kept.flatMap((item) => (item.id && item.grid ? [item.id] : [])),
  ];
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const named: [string, string][] = [
    ...(patch.remove_panels ?? []).map((id): [string, string] => [id, 'remove_panels']),
    ...(patch.replace_panels ?? []).map(({ id }): [string, string] => [id, 'replace_panels']),
    ...(patch.move_panels ?? []).map(({ id }): [string, string] => [id, 'move_panels']),
  ];
  for (const [id, list] of named) {
    if (!known.includes(id)) {
      const similar = similarNames(id, known);
      const hint =
        similar.length > 0 ? `did you mean ${listChoices(similar)}?` : `its panels are ${known.length > 0 ? listChoices(known) : 'none'}`;
      problems.push(`${list}: the dashboard has no panel \`${id}\`; ${hint}`);
    }
    const earlier = seen.get(id);
    if (earlier) problems.push(`${list}: panel \`${id}\` is already named in ${earlier}; name each panel once`);
    seen.set(id, list);
  }
  return problems;
}

/** The plan of a patch whose ids were checked; `newId` names the added panels. */
export function planPanels(described: DescribedDashboard, patch: FlatPatch, newId: () => string): PanelPlan {
  const removed = new Set(patch.remove_panels ?? []);
  const current = new Map<string, Placement>();
  for (const panel of described.panels) current.set(panel.id, panel.grid);
  for (const item of described.kept) if (item.id && item.grid) current.set(item.id, item.grid);

  const rebuilt = new Map(
    (patch.replace_panels ?? []).map(({ id, panel }) => [id, { panel, grid: regridded(current.get(id), panel.grid) }] as const),
  );
  const moved = new Map((patch.move_panels ?? []).map(({ id, grid }) => [id, regridded(current.get(id), grid)] as const));
  const occupied = [...current.entries()]
    .filter(([id]) => !removed.has(id))
    .map(([id, grid]) => moved.get(id) ?? rebuilt.get(id)?.grid ?? grid);
  const additions = patch.add_panels ?? [];
  const places = placePanels(occupied, additions);
  const added = additions.map((panel, i) => ({ panel, id: newId(), grid: places[i] as Placement }));
  return { removed, rebuilt, moved, added };
}

function regridded(grid: Placement | undefined, change: FlatGrid | undefined): Placement {
  const base = grid ?? { x: 0, y: 0, w: 24, h: 15 };
  return { x: change?.x ?? base.x, y: change?.y ?? base.y, w: change?.w ?? base.w, h: change?.h ?? base.h };
}

export interface StoredPanel<Raw> {
  id: string;
  raw: Raw;
}

/**
 * The stored panels after the plan: untouched ones are the very same values, in their order;
 * rebuilt and moved ones keep their place in the list; added ones come last.
 */
export function applyPanelPlan<Raw>(
  stored: readonly StoredPanel<Raw>[],
  plan: PanelPlan,
  write: (panel: FlatPanel, id: string, grid: Placement) => Raw,
  move: (raw: Raw, grid: Placement) => Raw,
): Raw[] {
  const kept = stored.flatMap(({ id, raw }) => {
    if (plan.removed.has(id)) return [];
    const rebuilt = plan.rebuilt.get(id);
    if (rebuilt) return [write(rebuilt.panel, id, rebuilt.grid)];
    const moved = plan.moved.get(id);
    return [moved ? move(raw, moved) : raw];
  });
  return [...kept, ...plan.added.map(({ panel, id, grid }) => write(panel, id, grid))];
}

export function touchesPanels(plan: PanelPlan): boolean {
  return plan.removed.size > 0 || plan.rebuilt.size > 0 || plan.moved.size > 0 || plan.added.length > 0;
}
