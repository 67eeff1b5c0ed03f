// search_kibana_api: a few words (and optionally a tag, area or toolset) → the best operations, shaped for the agent.
import type { Tier } from '../tools/spec.js';
import { canonicalTemplate, type CatalogueEntry } from './catalogue.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { ApiRefusal } from './refusal.js';
import { rankOperations, type SearchIndex } from './search-index.js';
import { terms } from './words.js';

export const MAX_RESULTS = 10;
const MAX_TITLE_LENGTH = 80;

export interface SearchInput {
  query: string;
  tag?: string;
}

export interface SearchHit {
  method: string;
  /** The path as call_kibana_api takes it: without the `/s/{space}` prefix (the space goes in `space_id`). */
  path: string;
  title: string;
  tier: Tier;
  space_aware: boolean;
  /** A curated tool that does this operation, with our checks and descriptions: the agent should use it instead. */
  use_instead?: string;
  deprecated?: true;
}

export interface SearchOutput {
  operations: SearchHit[];
  /** Said when nothing matched, so that an empty list is never silent. */
  notice?: string;
}

export interface SearchOptions {
  /** Whether a curated tool is registered in this server; only those are offered as "use instead". Default: all. */
  isToolEnabled?: (name: string) => boolean;
}

/** The API area of an operation: the path segment after `/api/` (`fleet`, `detection_engine`, …). */
function areaOf(entry: CatalogueEntry): string {
  const segments = canonicalTemplate(entry.path).path.split('/');
  return segments[1] === 'api' || segments[1] === 'internal' ? (segments[2] ?? '') : (segments[1] ?? '');
}

function containsAll(have: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((term) => have.includes(term));
}

/** Which operations a tag filter keeps: those whose tag, API area or curated toolset has all of the filter's words. */
function tagFilter(entries: readonly CatalogueEntry[], tag: string): (entry: CatalogueEntry) => boolean {
  const wanted = terms(tag);
  if (wanted.length === 0)
    throw new ApiRefusal('bad_input', `tag: "${tag}" has no words to match; give an API area such as fleet or alerting`);
  const keep = (entry: CatalogueEntry) =>
    entry.tags.some((name) => containsAll(terms(name), wanted)) ||
    containsAll(terms(areaOf(entry)), wanted) ||
    (entry.toolset !== undefined && containsAll(terms(entry.toolset), wanted));
  if (!entries.some(keep)) {
    const areas = [...new Set(entries.map(areaOf))].filter(Boolean).sort();
    throw new ApiRefusal('bad_input', `tag: no operation has tag, area or toolset "${tag}"; the API areas are: ${areas.join(', ')}`);
  }
  return keep;
}

function shortTitle(title: string): string {
  const trimmed = title.trim().replace(/\.$/, '');
  return trimmed.length > MAX_TITLE_LENGTH ? `${trimmed.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…` : trimmed;
}

function hitOf(entry: CatalogueEntry, options: SearchOptions): SearchHit {
  const offered = entry.curatedTool !== undefined && (options.isToolEnabled?.(entry.curatedTool) ?? true);
  return {
    method: entry.method,
    path: canonicalTemplate(entry.path).path,
    title: shortTitle(entry.title),
    tier: entry.effect,
    space_aware: entry.spaceAware,
    ...(offered ? { use_instead: entry.curatedTool } : {}),
    ...(entry.deprecated ? { deprecated: true as const } : {}),
  };
}

export function searchKibanaApi(index: SearchIndex, input: SearchInput, options: SearchOptions = {}): SearchOutput {
  const query = typeof input.query === 'string' ? input.query.trim() : '';
  if (query === '') throw new ApiRefusal('bad_input', 'query: expected a few words naming the task, such as "offline fleet agents"');
  if (query.length > MAX_QUERY_LENGTH) {
    throw new ApiRefusal('bad_input', `query: ${query.length} characters; keep it to a few words (at most ${MAX_QUERY_LENGTH} characters)`);
  }
  if (input.tag !== undefined && typeof input.tag !== 'string') throw new ApiRefusal('bad_input', 'tag: expected a string');
  const include = input.tag === undefined || input.tag.trim() === '' ? undefined : tagFilter(index.entries, input.tag);
  const operations = rankOperations(index, query, MAX_RESULTS, include).map(({ entry }) => hitOf(entry, options));
  if (operations.length > 0) return { operations };
  const scope = include ? ` with tag "${input.tag}"` : '';
  return {
    operations,
    notice: `No operation${scope} matches "${query}". Try other words (what you want done and to what), or drop the tag.`,
  };
}
