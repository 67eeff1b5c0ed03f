// Demo saved objects in the default space: data views, a Lens chart, dashboards, connectors, rules.

import { newRule, RULE_TYPE } from '../resources/alerting.js';
import { connectorAttributes, CONNECTOR_TYPE, connectorTypeLookup } from '../resources/connectors.js';
import { toStoredDashboard } from '../resources/dashboards/api-8x.js';
import { DASHBOARD_TYPE } from '../resources/dashboards/stored.js';
import { DATA_VIEW_TYPE, toAttributes } from '../resources/data-views.js';
import type { SandboxState } from '../state/index.js';

const SEED_IDS = {
  logsDataView: 'logs-data-view',
  metricsDataView: 'metrics-data-view',
  alertsDataView: 'security-alerts-data-view',
  errorsLens: 'web-errors-lens',
  webDashboard: 'web-traffic-dashboard',
  hostsDashboard: 'host-metrics-dashboard',
  serverLogConnector: 'server-log-connector',
  webhookConnector: 'ops-webhook-connector',
  errorRateRule: 'high-error-rate-rule',
  cpuRule: 'host-cpu-threshold-rule',
  latencyRule: 'checkout-latency-rule',
} as const;

const SPACE = 'default';
const SEED_USER = 'elastic';

function seedDataViews(state: SandboxState): void {
  const dataViews = [
    { id: SEED_IDS.logsDataView, title: 'logs-*', name: 'Logs', timeFieldName: '@timestamp' },
    { id: SEED_IDS.metricsDataView, title: 'metrics-*', name: 'Metrics', timeFieldName: '@timestamp' },
    { id: SEED_IDS.alertsDataView, title: '.alerts-security.alerts-default', name: 'Security alerts', timeFieldName: '@timestamp' },
  ];
  for (const { id, ...spec } of dataViews) state.savedObjects.create(SPACE, { type: DATA_VIEW_TYPE, id, attributes: toAttributes(spec) });
  state.defaultDataViewIds.set(SPACE, SEED_IDS.logsDataView);
}

function seedDashboards(state: SandboxState): void {
  state.savedObjects.create(SPACE, {
    type: 'lens',
    id: SEED_IDS.errorsLens,
    attributes: {
      title: 'HTTP 5xx over time',
      visualizationType: 'lnsXY',
      state: { query: { language: 'kuery', query: 'http.response.status_code >= 500' } },
    },
    references: [{ name: 'indexpattern-datasource-layer-errors', type: DATA_VIEW_TYPE, id: SEED_IDS.logsDataView }],
  });
  const grid = { x: 0, y: 0, w: 24, h: 15, i: 'p1' };
  state.savedObjects.create(SPACE, {
    type: DASHBOARD_TYPE,
    id: SEED_IDS.webDashboard,
    attributes: toStoredDashboard({
      title: 'Web traffic',
      description: 'Requests and server errors of the public web tier.',
      timeRestore: true,
      timeFrom: 'now-24h',
      timeTo: 'now',
      options: { useMargins: true, syncColors: false, syncCursor: true, syncTooltips: false, hidePanelTitles: false },
      panels: [{ type: 'lens', gridData: grid, panelIndex: 'p1', panelRefName: 'panel_p1', panelConfig: {} }],
    }),
    references: [{ name: 'p1:panel_p1', type: 'lens', id: SEED_IDS.errorsLens }],
  });
  state.savedObjects.create(SPACE, {
    type: DASHBOARD_TYPE,
    id: SEED_IDS.hostsDashboard,
    attributes: toStoredDashboard({
      title: 'Host metrics',
      description: 'CPU and memory of every monitored host.',
      timeRestore: false,
      options: { useMargins: true, syncColors: false, syncCursor: true, syncTooltips: false, hidePanelTitles: false },
      panels: [
        {
          type: 'lens',
          gridData: grid,
          panelIndex: 'p1',
          panelConfig: { attributes: { title: 'CPU by host', visualizationType: 'lnsXY' } },
        },
      ],
    }),
    references: [{ name: 'p1:indexpattern-datasource-layer-cpu', type: DATA_VIEW_TYPE, id: SEED_IDS.metricsDataView }],
  });
}

function seedConnectorsAndRules(state: SandboxState): void {
  const connectors = [
    { id: SEED_IDS.serverLogConnector, connector_type_id: '.server-log', name: 'Server log' },
    {
      id: SEED_IDS.webhookConnector,
      connector_type_id: '.webhook',
      name: 'Ops webhook',
      config: { url: 'https://hooks.example.com/kibana', method: 'post', hasAuth: false },
    },
  ];
  for (const { id, ...body } of connectors)
    state.savedObjects.create(SPACE, { type: CONNECTOR_TYPE, id, attributes: connectorAttributes(body) });

  const connectorTypeOf = connectorTypeLookup(state, SPACE);
  const rules = [
    {
      id: SEED_IDS.errorRateRule,
      name: 'High HTTP error rate',
      rule_type_id: '.es-query',
      consumer: 'stackAlerts',
      tags: ['web', 'prod'],
      schedule: { interval: '1m' },
      params: {
        searchType: 'esQuery',
        index: ['logs-*'],
        timeField: '@timestamp',
        esQuery: '{"query":{"range":{"http.response.status_code":{"gte":500}}}}',
        size: 100,
        threshold: [50],
        thresholdComparator: '>',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
      actions: [
        { id: SEED_IDS.serverLogConnector, group: 'query matched', params: { level: 'warn', message: 'Error rate above threshold' } },
      ],
    },
    {
      id: SEED_IDS.cpuRule,
      name: 'Host CPU above 90%',
      rule_type_id: '.index-threshold',
      consumer: 'alerts',
      enabled: false,
      tags: ['infra'],
      schedule: { interval: '5m' },
      params: {
        index: ['metrics-*'],
        timeField: '@timestamp',
        aggType: 'avg',
        aggField: 'system.cpu.total.pct',
        groupBy: 'top',
        termField: 'host.name',
        termSize: 10,
        threshold: [0.9],
        thresholdComparator: '>',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
      actions: [{ id: SEED_IDS.webhookConnector, group: 'threshold met', params: { body: '{"host":"{{context.group}}"}' } }],
    },
    {
      id: SEED_IDS.latencyRule,
      name: 'Checkout latency',
      rule_type_id: 'observability.rules.custom_threshold',
      consumer: 'observability',
      tags: ['checkout', 'prod'],
      schedule: { interval: '1m' },
      params: {
        criteria: [
          {
            comparator: '>',
            threshold: [800],
            timeSize: 5,
            timeUnit: 'm',
            metrics: [{ name: 'A', aggType: 'avg', field: 'transaction.duration.us' }],
          },
        ],
        searchConfiguration: { index: SEED_IDS.logsDataView, query: { query: 'service.name:checkout', language: 'kuery' } },
      },
    },
  ];
  for (const { id, ...body } of rules) {
    state.savedObjects.create(SPACE, { type: RULE_TYPE, id, ...newRule(body, SEED_USER, connectorTypeOf) });
  }
}

export function seedSavedObjects(state: SandboxState): void {
  seedDataViews(state);
  seedDashboards(state);
  seedConnectorsAndRules(state);
}
