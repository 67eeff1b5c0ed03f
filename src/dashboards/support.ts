// Which Kibana versions the dashboard tools can write, in which stored form, and which chart
// types, metrics and breakdowns each form carries (the table in docs/dashboards/README.md).
import { compareVersions } from '../kibana/versions.js';
import { BREAKDOWN_KINDS, type BreakdownKind, CHART_TYPES, type ChartType, METRIC_OPS, type MetricOp } from './flat.js';
import type { NamedPanel } from './field-checks.js';
import { DashboardProblems } from './problems.js';

export type DashboardFormat = 'saved-object' | 'api-9.4';

export interface FormatSupport {
  format: DashboardFormat;
  /** First Kibana version (inclusive) and the version it stops at (exclusive). */
  from: string;
  until?: string;
  charts: readonly ChartType[];
  metrics: readonly MetricOp[];
  breakdowns: readonly BreakdownKind[];
}

export const FORMATS: readonly FormatSupport[] = [
  // Lens by value in `panelsJSON`: the `formBased` datasource and the metric and pie states we
  // write are those of 8.6 on; the saved-objects API still carries them until 9.4.
  { format: 'saved-object', from: '8.6.0', until: '9.4.0', charts: CHART_TYPES, metrics: METRIC_OPS, breakdowns: BREAKDOWN_KINDS },
  // The technical-preview `/api/dashboards` of 9.4; 9.5 changed its shapes.
  { format: 'api-9.4', from: '9.4.0', until: '9.5.0', charts: CHART_TYPES, metrics: METRIC_OPS, breakdowns: BREAKDOWN_KINDS },
];

/** The stored form for a Kibana version, or a refusal that says which versions work. */
export function formatFor(version: string, formats: readonly FormatSupport[] = FORMATS): FormatSupport {
  const found = formats.find(
    (support) =>
      compareVersions(version, support.from) >= 0 && (support.until === undefined || compareVersions(version, support.until) < 0),
  );
  if (found) return found;
  const ranges = formats.map((support) => `${support.from} up to ${support.until ?? 'any later'}`).join(', ');
  throw new DashboardProblems([`dashboards cannot be built on Kibana ${version}: the dashboard tools support ${ranges} (exclusive)`]);
}

/** Panels asking for what the version's form cannot carry. */
export function unsupportedProblems(panels: readonly NamedPanel[], support: FormatSupport, version: string): string[] {
  const on = `on Kibana ${version}`;
  return panels.flatMap(({ panel, where }) => {
    const problems: string[] = [];
    if (!support.charts.includes(panel.chart)) problems.push(`${where}: ${panel.chart} panels cannot be built ${on}`);
    for (const metric of panel.metrics ?? []) {
      if (!support.metrics.includes(metric.op)) problems.push(`${where}: the ${metric.op} metric is not available ${on}`);
    }
    for (const breakdown of [panel.breakdown, panel.split]) {
      if (breakdown && !support.breakdowns.includes(breakdown.by))
        problems.push(`${where}: the ${breakdown.by} breakdown is not available ${on}`);
    }
    return problems;
  });
}
