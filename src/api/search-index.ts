// Ranks operations for a few words: an inverted index over each operation's title, path, tags, operationId
// and curated tool name, scored per query word (best alternative: the word, a synonym, a compound or a
// prefix), scaled by how many of the words were found and by what the wording asks for (list, create, …).
import { HTTP_METHODS } from '../kibana/http.js';
import { canonicalTemplate, type CatalogueEntry } from './catalogue.js';
import { type ParsedQuery, parseQuery } from './search-query.js';
import { type Intent, READ_VERBS } from './vocabulary.js';
import { isStopWord, splitWords, stem } from './words.js';

/** How much a term found in each field counts: titles and paths say what an operation does, tags only where it lives. */
const FIELD_WEIGHTS = { title: 3, path: 2.5, parameter: 0.8, operationId: 1.2, tag: 1.5, tool: 1.2 } as const;
type Field = keyof typeof FIELD_WEIGHTS;

/** Extra weight for a term found in more than one of the fields that describe the operation in words. */
const SECOND_FIELD_BONUS = 0.15;
const DESCRIBING_FIELDS: ReadonlySet<Field> = new Set(['title', 'path', 'tag', 'tool']);
/** How much a long title and path dilute a match (BM25's b): "Get agents" fits "fleet agents" better than "Get agent uploads". */
const LENGTH_DILUTION = 0.3;
/** A query word that no operation has, but that begins indexed terms (enroll → enrollment), counts this much. */
const PREFIX_WEIGHT = 0.6;
const MIN_PREFIX_LENGTH = 4;
const MAX_PREFIX_TERMS = 24;

interface Posting {
  entry: number;
  weight: number;
}

export interface SearchIndex {
  readonly entries: readonly CatalogueEntry[];
  readonly postings: ReadonlyMap<string, readonly Posting[]>;
  readonly idf: ReadonlyMap<string, number>;
  /** Every indexed term, sorted, for prefix look-ups. */
  readonly vocabulary: readonly string[];
  /** Per entry: the path ends in a literal segment (a collection, a `_find`), not in a parameter. */
  readonly collection: readonly boolean[];
  /** Per entry: the factor for the length of its title and path. */
  readonly lengthFactor: readonly number[];
  /** Per entry: the stem of the verb its title starts with ("Bulk" skipped). */
  readonly titleVerb: readonly string[];
  /** Per entry: it acts on many objects at once (bulk, all, batch). */
  readonly bulk: readonly boolean[];
  /** Every title verb that does something (not a read). */
  readonly actionVerbs: ReadonlySet<string>;
}

export interface ScoredEntry {
  entry: CatalogueEntry;
  score: number;
}

/** The words of each field of an operation, in order (compounds are formed from neighbours). */
function fieldWords(entry: CatalogueEntry): Array<[Field, string[][]]> {
  const segments = canonicalTemplate(entry.path)
    .path.split('/')
    .filter((segment) => segment !== '' && segment !== 'api');
  const literal = segments.filter((segment) => !segment.includes('{'));
  const parameters = segments.flatMap((segment) => [...segment.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!));
  return [
    ['title', [splitWords(entry.title)]],
    ['path', literal.map(splitWords)],
    ['parameter', parameters.map(splitWords)],
    ['operationId', entry.operationId ? [splitWords(entry.operationId)] : []],
    ['tag', entry.tags.map(splitWords)],
    ['tool', entry.curatedTool ? [splitWords(entry.curatedTool)] : []],
  ];
}

interface TermWeight {
  best: number;
  /** Fields among the describing ones that have the term. */
  fields: number;
  lastField?: Field;
}

/** Records the terms of runs of words in one field: each word, and each neighbouring pair written together (stop words left out). */
function addTerms(weights: Map<string, TermWeight>, field: Field, runs: string[][]): void {
  const weight = FIELD_WEIGHTS[field];
  const describes = DESCRIBING_FIELDS.has(field);
  const add = (term: string) => {
    const seen = weights.get(term);
    if (!seen) weights.set(term, { best: weight, fields: describes ? 1 : 0, lastField: field });
    else if (seen.lastField !== field) {
      seen.best = Math.max(seen.best, weight);
      if (describes) seen.fields += 1;
      seen.lastField = field;
    }
  };
  for (const run of runs) {
    let previous: string | undefined;
    for (const word of run) {
      if (isStopWord(word)) continue;
      add(stem(word));
      if (previous !== undefined) add(stem(previous + word));
      previous = word;
    }
  }
}

function titleVerbOf(title: readonly string[]): string {
  const [first = '', second = ''] = title;
  return stem(first === 'bulk' ? second : first);
}

const BULK_MARKS = new Set(['bulk', 'all', 'batch']);

function isCollection(entry: CatalogueEntry): boolean {
  return !entry.path.slice(entry.path.lastIndexOf('/') + 1).includes('{');
}

export function buildSearchIndex(entries: readonly CatalogueEntry[]): SearchIndex {
  const postings = new Map<string, Posting[]>();
  const lengths: number[] = [];
  const titleVerb: string[] = [];
  const bulk: boolean[] = [];
  entries.forEach((entry, index) => {
    const weights = new Map<string, TermWeight>();
    let length = 0;
    let isBulk = false;
    for (const [field, runs] of fieldWords(entry)) {
      if (field === 'title') titleVerb.push(titleVerbOf(runs[0]!));
      if (field === 'title' || field === 'path') {
        for (const run of runs) {
          length += run.length;
          isBulk ||= run.some((word) => BULK_MARKS.has(word));
        }
      }
      addTerms(weights, field, runs);
    }
    lengths.push(length);
    bulk.push(isBulk);
    for (const [term, { best, fields }] of weights) {
      const list = postings.get(term) ?? [];
      list.push({ entry: index, weight: best * (1 + SECOND_FIELD_BONUS * Math.max(0, fields - 1)) });
      postings.set(term, list);
    }
  });
  const idf = new Map<string, number>();
  for (const [term, list] of postings) {
    idf.set(term, Math.log(1 + (entries.length - list.length + 0.5) / (list.length + 0.5)));
  }
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length);
  const readVerbs = new Set([...READ_VERBS].map(stem));
  return {
    entries,
    postings,
    idf,
    vocabulary: [...postings.keys()].sort(),
    collection: entries.map(isCollection),
    lengthFactor: lengths.map((length) => 1 / (1 - LENGTH_DILUTION + (LENGTH_DILUTION * length) / averageLength)),
    titleVerb,
    bulk,
    actionVerbs: new Set(titleVerb.filter((verb) => verb !== '' && !readVerbs.has(verb))),
  };
}

/** Indexed terms that begin with `prefix` (not equal to it), a bounded number. */
function termsStartingWith(vocabulary: readonly string[], prefix: string): string[] {
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (vocabulary[mid]! < prefix) low = mid + 1;
    else high = mid;
  }
  const found: string[] = [];
  for (let i = low; i < vocabulary.length && found.length < MAX_PREFIX_TERMS && vocabulary[i]!.startsWith(prefix); i += 1) {
    if (vocabulary[i] !== prefix) found.push(vocabulary[i]!);
  }
  return found;
}

/** What the wording asks for, once the index says whether its first known verb is one of the API's actions. */
interface Wanted {
  intents: ReadonlySet<Intent>;
  /** The stem of an action verb the query leads with ("unenroll", "rotate"), if any. */
  action?: string;
}

function wantedOf(query: ParsedQuery, index: SearchIndex): Wanted {
  const first = query.groups[0]?.alternatives[0]?.term;
  const action = first !== undefined && index.actionVerbs.has(first) ? first : undefined;
  const intents = new Set(query.intents);
  if (query.impliedList && !action) intents.add('list').add('read');
  return action ? { intents, action } : { intents };
}

/** How much what the wording asks for (list, create, delete, …) agrees with what the operation does. */
function intentFactor(wanted: Wanted, index: SearchIndex, i: number): number {
  const { intents, action } = wanted;
  const entry = index.entries[i]!;
  const trailingParameter = entry.path.endsWith('}');
  let factor = 1;
  if (action && index.titleVerb[i] === action) factor *= 1.2;
  if (intents.has('read') && entry.effect === 'read') factor *= 1.2;
  if (intents.has('list') && entry.method === 'GET' && index.collection[i]) factor *= 1.15;
  if (intents.has('one') && intents.has('read') && !intents.has('list') && entry.method === 'GET' && trailingParameter) factor *= 1.1;
  if (intents.has('create') && entry.method === 'POST') factor *= 1.2;
  if (intents.has('update') && (entry.method === 'PUT' || entry.method === 'PATCH')) factor *= 1.2;
  if (intents.has('delete') && entry.effect === 'destructive') factor *= 1.2;
  if (!intents.has('delete') && entry.effect === 'destructive') factor *= 0.85;
  if (intents.has('bulk') && index.bulk[i]) factor *= 1.15;
  if (intents.has('one') && !intents.has('bulk') && index.bulk[i]) factor *= 0.85;
  if (entry.deprecated) factor *= 0.8;
  return factor;
}

function compareScored(a: ScoredEntry, b: ScoredEntry): number {
  return (
    b.score - a.score ||
    a.entry.path.length - b.entry.path.length ||
    HTTP_METHODS.indexOf(a.entry.method) - HTTP_METHODS.indexOf(b.entry.method) ||
    (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0)
  );
}

/** Per operation: the sum of each query word's best match, and how many of the words matched at all. */
function matchWords(index: SearchIndex, query: ParsedQuery): { total: Float64Array; found: Uint16Array } {
  const count = index.entries.length;
  const total = new Float64Array(count);
  const found = new Uint16Array(count);
  const best = new Float64Array(count);
  for (const group of query.groups) {
    best.fill(0);
    for (const { term, weight } of group.alternatives) {
      const matches: Array<[string, number]> = [[term, weight]];
      if (term.length >= MIN_PREFIX_LENGTH && !index.postings.has(term)) {
        for (const longer of termsStartingWith(index.vocabulary, term)) matches.push([longer, weight * PREFIX_WEIGHT]);
      }
      for (const [matched, matchWeight] of matches) {
        const idf = index.idf.get(matched) ?? 0;
        for (const posting of index.postings.get(matched) ?? []) {
          const value = matchWeight * idf * posting.weight;
          if (value > best[posting.entry]!) best[posting.entry] = value;
        }
      }
    }
    for (let i = 0; i < count; i += 1) {
      if (best[i]! > 0) {
        total[i]! += best[i]!;
        found[i]! += 1;
      }
    }
  }
  return { total, found };
}

/** Adds a candidate to `top` (kept sorted, at most `limit` long) if it belongs there. */
function keepBest(top: ScoredEntry[], candidate: ScoredEntry, limit: number): void {
  if (top.length === limit && compareScored(candidate, top[limit - 1]!) >= 0) return;
  let at = top.length;
  while (at > 0 && compareScored(candidate, top[at - 1]!) < 0) at -= 1;
  top.splice(at, 0, candidate);
  if (top.length > limit) top.pop();
}

/**
 * The best `limit` operations for a query, best first; only operations for which `include` is true
 * (all when absent). Deterministic: ties go to the shorter path, then by method and path.
 */
export function rankOperations(
  index: SearchIndex,
  text: string,
  limit: number,
  include?: (entry: CatalogueEntry) => boolean,
): ScoredEntry[] {
  const query = parseQuery(text);
  if (limit <= 0 || query.groups.length === 0) return [];
  const wanted = wantedOf(query, index);
  const { total, found } = matchWords(index, query);
  const top: ScoredEntry[] = [];
  for (let i = 0; i < index.entries.length; i += 1) {
    const entry = index.entries[i]!;
    if (found[i] === 0 || (include && !include(entry))) continue;
    // Every word found counts more than strong matches of a few: coverage is squared.
    const coverage = found[i]! / query.groups.length;
    keepBest(top, { entry, score: total[i]! * coverage * coverage * index.lengthFactor[i]! * intentFactor(wanted, index, i) }, limit);
  }
  return top;
}
