// Every operation the product's reference documents name (../shared/notes/seed-operations.md) is
// reachable by a curated tool on each tested Kibana version that has it, or is named below as left
// to the full-API tools, with why.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { canonicalKey } from '../../src/kibana/spaces.js';
import { toolsOnVersion } from '../../src/tools/spec.js';
import { ALL_VARIANTS } from '../support/tools.js';

const SEEDS = resolve(import.meta.dirname, '../../../shared/notes/seed-operations.md');
const HAVE_SEEDS = existsSync(SEEDS);
const VERSIONS = ['8.18.2', '9.0.0', '9.3.0', '9.4.0'];

/** Seed operations a curated tool reaches through another operation, or that only the full-API tools reach, and why. */
const ELSEWHERE: Record<string, { tool?: string; why: string }> = {
  'DELETE /api/detection_engine/rules/_bulk_delete': {
    why: 'deprecated in 8.x and gone in 9.x; perform_detection_rules_bulk_action with action delete does the same work on every version',
  },
  'GET /api/endpoint/action/{action_id}/file/{file_id}/download': {
    tool: 'get_endpoint_action_file',
    why: 'the download answers bytes; the tool reads the file information and names the download path instead',
  },
};

function seedOperations(): string[] {
  return readFileSync(SEEDS, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const match = /^\| `(GET|POST|PUT|PATCH|DELETE) (\S+)`/.exec(line);
      return match ? [canonicalKey(match[1]!, match[2]!)] : [];
    });
}

describe.skipIf(!HAVE_SEEDS)(`the seed operations${HAVE_SEEDS ? '' : ' (skipped: ../shared/notes/seed-operations.md not found)'}`, () => {
  it.each(VERSIONS)('are each reached by a curated tool on %s, where that version has them', async (version) => {
    const catalogue = await loadCatalogue(version);
    const known = new Set(catalogue.operations.map((operation) => canonicalKey(operation.method, operation.path)));
    const tools = toolsOnVersion(ALL_VARIANTS, version);
    const unreached: string[] = [];
    for (const seed of seedOperations().filter((operation) => known.has(operation))) {
      const direct = tools.find((tool) => canonicalKey(tool.operation.method, tool.operation.path) === seed);
      const elsewhere = ELSEWHERE[seed];
      if (direct || (elsewhere && (elsewhere.tool === undefined || tools.some((tool) => tool.name === elsewhere.tool)))) continue;
      unreached.push(seed);
    }
    expect(unreached).toEqual([]);
  });

  it('name only operations some tested version has', async () => {
    const known = new Set<string>();
    for (const version of VERSIONS)
      for (const operation of (await loadCatalogue(version)).operations) known.add(canonicalKey(operation.method, operation.path));
    expect(seedOperations().filter((operation) => !known.has(operation))).toEqual([]);
    expect(seedOperations().length).toBeGreaterThanOrEqual(18);
  });
});
