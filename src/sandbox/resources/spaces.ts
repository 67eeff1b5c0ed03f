// Spaces (global, never under /s/{space}) and copying saved objects between them.

import { SPACE_ID_PATTERN } from '../../kibana/spaces.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { noContent } from '../http/reply.js';
import type { Route } from '../http/route.js';
import type { Space } from '../state/entities/spaces.js';
import { clearSpace, type SandboxState } from '../state/index.js';
import { copyToSpaces, type CopyRequest } from './saved-objects/transfer.js';

const ALL_PURPOSES = { any: true, copySavedObjectsIntoSpace: true, findSavedObjects: true, shareSavedObjectsIntoSpace: true };

function requireSpace(state: SandboxState, id: string): Space {
  const space = state.spaces.get(id);
  if (!space) throw notFound();
  return space;
}

/** Builds a space from a create/update body; fields left out are reset, as Kibana does. */
function spaceFrom(body: Space, id: string, reserved: boolean): Space {
  const { _reserved: _ignored, ...fields } = body;
  return { ...fields, id, disabledFeatures: body.disabledFeatures ?? [], ...(reserved ? { _reserved: true } : {}) };
}

export const spaceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/spaces/space',
    handler: ({ state, query }) =>
      [...state.spaces.values()].map((space) =>
        query.include_authorized_purposes ? { ...space, authorizedPurposes: ALL_PURPOSES } : space,
      ),
  },
  {
    method: 'GET',
    path: '/api/spaces/space/{id}',
    handler: ({ state, params }) => requireSpace(state, params.id!),
  },
  {
    method: 'POST',
    path: '/api/spaces/space',
    handler: ({ state, body }) => {
      const space = body as Space;
      if (!SPACE_ID_PATTERN.test(space.id)) {
        throw badRequest(`[request body.id]: must be lower case, a-z, 0-9, '_', and '-' are allowed`);
      }
      if (state.spaces.has(space.id)) throw conflict(`A space with the identifier ${space.id} already exists.`);
      const created = spaceFrom(space, space.id, false);
      state.spaces.set(created.id, created);
      return created;
    },
  },
  {
    method: 'PUT',
    path: '/api/spaces/space/{id}',
    handler: ({ state, params, body }) => {
      const existing = requireSpace(state, params.id!);
      const updated = spaceFrom(body as Space, existing.id, existing._reserved === true);
      state.spaces.set(updated.id, updated);
      return updated;
    },
  },
  {
    method: 'DELETE',
    path: '/api/spaces/space/{id}',
    handler: ({ state, params }) => {
      const space = requireSpace(state, params.id!);
      if (space._reserved) throw badRequest(`The ${space.id} space cannot be deleted because it is reserved.`);
      state.spaces.delete(space.id);
      clearSpace(state, space.id);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/api/spaces/_copy_saved_objects',
    handler: ({ state, space, body }) => copyToSpaces(state, space, body as CopyRequest),
  },
];
