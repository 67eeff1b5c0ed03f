// Tool argument names an agent can predict: snake_case everywhere, and one name for each concept
// that recurs across Kibana's APIs, whatever an operation calls it on the wire (`perPage`,
// `pageSize`, `page_size` → `per_page`; `kuery`, `kqlQuery` → `filter`). Requests map each argument
// back to its operation's own wire name.

/** The names of the recurring concepts. */
export const CONCEPTS = ['page', 'per_page', 'sort_field', 'sort_order', 'search', 'filter', 'fields', 'space_id'] as const;
export type Concept = (typeof CONCEPTS)[number];

/** Wire names that always mean a concept. Others that only sometimes do are renamed per operation in toolsets.yaml (`rename`). */
const CONCEPT_OF: Record<string, Concept> = {
  perPage: 'per_page',
  pageSize: 'per_page',
  page_size: 'per_page',
  page_index: 'page',
  sortField: 'sort_field',
  sortBy: 'sort_field',
  sortOrder: 'sort_order',
  sortDirection: 'sort_order',
  kuery: 'filter',
  kqlQuery: 'filter',
  spaceId: 'space_id',
};

/** An argument name: `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`. */
export const ARGUMENT_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** The argument name of a wire name (`renames` are the operation's own, by wire name). */
export function argumentName(wireName: string, renames: Readonly<Record<string, string>> = {}): string {
  const name = renames[wireName] ?? CONCEPT_OF[wireName] ?? snakeCase(wireName);
  if (!ARGUMENT_NAME.test(name)) throw new Error(`parameter "${wireName}" has no usable argument name`);
  return name;
}

/** `includeReferencesDeep` → `include_references_deep`, `_source` → `source`, `x-y.z` → `x_y_z`. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
