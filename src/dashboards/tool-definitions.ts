// The three dashboard tools as `tools/list` shows them: names, descriptions, annotations and the schemas
// `npm run generate` derived from their validators (tool-schemas.ts), which load only when a tool is called.
import type { JsonSchemaObject, ToolAnnotations } from '../tools/spec.js';
import { ADVERTISED_SCHEMAS } from './advertised-schemas.js';

export type DashboardToolName = 'build_dashboard' | 'describe_dashboard' | 'update_dashboard';

export interface DashboardToolDefinition {
  name: DashboardToolName;
  description: string;
  annotations: ToolAnnotations;
  inputSchema: JsonSchemaObject;
}

const annotations = (title: string, readOnly: boolean, idempotent: boolean): ToolAnnotations => ({
  title,
  readOnlyHint: readOnly,
  destructiveHint: false,
  idempotentHint: idempotent,
  openWorldHint: false,
});

export const DASHBOARD_TOOLS: readonly DashboardToolDefinition[] = [
  {
    name: 'build_dashboard',
    description:
      'Creates a dashboard from flat panels: a chart, a data view, metrics, an optional breakdown. Fields are checked against ' +
      'the data view before saving. Returns the id, URL path and a line per panel.',
    annotations: annotations('Build dashboard', false, false),
    inputSchema: ADVERTISED_SCHEMAS.build_dashboard,
  },
  {
    name: 'describe_dashboard',
    description: "Reads a dashboard in build_dashboard's flat form, with panel ids and grids; what that form cannot say is listed as kept.",
    annotations: annotations('Describe dashboard', true, true),
    inputSchema: ADVERTISED_SCHEMAS.describe_dashboard,
  },
  {
    name: 'update_dashboard',
    description:
      'Changes a dashboard as describe_dashboard showed it: add, replace, remove or move panels by id; set title, description, ' +
      'tags, time range, query or filters. Anything not named stays as stored.',
    annotations: annotations('Update dashboard', false, true),
    inputSchema: ADVERTISED_SCHEMAS.update_dashboard,
  },
];
