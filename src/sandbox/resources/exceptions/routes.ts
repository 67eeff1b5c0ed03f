// The exception lists API: lists and their items, in a space or space-agnostic.

import type { Route } from '../../http/route.js';
import type { NamespaceType } from '../../state/entities/exceptions.js';
import type { SandboxState } from '../../state/index.js';
import {
  createItem,
  createList,
  deleteItem,
  deleteList,
  type FindQuery,
  findItem,
  findList,
  findPage,
  namespaceKey,
  updateItem,
  updateList,
} from './store.js';

interface LookupQuery {
  id?: string;
  list_id?: string;
  item_id?: string;
  namespace_type?: NamespaceType;
}

/** Where a lookup by query string (`id`, or `list_id` / `item_id`, and `namespace_type`) looks, and for what. */
function lookup(space: string, query: Record<string, unknown>, keyName: 'list_id' | 'item_id') {
  const { id, namespace_type, ...keys } = query as LookupQuery;
  return { namespace: namespaceKey(space, namespace_type), selector: { id, key: keys[keyName] } };
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : ([value].flat() as T[]));

type Write = (state: SandboxState, space: string, body: never, username: string) => unknown;
type Lookup = (state: SandboxState, namespace: string, selector: { id?: string; key?: string }) => unknown;

/** Create, read, update and delete of lists or items: reads and deletes are looked up by query string. */
function lookupRoutes(
  path: string,
  keyName: 'list_id' | 'item_id',
  handlers: { create: Write; read: Lookup; update: Write; remove: Lookup },
): Route[] {
  const byQuery =
    (act: Lookup): Route['handler'] =>
    ({ state, space, query }) => {
      const { namespace, selector } = lookup(space, query, keyName);
      return act(state, namespace, selector);
    };
  const byBody =
    (act: Write): Route['handler'] =>
    ({ state, space, body, username }) =>
      act(state, space, body as never, username);
  return [
    { method: 'POST', path, handler: byBody(handlers.create) },
    { method: 'GET', path, handler: byQuery(handlers.read) },
    { method: 'PUT', path, handler: byBody(handlers.update) },
    { method: 'DELETE', path, handler: byQuery(handlers.remove) },
  ];
}

export const exceptionListRoutes: Route[] = [
  ...lookupRoutes('/api/exception_lists', 'list_id', {
    create: createList,
    read: findList,
    update: updateList,
    remove: (state, namespace, selector) => deleteList(state, namespace, findList(state, namespace, selector)),
  }),
  ...lookupRoutes('/api/exception_lists/items', 'item_id', { create: createItem, read: findItem, update: updateItem, remove: deleteItem }),
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
