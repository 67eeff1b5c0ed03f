// The stored dashboard as the connected Kibana keeps it: the `dashboard` saved object (8.6 up to
// 9.4) or the `/api/dashboards` resource (9.4), read, created and replaced.
import type { KibanaRequest } from '../../client/types.js';
import type { ToolContext } from '../../tools/runtime/tool.js';
import type { DashboardWrite, StoredDashboard } from '../dashboards.js';
import { asArray, asRecord } from '../json.js';
import type { DashboardSavedObject, Reference } from '../saved-object/dashboard.js';
import type { DashboardFormat } from '../support.js';

const SAVED_OBJECT = { type: 'dashboard' };

export interface StoredRead {
  stored: StoredDashboard;
  /** The saved object's version, sent back on replace so that a change made meanwhile is not overwritten. */
  version?: string;
}

export async function readStored(context: ToolContext, space: string, format: DashboardFormat, id: string): Promise<StoredRead> {
  if (format === 'api-9.4') {
    const response = await context.kibana({ method: 'GET', path: '/api/dashboards/{id}', params: { id }, space });
    return { stored: { format, answer: response.data } };
  }
  const response = await context.kibana({ method: 'GET', path: '/api/saved_objects/{type}/{id}', params: { ...SAVED_OBJECT, id }, space });
  const object = asRecord(response.data);
  const savedObject: DashboardSavedObject = {
    attributes: asRecord(object.attributes),
    references: asArray(object.references) as Reference[],
  };
  return { stored: { format, id, savedObject }, ...(typeof object.version === 'string' ? { version: object.version } : {}) };
}

export function createRequest(write: DashboardWrite, space: string): KibanaRequest {
  if (write.format === 'api-9.4') return { method: 'POST', path: '/api/dashboards', body: write.body, space };
  return { method: 'POST', path: '/api/saved_objects/{type}', params: SAVED_OBJECT, body: write.savedObject, space };
}

export function replaceRequest(write: DashboardWrite, space: string, id: string, version: string | undefined): KibanaRequest {
  if (write.format === 'api-9.4') return { method: 'PUT', path: '/api/dashboards/{id}', params: { id }, body: write.body, space };
  const body = { ...write.savedObject, ...(version !== undefined ? { version } : {}) };
  return { method: 'PUT', path: '/api/saved_objects/{type}/{id}', params: { ...SAVED_OBJECT, id }, body, space };
}

/** The dashboard as written, in the form its reader takes: Kibana's answer on 9.4, what was sent before. */
export function writtenDashboard(write: DashboardWrite, id: string, answer: unknown): StoredDashboard {
  if (write.format === 'api-9.4') return { format: 'api-9.4', answer };
  return { format: 'saved-object', id, savedObject: write.savedObject };
}
