// `npm run openapi:extract -- <spec> [--all] [--out file] [--toolsets file]`
// Writes the facts-only document of the selected operations (default `openapi/kibana.yaml`);
// with `--all`, converts every operation and reports converted/skipped by reason.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { extractDocument, type ExtractResult } from './extract.js';
import { loadSpec } from './load-spec.js';
import { loadToolsets } from './toolsets.js';
import { toYaml } from './write-yaml.js';
import { PATHS } from './paths.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { all: { type: 'boolean', default: false }, out: { type: 'string' }, toolsets: { type: 'string', default: PATHS.toolsets } },
});
const specFile = positionals[0];
if (!specFile) {
  process.stderr.write('usage: openapi:extract <spec.yaml|json> [--all] [--out file] [--toolsets file]\n');
  process.exit(2);
}
const result = extractDocument(await loadSpec(specFile), values.all ? 'all' : await loadToolsets(values.toolsets));
const out = values.out ?? (values.all ? undefined : PATHS.kibanaSpec);
if (out) await writeFile(out, toYaml(result.document));
process.stdout.write(report(result, out));
if (!values.all && result.skipped.length > 0) process.exitCode = 1;

function report({ converted, skipped, warnings }: ExtractResult, written: string | undefined): string {
  const lines = [`converted ${converted.length} of ${converted.length + skipped.length} operations`];
  const byReason = new Map<string, string[]>();
  for (const { operation, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), operation]);
  for (const [reason, operations] of [...byReason].sort())
    lines.push(`skipped ${operations.length}: ${reason}`, ...operations.map((op) => `  ${op}`));
  lines.push(...warnings.map((w) => `warning: ${w}`));
  if (written) lines.push(`wrote ${written}`);
  return `${lines.join('\n')}\n`;
}
