// Data views, stored as `index-pattern` saved objects with Kibana's JSON-string attributes.

import { badRequest } from '../http/errors.js';
import { parseJsonOrText } from '../http/json.js';
import { noContent } from '../http/reply.js';
import type { Route } from '../http/route.js';
import type { SandboxState } from '../state/index.js';
import type { SavedObject } from '../state/saved-object-store.js';

export const DATA_VIEW_TYPE = 'index-pattern';

export interface DataViewSpec {
  id?: string;
  title: string;
  name?: string;
  timeFieldName?: string;
  sourceFilters?: { value: string }[];
  fieldFormats?: Record<string, unknown>;
  runtimeFieldMap?: Record<string, RuntimeField>;
  fieldAttrs?: Record<string, unknown>;
  allowNoIndex?: boolean;
  typeMeta?: Record<string, unknown>;
  type?: string;
}

interface RuntimeField {
  type: string;
  script?: { source: string };
}

/** Attributes Kibana stores as JSON text, by data view property. */
const JSON_ATTRIBUTES = {
  sourceFilters: 'sourceFilters',
  fieldFormats: 'fieldFormatMap',
  runtimeFieldMap: 'runtimeFieldMap',
  fieldAttrs: 'fieldAttrs',
  typeMeta: 'typeMeta',
} as const;

const PLAIN_ATTRIBUTES = ['title', 'name', 'timeFieldName', 'allowNoIndex', 'type'] as const;

/** Mapped fields the sandbox pretends its indices have, by index pattern. */
const MAPPED_FIELDS: [RegExp, Record<string, string>][] = [
  [
    /^logs-/,
    {
      message: 'string',
      'log.level': 'string',
      'service.name': 'string',
      'http.request.method': 'string',
      'http.response.status_code': 'number',
      'http.response.bytes': 'number',
      'url.path': 'string',
      'event.duration': 'number',
    },
  ],
  [/^metrics-/, { 'system.cpu.total.pct': 'number', 'system.memory.used.pct': 'number' }],
  [/alerts-security/, { 'kibana.alert.rule.name': 'string', 'kibana.alert.severity': 'string', 'kibana.alert.workflow_status': 'string' }],
];

export function toAttributes(spec: Partial<DataViewSpec>): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const name of PLAIN_ATTRIBUTES) if (spec[name] !== undefined) attributes[name] = spec[name];
  for (const [property, attribute] of Object.entries(JSON_ATTRIBUTES)) {
    const value = spec[property as keyof typeof JSON_ATTRIBUTES];
    if (value !== undefined) attributes[attribute] = JSON.stringify(value);
  }
  return attributes;
}

function jsonAttribute(object: SavedObject, property: keyof typeof JSON_ATTRIBUTES, empty: unknown): unknown {
  const text = object.attributes[JSON_ATTRIBUTES[property]];
  return typeof text === 'string' ? parseJsonOrText(text) : empty;
}

function fieldSpecs(title: string, runtimeFields: Record<string, RuntimeField>) {
  const mapped = MAPPED_FIELDS.filter(([pattern]) => pattern.test(title)).flatMap(([, fields]) => Object.entries(fields));
  const specs = [['@timestamp', 'date'], ['host.name', 'string'], ...mapped].map(([name, type]) => ({
    name,
    type,
    esTypes: [type === 'string' ? 'keyword' : type === 'number' ? 'double' : type],
    searchable: true,
    aggregatable: true,
    readFromDocValues: true,
    scripted: false,
    isMapped: true,
    count: 0,
  }));
  const runtime = Object.entries(runtimeFields).map(([name, runtimeField]) => ({
    name,
    type: runtimeField.type === 'keyword' ? 'string' : runtimeField.type,
    runtimeField,
    searchable: true,
    aggregatable: true,
    scripted: false,
    isMapped: false,
    count: 0,
  }));
  return [...specs, ...runtime];
}

function toDataView(object: SavedObject) {
  const attributes = object.attributes;
  const runtimeFieldMap = jsonAttribute(object, 'runtimeFieldMap', {}) as Record<string, RuntimeField>;
  const title = String(attributes.title);
  return {
    id: object.id,
    version: object.version,
    title,
    name: attributes.name ?? title,
    timeFieldName: attributes.timeFieldName,
    sourceFilters: jsonAttribute(object, 'sourceFilters', []),
    fieldFormats: jsonAttribute(object, 'fieldFormats', {}),
    runtimeFieldMap,
    fieldAttrs: jsonAttribute(object, 'fieldAttrs', {}),
    allowNoIndex: attributes.allowNoIndex ?? false,
    typeMeta: jsonAttribute(object, 'typeMeta', {}),
    namespaces: object.namespaces,
    fields: Object.fromEntries(fieldSpecs(title, runtimeFieldMap).map((field) => [field.name, field])),
  };
}

/** The field names of a data view of the space (mapped and runtime), or undefined when there is no such view. */
export function dataViewFieldNames(state: SandboxState, space: string, id: string): ReadonlySet<string> | undefined {
  const object = state.savedObjects.get(space, DATA_VIEW_TYPE, id);
  return object && new Set(Object.keys(toDataView(object).fields));
}

const requireDataView = (state: SandboxState, space: string, id: string): SavedObject =>
  state.savedObjects.require(space, DATA_VIEW_TYPE, id);

export const dataViewRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/data_views',
    handler: ({ state, space }) => ({
      data_view: state.savedObjects.list(space, [DATA_VIEW_TYPE]).map((object) => {
        const { id, title, name, namespaces, typeMeta } = toDataView(object);
        return { id, title, name, namespaces, typeMeta };
      }),
    }),
  },
  {
    method: 'POST',
    path: '/api/data_views/data_view',
    handler: ({ state, space, body }) => {
      const { data_view: spec, override } = body as { data_view: DataViewSpec; override: boolean };
      const name = spec.name ?? spec.title;
      const sameName = state.savedObjects
        .list(space, [DATA_VIEW_TYPE])
        .find((object) => (object.attributes.name ?? object.attributes.title) === name);
      if (sameName && !override) throw badRequest(`Duplicate data view: ${name}`);
      if (sameName) state.savedObjects.delete(space, DATA_VIEW_TYPE, sameName.id);
      const created = state.savedObjects.create(space, { type: DATA_VIEW_TYPE, id: spec.id, attributes: toAttributes(spec) });
      return { data_view: toDataView(created) };
    },
  },
  {
    method: 'GET',
    path: '/api/data_views/data_view/{viewId}',
    handler: ({ state, space, params }) => ({ data_view: toDataView(requireDataView(state, space, params.viewId!)) }),
  },
  {
    method: 'POST',
    path: '/api/data_views/data_view/{viewId}',
    handler: ({ state, space, params, body }) => {
      const { data_view: changes } = body as { data_view: Partial<DataViewSpec> };
      const updated = state.savedObjects.update(space, DATA_VIEW_TYPE, params.viewId!, { attributes: toAttributes(changes) });
      return { data_view: toDataView(updated) };
    },
  },
  {
    method: 'DELETE',
    path: '/api/data_views/data_view/{viewId}',
    handler: ({ state, space, params }) => {
      state.savedObjects.delete(space, DATA_VIEW_TYPE, params.viewId!);
      if (state.defaultDataViewIds.get(space) === params.viewId) state.defaultDataViewIds.set(space, null);
      return noContent();
    },
  },
  {
    method: 'PUT',
    path: '/api/data_views/data_view/{viewId}/runtime_field',
    handler: ({ state, space, params, body }) => {
      const { name, runtimeField } = body as { name: string; runtimeField: RuntimeField };
      const current = toDataView(requireDataView(state, space, params.viewId!));
      const runtimeFieldMap = { ...current.runtimeFieldMap, [name]: runtimeField };
      const updated = toDataView(
        state.savedObjects.update(space, DATA_VIEW_TYPE, params.viewId!, { attributes: toAttributes({ runtimeFieldMap }) }),
      );
      return { data_view: updated, fields: [updated.fields[name]] };
    },
  },
  {
    method: 'GET',
    path: '/api/data_views/default',
    handler: ({ state, space }) => ({ data_view_id: state.defaultDataViewIds.get(space) ?? null }),
  },
  {
    method: 'POST',
    path: '/api/data_views/default',
    handler: ({ state, space, body }) => {
      const { data_view_id: id, force } = body as { data_view_id: string | null; force: boolean };
      // Without force, Kibana keeps an existing default and still acknowledges.
      if (force || !state.defaultDataViewIds.get(space)) state.defaultDataViewIds.set(space, id);
      return { acknowledged: true };
    },
  },
];
