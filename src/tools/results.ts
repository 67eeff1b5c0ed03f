// Values → tool results: the data once, as compact JSON text, capped in size with a notice that says
// how to narrow; and the cap held for every result, errors included.
import type { KibanaResponse } from '../client/types.js';
import { jsonLength } from './json-length.js';
import { arraysIn, type FoundArray, isPlainObject, withArray } from './payload.js';
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

/**
 * A Kibana answer's data. ndjson exports arrive as arrays: give them a count so the agent need not
 * count lines, and keep Kibana's closing export summary (counts, missing references) apart, so it is
 * neither counted as an object nor the first thing cut. An empty body is its status.
 */
export function answerPayload(response: KibanaResponse): unknown {
  if (response.data === undefined) return { ok: true, status: response.status };
  const isNdjson = /ndjson/.test(response.contentType);
  if (!isNdjson || !Array.isArray(response.data)) return response.data;
  const last: unknown = response.data.at(-1);
  const hasSummary = isPlainObject(last) && 'exportedCount' in last;
  const items = hasSummary ? response.data.slice(0, -1) : response.data;
  return { count: items.length, ...(hasSummary ? { details: last } : {}), items };
}

/** Any value as a result: strings as they are, everything else as compact JSON, capped; then the notices. */
export function valueResult(payload: unknown, options: ShapeOptions, notices: readonly string[] = []): ToolResult {
  const shaped = typeof payload === 'string' ? capText(payload, options) : jsonParts(payload, options);
  return { content: [...shaped, ...notices].map((text) => ({ type: 'text', text })) };
}

/** Measured before it is written: a large answer is never held twice, as its value and as its whole text. */
function jsonParts(payload: unknown, options: ShapeOptions): string[] {
  if (jsonLength(payload, options.maxChars) <= options.maxChars) return [JSON.stringify(payload)];
  return truncateJson(payload, jsonLength(payload), options);
}

function truncateJson(payload: unknown, fullLength: number, options: ShapeOptions): string[] {
  // The list that takes the most room is the one to cut (hits, not the aggregation buckets beside them).
  const lists = arraysIn(payload).filter((list) => list.items.length > 1);
  const bySize = lists.map((list) => ({ list, size: jsonLength(list.items) })).sort((a, b) => b.size - a.size);
  for (const { list, size } of bySize) {
    const kept = mostItemsThatFit(payload, list, options.maxChars, size);
    if (kept > 0) {
      const trimmed = withArray(payload, list.path, list.items.slice(0, kept));
      const where = list.path.length === 0 ? 'the result list' : `"${list.path.join('.')}"`;
      const notice = `Truncated: showing ${kept} of ${list.items.length} items of ${where} (${fullLength} characters in full, cap ${options.maxChars}). ${narrowingAdvice(options)}`;
      return [JSON.stringify(trimmed), notice];
    }
  }
  return capText(JSON.stringify(payload), options);
}

function capText(text: string, options: ShapeOptions): string[] {
  if (text.length <= options.maxChars) return [text];
  return [cutAt(text, options.maxChars), `${cutNotice(options.maxChars, text.length)} ${narrowingAdvice(options)}`];
}

/**
 * Any result held to the cap: a part longer than `maxChars` (an error echoing a huge message or
 * argument, a tool's own text) keeps its first `maxChars` characters and gets the notice.
 */
export function boundResult(result: ToolResult, maxChars: number): ToolResult {
  if (result.content.every((part) => part.text.length <= maxChars)) return result;
  const content = result.content.flatMap((part) =>
    part.text.length <= maxChars
      ? [part]
      : [
          { type: 'text' as const, text: cutAt(part.text, maxChars) },
          { type: 'text' as const, text: cutNotice(maxChars, part.text.length) },
        ],
  );
  return { ...result, content };
}

export function cutNotice(kept: number, total: number): string {
  return `Truncated: showing the first ${kept} of ${total} characters.`;
}

/** The first `length` characters, never ending in half a surrogate pair. */
export function cutAt(text: string, length: number): string {
  if (length <= 0) return '';
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

function narrowingAdvice(options: ShapeOptions): string {
  const useful = NARROWING_ARGUMENTS.filter((name) => options.argumentNames.includes(name));
  if (useful.length > 0) return `Narrow the call with ${useful.map((name) => `"${name}"`).join(', ')}.`;
  const own = options.argumentNames.filter((name) => name !== 'space_id');
  return own.length > 0
    ? 'Narrow the call (fewer ids, a filter), or fetch single objects by id.'
    : 'This tool has no arguments that narrow it; the rest is out of reach unless the server runs with a larger --max-result-chars.';
}

/**
 * The longest prefix of the list whose serialised payload fits. The first bound comes from the
 * list's average item size, so each probe serialises about `maxChars`, not half of a possibly
 * huge payload; it doubles while it still fits, then a binary search settles the exact count.
 */
function mostItemsThatFit(payload: unknown, list: FoundArray, maxChars: number, listChars: number): number {
  const count = list.items.length;
  const fits = (n: number) => jsonLength(withArray(payload, list.path, list.items.slice(0, n)), maxChars) <= maxChars;
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
