// The length of a value's JSON text, counted without building the text: a large answer is measured
// (does it fit the result cap? which of its lists is the largest?) without a second copy of it in
// memory. Counted as JSON.stringify writes it; `limit` stops the count once it is passed.

/**
 * JSON.stringify(value).length, or a number above `limit` once the count passes it. Values that
 * JSON.stringify treats in its own ways (toJSON, Map, class instances) are measured by it, in place.
 */
export function jsonLength(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  const counter = { length: 0, limit };
  count(value, counter);
  return counter.length;
}

interface Counter {
  length: number;
  limit: number;
}

function count(value: unknown, counter: Counter): void {
  if (counter.length > counter.limit) return;
  switch (typeof value) {
    case 'string':
      counter.length += stringLength(value);
      return;
    case 'number':
      counter.length += Number.isFinite(value) ? String(value).length : 4;
      return;
    case 'boolean':
      counter.length += value ? 4 : 5;
      return;
    case 'object':
      if (value === null) counter.length += 4;
      else if (Array.isArray(value)) countArray(value, counter);
      else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) countObject(value, counter);
      else counter.length += (JSON.stringify(value) ?? '').length;
      return;
    default:
      // undefined, functions and symbols: an array writes null for them, an object leaves the member out (countObject).
      counter.length += 4;
  }
}

function countArray(items: readonly unknown[], counter: Counter): void {
  counter.length += 2 + Math.max(0, items.length - 1);
  for (const item of items) {
    count(item, counter);
    if (counter.length > counter.limit) return;
  }
}

function countObject(object: object, counter: Counter): void {
  if ('toJSON' in object && typeof object.toJSON === 'function') {
    counter.length += (JSON.stringify(object) ?? '').length;
    return;
  }
  let members = 0;
  counter.length += 2;
  for (const [key, member] of Object.entries(object)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    counter.length += (members > 0 ? 1 : 0) + stringLength(key) + 1;
    members += 1;
    count(member, counter);
    if (counter.length > counter.limit) return;
  }
}

/** Length of the JSON string literal: quotes, two-character escapes, \u escapes of control characters and lone surrogates. */
function stringLength(text: string): number {
  let length = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) length += 1;
    else if (code < 0x20) length += 5;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const pair = code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) i += 1;
      else length += 5;
    }
  }
  return length;
}
