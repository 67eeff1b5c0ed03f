// What the three dashboard tools share: the space and stored form of a call, their answers'
// parts (URL path, a line per panel), and refusals that name every problem.
import { DEFAULT_SPACE } from '../../kibana/spaces.js';
import type { ToolContext, ToolResult } from '../../tools/runtime/tool.js';
import type { DescribedDashboard } from '../flat.js';
import { DashboardProblems } from '../problems.js';
import { panelSummary } from '../summary.js';
import { type FormatSupport, formatFor } from '../support.js';

export interface CallTarget {
  space: string;
  version: string;
  support: FormatSupport;
}

/** The space a call works in and the stored form of the connected Kibana, or DashboardProblems. */
export async function callTarget(args: { space_id?: string | undefined }, context: ToolContext): Promise<CallTarget> {
  const version = await context.version();
  if (version === undefined) {
    throw new DashboardProblems([
      'Kibana did not report its version (GET /api/status), and the stored form of a dashboard depends on it; retry once Kibana answers',
    ]);
  }
  return { space: args.space_id ?? context.defaultSpace, version, support: formatFor(version) };
}

/**
 * Refuses (MissingSpaceError) a call that writes into a space that does not exist, before it reads
 * anything there: an empty list of data views would only mislead.
 */
export function assertSpaceWritable(context: ToolContext, space: string): Promise<void> {
  // The guard asks only which space a write goes into; dashboards and tags are written into the call's own.
  return context.spaces.assertWritable({ method: 'POST', path: '/api/saved_objects/{type}', space }, true);
}

/** Where the dashboard opens in Kibana, below the base URL. */
export function dashboardPath(id: string, space: string): string {
  const prefix = space === DEFAULT_SPACE ? '' : `/s/${space}`;
  return `${prefix}/app/dashboards#/view/${encodeURIComponent(id)}`;
}

/** One line per panel, then one per item kept as it is. */
export function panelLines(dashboard: DescribedDashboard): string[] {
  return [
    ...dashboard.panels.map((panel) => panelSummary(panel, panel.id)),
    ...dashboard.kept.map((item) => `${item.id ?? item.kind}: kept ${item.type}${item.title ? ` "${item.title}"` : ''} (${item.reason})`),
  ];
}

/** What build_dashboard and update_dashboard answer: where the dashboard is, what it shows, the tags they created. */
export function writtenAnswer(id: string, space: string, written: DescribedDashboard, createdTags: readonly string[]) {
  return {
    id,
    url: dashboardPath(id, space),
    panels: panelLines(written),
    ...(createdTags.length > 0 ? { created_tags: createdTags } : {}),
  };
}

/** Runs a tool's work; the problems it finds become one refusal that lists them all. */
export async function refusingProblems(context: ToolContext, outcome: string, work: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DashboardProblems)) throw error;
    const count = error.problems.length === 1 ? 'this problem' : `these ${error.problems.length} problems`;
    return context.results.error(`${outcome}; fix ${count} and call again:\n${error.problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
}
