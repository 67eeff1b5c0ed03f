import { describe, expect, it } from 'vitest';
import { runListTools } from '../../src/commands/list-tools.js';
import { readOptions } from '../../src/config/read-options.js';

describe('kibana-mcp list-tools', () => {
  it('prints what a configuration exposes, with tier and tokens', async () => {
    const lines: string[] = [];
    const argv = ['--toolsets', 'platform,cases', '--tier', 'read', '--exclude', 'get_task_manager_health'];
    expect(await runListTools(readOptions(argv, {}), (line) => lines.push(line))).toBe(0);
    const rows = lines.filter((line) => /^[a-z_]+\s+(platform|cases)\s+/.test(line));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((line) => /\sread\s+\d+$/.test(line))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^get_status\s+platform\s+read\s+\d+$/));
    expect(lines.join('\n')).not.toContain('get_task_manager_health');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${rows.length} tools, \\d+ tokens of tool definitions \\(o200k_base`)));
  });
});
