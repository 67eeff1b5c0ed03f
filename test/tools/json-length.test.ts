// The length of a value's JSON, counted without writing it, is JSON.stringify's length, exactly.
import { describe, expect, it } from 'vitest';
import { jsonLength } from '../../src/tools/json-length.js';

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ODD_TEXTS = [
  '',
  'plain',
  'quote " and \\ back',
  'tab\tnew\nline\r\b\f',
  '\u0001\u001f',
  'é ü 中文',
  '😀 pair',
  '\ud800 lone',
  'low \udc00',
  'x\u2028y',
];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (pick) {
    case 0:
      return ODD_TEXTS[Math.floor(next() * ODD_TEXTS.length)];
    case 1:
      return [0, -1.5, 1e21, 1e-7, 123_456_789, Number.NaN, Number.POSITIVE_INFINITY, -0][Math.floor(next() * 8)];
    case 2:
      return next() > 0.5;
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return new Date(1_700_000_000_000);
    case 6:
      return Array.from({ length: Math.floor(next() * 5) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, (_, i) => [ODD_TEXTS[i % ODD_TEXTS.length]! + i, value(next, depth + 1)]),
      );
  }
}

describe('jsonLength', () => {
  it('is the length JSON.stringify writes, for 2,000 seeded values', () => {
    const next = random(14);
    for (let i = 0; i < 2_000; i++) {
      const sample = { v: value(next, 0) };
      expect(jsonLength(sample), JSON.stringify(sample)).toBe(JSON.stringify(sample).length);
    }
  });

  it('stops counting past its limit, with a count past it', () => {
    const large = { items: Array.from({ length: 10_000 }, (_, i) => ({ id: i, title: 'x'.repeat(50) })) };
    expect(jsonLength(large, 1_000)).toBeGreaterThan(1_000);
    expect(jsonLength(large, 1_000)).toBeLessThan(JSON.stringify(large).length / 10);
    expect(jsonLength(large)).toBe(JSON.stringify(large).length);
  });
});
