// The hand-written task toolsets: what each holds, and how to load its module (only when a
// selection needs it). They are served beside the generated toolsets (see catalog.ts).
import type { ToolsetInfo } from '../spec.js';
import { LISTING_SETTINGS, type TaskSettings, type TaskToolsetModule } from './catalog.js';

/** The toolset of the full-API tools (search, describe and call any operation). */
export const API_TOOLSET = 'api';

export const toolsets: ToolsetInfo[] = [
  {
    id: 'dashboards',
    description: 'Build, read and change dashboards from a flat description of their panels, on Kibana 8.6 up to 9.5.',
    default: true,
    tools: ['build_dashboard', 'describe_dashboard', 'update_dashboard'],
  },
  {
    id: API_TOOLSET,
    description:
      "Search, describe and call any operation of the connected Kibana's API, checked as the other tools are, when none of them fits.",
    default: true,
    tools: ['search_kibana_api', 'describe_kibana_api', 'call_kibana_api'],
  },
];

export const loadToolset: Record<string, (settings?: TaskSettings) => Promise<TaskToolsetModule>> = {
  dashboards: () => import('./dashboards.js'),
  api: async (settings = LISTING_SETTINGS) => ({ tools: (await import('./api.js')).apiTools(settings) }),
};
