// The figures of `npm run tokens`: versions reported, per-version totals, catalogue sizes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogueFiles, reportedVersions, versionFigures } from '../../src/generator/report.js';
import { toolTokens } from '../../src/generator/tokens.js';
import type { ToolSpec } from '../../src/tools/spec.js';
import { readToolCall, readToolListing } from '../support/tool-fixtures.js';

const tool = (name: string, toolset: string, versions: ToolSpec['versions']): ToolSpec => ({
  ...readToolListing(name, toolset),
  ...readToolCall(name),
  tokens: 0,
  validator: async () => z.object({}),
  versions,
});

describe('report', () => {
  const old = tool('get_a', 'core', { until: '9.1.0' });
  const added = tool('get_b', 'extra', { from: '8.19.0' });
  const toolsets = [
    { id: 'core', description: '', default: true, tools: ['get_a'] },
    { id: 'extra', description: '', default: false, tools: ['get_b'] },
  ];

  it('reports the common versions and every version where a variant starts or ends, in order', () => {
    expect(reportedVersions([old, added])).toEqual(['8.18.2', '8.19.0', '9.0.0', '9.1.0', '9.3.0', '9.4.0']);
  });

  it('counts the tools and tokens of the default toolsets and of all on a version', () => {
    expect(versionFigures([old, added], toolsets, '8.18.2')).toEqual({
      version: '8.18.2',
      defaults: { tools: 1, tokens: toolTokens(old) },
      all: { tools: 1, tokens: toolTokens(old) },
    });
    expect(versionFigures([old, added], toolsets, '9.1.0')).toEqual({
      version: '9.1.0',
      defaults: { tools: 0, tokens: 0 },
      all: { tools: 1, tokens: toolTokens(added) },
    });
  });

  it('gives each catalogue document its spec, operation count and size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kibana-mcp-catalogue-'));
    try {
      const document = JSON.stringify({
        info: { 'x-kibana-spec': 'kibana-x' },
        paths: { '/a': { get: {}, post: {} }, '/b': { delete: {} } },
      });
      await writeFile(join(dir, 'x.json'), document);
      await writeFile(join(dir, 'other.json'), JSON.stringify({ paths: {} }));
      await writeFile(join(dir, 'notes.txt'), 'not a catalogue');
      expect(await catalogueFiles(pathToFileURL(`${dir}/`))).toEqual([
        { spec: 'other', operations: 0, bytes: 12 },
        { spec: 'kibana-x', operations: 3, bytes: Buffer.byteLength(document) },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
