// The generic saved-objects API: find, get, export (ndjson), import and resolve import errors.

import { badRequest } from '../../http/errors.js';
import { toNdjson } from '../../http/json.js';
import { Reply } from '../../http/reply.js';
import type { Route } from '../../http/route.js';
import { paginate } from '../../query/paging.js';
import type { SavedObject } from '../../state/saved-object-store.js';
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

export const savedObjectRoutes: Route[] = [
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
