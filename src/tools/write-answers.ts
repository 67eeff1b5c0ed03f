// Write answers cut to what the agent needs next. Kibana answers a create, an update or a bulk
// action with the whole object, or with every object it touched (a bulk delete of 100 rules is
// about 80 k characters). One rule serves every write tool, from the names of the answer's fields:
// - scalars that identify or report are kept at any level looked into: ids (`id`, `rule_id`,
//   `destinationId`, `ids`), `name`, `title`, `slug`, `namespaces`, `type` beside an id, versions
//   (`version`, `_version`, `revision`), status (`status`, `enabled`, `success`, `acknowledged`…),
//   counts (numbers named for a count or a total, or for a bulk outcome: `updated`, `failed`…);
// - fields named like one the call sent, when their value is a scalar or a list of scalars
//   (long strings excepted: the agent has them);
// - errors (`errors`, `error`, `failures`) whole;
// - objects are looked into down to the second level, and the items of their lists for their own
//   scalars, up to ten items (the notice gives the count).
// `full: true` asks for the whole answer.
import type { KibanaRequest } from '../client/types.js';
import { isIdentityKey, isPlainObject, wordsOf } from './payload.js';
import { SPACE_ARG } from './spec.js';

/** The argument of every compact write that asks for the whole answer. */
export const FULL_ARGUMENT = 'full';

/** How compact writes advertise `full` (the generator puts it in their schemas); said on every one, so said short. */
export const FULL_ARGUMENT_SCHEMA = { type: 'boolean', description: 'Whole answer; compact by default.' } as const;

/**
 * Objects down to this level are looked into, and the items of their lists for their scalars
 * (a data view's field map sits at level 2, whose entries are not looked into; the rules of a bulk
 * action's `attributes.results.deleted` are items of a list at level 2).
 */
const MAX_OBJECT_LEVEL = 2;
const MAX_LIST_ITEMS = 10;
/** A sent string longer than this is not echoed back. */
const MAX_ECHOED_STRING = 200;
const MAX_SENT_NAMES = 2_000;
const MAX_SENT_DEPTH = 8;

const VERSION_KEYS = new Set(['version', 'revision']);
const STATUS_KEYS = new Set([
  'status',
  'enabled',
  'success',
  'successful',
  'acknowledged',
  'outcome',
  'result',
  'message',
  'muted',
  'mute all',
]);
const COUNT_WORDS = new Set(['count', 'total']);
/** What bulk answers count: `updated`, `rules_installed`, `version_conflicts`. */
const OUTCOME_WORDS = new Set(['created', 'updated', 'deleted', 'failed', 'succeeded', 'skipped', 'installed', 'noops', 'conflicts']);
const ERROR_KEYS = new Set(['error', 'errors', 'failures']);

/** A list the compact answer shortened or left out. */
export interface ShortenedList {
  path: string;
  shown: number;
  total: number;
}

export interface CompactAnswer {
  value: unknown;
  lists: ShortenedList[];
}

/** The names a write sent (body properties at any depth, query parameters), to keep their answers. */
export function sentNames(request: KibanaRequest | undefined, args: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const collect = (value: unknown, depth: number) => {
    if (depth > MAX_SENT_DEPTH || names.size >= MAX_SENT_NAMES) return;
    if (Array.isArray(value)) for (const item of value) collect(item, depth + 1);
    else if (isPlainObject(value))
      for (const [key, inner] of Object.entries(value)) {
        names.add(key);
        collect(inner, depth + 1);
      }
  };
  if (request) {
    collect(request.query, 0);
    if (request.bodyType !== 'multipart') collect(request.body, 0);
  } else {
    const { [SPACE_ARG]: _space, ...own } = args;
    collect(own, 0);
  }
  return names;
}

export function compactWriteAnswer(payload: unknown, sent: ReadonlySet<string>): CompactAnswer {
  const lists: ShortenedList[] = [];
  const keepsScalar = (key: string, value: unknown, beside: Record<string, unknown>) =>
    reportsOrIdentifies(key, value, beside) || (sent.has(key) && !(typeof value === 'string' && value.length > MAX_ECHOED_STRING));

  function compactObject(object: Record<string, unknown>, level: number, path: string[]): Record<string, unknown> {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(object)) {
      const at = [...path, key];
      if (ERROR_KEYS.has(key)) {
        kept[key] = value;
      } else if (isScalar(value)) {
        if (keepsScalar(key, value, object)) kept[key] = value;
      } else if (Array.isArray(value)) {
        const list = level <= MAX_OBJECT_LEVEL ? compactList(key, value, level, at) : undefined;
        if (list !== undefined) kept[key] = list;
      } else if (isPlainObject(value) && level < MAX_OBJECT_LEVEL) {
        const inner = compactObject(value, level + 1, at);
        if (Object.keys(inner).length > 0) kept[key] = inner;
      }
    }
    return kept;
  }

  function compactList(key: string, list: unknown[], level: number, path: string[]): unknown[] | undefined {
    if (list.every(isScalar)) return list.length > 0 && (isIdentityKey(key) || sent.has(key)) ? list : undefined;
    const items = list
      .slice(0, MAX_LIST_ITEMS)
      .map((item) => (isPlainObject(item) ? compactObject(item, level + 1, path) : item))
      .filter((item) => !isPlainObject(item) || Object.keys(item).length > 0);
    const shown = items.length;
    const where = path.join('.') || '(the answer)';
    if (shown < list.length && !lists.some((known) => known.path === where)) lists.push({ path: where, shown, total: list.length });
    return items.length > 0 ? items : undefined;
  }

  if (Array.isArray(payload)) return { value: compactList('', payload, 0, []) ?? [], lists };
  if (isPlainObject(payload)) return { value: compactObject(payload, 0, []), lists };
  return { value: payload, lists };
}

/** The notice of a compact answer: what it keeps, how much was left out, and how to get it all. */
export function compactNotice(compactChars: number, fullChars: number, lists: readonly ShortenedList[]): string {
  const shortened = lists.map((list) =>
    list.shown === 0 ? ` "${list.path}": ${list.total} items left out.` : ` "${list.path}": ${list.shown} of ${list.total} items shown.`,
  );
  return `Compact answer (ids, names, versions, status, counts, the fields sent): ${compactChars} of ${fullChars} characters.${shortened.join('')} Pass ${FULL_ARGUMENT}: true for all of it.`;
}

function reportsOrIdentifies(key: string, value: unknown, beside: Record<string, unknown>): boolean {
  if (isIdentityKey(key) || VERSION_KEYS.has(wordsOf(key).join(' '))) return true;
  if (key === 'type') return 'id' in beside;
  const words = wordsOf(key);
  if (STATUS_KEYS.has(words.join(' ')) || words.at(-1) === 'status') return true;
  return typeof value === 'number' && words.some((word) => COUNT_WORDS.has(word) || OUTCOME_WORDS.has(word));
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}
