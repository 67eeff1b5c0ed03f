// The dashboard task tools as the runtime serves them. Listing them needs only their schemas;
// the readers, writers and Kibana calls of src/dashboards/tools/ load with the first call.
import { DASHBOARD_TOOLS, type DashboardToolDefinition } from '../../dashboards/tool-schemas.js';
import type { Tier } from '../spec.js';
import type { ToolContext, ToolResult } from '../runtime/tool.js';
import type { TaskTool } from './catalog.js';

type Run = (args: Record<string, unknown>, context: ToolContext) => Promise<ToolResult>;

/** What each tool does, and its `tools/list` cost in tokens (o200k_base; a test keeps the count fresh). */
const TASKS: Record<DashboardToolDefinition['name'], { tier: Tier; tokens: number; run: Run }> = {
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

export const tools: TaskTool[] = DASHBOARD_TOOLS.map(({ name, description, annotations, inputSchema, validator }) => ({
  name,
  toolset: 'dashboards',
  description,
  annotations,
  inputSchema,
  validator: async () => validator,
  ...TASKS[name],
}));
