import { describe, expect, it } from 'vitest';
import { toolTokens } from '../../src/generator/tokens.js';
import { ALL_TOOLS as tools, toolsets } from '../support/tools.js';

describe('token budget (o200k_base)', () => {
  const tokens = new Map(tools.map((tool) => [tool, toolTokens(tool)]));
  it.each(tools.map((t) => [t.name, t] as const))('%s ≤ 2,500 tokens', (_name, tool) => {
    expect(tokens.get(tool)).toBeLessThanOrEqual(2_500);
  });
  it('ships the token count of every tool as a fresh count finds it', () => {
    expect(tools.filter((tool) => tool.tokens !== tokens.get(tool)).map((tool) => tool.name)).toEqual([]);
  });
  it('default toolsets together ≤ 10,000 and all tools ≤ 25,000', () => {
    const defaults = new Set(toolsets.filter((t) => t.default).map((t) => t.id));
    const sum = (list: typeof tools) => list.reduce((total, tool) => total + (tokens.get(tool) ?? 0), 0);
    expect(sum(tools.filter((t) => defaults.has(t.toolset)))).toBeLessThanOrEqual(10_000);
    expect(sum(tools)).toBeLessThanOrEqual(25_000);
  });
});
