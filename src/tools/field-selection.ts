// A listing's `fields`, kept exactly. Kibana filters some listings itself (saved objects keep only
// the named attributes) and others in part or not at all (detection rules come back nearly whole,
// as their answer is rebuilt from every rule parameter): the server keeps what was asked in every
// case, so the answer does not depend on which, and names the fields no returned object has
// instead of answering with silence.
import { similarNames } from '../similar.js';
import { isPlainObject, mainList, withArray } from './payload.js';

/** How many of the objects' own field names a notice lists. */
const MAX_LISTED_NAMES = 30;

export interface FieldSelection {
  value: unknown;
  /** Names the asked fields that no returned object has; absent when every one was found. */
  notice?: string;
}

/** The names an agent passed: one name or a list of them. */
export function requestedFields(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((name): name is string => typeof name === 'string' && name !== '');
}

export function selectFields(payload: unknown, fields: readonly string[]): FieldSelection {
  const list = mainList(payload);
  if (!list || fields.length === 0) return { value: payload };
  const found = new Set<string>();
  const known = new Set<string>();
  const items = list.items.map((item) => selectIn(item as Record<string, unknown>, fields, found, known));
  const value = withArray(payload, list.path, items);
  const missing = fields.filter((field) => !found.has(field));
  return missing.length === 0 ? { value } : { value, notice: missingNotice(missing, known, items.length) };
}

/** Saved objects keep their fields under `attributes`, beside their type and id; other objects at their root, beside their id. */
function selectIn(
  item: Record<string, unknown>,
  fields: readonly string[],
  found: Set<string>,
  known: Set<string>,
): Record<string, unknown> {
  const holder = isPlainObject(item.attributes) ? item.attributes : item;
  for (const key of Object.keys(holder)) known.add(key);
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    if (place(picked, holder, field)) found.add(field);
  }
  const identity = Object.fromEntries(['type', 'id'].filter((key) => holder !== item && key in item).map((key) => [key, item[key]]));
  if (holder !== item) return { ...identity, attributes: picked };
  return 'id' in item ? { id: item.id, ...picked } : picked;
}

/** Copies `field` of `from` into `into`: an own key as it is (`kibana.alert.status`), else a dotted path. */
function place(into: Record<string, unknown>, from: Record<string, unknown>, field: string): boolean {
  if (Object.hasOwn(from, field)) {
    into[field] = from[field];
    return true;
  }
  const [head, ...rest] = field.split('.');
  if (rest.length === 0 || head === undefined || !isPlainObject(from[head])) return false;
  const inner = isPlainObject(into[head]) ? (into[head] as Record<string, unknown>) : {};
  if (!place(inner, from[head] as Record<string, unknown>, rest.join('.'))) return false;
  into[head] = inner;
  return true;
}

function missingNotice(missing: readonly string[], known: ReadonlySet<string>, count: number): string {
  const named = missing.map((field) => {
    const near = similarNames(field, known);
    return near.length > 0 ? `"${field}" (did you mean ${near.map((name) => `"${name}"`).join(' or ')}?)` : `"${field}"`;
  });
  const own = [...known].slice(0, MAX_LISTED_NAMES);
  const listed = own.length === 0 ? '' : ` Fields they have: ${own.join(', ')}${known.size > own.length ? ', …' : ''}.`;
  return `fields: no returned object (${count} in this answer) has ${named.join(', ')}, so nothing was kept for ${missing.length > 1 ? 'them' : 'it'}.${listed}`;
}
