// Every route the sandbox serves.

import type { Route } from '../http/route.js';
import { alertingRoutes } from './alerting.js';
import { caseRoutes } from './cases.js';
import { connectorRoutes } from './connectors.js';
import { dashboardRoutes } from './dashboards.js';
import { dataViewRoutes } from './data-views.js';
import { detectionAlertRoutes } from './detection-alerts.js';
import { detectionRuleRoutes } from './detection-rules.js';
import { endpointListRoutes } from './exceptions/endpoint-list.js';
import { exceptionListRoutes } from './exceptions/routes.js';
import { fleetRoutes } from './fleet/index.js';
import { roleRoutes } from './roles.js';
import { savedObjectRoutes } from './saved-objects/routes.js';
import { shortUrlRoutes } from './short-urls.js';
import { sloRoutes } from './slos.js';
import { spaceRoutes } from './spaces.js';
import { statusRoutes } from './status.js';

export const allRoutes: Route[] = [
  ...statusRoutes,
  ...spaceRoutes,
  ...savedObjectRoutes,
  ...dataViewRoutes,
  ...dashboardRoutes,
  ...shortUrlRoutes,
  ...alertingRoutes,
  ...connectorRoutes,
  ...caseRoutes,
  ...detectionRuleRoutes,
  ...detectionAlertRoutes,
  ...sloRoutes,
  ...roleRoutes,
  ...exceptionListRoutes,
  ...endpointListRoutes,
  ...fleetRoutes,
];
