// Filtering shared by saved-objects _find and alerting rules _find: text search, references,
// KQL filter and sorting.

import { matchesKql } from '../../query/kql.js';
import { compareValues } from '../../query/paging.js';
import { matchesSimpleQuery } from '../../query/simple-query.js';
import type { SavedObject } from '../../state/saved-object-store.js';
import type { ObjectRef } from './transfer.js';

export interface FindQuery {
  search?: string;
  search_fields?: string | string[];
  fields?: string | string[];
  filter?: string;
  has_reference?: ObjectRef | ObjectRef[];
  has_reference_operator?: string;
  sort_field?: string;
  page?: number;
  per_page?: number;
}

/** Kibana's `simple_query_string` on the search fields (`title^3`: a boosted field): any word matches. */
function matchesSearch(object: SavedObject, search: string, fields: string[]): boolean {
  return matchesSimpleQuery(
    search,
    fields.map((field) => object.attributes[field.replace(/\^.*$/, '')]),
    'or',
  );
}

function matchesReferences(object: SavedObject, wanted: ObjectRef[], operator: string | undefined): boolean {
  const has = (ref: ObjectRef) => object.references.some((reference) => reference.type === ref.type && reference.id === ref.id);
  return operator === 'AND' ? wanted.every(has) : wanted.some(has);
}

export function findSavedObjects(objects: SavedObject[], query: FindQuery) {
  let found = objects;
  if (query.search) {
    const fields = query.search_fields ? [query.search_fields].flat() : ['title', 'name'];
    found = found.filter((object) => matchesSearch(object, query.search!, fields));
  }
  if (query.has_reference) {
    const wanted = [query.has_reference].flat();
    found = found.filter((object) => matchesReferences(object, wanted, query.has_reference_operator));
  }
  if (query.filter) {
    // `dashboard.attributes.title` reads `attributes.title` of a dashboard.
    found = found.filter((object) => matchesKql(query.filter!, object, (field) => field.replace(/^[^.]+\./, '')));
  }
  if (query.sort_field) {
    const field = query.sort_field;
    found = [...found].sort((a, b) => compareValues(sortValue(a, field), sortValue(b, field)));
  }
  return found;
}

/** Sorts on an attribute, or on a top-level field such as updated_at. */
function sortValue(object: SavedObject, field: string): unknown {
  return field in object.attributes ? object.attributes[field] : (object as unknown as Record<string, unknown>)[field];
}
