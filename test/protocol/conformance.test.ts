// The MCP conformance suite's server scenarios, every one of them, in each era over HTTP: the
// 2026-07-28 requirements, and the 2025-11-25 and 2025-06-18 scenarios. Each check that does not
// pass must be named in conformance/not-applicable.yaml with its reason, and each entry there must
// still fail somewhere. The suite is 0.2.0-alpha.12 (the newest, and the first with 2026-07-28),
// run on Node 20 through conformance/node20.mjs (it imports fs.globSync, a Node 22 function, for
// tier checks these tests do not run).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import type { RunningHttpServer } from '../../src/server/http.js';
import { serveOnLoopback } from '../support/http-server.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { testRuntime } from '../support/runtime.js';

const CONFORMANCE = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url));
const NODE20 = fileURLToPath(new URL('./conformance/node20.mjs', import.meta.url));
const NOT_APPLICABLE = parse(readFileSync(new URL('./conformance/not-applicable.yaml', import.meta.url), 'utf8')) as Record<string, string>;

/** Each era's selection, and the scenarios a tools-only server must pass in it (each with at least one passing check). */
const ERAS = [
  [
    '2026-07-28',
    ['--requirements', '2026-07-28'],
    ['server-stateless', 'tools-list', 'caching', 'http-header-validation', 'dns-rebinding-protection'],
  ],
  ['2025-11-25', ['--spec-version', '2025-11-25'], ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection']],
  ['2025-06-18', ['--spec-version', '2025-06-18'], ['server-initialize', 'ping', 'tools-list']],
] as const;

interface Check {
  scenario: string;
  id: string;
  status: string;
}

let kibana: RecordingKibana;
let runtime: ToolRuntime;
let server: RunningHttpServer;
const outputs: string[] = [];
/** Entries of not-applicable.yaml seen failing, in any era. */
const seenFailing = new Set<string>();

beforeAll(async () => {
  kibana = await startRecordingKibana();
  runtime = testRuntime(kibana.url);
  server = await serveOnLoopback(runtime);
});
afterAll(async () => {
  await server.close();
  await runtime.close();
  await kibana.stop();
  for (const dir of outputs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the suite and reads every check of every scenario from its results directory. */
async function runSuite(selection: readonly string[]): Promise<Check[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-conformance-'));
  outputs.push(dir);
  const args = ['--import', NODE20, CONFORMANCE, 'server', '--url', server.url, ...selection, '-o', dir];
  // The suite exits 1 when any check fails; the results directory is what counts.
  await new Promise<void>((resolve) =>
    execFile(process.execPath, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, () => resolve()),
  );
  return readdirSync(dir).flatMap((entry) => {
    const scenario = entry.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
    const checks = JSON.parse(readFileSync(join(dir, entry, 'checks.json'), 'utf8')) as Array<{ id: string; status: string }>;
    return checks.map((check) => ({ scenario, id: check.id, status: check.status }));
  });
}

describe('MCP conformance (@modelcontextprotocol/conformance 0.2.0-alpha.12), over HTTP', () => {
  it.each(ERAS)(
    '%s: every check passes, or its scenario is named as not applicable',
    async (_era, selection, mustPass) => {
      const checks = await runSuite(selection);
      const scenarios = new Set(checks.map((check) => check.scenario));
      expect(scenarios.size).toBeGreaterThan(20);
      const unexplained: string[] = [];
      for (const check of checks.filter((each) => each.status === 'FAILURE' || each.status === 'WARNING')) {
        const entry = [`${check.scenario}:${check.id}`, check.scenario].find((key) => key in NOT_APPLICABLE);
        if (entry) seenFailing.add(entry);
        else unexplained.push(`${check.scenario}:${check.id} (${check.status})`);
      }
      expect(unexplained).toEqual([]);
      const passed = new Set(checks.filter((check) => check.status === 'SUCCESS').map((check) => check.scenario));
      expect([...passed]).toEqual(expect.arrayContaining([...mustPass]));
    },
    150_000,
  );

  it('names no scenario as not applicable that passes in every era', () => {
    expect(Object.keys(NOT_APPLICABLE).filter((entry) => !seenFailing.has(entry))).toEqual([]);
  });
});
