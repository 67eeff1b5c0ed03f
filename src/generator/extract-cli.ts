// `npm run openapi:extract [-- --specs dir]`
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from '../openapi/document.js';
import { buildCatalogue, type CatalogueResult } from './catalogue.js';
import { runCli } from './cli.js';
import { extractFacts, readSpecs, type ExtractInput, type ExtractResult } from './extract.js';
import { toYaml } from './facts-document.js';
import { parseOperationList } from './operation-list.js';
import { catalogueFile, factsFile, PATHS } from './paths.js';
import { loadSpecSources, readSource } from './spec-sources.js';
import { loadToolsets } from './toolsets.js';

const USAGE = `
openapi:extract [--specs dir]

Reads the upstream Kibana specs and the operation list that ${PATHS.specs} names, from --specs
(default ${PATHS.specsDir}), checking their checksums, and writes the facts-only document of the
operations ${PATHS.toolsets} selects, one per spec, to ${PATHS.facts}/, and the catalogue of
every operation to ${PATHS.catalogue}/ (removing stale files in both). Exits 1 when an operation
cannot be converted or a selection entry names arguments no spec has.
`;

await runCli(
  { name: 'openapi:extract', usage: USAGE, options: { specs: { type: 'string', default: PATHS.specsDir } }, positionals: [] },
  async ({ values }) => {
    const input = await loadExtractInput(values.specs);
    const read = readSpecs(input);
    const result = extractFacts(input, read);
    const catalogue = buildCatalogue(input, read);
    await writeDirectory(PATHS.facts, new Map([...result.documents].map(([id, document]) => [factsFile(id), toYaml(document)])));
    await writeDirectory(
      PATHS.catalogue,
      new Map([...catalogue.documents].map(([id, document]) => [catalogueFile(id), JSON.stringify(document)])),
    );
    process.stdout.write(report(result, catalogue));
    return result.skipped.length + result.warnings.length > 0 ? 1 : 0;
  },
);

/** Everything extraction reads: the sources of openapi/specs.yaml (checked) and the selection. */
export async function loadExtractInput(specsDir: string): Promise<ExtractInput> {
  const sources = await loadSpecSources(PATHS.specs);
  const specs = await Promise.all(
    sources.specs.map(async (source) => ({ source, document: parseDocument(await readSource(specsDir, source), source.file) })),
  );
  const list = sources.operationList;
  return {
    specs,
    list: { source: list, operations: parseOperationList(await readSource(specsDir, list), list.file) },
    toolsets: await loadToolsets(PATHS.toolsets),
  };
}

/** Writes `files` into `dir` and removes the files it held that are no longer produced. */
async function writeDirectory(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const stale of (await readdir(dir)).filter((file) => !files.has(file))) await rm(join(dir, stale));
  for (const [file, text] of files) await writeFile(join(dir, file), text);
}

function report({ documents, skipped, warnings }: ExtractResult, catalogue: CatalogueResult): string {
  const count = (document: Record<string, unknown>) => Object.values(document.paths as object).flatMap(Object.keys).length;
  const lines = [...documents].map(([id, document]) => `facts ${id}: ${count(document)} operations`);
  lines.push(...[...catalogue.documents].map(([id, document]) => `catalogue ${id}: ${count(document)} operations`));
  lines.push(...skipped.map(({ operation, reason }) => `skipped ${operation}: ${reason}`));
  lines.push(...catalogue.schemaless.map(({ operation, reason }) => `catalogue lists ${operation} without schemas: ${reason}`));
  lines.push(...warnings.map((w) => `warning: ${w}`), `wrote ${PATHS.facts}/ and ${PATHS.catalogue}/`);
  return `${lines.join('\n')}\n`;
}
