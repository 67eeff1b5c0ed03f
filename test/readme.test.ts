// The README is the user's reference: it must name every option and describe the toolsets as generated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../src/config/options.js';
import { toolTokens } from '../src/generator/tokens.js';
import { variantGroups } from '../src/tools/variants.js';
import { ALL_TOOLS, toolsets } from './support/tools.js';

/** Each name once, in the form of the oldest version it exists on, as the table counts them. */
const tools = variantGroups(ALL_TOOLS).map((group) => group[0]!);

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every flag with its environment variable and default', () => {
    for (const option of OPTIONS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`--${option.flag}`));
      expect(row, `--${option.flag}`).toBeDefined();
      expect(row).toContain(`\`${option.env}\``);
      if ('default' in option) expect(row).toContain(`\`${option.default}\``);
    }
  });

  it('has a toolsets table that matches the generated tools', () => {
    for (const toolset of toolsets) {
      const members = tools.filter((tool) => tool.toolset === toolset.id);
      const tokens = members.reduce((sum, tool) => sum + toolTokens(tool), 0);
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${toolset.id}\` |`));
      expect(row, toolset.id).toBeDefined();
      const [, , isDefault, count, tokenCell] = row!.split('|').map((cell) => cell.trim());
      expect(isDefault, toolset.id).toBe(toolset.default ? 'yes' : '');
      expect(Number(count), toolset.id).toBe(members.length);
      expect(Number(tokenCell!.replace(',', '')), toolset.id).toBe(tokens);
    }
  });

  it('gives a two-command quick start', () => {
    const quickStart = /## Quick start\n\n```sh\n(.+)\n(.+)\n```/.exec(readme);
    expect(quickStart?.[1]).toBe('npm install && npm run demo');
    expect(quickStart?.[2]).toBe('npm test');
  });
});
