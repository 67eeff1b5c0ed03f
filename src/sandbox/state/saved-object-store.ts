// Saved objects of every type (index-pattern, dashboard, alert, action, lens...), per space.

import { savedObjectConflict, savedObjectNotFound } from '../http/errors.js';
import { cloneJson, newId, nextVersion, now, SpaceStore } from './space-store.js';

export interface Reference {
  name: string;
  type: string;
  id: string;
}

export interface SavedObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references: Reference[];
  namespaces: string[];
  created_at: string;
  updated_at: string;
  version: string;
}

export interface NewSavedObject {
  type: string;
  id?: string;
  attributes: Record<string, unknown>;
  references?: Reference[];
}

const key = (type: string, id: string): string => `${type}:${id}`;

export class SavedObjectStore {
  private readonly objects = new SpaceStore<SavedObject>();

  get(space: string, type: string, id: string): SavedObject | undefined {
    return this.objects.get(space, key(type, id));
  }

  /** Throws Kibana's 404 when the object does not exist in the space. */
  require(space: string, type: string, id: string): SavedObject {
    const object = this.get(space, type, id);
    if (!object) throw savedObjectNotFound(type, id);
    return object;
  }

  list(space: string, types?: readonly string[]): SavedObject[] {
    const all = this.objects.list(space);
    return types ? all.filter((object) => types.includes(object.type)) : all;
  }

  /** Creates an object; an existing id is a 409 unless `overwrite` is set. */
  create(space: string, object: NewSavedObject, options: { overwrite?: boolean } = {}): SavedObject {
    const id = object.id ?? newId();
    const existing = this.get(space, object.type, id);
    if (existing && !options.overwrite) throw savedObjectConflict(object.type, id);
    const timestamp = now();
    return this.objects.set(space, key(object.type, id), {
      type: object.type,
      id,
      attributes: cloneJson(object.attributes),
      references: cloneJson(object.references ?? []),
      namespaces: [space],
      created_at: existing?.created_at ?? timestamp,
      updated_at: timestamp,
      version: nextVersion(),
    });
  }

  /** Merges attributes into an existing object (or replaces them all); references are replaced when given. */
  update(
    space: string,
    type: string,
    id: string,
    changes: { attributes: Record<string, unknown>; references?: Reference[]; replaceAttributes?: boolean },
  ): SavedObject {
    const object = this.require(space, type, id);
    const attributes = cloneJson(changes.attributes);
    object.attributes = changes.replaceAttributes ? attributes : { ...object.attributes, ...attributes };
    if (changes.references) object.references = cloneJson(changes.references);
    object.updated_at = now();
    object.version = nextVersion();
    return object;
  }

  delete(space: string, type: string, id: string): void {
    if (!this.objects.delete(space, key(type, id))) throw savedObjectNotFound(type, id);
  }

  deleteSpace(space: string): void {
    this.objects.deleteSpace(space);
  }
}
