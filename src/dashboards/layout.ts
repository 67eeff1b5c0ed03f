// Places panels on the dashboard's 48-column grid: explicit places and sizes are honoured; the
// rest go, in order, to the highest then leftmost free spot, with a default size per chart.
import { type ChartType, type FlatGrid, type Placement, XY_CHARTS, type XyChart } from './flat.js';

export const GRID_COLUMNS = 48;

const CHART_SIZE = { w: 24, h: 15 };

export const DEFAULT_SIZES: Record<ChartType, { w: number; h: number }> = {
  ...(Object.fromEntries(XY_CHARTS.map((chart) => [chart, CHART_SIZE])) as Record<XyChart, typeof CHART_SIZE>),
  metric: { w: 12, h: 8 },
  table: CHART_SIZE,
  pie: { w: 16, h: 15 },
  donut: { w: 16, h: 15 },
  markdown: { w: 48, h: 6 },
};

export interface PlacementRequest {
  chart: ChartType;
  grid?: FlatGrid;
}

/** Problems with a requested grid: a panel must fit inside the 48 columns. */
export function gridProblems(request: PlacementRequest, where: string): string[] {
  const w = request.grid?.w ?? DEFAULT_SIZES[request.chart].w;
  const x = request.grid?.x;
  if (x !== undefined && x + w > GRID_COLUMNS) return [`${where}: x ${x} plus width ${w} passes the grid's ${GRID_COLUMNS} columns`];
  return [];
}

/** Places the requested panels around the occupied places; returns one placement per request. */
export function placePanels(occupied: readonly Placement[], requests: readonly PlacementRequest[]): Placement[] {
  const taken = [...occupied];
  const sized = requests.map((request) => ({ ...DEFAULT_SIZES[request.chart], ...definedParts(request.grid) }));
  // Panels with a full place claim it first, so that auto-placed ones flow around them.
  const placements: (Placement | undefined)[] = sized.map((grid) =>
    grid.x !== undefined && grid.y !== undefined ? { x: grid.x, y: grid.y, w: grid.w, h: grid.h } : undefined,
  );
  for (const placement of placements) if (placement) taken.push(placement);
  return sized.map((grid, i) => {
    const fixed = placements[i];
    if (fixed) return fixed;
    const placement = firstFreeSpot(taken, grid);
    taken.push(placement);
    return placement;
  });
}

function definedParts(grid: FlatGrid | undefined): Partial<Placement> {
  return Object.fromEntries(Object.entries(grid ?? {}).filter(([, value]) => value !== undefined));
}

function firstFreeSpot(taken: readonly Placement[], grid: Partial<Placement> & { w: number; h: number }): Placement {
  const { w, h } = grid;
  const bottom = Math.max(0, ...taken.map((p) => p.y + p.h));
  const xs = grid.x !== undefined ? [grid.x] : Array.from({ length: GRID_COLUMNS - w + 1 }, (_, x) => x);
  for (let y = grid.y ?? 0; y <= Math.max(bottom, grid.y ?? 0); y++) {
    for (const x of xs) {
      const candidate = { x, y, w, h };
      if (!taken.some((other) => overlaps(candidate, other))) return candidate;
    }
  }
  return { x: xs[0] ?? 0, y: Math.max(bottom, grid.y ?? 0), w, h };
}

function overlaps(a: Placement, b: Placement): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
