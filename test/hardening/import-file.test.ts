// A large export imported from a file (issue 14 §1): import_saved_objects_file reads an .ndjson file
// of the import directory and sends its objects as import_saved_objects would; it reads nothing
// outside that directory and refuses, having sent nothing, what is not an export file. It is served
// only with --import-dir, and only beside import_saved_objects.
import { mkdtempSync, mkdirSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { connectKibana } from '../../src/commands/kibana-connection.js';
import { toolsAtStart } from '../../src/commands/tools-at-start.js';
import { readOptions } from '../../src/config/read-options.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { generatedTool } from '../../src/tools/call.js';
import * as generated from '../../src/tools/generated/index.js';
import { tooLargeMessage } from '../../src/server/large-messages.js';
import { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { fileImportTool, MAX_IMPORT_FILE_BYTES } from '../../src/tools/tasks/import-file.js';
import { FILE_IMPORT_TOOL } from '../../src/tools/tasks/import-file-names.js';
import { testClient } from '../support/kibana-client.js';
import { textOf } from '../support/runtime.js';

const { tools: savedObjectTools } = await generated.loadToolset.saved_objects!();

const root = realpathSync(mkdtempSync(join(tmpdir(), 'kibana-mcp-import-')));
const directory = join(root, 'imports');
const OBJECTS = [
  { type: 'index-pattern', id: 'logs', attributes: { title: 'logs-*' }, references: [] },
  { type: 'dashboard', id: 'd-1', attributes: { title: 'Overview' }, references: [{ type: 'index-pattern', id: 'logs', name: 'p' }] },
];
const SUMMARY = { exportedCount: 2, missingRefCount: 0, missingReferences: [] };

let kibana: RecordingKibana;
let runtime: ToolRuntime;

beforeAll(async () => {
  mkdirSync(join(directory, 'nested'), { recursive: true });
  mkdirSync(join(directory, 'folder.ndjson'));
  writeFileSync(join(directory, 'export.ndjson'), `${[...OBJECTS, SUMMARY].map((line) => JSON.stringify(line)).join('\n')}\n`);
  writeFileSync(join(directory, 'nested', 'one.ndjson'), `${JSON.stringify(OBJECTS[0])}\n`);
  writeFileSync(join(directory, 'broken.ndjson'), `${JSON.stringify(OBJECTS[0])}\n{"type": "dashb\n`);
  writeFileSync(join(directory, 'empty.ndjson'), '\n');
  writeFileSync(join(directory, 'notes.txt'), 'not an export');
  writeFileSync(join(root, 'private.ndjson'), `${JSON.stringify({ type: 'config', id: 'private' })}\n`);
  symlinkSync(join(root, 'private.ndjson'), join(directory, 'link.ndjson'));
  writeFileSync(join(directory, 'huge.ndjson'), '');
  truncateSync(join(directory, 'huge.ndjson'), MAX_IMPORT_FILE_BYTES + 1);

  kibana = await startRecordingKibana(() => ({ body: { success: true, successCount: 2, successResults: [], errors: [] } }));
  const importTool = generatedTool(savedObjectTools.find((spec) => spec.name === 'import_saved_objects')!);
  runtime = new ToolRuntime({
    tools: [importTool, fileImportTool(importTool, directory)],
    client: testClient(kibana.url),
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
  });
});
afterAll(async () => {
  await runtime.close();
  await kibana.stop();
});
beforeEach(() => {
  kibana.requests.length = 0;
});

describe(FILE_IMPORT_TOOL, () => {
  it('sends the objects of the file as import_saved_objects sends the same objects, with the same options', async () => {
    const fromFile = await runtime.call(FILE_IMPORT_TOOL, { file: 'export.ndjson', overwrite: true });
    const fromArguments = await runtime.call('import_saved_objects', { objects: [...OBJECTS, SUMMARY], overwrite: true });
    expect(fromFile).toEqual(fromArguments);
    expect(fromFile.isError).toBeUndefined();
    const [sentFromFile, sentFromArguments] = kibana.requests;
    expect(sentFromFile!.url).toBe('/api/saved_objects/_import?overwrite=true');
    const boundary = (body: string) => body.split('\r\n')[0]!;
    expect(sentFromFile!.body.replaceAll(boundary(sentFromFile!.body), '')).toBe(
      sentFromArguments!.body.replaceAll(boundary(sentFromArguments!.body), ''),
    );
    expect(sentFromFile!.body).toContain(JSON.stringify(OBJECTS[1]));
  });

  it('reads paths below the directory, into a space', async () => {
    const result = await runtime.call(FILE_IMPORT_TOOL, { file: 'nested/one.ndjson', space_id: 'default' });
    expect(result.isError).toBeUndefined();
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/saved_objects/_import']);
  });

  const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a path out of the directory', { file: '../private.ndjson' }, /"\.\.\/private\.ndjson" lies outside the import directory/],
    ['an absolute path elsewhere', { file: join(root, 'private.ndjson') }, /lies outside the import directory/],
    ['a link that leads out', { file: 'link.ndjson' }, /"link\.ndjson" lies outside the import directory/],
    ['a file that is not .ndjson', { file: 'notes.txt' }, /"notes\.txt" is not the name of an \.ndjson export file/],
    ['a missing file', { file: 'gone.ndjson' }, /there is no file "gone\.ndjson" in the import directory/],
    ['a directory', { file: 'folder.ndjson' }, /"folder\.ndjson" is not a regular file/],
    [
      'a file past the size limit',
      { file: 'huge.ndjson' },
      /"huge\.ndjson" has 67108865 bytes, more than the 67108864 a file import reads/,
    ],
    ['a line that is not JSON', { file: 'broken.ndjson' }, /line 2 of "broken\.ndjson" is not JSON/],
    ['a file without objects', { file: 'empty.ndjson' }, /"empty\.ndjson" holds no objects/],
  ];
  it.each(refusals)('refuses %s, and sends nothing', async (_case, args, says) => {
    const result = await runtime.call(FILE_IMPORT_TOOL, args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Not imported: .+\. Nothing was sent to Kibana\.$/);
    expect(textOf(result)).toMatch(says);
    expect(kibana.requests).toEqual([]);
  });

  it('checks its other arguments before it reads the file, naming them', async () => {
    expect(textOf(await runtime.call(FILE_IMPORT_TOOL, { file: 'export.ndjson', overwrite: 'yes' }))).toBe(
      `Invalid arguments for ${FILE_IMPORT_TOOL}:\noverwrite: expected boolean, got string`,
    );
    expect(textOf(await runtime.call(FILE_IMPORT_TOOL, { file: 'export.ndjson', objects: [] }))).toMatch(/unknown argument "objects"/);
    expect(kibana.requests).toEqual([]);
  });
});

describe('--import-dir at start', () => {
  async function servedWith(argv: string[]) {
    const options = readOptions([...argv, '--kibana-version', '8.18.2', '--toolsets', 'saved_objects'], {
      KIBANA_URL: kibana.url,
      KIBANA_API_KEY: 'k',
    });
    const logged: string[] = [];
    const connection = await connectKibana(options, silentLogger, { passthroughAuth: false });
    try {
      const { tools } = await toolsAtStart(
        options,
        connection,
        false,
        createLogger('warn', (line) => logged.push(line)),
      );
      return { names: tools.map((tool) => tool.name), logged };
    } finally {
      await connection.stop();
    }
  }

  it('serves the file import beside import_saved_objects, and only with it', async () => {
    expect((await servedWith([])).names).not.toContain(FILE_IMPORT_TOOL);
    expect((await servedWith(['--import-dir', directory])).names).toEqual(
      expect.arrayContaining(['import_saved_objects', FILE_IMPORT_TOOL]),
    );
    const readOnly = await servedWith(['--import-dir', directory, '--tier', 'read']);
    expect(readOnly.names).not.toContain(FILE_IMPORT_TOOL);
    expect(readOnly.logged.join('')).toMatch(/--import-dir: import_saved_objects is not served/);
  });

  it('refuses a directory that does not exist', async () => {
    await expect(servedWith(['--import-dir', join(root, 'nowhere')])).rejects.toThrow(/^--import-dir: expected an existing directory/);
    await expect(servedWith(['--import-dir', join(directory, 'export.ndjson')])).rejects.toThrow(/expected an existing directory/);
  });
});

describe('a message too large for the transport', () => {
  it('points to the file import where the server serves it', () => {
    const told = (fileImport: boolean) => tooLargeMessage({ what: 'stdio', limitBytes: 10 * 1024 * 1024, fileImport });
    expect(told(true)).toMatch(
      /, or put the export file in the server's import directory and call import_saved_objects_file with its name\.$/,
    );
    expect(told(false)).not.toMatch(/import_saved_objects_file/);
  });
});
