// build_dashboard: check a flat description against the space's data views, create missing tags,
// then create the dashboard in the form the connected Kibana stores.
import type { ToolContext, ToolResult } from '../../tools/runtime/tool.js';
import { dashboardProblems, describeDashboard, namedPanels, writeDashboard } from '../dashboards.js';
import { asRecord } from '../json.js';
import { refuseIfAny } from '../problems.js';
import type { BuildDashboardInput } from '../tool-schemas.js';
import { assertSpaceWritable, callTarget, refusingProblems, writtenAnswer } from './call.js';
import { SpaceDataViews } from './data-views.js';
import { createRequest, writtenDashboard } from './stored.js';
import { tagsNamed } from './tags.js';

export function buildDashboard(args: BuildDashboardInput, context: ToolContext): Promise<ToolResult> {
  return refusingProblems(context, 'Nothing was saved', async () => {
    const { space_id: _space, ...dashboard } = args;
    const { space, version } = await callTarget(args, context);
    await assertSpaceWritable(context, space);
    const dataViews = new SpaceDataViews(context, space);
    const { views, problems } = await dataViews.forPanels(namedPanels(dashboard));
    refuseIfAny([...problems, ...dashboardProblems(dashboard, { version, views })]);
    const { tags, created } = await tagsNamed(context, space, dashboard.tags ?? []);
    const write = writeDashboard(dashboard, { version, views, tags });
    const response = await context.kibana(createRequest(write, space));
    const id = String(asRecord(response.data).id);
    const written = describeDashboard(writtenDashboard(write, id, response.data), dataViews.lookups());
    return context.results.value(writtenAnswer(id, space, written, created));
  });
}
