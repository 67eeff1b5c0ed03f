// describe_dashboard: a stored dashboard in the flat form, data views and tags by name.
import type { ToolContext, ToolResult } from '../../tools/runtime/tool.js';
import { describeDashboard, type StoredDashboard } from '../dashboards.js';
import type { DescribedDashboard } from '../flat.js';
import { storedDataViewIds, storedTagIds } from '../references.js';
import type { DescribeDashboardInput } from '../tool-schemas.js';
import { callTarget, refusingProblems } from './call.js';
import { SpaceDataViews } from './data-views.js';
import { readStored } from './stored.js';
import { spaceTags } from './tags.js';

export function describeDashboardTool(args: DescribeDashboardInput, context: ToolContext): Promise<ToolResult> {
  return refusingProblems(context, 'Not read', async () => {
    const { space, support } = await callTarget(args, context);
    const { stored } = await readStored(context, space, support.format, args.id);
    return context.results.value(await describeStored(stored, new SpaceDataViews(context, space), context, space));
  });
}

/** The flat form of a stored dashboard, with the names of the data views and tags it points at. */
export async function describeStored(
  stored: StoredDashboard,
  dataViews: SpaceDataViews,
  context: ToolContext,
  space: string,
): Promise<DescribedDashboard> {
  const tagIds = storedTagIds(stored);
  const [, tags] = await Promise.all([dataViews.readAll(storedDataViewIds(stored)), tagIds.length > 0 ? spaceTags(context, space) : []]);
  return describeDashboard(stored, { ...dataViews.lookups(), tagName: (id) => tags.find((tag) => tag.id === id)?.name });
}
