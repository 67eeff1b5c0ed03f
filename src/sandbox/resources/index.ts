// Every route the sandbox simulates, on every version; each route says which versions have it.

import type { Route } from '../http/route.js';
import { alertingRoutes } from './alerting.js';
import { apmRoutes } from './apm.js';
import { caseRoutes } from './cases.js';
import { connectorRoutes } from './connectors.js';
import { dashboardRoutes8x } from './dashboards/api-8x.js';
import { dashboardRoutes9x } from './dashboards/api-9x.js';
import { dataViewRoutes } from './data-views.js';
import { detectionAlertRoutes } from './detection-alerts.js';
import { detectionRuleRoutes } from './detection-rules.js';
import { responseActionRoutes } from './endpoint/actions.js';
import { endpointHostRoutes } from './endpoint/hosts.js';
import { endpointListRoutes } from './exceptions/endpoint-list.js';
import { exceptionListRoutes } from './exceptions/routes.js';
import { fleetRoutes } from './fleet/index.js';
import { maintenanceWindowRoutes } from './maintenance-windows.js';
import { osqueryRoutes } from './osquery.js';
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
  ...dashboardRoutes8x,
  ...dashboardRoutes9x,
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
  ...apmRoutes,
  ...endpointHostRoutes,
  ...responseActionRoutes,
  ...osqueryRoutes,
  ...maintenanceWindowRoutes,
];
