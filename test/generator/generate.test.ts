// The committed generated tools and kibana.yaml are exactly what the generator produces now, and
// stay reviewable.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_HEADER } from '../../src/generator/emit-modules.js';
import { extractDocument } from '../../src/generator/extract.js';
import { factsDocument, toYaml } from '../../src/generator/facts-document.js';
import { generateFromText } from '../../src/generator/generate.js';
import { loadToolsets } from '../../src/generator/toolsets.js';
import { loadDocument, parseDocument, type OpenApiDocument } from '../../src/openapi/document.js';
import { SpecReader } from '../../src/openapi/spec-reader.js';
import { HAVE_UPSTREAM, NO_UPSTREAM_REASON, UPSTREAM_SPEC } from '../support/tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const GENERATED = join(ROOT, 'src/tools/generated');
const committed = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const toolsets = await loadToolsets(join(ROOT, 'openapi/toolsets.yaml'));
/** Longest generated line accepted; the emitter aims at 140. */
const MAX_LINE = 200;

describe('generation', () => {
  const fresh = generateFromText(committed('openapi/kibana.yaml'), toolsets);
  const onDisk = readdirSync(GENERATED, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.split('\\').join('/'))
    .sort();

  it('generates every selected tool', () => {
    expect(fresh.skipped).toEqual([]);
  });

  it('the committed src/tools/generated equals a fresh generation', () => {
    expect(onDisk).toEqual([...fresh.files.keys()].sort());
    for (const [file, text] of fresh.files) expect(readFileSync(join(GENERATED, file), 'utf8'), file).toBe(text);
  });

  it('every generated file says so at the top and has no line over 200 characters', () => {
    for (const [file, text] of fresh.files) {
      expect(text.startsWith(GENERATED_HEADER), file).toBe(true);
      const long = text.split('\n').filter((line) => line.length > MAX_LINE);
      expect(long, file).toEqual([]);
    }
  });
});

describe('the facts document', () => {
  it('reads back as the same facts: openapi/kibana.yaml rewritten from what it says is the same text', () => {
    const text = committed('openapi/kibana.yaml');
    const reader = new SpecReader(parseDocument(text, 'openapi/kibana.yaml'), { keepDescriptions: true });
    const operations = reader.operations().map(({ method, path }) => reader.operation(method, path));
    expect(toYaml(factsDocument(reader.version, operations, reader.components))).toBe(text);
  });
});

describe.skipIf(!HAVE_UPSTREAM)(`extraction from the upstream spec${HAVE_UPSTREAM ? '' : ` (skipped: ${NO_UPSTREAM_REASON})`}`, () => {
  let upstream: OpenApiDocument;
  beforeAll(async () => {
    upstream = await loadDocument(UPSTREAM_SPEC);
  });

  it('--all converts 340 of 340 operations', () => {
    const result = extractDocument(upstream, 'all');
    expect(result.skipped).toEqual([]);
    expect(result.converted).toHaveLength(340);
  });

  it('the committed openapi/kibana.yaml equals a fresh extraction, with no upstream prose', () => {
    const result = extractDocument(upstream, toolsets);
    expect(result.warnings).toEqual([]);
    const text = toYaml(result.document);
    expect(committed('openapi/kibana.yaml')).toBe(text);
    expect(text).not.toMatch(/x-codeSamples|externalDocs|x-state/);
  });
});
