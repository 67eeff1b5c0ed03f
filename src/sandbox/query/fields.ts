// Reads a dotted field from a document whose keys may be nested objects (`host: {name}`) or
// flat dotted keys (`"kibana.alert.workflow_status"`), as alert documents mix both.

function getField(source: unknown, path: string): unknown {
  if (Array.isArray(source)) {
    const values = source.map((item) => getField(item, path)).filter((value) => value !== undefined);
    return values.length > 0 ? values.flat() : undefined;
  }
  if (source === null || typeof source !== 'object') return undefined;
  const record = source as Record<string, unknown>;
  if (path in record) return record[path];
  const parts = path.split('.');
  for (let split = parts.length - 1; split > 0; split--) {
    const head = parts.slice(0, split).join('.');
    if (!(head in record)) continue;
    const found = getField(record[head], parts.slice(split).join('.'));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A field's values as a flat list (a missing field has none). */
export function fieldValues(source: unknown, path: string): unknown[] {
  const value = getField(source, path);
  return value === undefined || value === null ? [] : [value].flat();
}
