// Every Fleet route. Kibana has had them since long before 8.18 (whose spec left Fleet out), so
// every simulated version serves them.

import type { Route } from '../../http/route.js';
import { agentPolicyRoutes } from './agent-policies.js';
import { agentRoutes } from './agents.js';
import { packagePolicyRoutes } from './package-policies.js';
import { packageRoutes } from './packages.js';

export const fleetRoutes: Route[] = [...agentRoutes, ...agentPolicyRoutes, ...packagePolicyRoutes, ...packageRoutes];
