// The connected Kibana's operations, indexed once for the three full-API tools: by words and by path.
import type { CatalogueEntry } from './catalogue.js';
import { buildPathIndex, type PathIndex } from './path-index.js';
import { buildSearchIndex, type SearchIndex } from './search-index.js';

export interface ApiIndex {
  readonly entries: readonly CatalogueEntry[];
  readonly search: SearchIndex;
  readonly paths: PathIndex;
}

/** `entries` are the operations of one Kibana version (the caller picks the version). */
export function indexCatalogue(entries: readonly CatalogueEntry[]): ApiIndex {
  return { entries, search: buildSearchIndex(entries), paths: buildPathIndex(entries) };
}
