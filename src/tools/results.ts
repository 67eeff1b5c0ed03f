// Kibana responses → MCP tool results: compact JSON, capped in size with a notice that says how to narrow.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { KibanaResponse } from '../client/types.js';

export const DEFAULT_MAX_RESULT_CHARS = 20_000;

/** Arguments that narrow a listing, in the order they are worth suggesting. */
const NARROWING_ARGUMENTS = [
  'per_page', 'perPage', 'pageSize', 'page_size', 'size', 'page', 'page_index', 'fields', 'filter', 'search', 'search_fields', 'query', 'kqlQuery', 'sort_field', 'type',
];

export interface ShapeOptions {
  maxChars: number;
  /** The tool's own argument names, to suggest the ones that narrow a result. */
  argumentNames: readonly string[];
}

export function successResult(response: KibanaResponse, options: ShapeOptions): CallToolResult {
  const payload = normalisePayload(response);
  if (payload === undefined) {
    return { content: [{ type: 'text', text: JSON.stringify({ ok: true, status: response.status }) }] };
  }
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

function truncateJson(payload: unknown, fullLength: number, options: ShapeOptions): CallToolResult {
  const list = largestArray(payload);
  if (list && list.items.length > 1) {
    const kept = mostItemsThatFit(payload, list, options.maxChars, fullLength);
    if (kept > 0) {
      const trimmed = withArray(payload, list.path, list.items.slice(0, kept));
      const where = list.path.length === 0 ? 'the result list' : `"${list.path.join('.')}"`;
      const notice = `Truncated: showing ${kept} of ${list.items.length} items of ${where} (${fullLength} characters in full, cap ${options.maxChars}). ${narrowingAdvice(options)}`;
      return { content: [{ type: 'text', text: JSON.stringify(trimmed) }, { type: 'text', text: notice }] };
    }
  }
  return capText(JSON.stringify(payload), options);
}

function capText(text: string, options: ShapeOptions): CallToolResult {
  if (text.length <= options.maxChars) return { content: [{ type: 'text', text }] };
  const notice = `Truncated: showing the first ${options.maxChars} of ${text.length} characters. ${narrowingAdvice(options)}`;
  return { content: [{ type: 'text', text: text.slice(0, options.maxChars) }, { type: 'text', text: notice }] };
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

function largestArray(payload: unknown, path: string[] = []): FoundArray | undefined {
  if (Array.isArray(payload)) return { path, items: payload };
  if (!isPlainObject(payload) || path.length >= MAX_LIST_DEPTH) return undefined;
  let best: FoundArray | undefined;
  for (const [key, value] of Object.entries(payload)) {
    const found = largestArray(value, [...path, key]);
    if (found && (!best || found.items.length > best.items.length)) best = found;
  }
  return best;
}

function withArray(payload: unknown, path: readonly string[], items: unknown[]): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return items;
  const object = payload as Record<string, unknown>;
  return { ...object, [key]: withArray(object[key], rest, items) };
}

/**
 * Binary search for the longest prefix of the list whose serialised payload fits. It starts from
 * twice the estimate given by the average item size, so each probe serialises about `maxChars`,
 * not half of a possibly huge payload.
 */
function mostItemsThatFit(payload: unknown, list: FoundArray, maxChars: number, fullLength: number): number {
  const averageItemChars = Math.max(1, fullLength / list.items.length);
  let low = 0;
  let high = Math.min(list.items.length - 1, Math.ceil((2 * maxChars) / averageItemChars) + 1);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const size = JSON.stringify(withArray(payload, list.path, list.items.slice(0, middle))).length;
    if (size <= maxChars) low = middle;
    else high = middle - 1;
  }
  return low;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
