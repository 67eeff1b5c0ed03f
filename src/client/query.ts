// Query-string serialisation. Kibana's spec declares no `style`/`explode`, so one rule set is
// picked here: arrays repeat the key, objects travel as JSON, everything is percent-encoded.

import { toJson } from './body.js';
import type { QueryValue } from './types.js';
import { wellFormed } from './url.js';

/** Returns `?a=1&b=2`, or `''` when nothing is left after dropping null/undefined values. */
export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === null || value === undefined) continue;
    const name = encodeURIComponent(wellFormed(key, `query parameter name '${key}'`));
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      out += `${out === '' ? '?' : '&'}${name}=${encodeURIComponent(wellFormed(scalar(key, item), `query parameter '${key}'`))}`;
    }
  }
  return out;
}

function scalar(key: string, value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return decimal(key, value);
    case 'object':
      return toJson(value, `query parameter '${key}'`);
    default:
      throw new TypeError(`query parameter '${key}' has unsupported type ${typeof value}`);
  }
}

/** `String(n)` switches to exponent notation (`1e+21`, `1e-7`), which Kibana's parsers reject. */
function decimal(key: string, value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`query parameter '${key}' is not a finite number`);
  const text = String(value);
  return text.includes('e') ? value.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 21 }) : text;
}
