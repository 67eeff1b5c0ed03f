// Generated data is source a reviewer can read: the same value back, lines within the width.
import { describe, expect, it } from 'vitest';
import { LINE_WIDTH, sourceLiteral } from '../../src/generator/source-literal.js';

const evaluate = (source: string): unknown => new Function(`return (${source});`)();
const longest = (source: string) => Math.max(...source.split('\n').map((line) => line.length));

describe('sourceLiteral', () => {
  const value = {
    type: 'object',
    'x-odd key': [1, -2.5, true, null, 'a "quoted" \\ text'],
    __proto__: { shadow: true },
    properties: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`field_${i}`, { type: 'string', enum: ['a', 'b', `c${i}`] }])),
    text: 'word '.repeat(100).trim(),
    token: 'x'.repeat(400),
    empty: { list: [], map: {} },
  };

  it('evaluates to the same value, keys in the same order, a __proto__ key as an own property', () => {
    const back = evaluate(sourceLiteral(JSON.parse(JSON.stringify(value)))) as Record<string, unknown>;
    expect(JSON.stringify(back)).toBe(JSON.stringify(JSON.parse(JSON.stringify(value))));
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('keeps every line within the width, splitting long strings, even deep inside', () => {
    const nested = { a: { b: { c: JSON.parse(JSON.stringify(value)) } } };
    expect(longest(sourceLiteral(nested, 4, 20))).toBeLessThanOrEqual(LINE_WIDTH);
    expect(sourceLiteral('word '.repeat(60), 0, 10).split('\n').length).toBeGreaterThan(2);
  });

  it('puts what fits on one line', () => {
    expect(sourceLiteral({ type: 'string', enum: ['a', 'b'] })).toBe('{ type: "string", enum: ["a", "b"] }');
    expect(sourceLiteral({ list: [], map: {} })).toBe('{ list: [], map: {} }');
  });
});
