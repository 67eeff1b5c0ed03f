import { describe, expect, it } from 'vitest';
import type { Placement } from '../../src/dashboards/flat.js';
import { placePanels } from '../../src/dashboards/layout.js';
import { panelSummary } from '../../src/dashboards/summary.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DASHBOARD_TOOLS } from '../../src/dashboards/tool-definitions.js';
import { DASHBOARD_VALIDATORS } from '../../src/dashboards/tool-schemas.js';
import { DASHBOARD_SCHEMAS_FILE, dashboardSchemasModule } from '../../src/generator/emit-dashboard-schemas.js';
import { toolTokens } from '../../src/generator/tokens.js';
import { EVERY_CHART } from './fixtures.js';

const TOKEN_BUDGET = 2500;

describe('the dashboard tools in tools/list', () => {
  it(`cost at most ${TOKEN_BUDGET} tokens together`, () => {
    const total = DASHBOARD_TOOLS.reduce((sum, tool) => sum + toolTokens(tool), 0);
    expect(total).toBeLessThanOrEqual(TOKEN_BUDGET);
    expect(total).toBeGreaterThan(1000);
  });

  it('advertise a root object with the shared parts under $defs', () => {
    const build = DASHBOARD_TOOLS.find((tool) => tool.name === 'build_dashboard')?.inputSchema;
    expect(build?.type).toBe('object');
    expect(Object.keys(build?.$defs ?? {}).sort()).toEqual(['breakdown', 'filter', 'grid', 'panel']);
    expect(build?.required).toEqual(['title', 'panels']);
  });

  it('advertise the schemas derived from their validators: the committed module equals a fresh one', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../..', DASHBOARD_SCHEMAS_FILE), 'utf8');
    expect(committed).toBe(dashboardSchemasModule());
  });

  it('validate what the schema advertises and refuse what it does not', () => {
    const build = DASHBOARD_VALIDATORS.build_dashboard;
    expect(build.safeParse(EVERY_CHART).success).toBe(true);
    const unknownKey = build.safeParse({ ...EVERY_CHART, colour: 'red' });
    expect(unknownKey.success).toBe(false);
    const badChart = build.safeParse({ title: 't', panels: [{ chart: 'radar', title: 'r' }] });
    expect(badChart.error?.issues[0]?.path).toEqual(['panels', 0, 'chart']);
    const update = DASHBOARD_VALIDATORS.update_dashboard;
    expect(update.safeParse({ id: 'd', time_range: null, remove_panels: ['p1'] }).success).toBe(true);
  });
});

describe('layout', () => {
  const overlaps = (a: Placement, b: Placement) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it('fills rows left to right with default sizes and never overlaps', () => {
    const places = placePanels([], EVERY_CHART.panels);
    expect(places.slice(0, 4)).toEqual([
      { x: 0, y: 0, w: 48, h: 6 },
      { x: 0, y: 6, w: 12, h: 8 },
      { x: 12, y: 6, w: 12, h: 8 },
      { x: 24, y: 6, w: 24, h: 15 },
    ]);
    places.forEach((a, i) => places.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
    expect(places.every((place) => place.x + place.w <= 48)).toBe(true);
  });

  it('honours explicit places and sizes and flows the rest around them', () => {
    const places = placePanels(
      [{ x: 0, y: 0, w: 24, h: 10 }],
      [{ chart: 'metric', grid: { x: 24, y: 0, w: 24, h: 4 } }, { chart: 'line', grid: { w: 48 } }, { chart: 'metric' }],
    );
    expect(places).toEqual([
      { x: 24, y: 0, w: 24, h: 4 },
      { x: 0, y: 10, w: 48, h: 15 },
      // The gap beside the small metric is too short for a default metric above the line.
      { x: 0, y: 25, w: 12, h: 8 },
    ]);
  });
});

describe('summaries', () => {
  it('say in one line what a panel shows', () => {
    expect(panelSummary(EVERY_CHART.panels[4]!, 'p5')).toBe(
      'p5: bar_stacked "Bytes per host": Bytes by time (1h), one series per top 5 host.name of logs-* where http.response.status_code >= 400',
    );
    expect(panelSummary(EVERY_CHART.panels[0]!, 'p1')).toBe('p1: markdown "About"');
  });
});
