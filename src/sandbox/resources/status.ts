// Service status and task manager health: always healthy while the sandbox is available.

import type { Route } from '../http/route.js';
import { now } from '../state/space-store.js';

const KIBANA_UUID = '5b2de169-2785-441b-ae8c-186a1936b17d';
const BUILD_HASH = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';

const available = (summary: string) => ({ level: 'available', summary });

function healthSection(value: object) {
  return { timestamp: now(), status: 'OK', value };
}

export const statusRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/status',
    handler: ({ state }) => ({
      name: 'kibana-sandbox',
      uuid: KIBANA_UUID,
      version: {
        number: state.version,
        build_hash: BUILD_HASH,
        build_number: 84000,
        build_snapshot: false,
        build_flavor: 'traditional',
      },
      status: {
        overall: available('All services and plugins are available'),
        core: {
          elasticsearch: available('Elasticsearch is available'),
          savedObjects: available('SavedObjects service has completed migrations and is available'),
        },
        plugins: {},
      },
      metrics: { last_updated: now(), collection_interval_in_millis: 5000 },
    }),
  },
  {
    method: 'GET',
    path: '/api/task_manager/_health',
    handler: () => ({
      id: KIBANA_UUID,
      timestamp: now(),
      status: 'OK',
      last_update: now(),
      stats: {
        configuration: healthSection({ request_capacity: 1000, monitored_aggregated_stats_refresh_rate: 60000, poll_interval: 3000 }),
        workload: healthSection({ count: 42, task_types: {}, overdue: 0, capacity_requirements: { per_minute: 12 } }),
        runtime: healthSection({
          drift: { p50: 120, p90: 800, p95: 1100, p99: 1500 },
          execution: { result_frequency_percent_as_number: {} },
        }),
        capacity_estimation: healthSection({ observed: { observed_kibana_instances: 1 }, proposed: { provisioned_kibana: 1 } }),
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/features',
    handler: () =>
      ['discover', 'dashboard', 'visualize', 'siem', 'observability', 'slo', 'actions', 'stackAlerts', 'generalCases'].map((id) => ({
        id,
        name: id,
        app: [id],
        privileges: null,
      })),
  },
];
