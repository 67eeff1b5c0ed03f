// Token cost of tool definitions as an agent sees them in `tools/list`, counted offline with
// js-tiktoken's bundled `o200k_base` encoding (the GPT-4o family's; a close proxy for others).
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { listedTool, type ListedToolSource } from '../tools/listing.js';

export const TOKEN_ENCODING = 'o200k_base';

let encoder: Tiktoken | undefined;
// The encoding splits a text into pieces (words, runs of punctuation, spaces) and encodes each on its
// own, so a text's count is the sum of its pieces'. Schemas repeat the same pieces over and over, and
// the generator counts each tool at several depths: each piece is encoded once.
const PIECES = new RegExp(o200kBase.pat_str, 'gu');
const SPECIAL = new RegExp(
  Object.keys(o200kBase.special_tokens)
    .map((token) => token.replace(/[|]/g, '\\|'))
    .join('|'),
);
const piecesCounted = new Map<string, number>();

export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200kBase);
  // The encoder refuses special tokens in a text; split into pieces, it would count them instead.
  if (SPECIAL.test(text)) return encoder.encode(text).length;
  let count = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    let tokens = piecesCounted.get(piece);
    if (tokens === undefined) {
      tokens = encoder.encode(piece).length;
      piecesCounted.set(piece, tokens);
    }
    count += tokens;
  }
  return count;
}

/** Tokens of one tool's definition, serialised as compact JSON like a `tools/list` result. */
export function toolTokens(tool: ListedToolSource): number {
  return countTokens(JSON.stringify(listedTool(tool)));
}
