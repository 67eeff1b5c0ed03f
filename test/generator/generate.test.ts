// The committed facts documents, catalogue and generated tools are exactly what the generator
// produces now, and stay reviewable.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogue, type CatalogueResult } from '../../src/generator/catalogue.js';
import { GENERATED_HEADER, GENERATED_NOTE } from '../../src/generator/emit-modules.js';
import { extractFacts, readSpecs, type ExtractResult } from '../../src/generator/extract.js';
import { factsDocument, toYaml } from '../../src/generator/facts-document.js';
import { generateFromFacts } from '../../src/generator/generate.js';
import { catalogueFile, factsFile } from '../../src/generator/paths.js';
import { loadToolsets } from '../../src/generator/toolsets.js';
import { parseDocument } from '../../src/openapi/document.js';
import { SpecReader } from '../../src/openapi/spec-reader.js';
import { HAVE_SPECS, NO_SPECS_REASON, SOURCES, upstreamExtractInput } from './support/upstream.js';

const ROOT = resolve(import.meta.dirname, '../..');
const GENERATED = join(ROOT, 'src/tools/generated');
const committed = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const toolsets = await loadToolsets(join(ROOT, 'openapi/toolsets.yaml'));
const facts = SOURCES.specs.map(({ id }) => ({ spec: id, text: committed(`openapi/facts/${factsFile(id)}`) }));
/** Longest generated line accepted; the emitter aims at 140. */
const MAX_LINE = 200;
/** A JSON line that holds one string member and nothing else. */
const LONE_STRING = /^\s*"[^"]+": "(?:[^"\\]|\\.)*",?$/;

describe('generation', () => {
  const fresh = generateFromFacts(facts, toolsets);
  const onDisk = readdirSync(GENERATED, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') || file.endsWith('.json'))
    .map((file) => file.split('\\').join('/'))
    .sort();

  it('generates every selected tool', () => {
    expect(fresh.skipped).toEqual([]);
  });

  it('the committed src/tools/generated equals a fresh generation', () => {
    expect(onDisk).toEqual([...fresh.files.keys()].sort());
    for (const [file, text] of fresh.files) expect(readFileSync(join(GENERATED, file), 'utf8'), file).toBe(text);
  });

  it('every generated file says so at the top and has no line over 200 characters but a JSON string, which cannot be split', () => {
    for (const [file, text] of fresh.files) {
      if (file.endsWith('.json')) expect((JSON.parse(text) as { generatedBy?: string }).generatedBy, file).toBe(GENERATED_NOTE);
      else expect(text.startsWith(GENERATED_HEADER), file).toBe(true);
      const long = text.split('\n').filter((line) => line.length > MAX_LINE && !(file.endsWith('.json') && LONE_STRING.test(line)));
      expect(long, file).toEqual([]);
    }
  });
});

describe('the facts documents', () => {
  it.each(facts.map(({ spec, text }) => [spec, text] as const))(
    '%s reads back as the same facts: rewritten from what it says, the same text',
    (spec, text) => {
      const reader = new SpecReader(parseDocument(text, spec), { keepDescriptions: true });
      const operations = reader.operations().map(({ method, path }) => reader.operation(method, path));
      const source = SOURCES.specs.find(({ id }) => id === spec)!;
      expect(toYaml(factsDocument(source, reader.version, operations, reader.components))).toBe(text);
    },
  );
});

describe.skipIf(!HAVE_SPECS)(`extraction from the upstream specs${HAVE_SPECS ? '' : ` (skipped: ${NO_SPECS_REASON})`}`, () => {
  let result: ExtractResult;
  let catalogue: CatalogueResult;
  beforeAll(async () => {
    const input = await upstreamExtractInput();
    const read = readSpecs(input);
    result = extractFacts(input, read);
    catalogue = buildCatalogue(input, read);
  }, 60_000);

  it('the committed openapi/facts equal a fresh extraction, with no upstream prose', () => {
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
    for (const [id, document] of result.documents) {
      const text = toYaml(document);
      expect(committed(`openapi/facts/${factsFile(id)}`), id).toBe(text);
      expect(text).not.toMatch(/x-codeSamples|externalDocs|x-state|x-metaTags/);
    }
  });

  it('the committed openapi/catalogue equals a fresh build', () => {
    expect(readdirSync(join(ROOT, 'openapi/catalogue')).sort()).toEqual([...catalogue.documents.keys()].map(catalogueFile).sort());
    for (const [id, document] of catalogue.documents)
      expect(committed(`openapi/catalogue/${catalogueFile(id)}`), id).toBe(JSON.stringify(document));
  });

  it('the catalogue holds every operation of each spec: 340 of 8.18, 519 of 9.3 (one without schemas), 5 of the dashboards API', () => {
    const count = (id: string) => Object.values(catalogue.documents.get(id)!.paths as Record<string, object>).flatMap(Object.keys).length;
    expect([count('kibana-8.18'), count('kibana-9.3'), count('dashboards-9.4')]).toEqual([340, 518, 5]);
    expect(catalogue.schemaless.map(({ operation }) => operation)).toEqual(['POST /api/fleet/epm/packages (kibana-9.3)']);
  });
});
