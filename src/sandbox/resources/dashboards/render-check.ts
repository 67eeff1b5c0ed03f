// Dashboards Kibana would fail to render are refused when written, with the checkers of
// `../../checks/` (8.x Lens panels, grid, references; 9.4 dashboards API panels) against the
// space's data views.

import { apiDashboardRenderError } from '../../checks/dashboard-api-panels.js';
import { dashboardRenderError } from '../../checks/lens-panels.js';
import { HttpError } from '../../http/errors.js';
import type { SandboxState } from '../../state/index.js';
import type { Reference } from '../../state/saved-object-store.js';
import { dataViewFieldNames } from '../data-views.js';

export function refuseUnrenderable(
  state: SandboxState,
  space: string,
  attributes: Record<string, unknown>,
  references: readonly Reference[],
): void {
  const error = dashboardRenderError(attributes, references, (id) => dataViewFieldNames(state, space, id));
  if (error) throw new HttpError(error.statusCode, error.message);
}

/** The same for a body of the 9.4 dashboards API (`POST /api/dashboards`, `PUT /api/dashboards/{id}`). */
export function refuseUnrenderableApiBody(state: SandboxState, space: string, body: Record<string, unknown>): void {
  const error = apiDashboardRenderError(body, (id) => dataViewFieldNames(state, space, id));
  if (error) throw new HttpError(error.statusCode, error.message);
}
