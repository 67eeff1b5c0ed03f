// `kibana-mcp list-tools` in-process: one version's tools with --kibana-version, every version's without.
import { describe, expect, it } from 'vitest';
import { runListTools } from '../../src/commands/list-tools.js';
import { readOptions } from '../../src/config/read-options.js';
import { compareVersions } from '../../src/kibana/versions.js';

async function listTools(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  expect(await runListTools(readOptions(argv, {}), (line) => lines.push(line))).toBe(0);
  return lines;
}

describe('kibana-mcp list-tools', () => {
  it('prints what a configuration exposes, with tier, tokens and versions', async () => {
    const lines = await listTools(['--toolsets', 'platform,cases', '--tier', 'read', '--exclude', 'get_task_manager_health']);
    const rows = lines.filter((line) => /^[a-z_]+\s+(platform|cases)\s+/.test(line));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((line) => /\sread\s+\d+\s+every version$/.test(line))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^get_status\s+platform\s+read\s+\d+\s+every version$/));
    expect(lines.join('\n')).not.toContain('get_task_manager_health');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${rows.length} tools, \\d+ tokens of tool definitions \\(o200k_base`)));
  });

  it('without --kibana-version: every version’s tools, and it says so; with it: that version’s only', async () => {
    const all = ['--toolsets', 'all', '--tier', 'destructive'];
    const every = toolRows(await listTools(all));
    expect((await listTools(all))[0]).toMatch(/^Every Kibana version: each name once, with its newest variant/);
    expect(new Set(every.map((row) => row.name)).size).toBe(every.length);
    for (const version of ['8.18.2', '9.0.0', '9.3.0', '9.4.0']) {
      const lines = await listTools([...all, '--kibana-version', version]);
      expect(lines[0]).toBe(`Kibana ${version}:`);
      const rows = toolRows(lines);
      expect(rows.filter((row) => !holds(row.versions, version)).map((row) => row.name)).toEqual([]);
      expect(rows.map((row) => row.name).filter((name) => !every.some((row) => row.name === name))).toEqual([]);
    }
  });
});

/** The tool rows of a listing: name and Kibana versions cell. */
function toolRows(lines: string[]): Array<{ name: string; versions: string }> {
  return lines.flatMap((line) => {
    const match = /^([a-z0-9_]+)\s+[a-z_]+\s+(?:read|write|destructive)\s+\d+\s+(.+)$/.exec(line);
    return match ? [{ name: match[1]!, versions: match[2]! }] : [];
  });
}

/** Whether a one-range versions cell (`every version`, `before X`, `X and later`, `X to Y (exclusive)`) holds `version`. */
function holds(cell: string, version: string): boolean {
  const from = /^(\S+) (?:and later|to )/.exec(cell)?.[1];
  const until = /(?:^before |to )(\S+)/.exec(cell)?.[1];
  return (from === undefined || compareVersions(version, from) >= 0) && (until === undefined || compareVersions(version, until) < 0);
}
