// Dashboards as Kibana stores them: `dashboard` saved objects whose panels, options and search
// source are JSON text. Both dashboards APIs (8.x and 9.4+) read and write this one form.

import { parseJsonOrText } from '../../http/json.js';

export const DASHBOARD_TYPE = 'dashboard';

/** A JSON-text attribute, parsed; `empty` when it is missing. */
export function parsedAttribute(text: unknown, empty: unknown): unknown {
  return typeof text === 'string' ? parseJsonOrText(text) : empty;
}
