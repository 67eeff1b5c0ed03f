// Token budgets (o200k_base) of what each Kibana version gets: every tool, the default toolsets, all tools.
import { describe, expect, it } from 'vitest';
import { toolTokens } from '../../src/generator/tokens.js';
import { toolsOnVersion } from '../../src/tools/spec.js';
import { ALL_VARIANTS as variants, toolsets } from '../support/tools.js';

const VERSIONS = ['8.18.2', '9.3.0', '9.4.0'];
const defaults = new Set(toolsets.filter((t) => t.default).map((t) => t.id));
const tokens = new Map(variants.map((tool) => [tool, toolTokens(tool)]));
const sum = (list: typeof variants) => list.reduce((total, tool) => total + (tokens.get(tool) ?? 0), 0);

describe('token budget (o200k_base)', () => {
  it('ships the token count of every variant as a fresh count finds it', () => {
    expect(variants.filter((tool) => tool.tokens !== tokens.get(tool)).map((tool) => tool.name)).toEqual([]);
  });

  it('every variant of every tool ≤ 2,500 tokens', () => {
    expect(
      variants.filter((tool) => (tokens.get(tool) ?? 0) > 2_500).map((tool) => `${tool.name} ${JSON.stringify(tool.versions)}`),
    ).toEqual([]);
  });

  it.each(VERSIONS)('on %s: the default toolsets ≤ 10,000, all tools ≤ 35,000, a toolset ≤ 21 tools', (version) => {
    const tools = toolsOnVersion(variants, version);
    expect(sum(tools.filter((t) => defaults.has(t.toolset)))).toBeLessThanOrEqual(10_000);
    expect(sum(tools)).toBeLessThanOrEqual(35_000);
    for (const toolset of toolsets) expect(tools.filter((t) => t.toolset === toolset.id).length, toolset.id).toBeLessThanOrEqual(21);
  });
});
