// update_dashboard: a flat patch against the stored dashboard. What the patch does not change is
// written back as it was stored; a patch that changes nothing writes nothing.
import type { ToolContext, ToolResult } from '../../tools/runtime/tool.js';
import { describeDashboard, patchDashboard, patchProblems } from '../dashboards.js';
import { changesNothing, effectivePatch } from '../patch-effect.js';
import { patchedPanels } from '../patch-plan.js';
import { refuseIfAny } from '../problems.js';
import type { UpdateDashboardInput } from '../tool-schemas.js';
import { assertSpaceWritable, callTarget, refusingProblems, writtenAnswer } from './call.js';
import { SpaceDataViews } from './data-views.js';
import { describeStored } from './describe.js';
import { readStored, replaceRequest, writtenDashboard } from './stored.js';
import { tagsNamed } from './tags.js';

export function updateDashboard(args: UpdateDashboardInput, context: ToolContext): Promise<ToolResult> {
  return refusingProblems(context, 'Nothing was changed', async () => {
    const { space_id: _space, id, ...patch } = args;
    const { space, version, support } = await callTarget(args, context);
    await assertSpaceWritable(context, space);
    const { stored, version: storedVersion } = await readStored(context, space, support.format, id);
    const dataViews = new SpaceDataViews(context, space);
    const described = await describeStored(stored, dataViews, context, space);
    const change = effectivePatch(described, patch);
    if (changesNothing(change)) {
      const unchanged = 'the patch names only what is stored, so nothing was written';
      return context.results.value({ ...writtenAnswer(id, space, described, []), unchanged });
    }

    // The dashboard's own data views (read to describe it) count too: filters are checked against them.
    const storedViews = dataViews.read();
    const { views: panelViews, problems } = await dataViews.forPanels(patchedPanels(change));
    const views = new Map([...storedViews, ...panelViews]);
    refuseIfAny([...problems, ...patchProblems(described, change, { version, views })]);
    const { tags, created } = await tagsNamed(context, space, change.tags ?? []);
    const write = patchDashboard(stored, change, { version, views, tags }, dataViews.lookups());
    const response = await context.kibana(replaceRequest(write, space, id, storedVersion));
    const written = describeDashboard(writtenDashboard(write, id, response.data), dataViews.lookups());
    return context.results.value(writtenAnswer(id, space, written, created));
  });
}
