// The dashboard task tools as the runtime serves them. Listing them needs only their schemas;
// their validators and the readers, writers and Kibana calls of src/dashboards/tools/ load with the first call.
import { DASHBOARD_TOOLS, type DashboardToolName } from '../../dashboards/tool-definitions.js';
import type { Tier } from '../spec.js';
import type { ToolContext, ToolResult } from '../runtime/tool.js';
import type { TaskTool } from './catalog.js';

type Run = (args: Record<string, unknown>, context: ToolContext) => Promise<ToolResult>;

/** What each tool does, and its `tools/list` cost in tokens (o200k_base; a test keeps the count fresh). */
const TASKS: Record<DashboardToolName, { tier: Tier; tokens: number; run: Run }> = {
  build_dashboard: {
    tier: 'write',
    tokens: 812,
    run: async (args, context) => (await import('../../dashboards/tools/build.js')).buildDashboard(args as never, context),
  },
  describe_dashboard: {
    tier: 'read',
    tokens: 113,
    run: async (args, context) => (await import('../../dashboards/tools/describe.js')).describeDashboardTool(args as never, context),
  },
  update_dashboard: {
    tier: 'write',
    tokens: 396,
    run: async (args, context) => (await import('../../dashboards/tools/update.js')).updateDashboard(args as never, context),
  },
};

export const tools: TaskTool[] = DASHBOARD_TOOLS.map(({ name, description, annotations, inputSchema }) => ({
  name,
  toolset: 'dashboards',
  description,
  annotations,
  inputSchema,
  validator: async () => (await import('../../dashboards/tool-schemas.js')).DASHBOARD_VALIDATORS[name],
  ...TASKS[name],
}));
