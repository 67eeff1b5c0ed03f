// Dashboard filters as Kibana 8.x stores them in the search source (`meta` + query DSL), and back.
import type { FlatFilter } from '../flat.js';
import { asArray, asRecord } from '../json.js';

export function storedFilter(filter: FlatFilter): Record<string, unknown> {
  const { field, value } = filter;
  const meta = { alias: null, negate: filter.negate ?? false, disabled: false, key: field };
  switch (filter.operator) {
    case 'is':
      return {
        meta: { ...meta, type: 'phrase', params: { query: value } },
        query: { match_phrase: { [field]: value } },
        $state: { store: 'appState' },
      };
    case 'is_one_of': {
      const values = asArray(value);
      const should = values.map((item) => ({ match_phrase: { [field]: item } }));
      return {
        meta: { ...meta, type: 'phrases', params: values },
        query: { bool: { should, minimum_should_match: 1 } },
        $state: { store: 'appState' },
      };
    }
    case 'range':
      return { meta: { ...meta, type: 'range', params: value }, query: { range: { [field]: value } }, $state: { store: 'appState' } };
    case 'exists':
      return { meta: { ...meta, type: 'exists', value: 'exists' }, query: { exists: { field } }, $state: { store: 'appState' } };
  }
}

/** The flat filter a stored one stands for, when it is one of the four kinds we write. */
export function flatFilter(stored: unknown): FlatFilter | undefined {
  const meta = asRecord(asRecord(stored).meta);
  const field = meta.key;
  if (typeof field !== 'string' || meta.disabled === true || (meta.alias !== null && meta.alias !== undefined)) return undefined;
  const negate = meta.negate === true ? { negate: true } : {};
  switch (meta.type) {
    case 'phrase': {
      const value = asRecord(meta.params).query;
      return isScalar(value) ? { field, operator: 'is', value, ...negate } : undefined;
    }
    case 'phrases': {
      const values = asArray(meta.params);
      return values.length > 0 && values.every(isScalar) ? { field, operator: 'is_one_of', value: values, ...negate } : undefined;
    }
    case 'range': {
      const bounds = asRecord(meta.params);
      const numeric = Object.entries(bounds).every(([key, bound]) => ['gte', 'gt', 'lte', 'lt'].includes(key) && typeof bound === 'number');
      return numeric && Object.keys(bounds).length > 0
        ? { field, operator: 'range', value: bounds as Record<string, number>, ...negate }
        : undefined;
    }
    case 'exists':
      return { field, operator: 'exists', ...negate };
    default:
      return undefined;
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
