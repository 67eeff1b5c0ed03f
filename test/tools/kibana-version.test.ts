import { describe, expect, it } from 'vitest';
import { isAtLeast } from '../../src/tools/kibana-version.js';

describe('isAtLeast', () => {
  it.each([
    ['9.4.0', '9.4.0', true],
    ['9.4.1', '9.4.0', true],
    ['9.10.0', '9.4.0', true],
    ['10.0.0', '9.4.0', true],
    ['9.3.9', '9.4.0', false],
    ['8.18.2', '9.4.0', false],
    ['9.4.0-SNAPSHOT', '9.4.0', true],
    ['9.3.0-SNAPSHOT', '9.4.0', false],
  ])('%s is at least %s: %s', (version, floor, expected) => {
    expect(isAtLeast(version, floor)).toBe(expected);
  });
});
