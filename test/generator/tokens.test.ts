// countTokens counts a text piece by piece, each piece encoded once: the same count as encoding the whole text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/generator/tokens.js';

const ROOT = resolve(import.meta.dirname, '../..');
const encoder = new Tiktoken(o200kBase);

const TEXTS: Array<[string, string]> = [
  ['prose and tables (the README)', readFileSync(resolve(ROOT, 'README.md'), 'utf8')],
  ['a catalogued spec, compact JSON', readFileSync(resolve(ROOT, 'openapi/catalogue/kibana-8.18.json'), 'utf8').slice(0, 200_000)],
  ['accents, digits, contractions and runs of spaces', "héllo wörld  \n\n 1234567 it's  Kibana's\t\tspaces   end   "],
  ['nothing', ''],
];

describe('countTokens', () => {
  it.each(TEXTS)('counts %s as the encoder does', (_what, text) => {
    expect(countTokens(text)).toBe(encoder.encode(text).length);
    // Counted again, from pieces already seen.
    expect(countTokens(text)).toBe(encoder.encode(text).length);
  });

  it('refuses a special token as the encoder does', () => {
    expect(() => countTokens('a <|endoftext|> b')).toThrow(/special token/);
  });
});
