// Export, import and copy-to-space of saved objects, keeping references intact.

import { badRequest, savedObjectNotFound } from '../../http/errors.js';
import type { SandboxState } from '../../state/index.js';
import type { Reference, SavedObject, SavedObjectStore } from '../../state/saved-object-store.js';
import { newId } from '../../state/space-store.js';

export interface ObjectRef {
  type: string;
  id: string;
}

/** One ndjson line of an export, and one object of an import. */
export interface ExportedObject extends ObjectRef {
  attributes: Record<string, unknown>;
  references?: Reference[];
  [field: string]: unknown;
}

export interface ImportRetry extends ObjectRef {
  overwrite?: boolean;
  destinationId?: string;
  ignoreMissingReferences?: boolean;
  replaceReferences?: { type: string; from: string; to: string }[];
}

export interface ImportOptions {
  overwrite?: boolean;
  createNewCopies?: boolean;
  /** Set by _resolve_import_errors: only these objects are imported, each with its own decision. */
  retries?: ImportRetry[];
}

/** Types the saved-objects management API imports and exports. */
const TRANSFERABLE_TYPES = ['index-pattern', 'dashboard', 'visualization', 'lens', 'search', 'map', 'tag', 'query', 'alert', 'action'];

const refKey = (ref: ObjectRef): string => `${ref.type}:${ref.id}`;
const titleOf = (object: { attributes: Record<string, unknown> }): string =>
  String(object.attributes.title ?? object.attributes.name ?? '');

function toExported(object: SavedObject): ExportedObject {
  const { namespaces: _namespaces, ...exported } = object;
  return { ...exported, managed: false, coreMigrationVersion: '8.8.0' };
}

/** The objects asked for, then (when `deep`) everything they reference, transitively. */
function collect(store: SavedObjectStore, space: string, roots: SavedObject[], deep: boolean) {
  const objects = new Map(roots.map((object) => [refKey(object), object]));
  const missing: ObjectRef[] = [];
  const queue = deep ? [...roots] : [];
  for (let object = queue.shift(); object; object = queue.shift()) {
    for (const reference of object.references) {
      if (objects.has(refKey(reference))) continue;
      const target = store.get(space, reference.type, reference.id);
      if (!target) {
        missing.push({ type: reference.type, id: reference.id });
        continue;
      }
      objects.set(refKey(target), target);
      queue.push(target);
    }
  }
  return { objects: [...objects.values()], missing };
}

function requireObjects(store: SavedObjectStore, space: string, refs: ObjectRef[]): SavedObject[] {
  return refs.map((ref) => {
    const object = store.get(space, ref.type, ref.id);
    if (!object) throw savedObjectNotFound(ref.type, ref.id);
    return object;
  });
}

export interface ExportRequest {
  type?: string | string[];
  objects?: ObjectRef[];
  includeReferencesDeep?: boolean;
  excludeExportDetails?: boolean;
}

/** The export as ndjson lines, with Kibana's summary line last unless excluded. */
export function exportObjects(state: SandboxState, space: string, request: ExportRequest): unknown[] {
  if (request.type !== undefined && request.objects !== undefined) {
    throw badRequest(`Can't specify both "types" and "objects" properties when exporting`);
  }
  let roots: SavedObject[];
  if (request.objects !== undefined) {
    roots = requireObjects(state.savedObjects, space, request.objects);
  } else if (request.type !== undefined) {
    const types = [request.type].flat();
    const unsupported = types.filter((type) => !TRANSFERABLE_TYPES.includes(type));
    if (unsupported.length > 0) throw badRequest(`Trying to export non-exportable type(s): ${unsupported.join(', ')}`);
    roots = state.savedObjects.list(space, types);
  } else {
    throw badRequest('Either `type` or `objects` are required.');
  }
  const { objects, missing } = collect(state.savedObjects, space, roots, request.includeReferencesDeep === true);
  const lines: unknown[] = objects.map(toExported);
  if (!request.excludeExportDetails) {
    lines.push({
      excludedObjects: [],
      excludedObjectsCount: 0,
      exportedCount: objects.length,
      missingRefCount: missing.length,
      missingReferences: missing,
    });
  }
  return lines;
}

/** Imports into a space the way Kibana does: per-object successes and errors, never a 4xx for conflicts. */
export function importObjects(state: SandboxState, space: string, objects: ExportedObject[], options: ImportOptions) {
  const store = state.savedObjects;
  const retries = new Map(options.retries?.map((retry) => [refKey(retry), retry]));
  const batch = options.retries ? objects.filter((object) => retries.has(refKey(object))) : objects;
  const destinations = new Map(
    batch.map((object) => [refKey(object), options.createNewCopies ? newId() : (retries.get(refKey(object))?.destinationId ?? object.id)]),
  );

  const successResults: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const object of batch) {
    const retry = retries.get(refKey(object));
    const destinationId = destinations.get(refKey(object))!;
    const failure = (error: Record<string, unknown>) =>
      errors.push({ type: object.type, id: object.id, title: titleOf(object), meta: { title: titleOf(object) }, error });

    if (!TRANSFERABLE_TYPES.includes(object.type)) {
      failure({ type: 'unsupported_type' });
      continue;
    }
    const sourceReferences = (object.references ?? []).map((reference) => {
      const replaced = retry?.replaceReferences?.find((r) => r.type === reference.type && r.from === reference.id);
      return { ...reference, id: replaced?.to ?? reference.id };
    });
    const missing = sourceReferences.filter(
      (reference) => !destinations.has(refKey(reference)) && !store.get(space, reference.type, reference.id),
    );
    const references = sourceReferences.map((reference) => ({ ...reference, id: destinations.get(refKey(reference)) ?? reference.id }));
    if (missing.length > 0 && !retry?.ignoreMissingReferences) {
      failure({ type: 'missing_references', references: missing.map(({ type, id }) => ({ type, id })) });
      continue;
    }
    const exists = store.get(space, object.type, destinationId) !== undefined;
    if (exists && !(options.overwrite || retry?.overwrite)) {
      failure({ type: 'conflict', ...(destinationId !== object.id ? { destinationId } : {}) });
      continue;
    }
    store.create(space, { type: object.type, id: destinationId, attributes: object.attributes, references }, { overwrite: true });
    successResults.push({
      type: object.type,
      id: object.id,
      meta: { title: titleOf(object) },
      ...(destinationId !== object.id ? { destinationId } : {}),
      ...(exists ? { overwrite: true } : {}),
    });
  }
  return { success: errors.length === 0, successCount: successResults.length, successResults, errors, warnings: [] };
}

export interface CopyRequest {
  objects: ObjectRef[];
  spaces: string[];
  includeReferences: boolean;
  overwrite: boolean;
  createNewCopies: boolean;
}

/** Copies objects from one space into others; like Kibana, a target space that does not exist is not checked. */
export function copyToSpaces(state: SandboxState, fromSpace: string, request: CopyRequest) {
  const roots = requireObjects(state.savedObjects, fromSpace, request.objects);
  const { objects } = collect(state.savedObjects, fromSpace, roots, request.includeReferences);
  const exported = objects.map(toExported);
  const options = { overwrite: request.overwrite, createNewCopies: request.createNewCopies };
  return Object.fromEntries(
    request.spaces.map((space) => {
      const { warnings: _warnings, ...result } = importObjects(state, space, exported, options);
      return [space, result];
    }),
  );
}
