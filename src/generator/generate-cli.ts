// `npm run generate [-- --out dir]`
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runCli } from './cli.js';
import { DASHBOARD_SCHEMAS_FILE, dashboardSchemasModule } from './emit-dashboard-schemas.js';
import { generateFromFacts } from './generate.js';
import { factsFile, PATHS } from './paths.js';
import { loadSpecSources } from './spec-sources.js';
import { loadToolsets } from './toolsets.js';

const USAGE = `
generate [--out dir]

Writes the generated tools (${PATHS.generated}, or --out) from the facts documents in
${PATHS.facts}/ (one per spec of ${PATHS.specs}) and the selection ${PATHS.toolsets}, removing
generated files that are no longer produced, and the dashboard task tools' advertised schemas
(${DASHBOARD_SCHEMAS_FILE}) from their validators. Exits 1 when a selected tool cannot be generated.
`;

await runCli(
  { name: 'generate', usage: USAGE, options: { out: { type: 'string', default: PATHS.generated } }, positionals: [] },
  async ({ values }) => {
    const out = values.out;
    const { specs } = await loadSpecSources(PATHS.specs);
    const facts = await Promise.all(
      specs.map(async ({ id }) => ({ spec: id, text: await readFile(join(PATHS.facts, factsFile(id)), 'utf8') })),
    );
    const { files, skipped } = generateFromFacts(facts, await loadToolsets(PATHS.toolsets));
    await mkdir(out, { recursive: true });
    const existing = (await readdir(out, { recursive: true })).filter((file) => /\.(ts|json)$/.test(file));
    for (const stale of existing.filter((file) => !files.has(file.split('\\').join('/')))) await rm(join(out, stale));
    for (const [file, text] of files) {
      await mkdir(dirname(join(out, file)), { recursive: true });
      await writeFile(join(out, file), text);
    }
    await writeFile(DASHBOARD_SCHEMAS_FILE, dashboardSchemasModule());
    for (const { tool, reason } of skipped) process.stderr.write(`skipped ${tool}: ${reason}\n`);
    process.stdout.write(`wrote ${files.size} files to ${out}, and ${DASHBOARD_SCHEMAS_FILE}\n`);
    return skipped.length > 0 ? 1 : 0;
  },
);
