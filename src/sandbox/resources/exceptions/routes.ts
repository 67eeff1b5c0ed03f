// The exception lists API: lists and their items, in a space or space-agnostic.

import type { Route } from '../../http/route.js';
import type { NamespaceType } from '../../state/entities/exceptions.js';
import {
  createItem,
  createList,
  deleteItem,
  deleteList,
  type FindQuery,
  findItem,
  findList,
  findPage,
  type ItemBody,
  type ListBody,
  namespaceKey,
  updateItem,
  updateList,
} from './store.js';

interface Lookup {
  id?: string;
  list_id?: string;
  item_id?: string;
  namespace_type?: NamespaceType;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : ([value].flat() as T[]));

export const exceptionListRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/exception_lists',
    handler: ({ state, space, body, username }) => createList(state, space, body as ListBody, username),
  },
  {
    method: 'GET',
    path: '/api/exception_lists',
    handler: ({ state, space, query }) => {
      const { id, list_id, namespace_type } = query as Lookup;
      return findList(state, namespaceKey(space, namespace_type), { id, key: list_id });
    },
  },
  {
    method: 'PUT',
    path: '/api/exception_lists',
    handler: ({ state, space, body, username }) => updateList(state, space, body as ListBody, username),
  },
  {
    method: 'DELETE',
    path: '/api/exception_lists',
    handler: ({ state, space, query }) => {
      const { id, list_id, namespace_type } = query as Lookup;
      const namespace = namespaceKey(space, namespace_type);
      return deleteList(state, namespace, findList(state, namespace, { id, key: list_id }));
    },
  },
  {
    method: 'GET',
    path: '/api/exception_lists/_find',
    handler: ({ state, space, query }) => {
      const request = query as FindQuery & { namespace_type?: NamespaceType | NamespaceType[]; filter?: string };
      const namespaces = asList(request.namespace_type ?? 'single').map((type) => namespaceKey(space, type));
      return findPage(
        namespaces.flatMap((namespace) => state.exceptionLists.list(namespace)),
        request,
        () => request.filter,
      );
    },
  },
  {
    method: 'POST',
    path: '/api/exception_lists/items',
    handler: ({ state, space, body, username }) => createItem(state, space, body as ItemBody, username),
  },
  {
    method: 'GET',
    path: '/api/exception_lists/items',
    handler: ({ state, space, query }) => {
      const { id, item_id, namespace_type } = query as Lookup;
      return findItem(state, namespaceKey(space, namespace_type), { id, key: item_id });
    },
  },
  {
    method: 'PUT',
    path: '/api/exception_lists/items',
    handler: ({ state, space, body, username }) => updateItem(state, space, body as ItemBody, username),
  },
  {
    method: 'DELETE',
    path: '/api/exception_lists/items',
    handler: ({ state, space, query }) => {
      const { id, item_id, namespace_type } = query as Lookup;
      return deleteItem(state, namespaceKey(space, namespace_type), { id, key: item_id });
    },
  },
  {
    method: 'GET',
    path: '/api/exception_lists/items/_find',
    handler: ({ state, space, query }) => {
      const request = query as unknown as FindQuery & { list_id: string | string[]; namespace_type?: NamespaceType | NamespaceType[] };
      const listIds = asList(request.list_id);
      const types = asList(request.namespace_type);
      const filters = asList(request.filter);
      // The n-th namespace type and filter belong to the n-th list.
      const lists = listIds.map((listId, index) => {
        const namespace = namespaceKey(space, types[index] ?? 'single');
        findList(state, namespace, { key: listId });
        return { listId, namespace, filter: filters[index] };
      });
      const items = lists.flatMap(({ listId, namespace }) =>
        state.exceptionItems.list(namespace).filter((item) => item.list_id === listId),
      );
      return findPage(items, request, (item) => lists.find((list) => list.listId === item.list_id)?.filter);
    },
  },
];
