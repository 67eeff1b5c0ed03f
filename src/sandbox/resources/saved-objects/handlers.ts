// Handlers shared by the APIs that sit on one saved-object type (dashboards, connectors, rules).

import { noContent, type Reply } from '../../http/reply.js';
import type { Handler } from '../../http/route.js';

/** Deletes the object of `type` named by the `id` path parameter (404 when missing). */
export function deleteSavedObject(type: string, reply: () => Reply = noContent): Handler {
  return ({ state, space, params }) => {
    state.savedObjects.delete(space, type, params.id!);
    return reply();
  };
}
