// Token budgets (o200k_base) of what each Kibana version gets: every tool, the default toolsets, all tools.
import { describe, expect, it } from 'vitest';
import { reportedVersions, versionFigures } from '../../src/generator/report.js';
import { toolTokens } from '../../src/generator/tokens.js';
import { generatedTool } from '../../src/tools/call.js';
import { toolsOnVersion } from '../../src/tools/spec.js';
import { ALL_VARIANTS as variants, toolsets } from '../support/tools.js';

const tokens = new Map(variants.map((tool) => [tool, toolTokens(tool)]));

describe('token budget (o200k_base)', () => {
  it('ships the token count of every variant as a fresh count finds it', () => {
    expect(variants.filter((tool) => tool.tokens !== tokens.get(tool)).map((tool) => tool.name)).toEqual([]);
  });

  it('ships the token count of every variant as the server lists it: the runtime adds nothing to a generated entry', () => {
    expect(variants.filter((tool) => toolTokens(generatedTool(tool)) !== tool.tokens).map((tool) => tool.name)).toEqual([]);
  });

  it('every variant of every tool ≤ 2,500 tokens', () => {
    expect(
      variants.filter((tool) => (tokens.get(tool) ?? 0) > 2_500).map((tool) => `${tool.name} ${JSON.stringify(tool.versions)}`),
    ).toEqual([]);
  });

  it('is checked on 8.18, 9.0, 9.3 and 9.4, and wherever the tool set changes', () => {
    expect(reportedVersions(variants)).toEqual(expect.arrayContaining(['8.18.2', '9.0.0', '9.3.0', '9.4.0', '9.5.0']));
  });

  it.each(reportedVersions(variants))('on %s: the default toolsets ≤ 10,000, all tools ≤ 35,000, a toolset ≤ 21 tools', (version) => {
    const { defaults, all } = versionFigures(variants, toolsets, version);
    expect(defaults.tokens).toBeLessThanOrEqual(10_000);
    expect(all.tokens).toBeLessThanOrEqual(35_000);
    const tools = toolsOnVersion(variants, version);
    for (const toolset of toolsets) expect(tools.filter((t) => t.toolset === toolset.id).length, toolset.id).toBeLessThanOrEqual(21);
  });
});
