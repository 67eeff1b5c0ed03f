// The upstream specs of openapi/specs.yaml, read from ../shared/openapi when it is there. YAML of a few
// MB takes seconds to parse, so each is converted to JSON once per machine (cached by checksum in the
// system's temporary directory, outside the project) and read from there by every test file after.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseOperationList } from '../../../src/generator/operation-list.js';
import { type SpecSource, parseSpecSources, readSource } from '../../../src/generator/spec-sources.js';
import type { ExtractInput } from '../../../src/generator/extract.js';
import { parseToolsets } from '../../../src/generator/toolsets.js';
import { localRefResolver } from '../../../src/openapi/pointer.js';
import { readFileSync } from 'node:fs';

const ROOT = resolve(import.meta.dirname, '../../..');
export const SPECS_DIR = resolve(ROOT, '../shared/openapi');
export const SOURCES = parseSpecSources(readFileSync(join(ROOT, 'openapi/specs.yaml'), 'utf8'));
export const HAVE_SPECS = [...SOURCES.specs, SOURCES.operationList].every(({ file }) => existsSync(join(SPECS_DIR, file)));
export const NO_SPECS_REASON = `the upstream specs are not in ${SPECS_DIR} (needs ../shared/openapi next to the repo)`;
if (!HAVE_SPECS) console.warn(`Skipping the tests on the upstream Kibana specs: ${NO_SPECS_REASON}`);

const CACHE = join(tmpdir(), 'kibana-mcp-spec-cache');

/** An upstream spec as parsed JSON (checked against its checksum when first converted). */
export async function upstreamDocument(source: SpecSource): Promise<Record<string, unknown>> {
  const cached = join(CACHE, `${source.sha256}.json`);
  try {
    return JSON.parse(await readFile(cached, 'utf8')) as Record<string, unknown>;
  } catch {
    const document = parse(await readSource(SPECS_DIR, source), { maxAliasCount: -1 }) as Record<string, unknown>;
    await mkdir(CACHE, { recursive: true });
    const partial = `${cached}.${process.pid}`;
    await writeFile(partial, JSON.stringify(document));
    await rename(partial, cached);
    return document;
  }
}

/** What `npm run openapi:extract` reads, from the shared specs. */
export async function upstreamExtractInput(): Promise<ExtractInput> {
  const specs = await Promise.all(
    SOURCES.specs.map(async (source) => {
      const document = await upstreamDocument(source);
      return { source, document: { document, resolveRef: localRefResolver(document) } };
    }),
  );
  const list = SOURCES.operationList;
  return {
    specs,
    list: { source: list, operations: parseOperationList(await readSource(SPECS_DIR, list), list.file) },
    toolsets: parseToolsets(readFileSync(join(ROOT, 'openapi/toolsets.yaml'), 'utf8')),
  };
}
