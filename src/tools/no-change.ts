// Writes that did nothing, said so. Two forms:
// - the answer counts what it affected, and every such count is 0 (a bulk action whose query
//   matched no rule, an alert status update for ids that do not exist, an import that failed
//   for every object): the result says nothing was changed;
// - Kibana acknowledges a call it ignored because a value was already set (the spec's
//   `keepsExisting` fact, see spec.ts): the runtime reads the value back and says so.
import { KibanaError, type KibanaRequest } from '../client/index.js';
import { isPlainObject, wordsOf } from './payload.js';
import type { ToolContext, ToolResult } from './runtime/tool.js';
import type { KeepsExisting } from './spec.js';

/** Counts of affected objects: `total`, `updated`, `succeeded`, `rules_installed`, `successCount`. */
const AFFECTED_ALONE = new Set(['total', 'created', 'updated', 'deleted', 'succeeded']);
const AFFECTED_LAST = new Set(['created', 'updated', 'deleted', 'installed']);

/** Counts sit at most this deep (`attributes.summary.succeeded` of a bulk action). */
const MAX_COUNT_DEPTH = 3;

interface Count {
  path: string;
  value: number;
}

export function nothingChangedNotice(payload: unknown): string | undefined {
  const counts = affectedCounts(payload, []);
  if (counts.length === 0 || counts.some((count) => count.value !== 0)) return undefined;
  const listed = counts.map((count) => `${count.path} 0`).join(', ');
  return `Nothing was changed: Kibana reports ${listed}. If the call named objects, ids or a query, it matched none.`;
}

function affectedCounts(value: unknown, path: string[]): Count[] {
  if (!isPlainObject(value) || path.length >= MAX_COUNT_DEPTH) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = [...path, key];
    if (typeof inner === 'number') return countsAffected(key) ? [{ path: at.join('.'), value: inner }] : [];
    return affectedCounts(inner, at);
  });
}

function countsAffected(key: string): boolean {
  const words = wordsOf(key);
  if (words.length === 1) return AFFECTED_ALONE.has(words[0]!);
  const last = words.at(-1)!;
  return AFFECTED_LAST.has(last) || (last === 'count' && words[0] === 'success');
}

/**
 * After a write that Kibana may have ignored: reads the value back and, when it is not what the call
 * set, the result that says so and what to pass. Undefined when the call did what it asked, or
 * when the value cannot be read or the answer lacks it (the write's own answer then stands).
 */
export async function keptExistingResult(
  rule: KeepsExisting,
  args: Record<string, unknown>,
  write: KibanaRequest,
  context: ToolContext,
): Promise<ToolResult | undefined> {
  if (args[rule.unless] === true) return undefined;
  let current: unknown;
  try {
    const read = await context.kibana({
      ...rule.read,
      ...(write.params ? { params: write.params } : {}),
      ...(write.space ? { space: write.space } : {}),
    });
    // An answer without the field tells nothing (it is not Kibana's read, or not the version we know).
    if (!isPlainObject(read.data) || !Object.hasOwn(read.data, rule.field)) return undefined;
    current = read.data[rule.field];
  } catch (error) {
    if (error instanceof KibanaError) return undefined;
    throw error;
  }
  if (sameValue(current, args[rule.argument])) return undefined;
  return context.results.error(
    `Not changed: Kibana acknowledged the call but kept the current ${rule.field}, ${JSON.stringify(current)}, as it does unless ${rule.unless} is true. Pass ${rule.unless}: true to replace it.`,
  );
}

/** Kibana may report a cleared value as null or as an empty string. */
function sameValue(current: unknown, wanted: unknown): boolean {
  const unset = (value: unknown) => value === undefined || value === null || value === '';
  return current === wanted || (unset(current) && unset(wanted));
}
