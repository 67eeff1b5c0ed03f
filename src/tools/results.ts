// Kibana responses → tool results: compact JSON, capped in size with a notice that says how to narrow.
import type { KibanaResponse } from '../client/types.js';
import type { ToolResult } from './runtime/tool.js';

export const DEFAULT_MAX_RESULT_CHARS = 20_000;

/** Arguments that narrow a listing, in the order they are worth suggesting. */
const NARROWING_ARGUMENTS = [
  'per_page',
  'perPage',
  'pageSize',
  'page_size',
  'size',
  'page',
  'page_index',
  'fields',
  'filter',
  'search',
  'search_fields',
  'query',
  'kqlQuery',
  'sort_field',
  'type',
];

export interface ShapeOptions {
  maxChars: number;
  /** The tool's own argument names, to suggest the ones that narrow a result. */
  argumentNames: readonly string[];
}

export function successResult(response: KibanaResponse, options: ShapeOptions): ToolResult {
  const payload = normalisePayload(response);
  if (payload === undefined) {
    return { content: [{ type: 'text', text: JSON.stringify({ ok: true, status: response.status }) }] };
  }
  return valueResult(payload, options);
}

/** Any value as a result: strings as they are, everything else as compact JSON; objects also as structuredContent. */
export function valueResult(payload: unknown, options: ShapeOptions): ToolResult {
  if (typeof payload === 'string') return capText(payload, options);

  const text = JSON.stringify(payload);
  if (text.length <= options.maxChars) {
    return { content: [{ type: 'text', text }], ...(isPlainObject(payload) ? { structuredContent: payload } : {}) };
  }
  return truncateJson(payload, text.length, options);
}

/**
 * ndjson exports arrive as arrays: give them a count so the agent need not count lines, and keep
 * Kibana's closing export summary (counts, missing references) apart, so it is neither counted
 * as an object nor the first thing cut.
 */
function normalisePayload(response: KibanaResponse): unknown {
  const isNdjson = /ndjson/.test(response.contentType);
  if (!isNdjson || !Array.isArray(response.data)) return response.data;
  const last: unknown = response.data.at(-1);
  const hasSummary = isPlainObject(last) && 'exportedCount' in last;
  const items = hasSummary ? response.data.slice(0, -1) : response.data;
  return { count: items.length, ...(hasSummary ? { details: last } : {}), items };
}

function truncateJson(payload: unknown, fullLength: number, options: ShapeOptions): ToolResult {
  // The list that takes the most room is the one to cut (hits, not the aggregation buckets beside them).
  const lists = arraysIn(payload).filter((list) => list.items.length > 1);
  const bySize = lists.map((list) => ({ list, size: JSON.stringify(list.items).length })).sort((a, b) => b.size - a.size);
  for (const { list, size } of bySize) {
    const kept = mostItemsThatFit(payload, list, options.maxChars, size);
    if (kept > 0) {
      const trimmed = withArray(payload, list.path, list.items.slice(0, kept));
      const where = list.path.length === 0 ? 'the result list' : `"${list.path.join('.')}"`;
      const notice = `Truncated: showing ${kept} of ${list.items.length} items of ${where} (${fullLength} characters in full, cap ${options.maxChars}). ${narrowingAdvice(options)}`;
      return {
        content: [
          { type: 'text', text: JSON.stringify(trimmed) },
          { type: 'text', text: notice },
        ],
      };
    }
  }
  return capText(JSON.stringify(payload), options);
}

function capText(text: string, options: ShapeOptions): ToolResult {
  if (text.length <= options.maxChars) return { content: [{ type: 'text', text }] };
  const notice = `Truncated: showing the first ${options.maxChars} of ${text.length} characters. ${narrowingAdvice(options)}`;
  return {
    content: [
      { type: 'text', text: text.slice(0, options.maxChars) },
      { type: 'text', text: notice },
    ],
  };
}

function narrowingAdvice(options: ShapeOptions): string {
  const useful = NARROWING_ARGUMENTS.filter((name) => options.argumentNames.includes(name));
  if (useful.length > 0) return `Narrow the call with ${useful.map((name) => `"${name}"`).join(', ')}.`;
  const own = options.argumentNames.filter((name) => name !== 'space_id');
  return own.length > 0
    ? 'Narrow the call (fewer ids, a filter), or fetch single objects by id.'
    : 'This tool has no arguments that narrow it; the rest is out of reach unless the server runs with a larger --max-result-chars.';
}

interface FoundArray {
  /** Properties leading to the array (`['hits', 'hits']` in a search result); empty when the payload is the array. */
  path: string[];
  items: unknown[];
}

/** Lists sit at most this deep in Kibana's answers (`hits.hits` of a search is the deepest). */
const MAX_LIST_DEPTH = 3;

function arraysIn(payload: unknown, path: string[] = []): FoundArray[] {
  if (Array.isArray(payload)) return [{ path, items: payload }];
  if (!isPlainObject(payload) || path.length >= MAX_LIST_DEPTH) return [];
  return Object.entries(payload).flatMap(([key, value]) => arraysIn(value, [...path, key]));
}

function withArray(payload: unknown, path: readonly string[], items: unknown[]): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return items;
  const object = payload as Record<string, unknown>;
  return { ...object, [key]: withArray(object[key], rest, items) };
}

/**
 * The longest prefix of the list whose serialised payload fits. The first bound comes from the
 * list's average item size, so each probe serialises about `maxChars`, not half of a possibly
 * huge payload; it doubles while it still fits, then a binary search settles the exact count.
 */
function mostItemsThatFit(payload: unknown, list: FoundArray, maxChars: number, listChars: number): number {
  const count = list.items.length;
  const fits = (n: number) => JSON.stringify(withArray(payload, list.path, list.items.slice(0, n))).length <= maxChars;
  let low = 0;
  let high = Math.min(count, Math.ceil(maxChars / Math.max(1, listChars / count)) + 1);
  while (high < count && fits(high)) {
    low = high;
    high = Math.min(count, high * 2);
  }
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
