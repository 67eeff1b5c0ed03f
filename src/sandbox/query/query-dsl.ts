// The part of Elasticsearch's query DSL that alert searches use: match_all, term(s), ids,
// exists, range (with date math), match, query_string and bool; terms/cardinality/min/max/filter
// aggregations; sort; _source filtering.

import { HttpError } from '../http/errors.js';
import type { SearchDocument } from '../state/entities/security.js';
import { parseDateMath } from './date-math.js';
import { fieldValues } from './fields.js';
import { matchesKql } from './kql.js';
import { compareValues } from './paging.js';
import { wildcardRegExp } from './wildcard.js';

type Clause = Record<string, unknown>;

const parsingError = (reason: string): HttpError => new HttpError(400, `[parsing_exception] Reason: ${reason}`);
const asList = (value: unknown): Clause[] => (value === undefined ? [] : ([value].flat() as Clause[]));
/** `host.name.keyword` reads `host.name`: the sandbox does not split text and keyword fields. */
const fieldName = (field: string): string => field.replace(/\.keyword$/, '');

/** A query clause's single `{field: spec}` entry. */
function fieldEntry(body: unknown): [string, unknown] {
  const [entry] = Object.entries((body ?? {}) as Clause);
  if (!entry) throw parsingError('query malformed, empty clause');
  return [fieldName(entry[0]), entry[1]];
}

const sameValue = (actual: unknown, expected: unknown): boolean => String(actual) === String(expected);

function inRange(value: unknown, bounds: Clause): boolean {
  const numeric = typeof value === 'number';
  const toComparable = (bound: unknown) => (numeric ? Number(bound) : parseDateMath(bound));
  const actual = numeric ? value : parseDateMath(value);
  if (Number.isNaN(actual)) return false;
  return (
    (bounds.gte === undefined || actual >= toComparable(bounds.gte)) &&
    (bounds.gt === undefined || actual > toComparable(bounds.gt)) &&
    (bounds.lte === undefined || actual <= toComparable(bounds.lte)) &&
    (bounds.lt === undefined || actual < toComparable(bounds.lt))
  );
}

function matchesBool(document: SearchDocument, bool: Clause): boolean {
  const should = asList(bool.should);
  const required = [...asList(bool.must), ...asList(bool.filter)];
  const minimumShould = Number(bool.minimum_should_match ?? (should.length > 0 && required.length === 0 ? 1 : 0));
  return (
    required.every((clause) => matchesQuery(document, clause)) &&
    !asList(bool.must_not).some((clause) => matchesQuery(document, clause)) &&
    should.filter((clause) => matchesQuery(document, clause)).length >= minimumShould
  );
}

export function matchesQuery(document: SearchDocument, query: Clause | undefined): boolean {
  if (query === undefined) return true;
  const [type, body] = Object.entries(query)[0] ?? ['match_all', {}];
  const source = document._source;
  switch (type) {
    case 'match_all':
      return true;
    case 'match_none':
      return false;
    case 'bool':
      return matchesBool(document, body as Clause);
    case 'ids':
      return ((body as { values: string[] }).values ?? []).includes(document._id);
    case 'exists':
      return fieldValues(source, fieldName(String((body as Clause).field))).length > 0;
    case 'term': {
      const [field, spec] = fieldEntry(body);
      const expected = typeof spec === 'object' && spec !== null ? (spec as Clause).value : spec;
      return fieldValues(source, field).some((value) => sameValue(value, expected));
    }
    case 'terms': {
      const [field, expected] = fieldEntry(body);
      return fieldValues(source, field).some((value) => (expected as unknown[]).some((wanted) => sameValue(value, wanted)));
    }
    case 'range': {
      const [field, bounds] = fieldEntry(body);
      return fieldValues(source, field).some((value) => inRange(value, bounds as Clause));
    }
    case 'match':
    case 'match_phrase': {
      const [field, spec] = fieldEntry(body);
      const text = String(typeof spec === 'object' && spec !== null ? (spec as Clause).query : spec).toLowerCase();
      return fieldValues(source, field).some((value) => String(value).toLowerCase().includes(text));
    }
    case 'query_string':
    case 'simple_query_string':
      return matchesKql(String((body as Clause).query ?? ''), source, fieldName);
    default:
      throw parsingError(`unknown query [${type}]`);
  }
}

function aggregate(documents: SearchDocument[], aggs: Clause): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(aggs)) {
    const { aggs: subAggs, aggregations, ...rest } = definition as Clause;
    const nested = (subAggs ?? aggregations) as Clause | undefined;
    const [type, spec] = Object.entries(rest)[0] ?? [];
    const params = (spec ?? {}) as Clause;
    const values = (document: SearchDocument) => fieldValues(document._source, fieldName(String(params.field)));
    const withSubAggs = (bucketDocuments: SearchDocument[]) => (nested ? aggregate(bucketDocuments, nested) : {});
    switch (type) {
      case 'terms': {
        const groups = new Map<string, SearchDocument[]>();
        for (const document of documents) {
          for (const value of new Set(values(document).map(String))) groups.set(value, [...(groups.get(value) ?? []), document]);
        }
        const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
        const size = Number(params.size ?? 10);
        results[name] = {
          doc_count_error_upper_bound: 0,
          sum_other_doc_count: sorted.slice(size).reduce((sum, [, group]) => sum + group.length, 0),
          buckets: sorted.slice(0, size).map(([key, group]) => ({ key, doc_count: group.length, ...withSubAggs(group) })),
        };
        break;
      }
      case 'cardinality':
        results[name] = { value: new Set(documents.flatMap(values).map(String)).size };
        break;
      case 'value_count':
        results[name] = { value: documents.flatMap(values).length };
        break;
      case 'min':
      case 'max': {
        const numbers = documents.flatMap(values).map((value) => (typeof value === 'number' ? value : parseDateMath(value)));
        const valid = numbers.filter((value) => !Number.isNaN(value));
        results[name] = { value: valid.length === 0 ? null : type === 'min' ? Math.min(...valid) : Math.max(...valid) };
        break;
      }
      case 'filter': {
        const matching = documents.filter((document) => matchesQuery(document, params));
        results[name] = { doc_count: matching.length, ...withSubAggs(matching) };
        break;
      }
      default:
        throw parsingError(`Unknown aggregation type [${type}] did you mean [terms]?`);
    }
  }
  return results;
}

function sortDocuments(documents: SearchDocument[], sort: unknown): SearchDocument[] {
  const keys = asList(sort).map((entry) => {
    if (typeof entry === 'string') return { field: entry, direction: 1 };
    const [field, spec] = Object.entries(entry)[0]!;
    const order = typeof spec === 'string' ? spec : (spec as Clause).order;
    return { field: fieldName(field), direction: order === 'desc' ? -1 : 1 };
  });
  return [...documents].sort((a, b) => {
    for (const { field, direction } of keys) {
      const order = compareValues(fieldValues(a._source, field)[0], fieldValues(b._source, field)[0]);
      if (order !== 0) return direction * order;
    }
    return 0;
  });
}

/** Keeps the fields matching `_source` patterns, in the document's own (nested or dotted) layout. */
function filterSource(source: Record<string, unknown>, patterns: string[], prefix = ''): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (patterns.some((pattern) => wildcardRegExp(pattern, true).test(path))) {
      kept[key] = value;
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const nested = filterSource(value as Record<string, unknown>, patterns, path);
      if (Object.keys(nested).length > 0) kept[key] = nested;
    }
  }
  return kept;
}

export interface SearchRequest {
  query?: Clause;
  size?: number;
  aggs?: Clause;
  sort?: unknown;
  _source?: boolean | string | string[];
}

export function search(documents: SearchDocument[], request: SearchRequest) {
  const matching = documents.filter((document) => matchesQuery(document, request.query));
  const sorted = request.sort === undefined ? matching : sortDocuments(matching, request.sort);
  const sourceFilter = request._source;
  const hits = sorted.slice(0, request.size ?? 10).map((document) => ({
    _index: document._index,
    _id: document._id,
    _score: null,
    ...(sourceFilter === false
      ? {}
      : {
          _source:
            sourceFilter === undefined || sourceFilter === true ? document._source : filterSource(document._source, [sourceFilter].flat()),
        }),
  }));
  return {
    took: 1,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: { total: { value: matching.length, relation: 'eq' }, max_score: null, hits },
    ...(request.aggs ? { aggregations: aggregate(matching, request.aggs) } : {}),
  };
}
