// A data view as the dashboard checks need it, read from what `GET /api/data_views/data_view/{id}`
// answers (its `fields` come as a map by name or, from older callers, as a list).

import { asRecord } from './json.js';
export interface FieldInfo {
  name: string;
  /** Kibana's field type: string, number, date, boolean, ip, geo_point, histogram... */
  type: string;
  aggregatable: boolean;
  searchable: boolean;
}

export interface DataViewInfo {
  id: string;
  title: string;
  name?: string;
  timeFieldName?: string;
  fields: Map<string, FieldInfo>;
}

/** A data view's summary as `GET /api/data_views` lists it. */
export interface DataViewSummary {
  id: string;
  title: string;
  name?: string;
}

export function dataViewInfo(response: unknown): DataViewInfo {
  const record = asRecord(response);
  const view = asRecord(record.data_view ?? record);
  if (typeof view.id !== 'string' || typeof view.title !== 'string') throw new Error('data view answer lacks an id or a title');
  const rawFields = view.fields;
  const list = Array.isArray(rawFields)
    ? rawFields
    : Object.entries(asRecord(rawFields)).map(([name, field]) => ({ name, ...asRecord(field) }));
  const fields = new Map<string, FieldInfo>();
  for (const item of list) {
    const field = asRecord(item);
    if (typeof field.name !== 'string' || typeof field.type !== 'string') continue;
    fields.set(field.name, {
      name: field.name,
      type: field.type,
      aggregatable: field.aggregatable === true,
      searchable: field.searchable === true,
    });
  }
  return {
    id: view.id,
    title: view.title,
    name: typeof view.name === 'string' ? view.name : undefined,
    timeFieldName: typeof view.timeFieldName === 'string' && view.timeFieldName !== '' ? view.timeFieldName : undefined,
    fields,
  };
}
