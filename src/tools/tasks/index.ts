// The hand-written task toolsets: what each holds, and how to load its module (only when a
// selection needs it). They are served beside the generated toolsets (see catalog.ts).
import type { ToolsetInfo } from '../spec.js';
import type { TaskToolsetModule } from './catalog.js';

export const toolsets: ToolsetInfo[] = [
  {
    id: 'dashboards',
    description: 'Build, read and change dashboards from a flat description of their panels, on Kibana 8.6 up to 9.5.',
    default: true,
    tools: ['build_dashboard', 'describe_dashboard', 'update_dashboard'],
  },
];

export const loadToolset: Record<string, () => Promise<TaskToolsetModule>> = {
  dashboards: () => import('./dashboards.js'),
};
