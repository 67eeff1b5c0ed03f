// One line per panel, as build_dashboard and update_dashboard report what they stored.
import type { FlatBreakdown, FlatPanel } from './flat.js';
import { defaultMetricLabel } from './operations.js';

export function panelSummary(panel: FlatPanel, id: string): string {
  if (panel.chart === 'markdown') return `${id}: markdown "${panel.title}"`;
  const metrics = (panel.metrics ?? []).map((metric) => metric.label ?? defaultMetricLabel(metric)).join(', ');
  const by = panel.breakdown ? ` by ${breakdownText(panel.breakdown)}` : '';
  const split = panel.split ? `, one series per ${breakdownText(panel.split)}` : '';
  const filter = panel.filter ? ` where ${panel.filter}` : '';
  return `${id}: ${panel.chart} "${panel.title}": ${metrics}${by}${split} of ${panel.data_view}${filter}`;
}

function breakdownText(breakdown: FlatBreakdown): string {
  if (breakdown.by === 'top_values') return `top ${breakdown.size ?? 10} ${breakdown.field}`;
  if (breakdown.by === 'ranges') return `ranges of ${breakdown.field}`;
  return `${breakdown.field ?? 'time'} (${breakdown.interval ?? 'auto'})`;
}
