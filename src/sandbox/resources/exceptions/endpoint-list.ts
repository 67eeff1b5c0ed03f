// The Elastic Endpoint exception list: one space-agnostic list (`endpoint_list`) whose items say what
// Elastic Defend must not block or alert on. Writing an item creates the list when it is missing.

import { notFound } from '../../http/errors.js';
import type { Route } from '../../http/route.js';
import type { SandboxState } from '../../state/index.js';
import { object, string } from '../../validation/json-schema.js';
import {
  createItem,
  createList,
  deleteItem,
  type FindQuery,
  findItem,
  findPage,
  type ItemBody,
  namespaceKey,
  updateItem,
} from './store.js';

export const ENDPOINT_LIST_ID = 'endpoint_list';
const NAMESPACE_TYPE = 'agnostic';

const AGNOSTIC = namespaceKey('', NAMESPACE_TYPE);

const endpointList = (state: SandboxState) => state.exceptionLists.list(AGNOSTIC).find((list) => list.list_id === ENDPOINT_LIST_ID);

/** Creates the endpoint list unless it exists; tells whether it did. */
function ensureEndpointList(state: SandboxState, space: string, username: string): boolean {
  const exists = endpointList(state) !== undefined;
  if (!exists) {
    createList(
      state,
      space,
      {
        list_id: ENDPOINT_LIST_ID,
        name: 'Endpoint Security Exception List',
        description: 'Endpoint Security Exception List',
        type: 'endpoint',
        namespace_type: NAMESPACE_TYPE,
      },
      username,
      true,
    );
  }
  return !exists;
}

export const endpointListRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/endpoint_list',
    handler: ({ state, space, username }) => {
      const created = ensureEndpointList(state, space, username);
      // Kibana answers an empty object when the list exists already.
      return created ? endpointList(state) : {};
    },
  },
  {
    method: 'POST',
    path: '/api/endpoint_list/items',
    handler: ({ state, space, body, username }) => {
      ensureEndpointList(state, space, username);
      return createItem(state, space, { ...(body as ItemBody), list_id: ENDPOINT_LIST_ID, namespace_type: NAMESPACE_TYPE }, username);
    },
  },
  {
    method: 'GET',
    path: '/api/endpoint_list/items',
    schema: { query: object({ id: string({ minLength: 1 }), item_id: string({ minLength: 1 }) }) },
    handler: ({ state, query }) => findItem(state, AGNOSTIC, { id: query.id, key: query.item_id }),
  },
  {
    method: 'PUT',
    path: '/api/endpoint_list/items',
    handler: ({ state, space, body, username }) =>
      updateItem(state, space, { ...(body as ItemBody), namespace_type: NAMESPACE_TYPE }, username),
  },
  {
    method: 'DELETE',
    path: '/api/endpoint_list/items',
    handler: ({ state, query }) => deleteItem(state, AGNOSTIC, { id: query.id, key: query.item_id }),
  },
  {
    method: 'GET',
    path: '/api/endpoint_list/items/_find',
    handler: ({ state, query }) => {
      // Kibana's answer before anything created the endpoint list.
      if (!endpointList(state)) throw notFound(`list id: "${ENDPOINT_LIST_ID}" does not exist`);
      const request = query as FindQuery;
      const items = state.exceptionItems.list(AGNOSTIC).filter((item) => item.list_id === ENDPOINT_LIST_ID);
      return findPage(items, request, () => request.filter as string | undefined);
    },
  },
];
