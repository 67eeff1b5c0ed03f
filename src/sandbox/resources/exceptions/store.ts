// Exception lists and items as Kibana's lists plugin keeps them: found by `id` or by their stable
// `list_id` / `item_id`, in a space (`single`) or shared by all spaces (`agnostic`).

import { badRequest, conflict, notFound } from '../../http/errors.js';
import { matchesKql } from '../../query/kql.js';
import { compareValues, paginate } from '../../query/paging.js';
import type { ExceptionComment, ExceptionItem, ExceptionList, NamespaceType } from '../../state/entities/exceptions.js';
import { AGNOSTIC_NAMESPACE, type SandboxState } from '../../state/index.js';
import { cloneJson, newId, nextVersion, now } from '../../state/space-store.js';

export const namespaceKey = (space: string, namespaceType: NamespaceType = 'single'): string =>
  namespaceType === 'agnostic' ? AGNOSTIC_NAMESPACE : space;

/** `exception-list.attributes.name` and `exception-list-agnostic.attributes.tags` read `name` and `tags`. */
const exceptionField = (field: string): string => field.replace(/^exception-list(-agnostic)?\.attributes\./, '');

interface Selector {
  id?: unknown;
  key?: unknown;
}

function select<T extends { id: string }>(
  objects: T[],
  selector: Selector,
  keyName: string,
  keyOf: (object: T) => string,
  what: string,
): T {
  if (selector.id === undefined && selector.key === undefined)
    throw badRequest(`either "${keyName}" or "id" needs to be defined in the request`);
  const found =
    selector.id !== undefined
      ? objects.find((object) => object.id === selector.id)
      : objects.find((object) => keyOf(object) === selector.key);
  if (found) return found;
  throw notFound(
    selector.id !== undefined ? `${what} id: "${selector.id}" does not exist` : `${what} ${keyName}: "${selector.key}" does not exist`,
  );
}

export function findList(state: SandboxState, namespace: string, selector: Selector): ExceptionList {
  return select(state.exceptionLists.list(namespace), selector, 'list_id', (list) => list.list_id, 'exception list');
}

export function findItem(state: SandboxState, namespace: string, selector: Selector): ExceptionItem {
  return select(state.exceptionItems.list(namespace), selector, 'item_id', (item) => item.item_id, 'exception list item');
}

function tracked(username: string, namespaceType: NamespaceType) {
  const timestamp = now();
  return {
    id: newId(),
    namespace_type: namespaceType,
    tie_breaker_id: newId(),
    _version: nextVersion(),
    created_at: timestamp,
    created_by: username,
    updated_at: timestamp,
    updated_by: username,
  };
}

export interface ListBody {
  list_id?: string;
  name: string;
  description: string;
  type: string;
  namespace_type?: NamespaceType;
  tags?: string[];
  os_types?: string[];
  meta?: Record<string, unknown>;
  version?: number;
}

export function createList(state: SandboxState, space: string, body: ListBody, username: string, immutable = false): ExceptionList {
  const namespace = namespaceKey(space, body.namespace_type);
  const listId = body.list_id ?? newId();
  if (state.exceptionLists.list(namespace).some((list) => list.list_id === listId)) {
    throw conflict(`exception list id: "${listId}" already exists`);
  }
  const list: ExceptionList = {
    ...tracked(username, body.namespace_type ?? 'single'),
    list_id: listId,
    name: body.name,
    description: body.description,
    type: body.type,
    tags: body.tags ?? [],
    os_types: body.os_types ?? [],
    ...(body.meta === undefined ? {} : { meta: cloneJson(body.meta) }),
    immutable,
    version: body.version ?? 1,
  };
  return state.exceptionLists.set(namespace, list.id, list);
}

/** Kibana refuses a write that names an older `_version` than the stored one. */
function checkVersion(stored: { _version: string }, given: unknown, what: string): void {
  if (given !== undefined && given !== stored._version)
    throw conflict(`${what} has been updated since it was last read; read it again and retry`);
}

export function updateList(state: SandboxState, space: string, body: ListBody & { id?: string; _version?: string }, username: string) {
  const list = findList(state, namespaceKey(space, body.namespace_type), { id: body.id, key: body.list_id });
  checkVersion(list, body._version, `exception list id: "${list.id}"`);
  Object.assign(list, {
    name: body.name,
    description: body.description,
    type: body.type,
    tags: body.tags ?? list.tags,
    os_types: body.os_types ?? list.os_types,
    ...(body.meta === undefined ? {} : { meta: cloneJson(body.meta) }),
    version: body.version ?? list.version + 1,
    _version: nextVersion(),
    updated_at: now(),
    updated_by: username,
  });
  return list;
}

/** Deletes a list with all its items; answers the deleted list. */
export function deleteList(state: SandboxState, namespace: string, list: ExceptionList): ExceptionList {
  for (const item of state.exceptionItems.list(namespace))
    if (item.list_id === list.list_id) state.exceptionItems.delete(namespace, item.id);
  state.exceptionLists.delete(namespace, list.id);
  return list;
}

/** Deletes an item; answers the deleted item. */
export function deleteItem(state: SandboxState, namespace: string, selector: Selector): ExceptionItem {
  const item = findItem(state, namespace, selector);
  state.exceptionItems.delete(namespace, item.id);
  return item;
}

export interface ItemBody {
  item_id?: string;
  list_id: string;
  name: string;
  description: string;
  type: 'simple';
  entries: Record<string, unknown>[];
  namespace_type?: NamespaceType;
  os_types?: string[];
  tags?: string[];
  comments?: { id?: string; comment: string }[];
  expire_time?: string;
  meta?: Record<string, unknown>;
}

function commentsOf(given: ItemBody['comments'] = [], existing: ExceptionComment[], username: string): ExceptionComment[] {
  return given.map(
    (comment) =>
      existing.find((kept) => kept.id === comment.id) ?? { id: newId(), comment: comment.comment, created_at: now(), created_by: username },
  );
}

function itemFields(body: ItemBody, existing: ExceptionComment[], username: string) {
  return {
    name: body.name,
    description: body.description,
    type: body.type,
    entries: cloneJson(body.entries),
    os_types: body.os_types ?? [],
    tags: body.tags ?? [],
    comments: commentsOf(body.comments, existing, username),
    ...(body.expire_time === undefined ? {} : { expire_time: body.expire_time }),
    ...(body.meta === undefined ? {} : { meta: cloneJson(body.meta) }),
  };
}

export function createItem(state: SandboxState, space: string, body: ItemBody, username: string): ExceptionItem {
  const namespace = namespaceKey(space, body.namespace_type);
  findList(state, namespace, { key: body.list_id });
  const itemId = body.item_id ?? newId();
  if (state.exceptionItems.list(namespace).some((item) => item.item_id === itemId)) {
    throw conflict(`exception list item id: "${itemId}" already exists`);
  }
  const item: ExceptionItem = {
    ...tracked(username, body.namespace_type ?? 'single'),
    item_id: itemId,
    list_id: body.list_id,
    ...itemFields(body, [], username),
  };
  return state.exceptionItems.set(namespace, item.id, item);
}

export function updateItem(
  state: SandboxState,
  space: string,
  body: Omit<ItemBody, 'list_id'> & { id?: string; _version?: string },
  username: string,
) {
  const item = findItem(state, namespaceKey(space, body.namespace_type), { id: body.id, key: body.item_id });
  checkVersion(item, body._version, `exception list item id: "${item.id}"`);
  Object.assign(item, itemFields({ ...body, list_id: item.list_id }, item.comments, username), {
    _version: nextVersion(),
    updated_at: now(),
    updated_by: username,
  });
  return item;
}

export interface FindQuery {
  filter?: string | string[];
  search?: string;
  page?: number;
  per_page?: number;
  sort_field?: string;
  sort_order?: string;
}

/** A page of objects, filtered by KQL (one filter, or one per list) and a text search, in Kibana's `_find` answer. */
export function findPage<T extends ExceptionList | ExceptionItem>(
  objects: T[],
  query: FindQuery,
  filterOf: (object: T) => string | undefined,
) {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? 20;
  const search = query.search?.toLowerCase();
  const field = query.sort_field;
  const direction = query.sort_order === 'desc' ? -1 : 1;
  const found = objects
    .filter((object) => matchesKql(filterOf(object) ?? '', object, exceptionField))
    .filter((object) => search === undefined || `${object.name} ${object.description}`.toLowerCase().includes(search))
    .sort((a, b) => (field ? direction * compareValues(a[exceptionField(field) as keyof T], b[exceptionField(field) as keyof T]) : 0));
  return { data: paginate(found, page, perPage), page, per_page: perPage, total: found.length };
}
