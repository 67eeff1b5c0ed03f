// What the result shapers need to know about a decoded JSON answer: where its lists are, and which
// of them is the listing itself.

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface FoundArray {
  /** Properties leading to the array (`['hits', 'hits']` in a search result); empty when the payload is the array. */
  path: string[];
  items: unknown[];
}

/** Lists sit at most this deep in Kibana's answers (`hits.hits` of a search is the deepest). */
const MAX_LIST_DEPTH = 3;

export function arraysIn(payload: unknown, path: string[] = []): FoundArray[] {
  if (Array.isArray(payload)) return [{ path, items: payload }];
  if (!isPlainObject(payload) || path.length >= MAX_LIST_DEPTH) return [];
  return Object.entries(payload).flatMap(([key, value]) => arraysIn(value, [...path, key]));
}

/** The payload with the array at `path` replaced by `items`. */
export function withArray(payload: unknown, path: readonly string[], items: unknown[]): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return items;
  const object = payload as Record<string, unknown>;
  return { ...object, [key]: withArray(object[key], rest, items) };
}

/** The listing of an answer: its longest list of objects (`saved_objects`, `data`, the answer itself). */
export function mainList(payload: unknown): FoundArray | undefined {
  const lists = arraysIn(payload).filter((list) => list.items.length > 0 && list.items.every(isPlainObject));
  return lists.sort((a, b) => b.items.length - a.items.length)[0];
}

/** An answer with lists, every one of them empty: a listing that found nothing. */
export function isEmptyListing(payload: unknown): boolean {
  const lists = arraysIn(payload);
  return lists.length > 0 && lists.every((list) => list.items.length === 0);
}

/** A key's words, lower case: `successCount` → success, count; `rules_installed` → rules, installed. */
export function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

const IDENTITY_KEYS = new Set(['name', 'title', 'slug', 'namespaces']);
const IDENTITY_LAST_WORDS = new Set(['id', 'ids', 'uuid']);

/** A key that names an object: `id`, `rule_id`, `destinationId`, `ids`, `uuid`, `name`, `title`, `slug`, `namespaces`. */
export function isIdentityKey(key: string): boolean {
  return IDENTITY_KEYS.has(key) || IDENTITY_LAST_WORDS.has(wordsOf(key).at(-1) ?? '');
}
