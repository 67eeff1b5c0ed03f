// `npm run openapi:extract -- <spec> [--all] [--out file] [--toolsets file]`
import { writeFile } from 'node:fs/promises';
import { loadDocument } from '../openapi/document.js';
import { runCli } from './cli.js';
import { extractDocument, type ExtractResult } from './extract.js';
import { toYaml } from './facts-document.js';
import { PATHS } from './paths.js';
import { loadToolsets } from './toolsets.js';

const USAGE = `
openapi:extract <spec.yaml|json> [--all] [--out file] [--toolsets file]

Reads an upstream Kibana OpenAPI spec and writes the facts-only document of the operations that
the toolsets file selects (default ${PATHS.toolsets}) to --out (default ${PATHS.kibanaSpec}).
With --all, converts every operation of the spec instead and reports what was converted and
what was skipped, with the reason; it writes only with --out.
Exits 1 when a selected operation cannot be converted.
`;

await runCli(
  {
    name: 'openapi:extract',
    usage: USAGE,
    options: { all: { type: 'boolean', default: false }, out: { type: 'string' }, toolsets: { type: 'string', default: PATHS.toolsets } },
    positionals: ['<spec.yaml|json>'],
  },
  async ({ values, positionals }) => {
    const selection = values.all ? 'all' : await loadToolsets(values.toolsets);
    const result = extractDocument(await loadDocument(positionals[0] as string), selection);
    const out = values.out ?? (values.all ? undefined : PATHS.kibanaSpec);
    if (out) await writeFile(out, toYaml(result.document));
    process.stdout.write(report(result, out));
    return !values.all && result.skipped.length > 0 ? 1 : 0;
  },
);

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
