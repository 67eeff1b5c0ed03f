// Token cost of tool definitions as an agent sees them in `tools/list`, counted offline with
// js-tiktoken's bundled `o200k_base` encoding (the GPT-4o family's; a close proxy for others).
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { listedTool, type ListedToolSource } from '../tools/listing.js';

export const TOKEN_ENCODING = 'o200k_base';

let encoder: Tiktoken | undefined;

export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200kBase);
  return encoder.encode(text).length;
}

/** Tokens of one tool's definition, serialised as compact JSON like a `tools/list` result. */
export function toolTokens(tool: ListedToolSource): number {
  return countTokens(JSON.stringify(listedTool(tool)));
}
