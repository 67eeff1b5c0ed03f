// The generic saved-objects API: find, get, export (ndjson), import and resolve import errors.

import { badRequest, conflict } from '../../http/errors.js';
import { toNdjson } from '../../http/json.js';
import { Reply } from '../../http/reply.js';
import type { Route } from '../../http/route.js';
import { paginate } from '../../query/paging.js';
import type { SandboxState } from '../../state/index.js';
import type { Reference, SavedObject } from '../../state/saved-object-store.js';
import { anyObject, array, boolean, object, string } from '../../validation/json-schema.js';
import { refuseUnrenderable } from '../dashboards/render-check.js';
import { DASHBOARD_TYPE } from '../dashboards/stored.js';
import { findSavedObjects, type FindQuery } from './find.js';
import { exportObjects, importObjects, type ExportRequest, type ExportedObject, type ImportRetry } from './transfer.js';

function savedObjectView(object: SavedObject, fields?: string[]) {
  const attributes = fields
    ? Object.fromEntries(Object.entries(object.attributes).filter(([name]) => fields.includes(name)))
    : object.attributes;
  return { ...object, attributes, managed: false, coreMigrationVersion: '8.8.0' };
}

function parseNdjson(file: unknown): ExportedObject[] {
  if (typeof file !== 'string') throw badRequest('[request body.file]: expected value of type [Stream] but got [undefined]');
  return file
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as ExportedObject;
      } catch (error) {
        throw badRequest(`Unexpected token in ndjson: ${(error as Error).message}`);
      }
    })
    .filter((line) => !('exportedCount' in line));
}

interface WriteBody {
  attributes: Record<string, unknown>;
  references?: Reference[];
  version?: string;
}

const reference = object({ name: string(), type: string(), id: string() }, ['name', 'type', 'id']);
const createBody = object({ attributes: anyObject(), references: array(reference), initialNamespaces: array(string()) }, ['attributes']);

/** A dashboard Kibana could not render is refused; other types are stored as sent. */
function checkWrite(state: SandboxState, space: string, type: string, attributes: Record<string, unknown>, references: Reference[]): void {
  if (type === DASHBOARD_TYPE) refuseUnrenderable(state, space, attributes, references);
}

const createHandler: Route['handler'] = ({ state, space, params, query, body }) => {
  const { attributes, references = [] } = body as WriteBody;
  checkWrite(state, space, params.type!, attributes, references);
  const created = state.savedObjects.create(
    space,
    { type: params.type!, id: params.id, attributes, references },
    { overwrite: query.overwrite === true },
  );
  return savedObjectView(created);
};

export const savedObjectRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/saved_objects/{type}',
    schema: { query: object({ overwrite: boolean() }), body: createBody },
    handler: createHandler,
  },
  {
    method: 'POST',
    path: '/api/saved_objects/{type}/{id}',
    schema: { query: object({ overwrite: boolean() }), body: createBody },
    handler: createHandler,
  },
  {
    method: 'PUT',
    path: '/api/saved_objects/{type}/{id}',
    schema: {
      body: object({ attributes: anyObject(), references: array(reference), version: string(), upsert: anyObject() }, ['attributes']),
    },
    handler: ({ state, space, params, body }) => {
      const { type, id } = params as { type: string; id: string };
      const { attributes, references, version } = body as WriteBody;
      const existing = state.savedObjects.require(space, type, id);
      if (version !== undefined && version !== existing.version) throw conflict(`Saved object [${type}/${id}] conflict`);
      checkWrite(state, space, type, { ...existing.attributes, ...attributes }, references ?? existing.references);
      return savedObjectView(state.savedObjects.update(space, type, id, { attributes, references }));
    },
  },
  {
    method: 'DELETE',
    path: '/api/saved_objects/{type}/{id}',
    schema: { query: object({ force: boolean() }) },
    handler: ({ state, space, params }) => {
      state.savedObjects.delete(space, params.type!, params.id!);
      return {};
    },
  },
  {
    method: 'GET',
    path: '/api/saved_objects/_find',
    handler: ({ state, space, query }) => {
      const request = query as unknown as FindQuery & { type: string | string[] };
      const page = request.page ?? 1;
      const perPage = request.per_page ?? 20;
      const fields = request.fields === undefined ? undefined : [request.fields].flat();
      const found = findSavedObjects(state.savedObjects.list(space, [request.type].flat()), request);
      return {
        page,
        per_page: perPage,
        total: found.length,
        saved_objects: paginate(found, page, perPage).map((object) => ({ ...savedObjectView(object, fields), score: 0 })),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/saved_objects/{type}/{id}',
    handler: ({ state, space, params }) => savedObjectView(state.savedObjects.require(space, params.type!, params.id!)),
  },
  {
    method: 'POST',
    path: '/api/saved_objects/_export',
    handler: ({ state, space, body }) => new Reply(200, toNdjson(exportObjects(state, space, body as ExportRequest)), 'application/ndjson'),
  },
  {
    method: 'POST',
    path: '/api/saved_objects/_import',
    handler: ({ state, space, query, body }) => {
      if (query.overwrite && query.createNewCopies) throw badRequest('cannot use [overwrite] with [createNewCopies]');
      const objects = parseNdjson((body as { file?: unknown }).file);
      return importObjects(state, space, objects, { overwrite: query.overwrite === true, createNewCopies: query.createNewCopies === true });
    },
  },
  {
    method: 'POST',
    path: '/api/saved_objects/_resolve_import_errors',
    handler: ({ state, space, query, body }) => {
      const form = body as { file?: unknown; retries: ImportRetry[] };
      return importObjects(state, space, parseNdjson(form.file), {
        createNewCopies: query.createNewCopies === true,
        retries: form.retries,
      });
    },
  },
];
