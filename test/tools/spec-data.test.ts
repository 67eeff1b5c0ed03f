// A toolset's two data files: the listing is read when the toolset loads, the calls file only when a
// call field is first read, and a calls file that does not match the data is refused, not used.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type ToolsetCalls, type ToolsetData, toolsetFrom } from '../../src/tools/spec-data.js';
import { readToolCall, readToolListing } from '../support/tool-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-spec-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const listed = (name: string): ToolsetData['tools'][number] => ({
  ...readToolListing(name, 't'),
  tokens: 10,
  inputsFrom: 'spec',
  versions: {},
});
const call = (name: string): ToolsetCalls['calls'][number] => ({ name, ...readToolCall(name) });
const inputs = { spec: () => Promise.reject(new Error('not loaded in this test')) };

function files(id: string, data: ToolsetData['tools'], calls?: ToolsetCalls['calls']) {
  const paths = { data: join(dir, `${id}.json`), calls: join(dir, `${id}.calls.json`) };
  writeFileSync(paths.data, JSON.stringify({ generatedBy: 'test', tools: data }));
  if (calls) writeFileSync(paths.calls, JSON.stringify({ generatedBy: 'test', calls }));
  return { data: pathToFileURL(paths.data), calls: pathToFileURL(paths.calls) };
}

describe('a toolset read from its data files', () => {
  it('lists its tools without the calls file, which is read on the first call field', async () => {
    const urls = files('lazy', [listed('get_a'), listed('get_b')]);
    const { tools } = await toolsetFrom(urls, inputs);
    expect(tools.map((tool) => [tool.name, tool.description])).toEqual([
      ['get_a', 'Reads get_a.'],
      ['get_b', 'Reads get_b.'],
    ]);
    expect(() => tools[0]!.request).toThrow(/ENOENT/);
    writeFileSync(urls.calls, JSON.stringify({ generatedBy: 'test', calls: [call('get_a'), call('get_b')] }));
    expect(tools[1]!.request.path).toBe('/api/get_b');
    expect(tools[0]!.operation).toEqual({ method: 'GET', path: '/api/get_a' });
    expect(tools[0]!.writeAnswer).toBeUndefined();
  });

  it('refuses a calls file whose entries are not the data file’s tools, in order', async () => {
    const { tools } = await toolsetFrom(files('swapped', [listed('get_a'), listed('get_b')], [call('get_b'), call('get_a')]), inputs);
    expect(() => tools[1]!.request).toThrow(/swapped\.calls\.json: does not match its toolset's data \(entry 0\); run npm run generate/);
    const short = await toolsetFrom(files('short', [listed('get_a'), listed('get_b')], [call('get_a')]), inputs);
    expect(() => short.tools[0]!.request).toThrow(/short\.calls\.json: does not match its toolset's data \(entry 1\)/);
  });
});
